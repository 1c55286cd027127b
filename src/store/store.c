/*
 * Backend dispatch for store.h, plus what every backend shares: the per-thread connection,
 * binding by format string, transactions and schema migration. The backend is chosen by the
 * URL: postgresql:// (or postgres://) is PostgreSQL (when built with libpq), anything else a
 * SQLite file path.
 */
#include "store/store_impl.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"

static const struct store_ops *backend_for(const char *url)
{
	if (!strncmp(url, "postgresql://", 13) || !strncmp(url, "postgres://", 11)) {
#ifdef GH_HAVE_PG
		return &store_pg_ops;
#else
		return NULL; /* built without libpq */
#endif
	}
	return &store_sqlite_ops;
}

int store_open(const char *url, bool create, struct store **out, struct gh_fail *f)
{
	const struct store_ops *ops = backend_for(url);
	if (!ops) {
		gh_fail_set(f, GH_EINVAL, "db", "此版本构建时未包含 PostgreSQL 支持（缺少 libpq）",
		            "this build has no PostgreSQL support (built without libpq)");
		return -1;
	}
	if (ops->open(url, create, out) < 0) {
		gh_fail_set(f, GH_EIO, "db", "无法打开数据库", "cannot open the database");
		return -1;
	}
	return 0;
}

void store_close(struct store *s)
{
	if (s)
		s->ops->close(s);
}

const char *store_backend(struct store *s)
{
	return s->ops->name;
}

/* The per-thread connection: one key, one connection per thread, closed at thread exit. */
static pthread_key_t thread_key;
static pthread_once_t thread_once = PTHREAD_ONCE_INIT;

static void thread_close(void *p)
{
	store_close(p);
}

static void thread_key_make(void)
{
	pthread_key_create(&thread_key, thread_close);
}

struct store *store_thread(const char *url)
{
	pthread_once(&thread_once, thread_key_make);
	struct store *s = pthread_getspecific(thread_key);
	if (s)
		return s;
	if (store_open(url, false, &s, NULL) < 0)
		return NULL;
	pthread_setspecific(thread_key, s);
	return s;
}

int store_exec(struct store *s, const char *sql)
{
	return s->ops->exec(s, sql);
}

/* Inside a group-commit batch (store_batch.c) a transaction of the domain is a savepoint of the
 * batch's transaction: it commits by releasing the savepoint and rolls back alone. */
static int batch_tx_begin(struct store *s)
{
	if (s->ops->exec(s, "SAVEPOINT tx") < 0)
		return -1;
	s->tx_depth = 1;
	return 0;
}

int store_begin(struct store *s)
{
	if (s->batch)
		return batch_tx_begin(s);
	if ((s->ops->begin ? s->ops->begin(s, true) : s->ops->exec(s, "BEGIN IMMEDIATE")) < 0)
		return -1;
	s->tx_depth = 1;
	return 0;
}

int store_begin_read(struct store *s)
{
	if (s->batch)
		return batch_tx_begin(s);
	if ((s->ops->begin ? s->ops->begin(s, false) : s->ops->exec(s, "BEGIN")) < 0)
		return -1;
	s->tx_depth = 1;
	return 0;
}

int store_commit(struct store *s)
{
	if (s->ops->exec(s, s->batch ? "RELEASE tx" : "COMMIT") < 0) {
		store_rollback(s);
		return -1;
	}
	s->tx_depth = 0;
	return 0;
}

void store_rollback(struct store *s)
{
	if (s->tx_depth)
		s->ops->exec(s, s->batch ? "ROLLBACK TO tx; RELEASE tx" : "ROLLBACK");
	s->tx_depth = 0;
}

bool store_in_tx(struct store *s)
{
	return s->tx_depth > 0;
}

struct stmt *store_prepare(struct store *s, enum sq id)
{
	struct stmt *st = s->ops->prepare(s, id);
	if (!st)
		log_error("store: cannot prepare %s: %s", sql_name(id), s->ops->errmsg(s));
	return st;
}

static int bind_va(struct stmt *st, const char *fmt, va_list ap)
{
	const struct store_ops *ops = st->owner->ops;
	for (int i = 1; fmt && *fmt; fmt++, i++) {
		int rc = 0;
		switch (*fmt) {
		case 'i':
			rc = ops->bind_i64(st, i, va_arg(ap, int64_t));
			break;
		case 't': {
			const char *t = va_arg(ap, const char *);
			rc = t ? ops->bind_text(st, i, t, strlen(t)) : ops->bind_null(st, i);
			break;
		}
		case 'b': {
			const void *p = va_arg(ap, const void *);
			size_t n = va_arg(ap, size_t);
			rc = ops->bind_blob(st, i, p, n);
			break;
		}
		case 'n':
			rc = ops->bind_null(st, i);
			break;
		default:
			log_error("store: bad bind format '%c'", *fmt);
			return -1;
		}
		if (rc < 0)
			return -1;
	}
	return 0;
}

struct stmt *store_query(struct store *s, enum sq id, const char *fmt, ...)
{
	struct stmt *st = store_prepare(s, id);
	if (!st)
		return NULL;
	va_list ap;
	va_start(ap, fmt);
	int rc = bind_va(st, fmt, ap);
	va_end(ap);
	if (rc < 0) {
		store_reset(st);
		return NULL;
	}
	return st;
}

int store_run(struct store *s, enum sq id, const char *fmt, ...)
{
	struct stmt *st = store_prepare(s, id);
	if (!st)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	int rc = bind_va(st, fmt, ap);
	va_end(ap);
	if (rc == 0) {
		int r;
		while ((r = s->ops->step(st)) == STORE_ROW)
			;
		rc = r == STORE_DONE ? 0 : r == STORE_DUPLICATE ? GH_EDUP : -1;
		if (rc == -1)
			log_error("store: %s: %s", sql_name(id), s->ops->errmsg(s));
	}
	s->ops->reset(st);
	return rc;
}

int store_one_i64(struct store *s, int64_t *out, enum sq id, const char *fmt, ...)
{
	struct stmt *st = store_prepare(s, id);
	if (!st)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	int rc = bind_va(st, fmt, ap);
	va_end(ap);
	if (rc == 0) {
		int r = s->ops->step(st);
		if (r == STORE_ROW) {
			*out = s->ops->col_i64(st, 0);
			rc = 1;
		} else {
			rc = r == STORE_DONE ? 0 : -1;
			if (rc < 0)
				log_error("store: %s: %s", sql_name(id), s->ops->errmsg(s));
		}
	}
	s->ops->reset(st);
	return rc;
}

int store_bind_i64(struct stmt *st, int idx, int64_t v)
{
	return st->owner->ops->bind_i64(st, idx, v);
}

int store_bind_text(struct stmt *st, int idx, const char *v)
{
	return v ? st->owner->ops->bind_text(st, idx, v, strlen(v)) : st->owner->ops->bind_null(st, idx);
}

int store_bind_blob(struct stmt *st, int idx, const void *v, size_t n)
{
	return st->owner->ops->bind_blob(st, idx, v, n);
}

int store_bind_null(struct stmt *st, int idx)
{
	return st->owner->ops->bind_null(st, idx);
}

int store_step(struct stmt *st)
{
	int r = st->owner->ops->step(st);
	if (r == STORE_ERROR)
		log_error("store: %s: %s", sql_name(st->id), st->owner->ops->errmsg(st->owner));
	return r;
}

int store_explain(struct stmt *st, char *out, size_t cap)
{
	if (cap)
		out[0] = 0;
	return st->owner->ops->explain ? st->owner->ops->explain(st, out, cap) : -1;
}

void store_reset(struct stmt *st)
{
	st->owner->ops->reset(st);
}

void store_rewind(struct stmt *st)
{
	if (st->owner->ops->rewind)
		st->owner->ops->rewind(st);
	else
		st->owner->ops->reset(st);
}

bool store_col_null(struct stmt *st, int col)
{
	return st->owner->ops->col_null(st, col);
}

int64_t store_col_i64(struct stmt *st, int col)
{
	return st->owner->ops->col_i64(st, col);
}

double store_col_double(struct stmt *st, int col)
{
	return st->owner->ops->col_double(st, col);
}

const char *store_col_text(struct stmt *st, int col)
{
	const char *t = st->owner->ops->col_text(st, col);
	return t ? t : "";
}

const void *store_col_blob(struct stmt *st, int col, size_t *n)
{
	return st->owner->ops->col_blob(st, col, n);
}

int64_t store_changes(struct store *s)
{
	return s->ops->changes(s);
}

const char *store_errmsg(struct store *s)
{
	return s->ops->errmsg(s);
}

uint64_t store_data_version(struct store *s)
{
	return s->ops->data_version(s);
}

int store_backup(struct store *s, const char *path)
{
	return s->ops->backup(s, path);
}

/* Reads meta.schema_version; 0 when the store is empty. */
static int schema_version(struct store *s)
{
	if (s->ops->exec(s, "SELECT 1 FROM meta LIMIT 1") < 0)
		return 0;
	struct stmt *st = store_query(s, SQ_META_GET, "t", "schema_version");
	if (!st)
		return -1;
	int v = 0;
	if (store_step(st) == STORE_ROW)
		v = (int)strtol(store_col_text(st, 0), NULL, 10);
	store_reset(st);
	return v;
}

/* schema_version without a failing statement, which would end the caller's transaction on
 * PostgreSQL: meta is looked for in the catalogue first. */
static int schema_version_in_tx(struct store *s)
{
	struct store_names t = {0};
	if (s->ops->tables(s, &t) < 0) {
		store_names_free(&t);
		return -1;
	}
	bool has_meta = store_names_has(&t, "meta");
	store_names_free(&t);
	return has_meta ? schema_version(s) : 0;
}

int store_migrate(struct store *s, struct gh_fail *f)
{
	int have = store_in_tx(s) ? schema_version_in_tx(s) : schema_version(s);
	if (have < 0)
		return gh_fail_set(f, GH_EIO, NULL, "无法读取数据库版本", "cannot read the schema version"), -1;
	if (have > s->n_migrations)
		return gh_fail_set(f, GH_ECONFLICT, "db", "数据库版本比程序新，请升级程序",
		                   "the store is newer than this program; upgrade gonghui"),
		       -1;
	if (have == s->n_migrations)
		return 0;
	bool joined = store_in_tx(s); /* inside the caller's transaction: the migrations join it */
	if (joined && have > 0)
		return gh_fail_set(f, GH_EIO, NULL, "数据库升级不能在事务中进行",
		                   "a migration cannot run inside a transaction"),
		       -1;
	if (have > 0 && s->ops->transactional_ddl) {
		log_info("store: migrating schema %d -> %d in one transaction (take a pg_dump first to keep a copy)",
		         have, s->n_migrations);
	} else if (have > 0) {
		/* ARCHITECTURE.md: a newer binary migrates forward after writing a backup copy. */
		char bak[4096];
		snprintf(bak, sizeof(bak), "%s.bak-v%d", s->url, have);
		log_info("store: migrating schema %d -> %d, backup in %s", have, s->n_migrations, bak);
		if (store_backup(s, bak) < 0)
			return gh_fail_set(f, GH_EIO, NULL, "升级前备份失败", "backup before migration failed"), -1;
	}
	if (!joined && store_begin(s) < 0)
		return gh_fail_set(f, GH_EIO, NULL, "无法开始事务", "cannot begin a transaction"), -1;
	for (int v = have; v < s->n_migrations; v++) {
		if (s->ops->exec(s, s->migrations[v]) < 0) {
			log_error("store: migration %d failed: %s", v + 1, s->ops->errmsg(s));
			store_rollback(s);
			return gh_fail_set(f, GH_EIO, NULL, "数据库升级失败", "schema migration failed"), -1;
		}
	}
	char v[16];
	snprintf(v, sizeof(v), "%d", s->n_migrations);
	if (store_run(s, SQ_META_SET, "tt", "schema_version", v) < 0 || (!joined && store_commit(s) < 0)) {
		store_rollback(s);
		return gh_fail_set(f, GH_EIO, NULL, "数据库升级失败", "schema migration failed"), -1;
	}
	return 0;
}

int store_relax_durability(struct store *s)
{
	/* a commit no longer waits for the disk: a crash may lose the last transactions, never
	 * corrupt the store (WAL); only for fixtures that can be made again */
	if (!strcmp(s->ops->name, "sqlite"))
		return store_exec(s, "PRAGMA synchronous = OFF");
	return store_exec(s, "SET synchronous_commit = off");
}

/* Whole tables (store.h): dispatch, plus the checks every backend needs. */

int store_clear(struct store *s, const char *table)
{
	char *t = store_quote_ident(table);
	char sql[1024];
	int rc = -1;
	if (t && strlen(t) < sizeof(sql) - 16) {
		snprintf(sql, sizeof(sql), "DELETE FROM %s", t);
		rc = s->ops->exec(s, sql);
	}
	if (rc < 0)
		log_error("store: cannot empty %s: %s", table, s->ops->errmsg(s));
	free(t);
	return rc;
}

int store_load_mode(struct store *s)
{
	/* PostgreSQL: the foreign keys are triggers, which replica mode does not fire (SET LOCAL: for
	 * this transaction only; needs a superuser or, from PostgreSQL 15, GRANT SET ON PARAMETER).
	 * SQLite: the checks wait for the commit. */
	const char *sql = strcmp(s->ops->name, "sqlite") ? "SET LOCAL session_replication_role = replica"
	                                                 : "PRAGMA defer_foreign_keys = ON";
	if (s->ops->exec(s, sql) < 0) {
		log_error("store: cannot enter the load mode: %s", s->ops->errmsg(s));
		return -1;
	}
	return 0;
}

void store_names_free(struct store_names *n)
{
	for (int i = 0; n->v && i < n->n; i++)
		free(n->v[i]);
	free(n->v);
	n->v = NULL;
	n->n = 0;
}

bool store_names_has(const struct store_names *names, const char *name)
{
	for (int i = 0; i < names->n; i++)
		if (!strcmp(names->v[i], name))
			return true;
	return false;
}

int store_tables(struct store *s, struct store_names *out)
{
	memset(out, 0, sizeof(*out));
	if (s->ops->tables(s, out) < 0) {
		log_error("store: cannot list the tables: %s", s->ops->errmsg(s));
		store_names_free(out);
		return -1;
	}
	return 0;
}

int store_columns(struct store *s, const char *table, struct store_names *out)
{
	memset(out, 0, sizeof(*out));
	if (s->ops->columns(s, table, out) < 0 || out->n == 0) {
		log_error("store: cannot list the columns of %s: %s", table, s->ops->errmsg(s));
		store_names_free(out);
		return -1;
	}
	return 0;
}

int store_count(struct store *s, const char *table, int64_t *out)
{
	struct store_names none = {0};
	struct stmt *st = s->ops->scan(s, table, &none); /* no columns: count(*) */
	if (!st)
		return -1;
	int rc = s->ops->step(st) == STORE_ROW ? 0 : -1;
	if (rc == 0)
		*out = s->ops->col_i64(st, 0);
	else
		log_error("store: cannot count %s: %s", table, s->ops->errmsg(s));
	s->ops->scan_end(st);
	return rc;
}

struct stmt *store_scan(struct store *s, const char *table, const struct store_names *cols)
{
	if (cols->n <= 0)
		return NULL;
	struct stmt *st = s->ops->scan(s, table, cols);
	if (!st)
		log_error("store: cannot read %s: %s", table, s->ops->errmsg(s));
	return st;
}

void store_scan_end(struct stmt *st)
{
	if (st)
		st->owner->ops->scan_end(st);
}

int store_col_type(struct stmt *st, int col)
{
	return st->owner->ops->col_type(st, col);
}

int store_bulk_begin(struct store *s, const char *table, const struct store_names *cols)
{
	if (cols->n <= 0 || s->ops->bulk_begin(s, table, cols) < 0) {
		log_error("store: cannot load %s: %s", table, s->ops->errmsg(s));
		return -1;
	}
	return 0;
}

int store_bulk_into(struct store *s, const char *target)
{
	const char *open = strchr(target, '(');
	size_t tn = open ? (size_t)(open - target) : 0;
	char table[64];
	if (!tn || tn >= sizeof(table) || target[strlen(target) - 1] != ')') {
		log_error("store: bad bulk target %s", target);
		return -1;
	}
	memcpy(table, target, tn);
	table[tn] = 0;
	struct store_names cols = {0};
	int rc = 0;
	for (const char *p = open + 1; rc == 0 && *p && *p != ')';) {
		size_t n = strcspn(p, ",)");
		char **v = realloc(cols.v, (size_t)(cols.n + 1) * sizeof(*v));
		char *name = v ? strndup(p, n) : NULL;
		if (v)
			cols.v = v;
		if (!name) {
			rc = -1;
			break;
		}
		cols.v[cols.n++] = name;
		p += n;
		p += strspn(p, ", ");
	}
	if (rc == 0)
		rc = store_bulk_begin(s, table, &cols);
	store_names_free(&cols);
	return rc;
}

void store_put_i64(struct store_row *r, int64_t v)
{
	if (r->bulk)
		store_bulk_i64(r->bulk, v);
	else
		store_bind_i64(r->st, r->next++, v);
}

void store_put_text(struct store_row *r, const char *v)
{
	if (r->bulk)
		store_bulk_text(r->bulk, v, v ? strlen(v) : 0);
	else
		store_bind_text(r->st, r->next++, v);
}

void store_put_blob(struct store_row *r, const void *v, size_t n)
{
	if (r->bulk)
		store_bulk_blob(r->bulk, v, n);
	else
		store_bind_blob(r->st, r->next++, v, n);
}

void store_put_null(struct store_row *r)
{
	if (r->bulk)
		store_bulk_null(r->bulk);
	else
		store_bind_null(r->st, r->next++);
}

void store_put_bulk_i64(struct store_row *r, int64_t v)
{
	if (r->bulk)
		store_bulk_i64(r->bulk, v);
}

void store_put_bulk_text(struct store_row *r, const char *v)
{
	if (r->bulk)
		store_bulk_text(r->bulk, v, strlen(v));
}

bool store_bulk_copies(struct store *s)
{
	return s->ops->copy;
}

int store_bulk_value(struct store *s, const struct store_value *v)
{
	return s->ops->bulk_value(s, v);
}

int store_bulk_i64(struct store *s, int64_t v)
{
	struct store_value x = {.type = STORE_T_INT, .i = v};
	return s->ops->bulk_value(s, &x);
}

int store_bulk_double(struct store *s, double v)
{
	struct store_value x = {.type = STORE_T_REAL, .d = v};
	return s->ops->bulk_value(s, &x);
}

int store_bulk_text(struct store *s, const char *v, size_t n)
{
	struct store_value x = {.type = v ? STORE_T_TEXT : STORE_T_NULL, .p = v, .n = n};
	return s->ops->bulk_value(s, &x);
}

int store_bulk_blob(struct store *s, const void *v, size_t n)
{
	struct store_value x = {.type = STORE_T_BLOB, .p = v, .n = n};
	return s->ops->bulk_value(s, &x);
}

int store_bulk_null(struct store *s)
{
	struct store_value x = {.type = STORE_T_NULL};
	return s->ops->bulk_value(s, &x);
}

int store_bulk_row(struct store *s)
{
	return s->ops->bulk_row(s);
}

int store_bulk_end(struct store *s)
{
	int rc = s->ops->bulk_end(s, true);
	if (rc < 0)
		log_error("store: bulk load failed: %s", s->ops->errmsg(s));
	return rc;
}

int store_check_references(struct store *s, char *what, size_t cap)
{
	if (cap)
		what[0] = 0;
	int rc = s->ops->check_refs(s, what, cap);
	if (rc < 0)
		log_error("store: cannot check the foreign keys: %s", s->ops->errmsg(s));
	return rc;
}

int store_ids_follow(struct store *s, const char *table)
{
	return s->ops->ids_follow ? s->ops->ids_follow(s, table) : 0;
}

/* table or column name as an SQL identifier: "name" with quotes doubled (both dialects). */
char *store_quote_ident(const char *name)
{
	size_t n = strlen(name), k = 0;
	char *q = malloc(2 * n + 3);
	if (!q)
		return NULL;
	q[k++] = '"';
	for (size_t i = 0; i < n; i++) {
		if (name[i] == '"')
			q[k++] = '"';
		q[k++] = name[i];
	}
	q[k++] = '"';
	q[k] = 0;
	return q;
}

/* "col1", "col2", … of cols; NULL when cols is empty or out of memory. Caller frees. */
char *store_column_list(const struct store_names *cols)
{
	size_t cap = 1;
	for (int i = 0; i < cols->n; i++)
		cap += 2 * strlen(cols->v[i]) + 5;
	char *out = malloc(cap);
	if (!out)
		return NULL;
	size_t k = 0;
	out[0] = 0;
	for (int i = 0; i < cols->n; i++) {
		char *q = store_quote_ident(cols->v[i]);
		if (!q) {
			free(out);
			return NULL;
		}
		k += (size_t)snprintf(out + k, cap - k, "%s%s", i ? ", " : "", q);
		free(q);
	}
	return out;
}

/* SELECT cols FROM table, or SELECT count(*) FROM table when cols is empty. Caller frees. */
char *store_select_text(const char *table, const struct store_names *cols)
{
	char *t = store_quote_ident(table);
	char *c = cols->n ? store_column_list(cols) : strdup("count(*)");
	char *sql = NULL;
	if (t && c) {
		size_t n = strlen(t) + strlen(c) + 32;
		sql = malloc(n);
		if (sql)
			snprintf(sql, n, "SELECT %s FROM %s", c, t);
	}
	free(t);
	free(c);
	return sql;
}
