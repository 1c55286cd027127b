/*
 * The SQLite backend of store.h, and the only file that includes sqlite3.h.
 *
 * One connection per thread: WAL, synchronous=FULL (nothing lost), foreign keys on,
 * secure_delete=ON and temp_store=MEMORY (freed pages keep no clear text), a busy timeout so
 * that writers from the server and the CLI queue up instead of failing. Prepared statements are
 * cached per connection, one slot per enum sq.
 */
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/log.h"
#include "store/schema/schema.h"
#include "store/store_impl.h"

struct lite_stmt {
	struct stmt base;
	sqlite3_stmt *st;
};

/* A bulk load in progress: the values of up to `rows` rows, copied, inserted by one prepared
 * multi-row INSERT when full (a shorter one for the last rows). */
struct lite_bulk {
	char *head; /* INSERT INTO "t"("a", "b") VALUES */
	int ncols, rows;
	int have;          /* values buffered */
	sqlite3_stmt *all; /* the INSERT of `rows` rows */
	struct store_value *vals;
	bool failed;
};

/* The transaction statements every request runs, prepared once per connection. */
static const char *const tx_texts[] = {"BEGIN", "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK"};
enum { N_TX = sizeof(tx_texts) / sizeof(tx_texts[0]) };

struct lite {
	struct store base;
	sqlite3 *db;
	struct lite_stmt cache[SQ__MAX];
	sqlite3_stmt *tx[N_TX];
	struct lite_bulk bulk;
};

#define LITE(s) ((struct lite *)(s))
#define LST(st) ((struct lite_stmt *)(st))

static const char pragmas[] = "PRAGMA journal_mode=WAL;"
                              "PRAGMA synchronous=FULL;"
                              "PRAGMA foreign_keys=ON;"
                              "PRAGMA secure_delete=ON;"
                              "PRAGMA temp_store=MEMORY;"
                              "PRAGMA cache_size=-65536;";

static int lite_bulk_end(struct store *s, bool keep);

static void lite_close(struct store *s)
{
	struct lite *l = LITE(s);
	lite_bulk_end(s, false);
	for (int i = 0; i < SQ__MAX; i++)
		if (l->cache[i].st)
			sqlite3_finalize(l->cache[i].st);
	for (int i = 0; i < N_TX; i++)
		sqlite3_finalize(l->tx[i]);
	sqlite3_close(l->db);
	free(s->url);
	free(l);
}

/* Before the library's first use: no count of allocated memory (nobody reads it), which would
 * take one process-wide mutex on every allocation of every connection. */
static pthread_once_t config_once = PTHREAD_ONCE_INIT;

static void lite_config(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int lite_open(const char *url, bool create, struct store **out)
{
	pthread_once(&config_once, lite_config);
	struct stat sb;
	if (!create && stat(url, &sb) != 0) {
		log_error("store: %s does not exist", url);
		return -1;
	}
	struct lite *l = calloc(1, sizeof(*l));
	if (!l)
		return -1;
	l->base.ops = &store_sqlite_ops;
	l->base.url = strdup(url);
	l->base.migrations = schema_sqlite(&l->base.n_migrations);
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
	if (!l->base.url || sqlite3_open_v2(url, &l->db, flags, NULL) != SQLITE_OK) {
		log_error("store: cannot open %s: %s", url, l->db ? sqlite3_errmsg(l->db) : "no memory");
		lite_close(&l->base);
		return -1;
	}
	sqlite3_busy_timeout(l->db, 10000);
	sqlite3_extended_result_codes(l->db, 1);
	char *err = NULL;
	if (sqlite3_exec(l->db, pragmas, NULL, NULL, &err) != SQLITE_OK) {
		log_error("store: %s: %s", url, err ? err : "pragma failed");
		sqlite3_free(err);
		lite_close(&l->base);
		return -1;
	}
	*out = &l->base;
	return 0;
}

static int lite_exec(struct store *s, const char *sql)
{
	struct lite *l = LITE(s);
	for (int i = 0; i < N_TX; i++) {
		if (strcmp(sql, tx_texts[i]) != 0)
			continue;
		/* a transaction statement: prepared once, not parsed again on every request */
		if (!l->tx[i] &&
		    sqlite3_prepare_v3(l->db, tx_texts[i], -1, SQLITE_PREPARE_PERSISTENT, &l->tx[i], NULL) != SQLITE_OK)
			return -1;
		int rc = sqlite3_step(l->tx[i]);
		sqlite3_reset(l->tx[i]);
		return rc == SQLITE_DONE ? 0 : -1;
	}
	return sqlite3_exec(l->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static struct stmt *lite_prepare(struct store *s, enum sq id)
{
	struct lite *l = LITE(s);
	if (id < 0 || id >= SQ__MAX)
		return NULL;
	struct lite_stmt *c = &l->cache[id];
	if (!c->st) {
		if (sqlite3_prepare_v3(l->db, sql_text(id), -1, SQLITE_PREPARE_PERSISTENT, &c->st, NULL) != SQLITE_OK)
			return NULL;
		c->base.owner = s;
		c->base.id = id;
	}
	return &c->base;
}

static int lite_bind_i64(struct stmt *st, int idx, int64_t v)
{
	return sqlite3_bind_int64(LST(st)->st, idx, v) == SQLITE_OK ? 0 : -1;
}

static int lite_bind_text(struct stmt *st, int idx, const char *v, size_t n)
{
	return sqlite3_bind_text64(LST(st)->st, idx, v, n, SQLITE_TRANSIENT, SQLITE_UTF8) == SQLITE_OK ? 0 : -1;
}

static int lite_bind_blob(struct stmt *st, int idx, const void *v, size_t n)
{
	return sqlite3_bind_blob64(LST(st)->st, idx, v, n, SQLITE_TRANSIENT) == SQLITE_OK ? 0 : -1;
}

static int lite_bind_null(struct stmt *st, int idx)
{
	return sqlite3_bind_null(LST(st)->st, idx) == SQLITE_OK ? 0 : -1;
}

static int lite_step(struct stmt *st)
{
	int rc = sqlite3_step(LST(st)->st);
	if (rc == SQLITE_ROW)
		return STORE_ROW;
	if (rc == SQLITE_DONE)
		return STORE_DONE;
	if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return STORE_DUPLICATE;
	return STORE_ERROR;
}

static void lite_reset(struct stmt *st)
{
	sqlite3_reset(LST(st)->st);
	sqlite3_clear_bindings(LST(st)->st);
}

static void lite_rewind(struct stmt *st)
{
	sqlite3_reset(LST(st)->st);
}

static bool lite_col_null(struct stmt *st, int col)
{
	return sqlite3_column_type(LST(st)->st, col) == SQLITE_NULL;
}

static int64_t lite_col_i64(struct stmt *st, int col)
{
	return sqlite3_column_int64(LST(st)->st, col);
}

static double lite_col_double(struct stmt *st, int col)
{
	return sqlite3_column_double(LST(st)->st, col);
}

static const char *lite_col_text(struct stmt *st, int col)
{
	return (const char *)sqlite3_column_text(LST(st)->st, col);
}

static const void *lite_col_blob(struct stmt *st, int col, size_t *n)
{
	const void *p = sqlite3_column_blob(LST(st)->st, col);
	*n = (size_t)sqlite3_column_bytes(LST(st)->st, col);
	return p;
}

static int64_t lite_changes(struct store *s)
{
	return sqlite3_changes64(LITE(s)->db);
}

static const char *lite_errmsg(struct store *s)
{
	return sqlite3_errmsg(LITE(s)->db);
}

static uint64_t lite_data_version(struct store *s)
{
	sqlite3_stmt *st;
	uint64_t v = 0;
	if (sqlite3_prepare_v2(LITE(s)->db, "PRAGMA data_version", -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = (uint64_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int lite_backup(struct store *s, const char *path)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(LITE(s)->db, "VACUUM INTO ?1", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Runs sql with one text parameter and collects the first column of every row. */
static int lite_names(struct lite *l, const char *sql, const char *arg, struct store_names *out)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(l->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char **v = realloc(out->v, (size_t)(out->n + 1) * sizeof(*v));
		if (!v)
			break;
		out->v = v;
		out->v[out->n] = strdup((const char *)sqlite3_column_text(st, 0));
		if (!out->v[out->n])
			break;
		out->n++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int lite_tables(struct store *s, struct store_names *out)
{
	return lite_names(LITE(s),
	                  "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
	                  "ESCAPE '\\' ORDER BY name",
	                  NULL, out);
}

static int lite_columns(struct store *s, const char *table, struct store_names *out)
{
	/* table_xinfo's hidden: 0 a plain column, 1 hidden, 2 or 3 generated */
	return lite_names(LITE(s), "SELECT name FROM pragma_table_xinfo(?1) WHERE hidden = 0 ORDER BY cid", table, out);
}

/* Whether table has every column of cols: SQLite takes a double-quoted name that is no column
 * for a string literal (its legacy quirk), so a scan checks its names first. */
static bool lite_has_columns(struct store *s, const char *table, const struct store_names *cols)
{
	struct store_names have = {0};
	bool ok = lite_columns(s, table, &have) == 0;
	for (int i = 0; ok && i < cols->n; i++)
		ok = store_names_has(&have, cols->v[i]);
	store_names_free(&have);
	return ok;
}

static struct stmt *lite_scan(struct store *s, const char *table, const struct store_names *cols)
{
	if (!lite_has_columns(s, table, cols))
		return NULL;
	char *sql = store_select_text(table, cols);
	struct lite_stmt *st = calloc(1, sizeof(*st));
	if (!sql || !st || sqlite3_prepare_v2(LITE(s)->db, sql, -1, &st->st, NULL) != SQLITE_OK) {
		free(sql);
		free(st);
		return NULL;
	}
	free(sql);
	st->base.owner = s;
	st->base.id = SQ__MAX; /* not a statement of sql.h */
	return &st->base;
}

static void lite_scan_end(struct stmt *st)
{
	sqlite3_finalize(LST(st)->st);
	free(st);
}

static int lite_col_type(struct stmt *st, int col)
{
	switch (sqlite3_column_type(LST(st)->st, col)) {
	case SQLITE_INTEGER:
		return STORE_T_INT;
	case SQLITE_FLOAT:
		return STORE_T_REAL;
	case SQLITE_TEXT:
		return STORE_T_TEXT;
	case SQLITE_BLOB:
		return STORE_T_BLOB;
	default:
		return STORE_T_NULL;
	}
}

/* SQLite's limit of parameters per statement (the compile-time default of older versions). */
#define LITE_MAX_PARAMS 999

static void bulk_clear_values(struct lite_bulk *b)
{
	for (int i = 0; i < b->have; i++)
		if (b->vals[i].type == STORE_T_TEXT || b->vals[i].type == STORE_T_BLOB)
			free((void *)b->vals[i].p);
	b->have = 0;
}

/* The INSERT of n rows. */
static sqlite3_stmt *bulk_prepare(struct lite *l, int n)
{
	struct lite_bulk *b = &l->bulk;
	size_t cap = strlen(b->head) + (size_t)n * ((size_t)b->ncols * 2 + 4) + 1;
	char *sql = malloc(cap);
	if (!sql)
		return NULL;
	size_t k = (size_t)snprintf(sql, cap, "%s", b->head);
	for (int r = 0; r < n; r++) {
		sql[k++] = r ? ',' : ' ';
		sql[k++] = '(';
		for (int c = 0; c < b->ncols; c++) {
			if (c)
				sql[k++] = ',';
			sql[k++] = '?';
		}
		sql[k++] = ')';
	}
	sql[k] = 0;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(l->db, sql, -1, &st, NULL) != SQLITE_OK)
		st = NULL;
	free(sql);
	return st;
}

/* Inserts the buffered rows. 0 or -1. */
static int bulk_flush(struct lite *l)
{
	struct lite_bulk *b = &l->bulk;
	int n = b->have / b->ncols;
	if (n == 0)
		return 0;
	sqlite3_stmt *st = n == b->rows ? b->all : bulk_prepare(l, n);
	if (!st)
		return -1;
	int rc = 0;
	for (int i = 0; i < b->have && rc == 0; i++) {
		const struct store_value *v = &b->vals[i];
		int r = SQLITE_OK;
		switch (v->type) {
		case STORE_T_INT:
			r = sqlite3_bind_int64(st, i + 1, v->i);
			break;
		case STORE_T_REAL:
			r = sqlite3_bind_double(st, i + 1, v->d);
			break;
		case STORE_T_TEXT:
			r = sqlite3_bind_text64(st, i + 1, v->p, v->n, SQLITE_STATIC, SQLITE_UTF8);
			break;
		case STORE_T_BLOB:
			r = sqlite3_bind_blob64(st, i + 1, v->p, v->n, SQLITE_STATIC);
			break;
		default:
			r = sqlite3_bind_null(st, i + 1);
		}
		rc = r == SQLITE_OK ? 0 : -1;
	}
	if (rc == 0 && sqlite3_step(st) != SQLITE_DONE)
		rc = -1;
	if (st == b->all) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	} else {
		sqlite3_finalize(st);
	}
	bulk_clear_values(b);
	return rc;
}

static int lite_bulk_begin(struct store *s, const char *table, const struct store_names *cols)
{
	struct lite *l = LITE(s);
	struct lite_bulk *b = &l->bulk;
	lite_bulk_end(s, false);
	b->ncols = cols->n;
	b->rows = LITE_MAX_PARAMS / cols->n;
	if (b->rows > 100)
		b->rows = 100;
	if (b->rows < 1)
		return -1;
	char *t = store_quote_ident(table);
	char *c = store_column_list(cols);
	size_t n = (t ? strlen(t) : 0) + (c ? strlen(c) : 0) + 32;
	b->head = t && c ? malloc(n) : NULL;
	if (b->head)
		snprintf(b->head, n, "INSERT INTO %s(%s) VALUES", t, c);
	free(t);
	free(c);
	b->vals = calloc((size_t)(b->rows * b->ncols), sizeof(*b->vals));
	if (!b->head || !b->vals || !(b->all = bulk_prepare(l, b->rows))) {
		b->failed = true;
		return -1;
	}
	return 0;
}

static int lite_bulk_value(struct store *s, const struct store_value *v)
{
	struct lite_bulk *b = &LITE(s)->bulk;
	if (!b->vals || b->failed || b->have >= b->rows * b->ncols)
		return b->failed = true, -1;
	struct store_value *d = &b->vals[b->have];
	*d = *v;
	if (v->type == STORE_T_TEXT || v->type == STORE_T_BLOB) {
		void *p = malloc(v->n ? v->n : 1);
		if (!p)
			return b->failed = true, -1;
		if (v->n)
			memcpy(p, v->p, v->n);
		d->p = p;
	}
	b->have++;
	return 0;
}

static int lite_bulk_row(struct store *s)
{
	struct lite *l = LITE(s);
	struct lite_bulk *b = &l->bulk;
	if (b->failed || !b->vals || b->have % b->ncols != 0 || b->have == 0)
		return b->failed = true, -1;
	if (b->have == b->rows * b->ncols && bulk_flush(l) < 0)
		return b->failed = true, -1;
	return 0;
}

static int lite_bulk_end(struct store *s, bool keep)
{
	struct lite *l = LITE(s);
	struct lite_bulk *b = &l->bulk;
	int rc = b->failed || !b->vals ? -1 : 0;
	if (rc == 0 && keep && b->have % b->ncols != 0)
		rc = -1; /* a row begun and not ended */
	if (rc == 0 && keep && bulk_flush(l) < 0)
		rc = -1;
	if (b->vals)
		bulk_clear_values(b);
	if (b->all)
		sqlite3_finalize(b->all);
	free(b->vals);
	free(b->head);
	memset(b, 0, sizeof(*b));
	return rc;
}

/* PRAGMA foreign_key_check: a row per reference that does not hold. */
static int lite_check_refs(struct store *s, char *what, size_t cap)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(LITE(s)->db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
		return -1;
	int rc = sqlite3_step(st);
	int out = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
	if (out == 1)
		snprintf(what, cap, "%s -> %s", (const char *)sqlite3_column_text(st, 0),
		         (const char *)sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
	return out;
}

bool store_sqlite_tx_open(struct store *s)
{
	return sqlite3_get_autocommit(LITE(s)->db) == 0;
}

const struct store_ops store_sqlite_ops = {
        .name = "sqlite",
        .open = lite_open,
        .close = lite_close,
        .exec = lite_exec,
        .prepare = lite_prepare,
        .bind_i64 = lite_bind_i64,
        .bind_text = lite_bind_text,
        .bind_blob = lite_bind_blob,
        .bind_null = lite_bind_null,
        .step = lite_step,
        .reset = lite_reset,
        .rewind = lite_rewind,
        .col_null = lite_col_null,
        .col_i64 = lite_col_i64,
        .col_double = lite_col_double,
        .col_text = lite_col_text,
        .col_blob = lite_col_blob,
        .changes = lite_changes,
        .errmsg = lite_errmsg,
        .data_version = lite_data_version,
        .backup = lite_backup,
        .tables = lite_tables,
        .columns = lite_columns,
        .scan = lite_scan,
        .scan_end = lite_scan_end,
        .col_type = lite_col_type,
        .bulk_begin = lite_bulk_begin,
        .bulk_value = lite_bulk_value,
        .bulk_row = lite_bulk_row,
        .bulk_end = lite_bulk_end,
        .check_refs = lite_check_refs,
};
