/*
 * The SQLite backend of store.h, and the only file that includes sqlite3.h.
 *
 * One connection per thread: WAL, synchronous=FULL (nothing lost), foreign keys on,
 * secure_delete=ON and temp_store=MEMORY (freed pages keep no clear text), a busy timeout so
 * that writers from the server and the CLI queue up instead of failing. Prepared statements are
 * cached per connection, one slot per enum sq.
 */
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

struct lite {
	struct store base;
	sqlite3 *db;
	struct lite_stmt cache[SQ__MAX];
};

#define LITE(s) ((struct lite *)(s))
#define LST(st) ((struct lite_stmt *)(st))

static const char pragmas[] = "PRAGMA journal_mode=WAL;"
                              "PRAGMA synchronous=FULL;"
                              "PRAGMA foreign_keys=ON;"
                              "PRAGMA secure_delete=ON;"
                              "PRAGMA temp_store=MEMORY;"
                              "PRAGMA cache_size=-65536;";

static void lite_close(struct store *s)
{
	struct lite *l = LITE(s);
	for (int i = 0; i < SQ__MAX; i++)
		if (l->cache[i].st)
			sqlite3_finalize(l->cache[i].st);
	sqlite3_close(l->db);
	free(s->url);
	free(l);
}

static int lite_open(const char *url, bool create, struct store **out)
{
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
	return sqlite3_exec(LITE(s)->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
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
};
