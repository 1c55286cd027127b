/*
 * The PostgreSQL backend of store.h, and the only file that includes libpq-fe.h
 * (docs/decisions/0007-postgresql-backend.md).
 *
 * One connection per thread (store_thread), statements prepared per connection on first use,
 * named q<id>_<generation>. The statement text is sql_pg.h's override when there is one, else
 * sql.h's, with ?N rewritten to $N. Parameters are sent as text (integers in decimal) and blobs
 * as binary bytea; results come back as text and bytea columns are decoded on demand.
 *
 * Parameter types: SQLite has none, PostgreSQL infers them from the statement and cannot in
 * `?3 IS NULL OR x = ?3`. So a statement is prepared at its first step, when its parameters are
 * bound, with the types bound (integer -> bigint, text -> text, blob -> bytea) and NULLs left to
 * inference (text if even that fails); a later execution that binds a value where the first left
 * the type open prepares it again with the new types.
 *
 * Semantics kept from SQLite:
 * - store_begin serialises writers (a transaction-scoped advisory lock, like BEGIN IMMEDIATE),
 *   so code that reads then writes inside a transaction (the audit chain, counters) stays exact;
 *   store_begin_read is REPEATABLE READ READ ONLY, one snapshot like SQLite's read transaction.
 * - A failed statement does not end the transaction: a one-row INSERT gets ON CONFLICT DO
 *   NOTHING and answers STORE_DUPLICATE when it inserted nothing; another INSERT runs under a
 *   savepoint inside a transaction. So an import that rejects a duplicate row goes on.
 * - Results are read whole (PQexecPrepared), so several statements may be stepped at once on
 *   one connection, as with SQLite; the whole-table scans listed in SQ_PG_STREAMED are read
 *   through a cursor, FETCH_ROWS at a time, when they run inside a transaction.
 * - A connection the server dropped is made again outside a transaction.
 */
#include <libpq-fe.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "store/schema/schema.h"
#include "store/sql_pg.h"
#include "store/store_impl.h"

/* Rows per FETCH of a streamed statement. */
#define FETCH_ROWS   10000
#define FETCH_ROWS_S "10000"

/* Type oids of pg_type.h (stable across versions). */
enum { OID_BOOL = 16, OID_BYTEA = 17, OID_INT8 = 20, OID_TEXT = 25 };

/* Every connection's settings. JIT off: our statements are short lookups, but over 35 province
 * partitions their estimated cost passes jit_above_cost, and compiling ~360 functions took ~100 ms
 * an execution (a 70,000-row re-import ran for hours in the test suite). */
#define SESSION_SETTINGS "SET client_min_messages = warning; SET jit = off"

/* An arbitrary key for the writers' advisory lock: "gh" in ASCII. */
#define WRITE_LOCK_KEY "26472"
/* The most parameters a statement may have: the batched import statements bind 16 rows at once
 * (SQL_IMPORT_ROWS in sql.h, up to ~1,600); PostgreSQL itself takes 65,535. */
#define MAX_PARAMS 2048

struct param {
	char *val; /* owned; NULL binds NULL */
	size_t cap;
	int len;
	int fmt;     /* 0 text, 1 binary */
	Oid type;    /* as bound now; 0 for NULL */
	Oid decided; /* as prepared; 0 when the server inferred it */
};

struct pg_stmt {
	struct stmt base;
	char *sql; /* the $N text */
	int nparams;
	int generation; /* of the server-side name */
	bool prepared;
	bool is_insert;    /* an INSERT that runs under a savepoint inside a transaction */
	bool dup_by_count; /* a one-row INSERT … ON CONFLICT DO NOTHING: no row means a duplicate */
	bool streamed;     /* a whole-table scan: read through a cursor inside a transaction */
	bool cursor_open;
	unsigned cursor_tx; /* the transaction (pg.tx_serial) the cursor lives in */
	struct param *params;
	PGresult *res;
	int row, nrows;
	unsigned char **blobs; /* per column of the current row, decoded bytea */
	size_t *blob_len;
	int ncols;
};

/* A COPY … FROM STDIN in progress (text format): rows are escaped into out and sent in chunks. */
struct pg_bulk {
	bool active; /* the connection is in COPY IN state */
	bool failed;
	int ncols, col;
	char *out;
	size_t len, cap;
};

struct pg {
	struct store base;
	PGconn *conn;
	struct pg_bulk bulk;
	int64_t changes;
	unsigned tx_serial; /* counts transactions begun: a cursor dies with its transaction */
	char err[512];
	struct pg_stmt *cache[SQ__MAX];
};

#define PG(s)   ((struct pg *)(s))
#define PST(st) ((struct pg_stmt *)(st))

#define SQ_PG_TEXT(name, text) [name] = text,
static const char *const overrides[SQ__MAX] = {SQ_LIST_PG(SQ_PG_TEXT)};
#define SQ_PG_STREAM(name) [name] = true,
static const bool streamed[SQ__MAX] = {SQ_PG_STREAMED(SQ_PG_STREAM)};

static const char *pg_text(enum sq id)
{
	return overrides[id] ? overrides[id] : sql_text(id);
}

static void set_err(struct pg *p, const char *msg)
{
	snprintf(p->err, sizeof(p->err), "%s", msg ? msg : "");
	size_t n = strlen(p->err);
	while (n && (p->err[n - 1] == '\n' || p->err[n - 1] == ' '))
		p->err[--n] = 0;
}

/* Runs simple SQL on the connection; 0 when it succeeded. */
static int run(struct pg *p, const char *sql)
{
	PGresult *r = PQexec(p->conn, sql);
	ExecStatusType t = PQresultStatus(r);
	int rc = (t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK) ? 0 : -1;
	if (rc < 0)
		set_err(p, PQresultErrorMessage(r));
	PQclear(r);
	return rc;
}

/* Libpq prints server notices on stderr; ours are harmless (IF NOT EXISTS and the like). */
static void quiet_notice(void *arg, const char *message)
{
	log_debug("store: postgresql: %s", message);
}

static void free_blobs(struct pg_stmt *st)
{
	for (int i = 0; i < st->ncols; i++) {
		if (st->blobs[i])
			PQfreemem(st->blobs[i]);
		st->blobs[i] = NULL;
	}
}

static int run(struct pg *p, const char *sql);

/* Closes the statement's cursor if its transaction is still the open one (a cursor ends with
 * its transaction; closing one that ended would fail and end the next transaction). */
static void cursor_close(struct pg_stmt *st)
{
	struct pg *p = (struct pg *)st->base.owner;
	if (st->cursor_open && p->base.tx_depth > 0 && st->cursor_tx == p->tx_serial) {
		char sql[32];
		snprintf(sql, sizeof(sql), "CLOSE c%d", (int)st->base.id);
		run(p, sql);
	}
	st->cursor_open = false;
}

static void stmt_clear_result(struct pg_stmt *st)
{
	cursor_close(st);
	if (st->blobs)
		free_blobs(st);
	free(st->blobs);
	free(st->blob_len);
	st->blobs = NULL;
	st->blob_len = NULL;
	st->ncols = 0;
	PQclear(st->res);
	st->res = NULL;
	st->row = st->nrows = 0;
}

static void stmt_free(struct pg_stmt *st)
{
	if (!st)
		return;
	stmt_clear_result(st);
	for (int i = 0; st->params && i < st->nparams && i < MAX_PARAMS; i++)
		free(st->params[i].val);
	free(st->params);
	free(st->sql);
	free(st);
}

static int pg_bulk_end(struct store *s, bool keep);

static void pg_close(struct store *s)
{
	struct pg *p = PG(s);
	if (p->conn)
		pg_bulk_end(s, false);
	for (int i = 0; i < SQ__MAX; i++)
		stmt_free(p->cache[i]);
	if (p->conn)
		PQfinish(p->conn);
	free(s->url);
	free(p);
}

/* Connects to url with its database replaced by dbname (NULL keeps it). */
static PGconn *connect_to(const char *url, const char *dbname)
{
	const char *keys[] = {"dbname", "dbname", "client_encoding", NULL};
	const char *vals[] = {url, dbname, "UTF8", NULL};
	if (!dbname) {
		keys[1] = "client_encoding";
		vals[1] = "UTF8";
		keys[2] = NULL;
	}
	return PQconnectdbParams(keys, vals, 1);
}

/* The database named by url, or NULL. Caller frees. */
static char *url_dbname(const char *url)
{
	char *err = NULL;
	PQconninfoOption *opts = PQconninfoParse(url, &err);
	if (!opts) {
		if (err)
			PQfreemem(err);
		return NULL;
	}
	char *name = NULL;
	for (PQconninfoOption *o = opts; o->keyword; o++)
		if (!strcmp(o->keyword, "dbname") && o->val && *o->val)
			name = strdup(o->val);
	PQconninfoFree(opts);
	return name;
}

/* Creates the database url names, through the maintenance database "postgres", with UTF-8 and
 * C collation (byte order, as SQLite compares). 0 or -1. */
static int create_database(const char *url)
{
	char *name = url_dbname(url);
	if (!name) {
		log_error("store: %s names no database", url);
		return -1;
	}
	PGconn *c = connect_to(url, "postgres");
	int rc = -1;
	if (PQstatus(c) != CONNECTION_OK) {
		log_error("store: cannot reach the server to create %s: %s", name, PQerrorMessage(c));
	} else {
		char *ident = PQescapeIdentifier(c, name, strlen(name));
		char sql[512];
		snprintf(sql, sizeof(sql),
		         "CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'",
		         ident ? ident : "\"\"");
		PGresult *r = PQexec(c, sql);
		if (PQresultStatus(r) == PGRES_COMMAND_OK) {
			rc = 0;
		} else {
			const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
			rc = state && !strcmp(state, "42P04") ? 0 : -1; /* created meanwhile by another */
			if (rc < 0)
				log_error("store: cannot create database %s: %s", name, PQresultErrorMessage(r));
		}
		PQclear(r);
		if (ident)
			PQfreemem(ident);
	}
	PQfinish(c);
	free(name);
	return rc;
}

static int pg_open(const char *url, bool create, struct store **out)
{
	struct pg *p = calloc(1, sizeof(*p));
	if (!p)
		return -1;
	p->base.ops = &store_pg_ops;
	p->base.url = strdup(url);
	p->base.migrations = schema_pg(&p->base.n_migrations);
	p->conn = connect_to(url, NULL);
	if (create && PQstatus(p->conn) != CONNECTION_OK && strstr(PQerrorMessage(p->conn), "does not exist")) {
		PQfinish(p->conn);
		p->conn = create_database(url) == 0 ? connect_to(url, NULL) : NULL;
	}
	if (!p->base.url || !p->conn || PQstatus(p->conn) != CONNECTION_OK) {
		log_error("store: cannot open %s: %s", url, p->conn ? PQerrorMessage(p->conn) : "no database");
		pg_close(&p->base);
		return -1;
	}
	PQsetNoticeProcessor(p->conn, quiet_notice, NULL);
	if (run(p, SESSION_SETTINGS) < 0) {
		log_error("store: %s: %s", url, p->err);
		pg_close(&p->base);
		return -1;
	}
	*out = &p->base;
	return 0;
}

static int pg_exec(struct store *s, const char *sql)
{
	struct pg *p = PG(s);
	if (strcmp(sql, "COMMIT"))
		return run(p, sql);
	/* COMMIT of a transaction that an error ended answers "ROLLBACK", not an error. */
	PGresult *r = PQexec(p->conn, sql);
	int rc = PQresultStatus(r) == PGRES_COMMAND_OK && !strcmp(PQcmdStatus(r), "COMMIT") ? 0 : -1;
	if (rc < 0)
		set_err(p, PQresultStatus(r) == PGRES_COMMAND_OK ? "the transaction was rolled back by an earlier error"
		                                                 : PQresultErrorMessage(r));
	PQclear(r);
	return rc;
}

static bool reconnected(struct pg *p);

static int pg_begin(struct store *s, bool write)
{
	PG(s)->tx_serial++;
	const char *sql = write ? "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(" WRITE_LOCK_KEY
	                          ")"
	                        : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
	if (run(PG(s), sql) == 0)
		return 0;
	return reconnected(PG(s)) ? run(PG(s), sql) : -1;
}

/* sql with ?N made $N, outside string literals; *nparams receives the highest N. */
static char *dollar_params(const char *sql, int *nparams)
{
	size_t n = strlen(sql);
	char *out = malloc(n + 1);
	if (!out)
		return NULL;
	bool quoted = false;
	int most = 0;
	for (size_t i = 0; i <= n; i++) {
		char ch = sql[i];
		if (ch == '\'')
			quoted = !quoted;
		if (ch == '?' && !quoted && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
			int v = (int)strtol(sql + i + 1, NULL, 10);
			if (v > most)
				most = v;
			ch = '$';
		}
		out[i] = ch;
	}
	*nparams = most;
	return out;
}

static void pg_reset(struct stmt *base);

/* How an INSERT reports a unique violation without ending the transaction it runs in (SQLite's
 * transaction goes on after a failed statement; an import rejects the row and continues).
 * A one-row INSERT … VALUES gets ON CONFLICT DO NOTHING, and inserting no row is the duplicate:
 * no savepoint, no extra round trip. Any other INSERT runs under a savepoint. 0 or -1. */
static int insert_kind(struct pg_stmt *st)
{
	const char *t = st->sql;
	while (*t == ' ' || *t == '\n')
		t++;
	if (strncmp(t, "INSERT", 6))
		return 0;
	const char *values = strstr(t, " VALUES");
	if (strstr(t, "ON CONFLICT")) /* decides its conflicts itself */
		return 0;
	if (!values || strstr(t, "SELECT") || strstr(values, "),")) {
		st->is_insert = true;
		return 0;
	}
	const char *ret = strstr(values, " RETURNING ");
	size_t head = ret ? (size_t)(ret - st->sql) : strlen(st->sql);
	static const char clause[] = " ON CONFLICT DO NOTHING";
	char *sql = malloc(strlen(st->sql) + sizeof(clause));
	if (!sql)
		return -1;
	memcpy(sql, st->sql, head);
	memcpy(sql + head, clause, sizeof(clause) - 1);
	memcpy(sql + head + sizeof(clause) - 1, st->sql + head, strlen(st->sql + head) + 1);
	free(st->sql);
	st->sql = sql;
	st->dup_by_count = true;
	return 0;
}

static struct stmt *pg_prepare(struct store *s, enum sq id)
{
	struct pg *p = PG(s);
	if (id < 0 || id >= SQ__MAX)
		return NULL;
	struct pg_stmt *st = p->cache[id];
	if (st) {
		pg_reset(&st->base);
		return &st->base;
	}
	st = calloc(1, sizeof(*st));
	if (!st)
		return NULL;
	st->base.owner = s;
	st->base.id = id;
	st->sql = dollar_params(pg_text(id), &st->nparams);
	st->params = calloc(st->nparams > 0 ? (size_t)st->nparams : 1, sizeof(*st->params));
	if (!st->sql || !st->params || st->nparams > MAX_PARAMS) {
		stmt_free(st);
		set_err(p, "out of memory or too many parameters");
		return NULL;
	}
	if (insert_kind(st) < 0) {
		stmt_free(st);
		set_err(p, "out of memory");
		return NULL;
	}
	st->streamed = streamed[id];
	p->cache[id] = st;
	return &st->base;
}

static struct param *param_at(struct stmt *st, int idx)
{
	struct pg_stmt *ps = PST(st);
	if (idx < 1 || idx > ps->nparams) {
		set_err(PG(st->owner), "bind index out of range");
		return NULL;
	}
	return &ps->params[idx - 1];
}

/* Stores n bytes (plus a NUL) as the parameter's value. */
static int param_set(struct stmt *st, int idx, const void *v, size_t n, int fmt, Oid type)
{
	struct param *pm = param_at(st, idx);
	if (!pm || n > 0x7fffffff)
		return -1;
	if (!pm->val || pm->cap < n + 1) {
		char *b = realloc(pm->val, n + 1);
		if (!b)
			return -1;
		pm->val = b;
		pm->cap = n + 1;
	}
	if (n)
		memcpy(pm->val, v, n);
	pm->val[n] = 0;
	pm->len = (int)n;
	pm->fmt = fmt;
	pm->type = type;
	return 0;
}

static int pg_bind_i64(struct stmt *st, int idx, int64_t v)
{
	char b[24];
	int n = snprintf(b, sizeof(b), "%lld", (long long)v);
	return param_set(st, idx, b, (size_t)n, 0, OID_INT8);
}

static int pg_bind_text(struct stmt *st, int idx, const char *v, size_t n)
{
	return param_set(st, idx, v, n, 0, OID_TEXT);
}

static int pg_bind_blob(struct stmt *st, int idx, const void *v, size_t n)
{
	return param_set(st, idx, v, n, 1, OID_BYTEA);
}

static int pg_bind_null(struct stmt *st, int idx)
{
	struct param *pm = param_at(st, idx);
	if (!pm)
		return -1;
	pm->type = 0;
	pm->len = 0;
	pm->fmt = 0;
	return 0;
}

/* Whether the server-side statement must be prepared (again) for the types bound now: a value
 * bound where the statement was prepared with the type left to inference. */
static bool needs_prepare(const struct pg_stmt *st)
{
	if (!st->prepared)
		return true;
	for (int i = 0; i < st->nparams; i++)
		if (st->params[i].type && !st->params[i].decided)
			return true;
	return false;
}

/* Prepares the statement on the server with the types bound (inferred where NULL is bound), under
 * a savepoint inside a transaction so that a failure leaves the transaction usable. */
static int do_prepare(struct pg *p, struct pg_stmt *st)
{
	Oid types[MAX_PARAMS];
	for (int i = 0; i < st->nparams; i++)
		types[i] = st->params[i].type ? st->params[i].type : st->params[i].decided;
	char name[32];
	if (st->prepared) {
		snprintf(name, sizeof(name), "DEALLOCATE q%d_%d", (int)st->base.id, st->generation);
		run(p, name);
		st->generation++;
		st->prepared = false;
	}
	snprintf(name, sizeof(name), "q%d_%d", (int)st->base.id, st->generation);
	bool in_tx = p->base.tx_depth > 0;
	if (in_tx && run(p, "SAVEPOINT gh_prepare") < 0)
		return -1;
	PGresult *r = PQprepare(p->conn, name, st->sql, st->nparams, types);
	const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	if (PQresultStatus(r) != PGRES_COMMAND_OK && state && (!strcmp(state, "42P08") || !strcmp(state, "42P18"))) {
		/* A NULL where nothing tells its type (`?3 IS NULL OR ...`): take it as text. */
		PQclear(r);
		if (in_tx && run(p, "ROLLBACK TO SAVEPOINT gh_prepare") < 0)
			return -1;
		for (int i = 0; i < st->nparams; i++)
			if (!types[i])
				types[i] = OID_TEXT;
		r = PQprepare(p->conn, name, st->sql, st->nparams, types);
	}
	int rc = PQresultStatus(r) == PGRES_COMMAND_OK ? 0 : -1;
	if (rc < 0)
		set_err(p, PQresultErrorMessage(r));
	PQclear(r);
	if (in_tx && run(p, rc == 0 ? "RELEASE SAVEPOINT gh_prepare" : "ROLLBACK TO SAVEPOINT gh_prepare") < 0)
		rc = -1;
	if (rc < 0)
		return -1;
	for (int i = 0; i < st->nparams; i++)
		st->params[i].decided = types[i];
	st->prepared = true;
	return 0;
}

static bool is_write_status(const char *status)
{
	return !strncmp(status, "INSERT", 6) || !strncmp(status, "UPDATE", 6) || !strncmp(status, "DELETE", 6);
}

/* Takes r as the statement's current batch of rows. 0 or -1. */
static int take_rows(struct pg *p, struct pg_stmt *st, PGresult *r)
{
	free_blobs(st);
	PQclear(st->res);
	st->res = r;
	st->nrows = PQntuples(r);
	st->row = -1;
	if (!st->blobs) {
		st->ncols = PQnfields(r);
		st->blobs = calloc((size_t)(st->ncols ? st->ncols : 1), sizeof(*st->blobs));
		st->blob_len = calloc((size_t)(st->ncols ? st->ncols : 1), sizeof(*st->blob_len));
		if (!st->blobs || !st->blob_len) {
			set_err(p, "out of memory");
			return -1;
		}
	}
	return 0;
}

/* The next FETCH_ROWS rows of the statement's cursor. STORE_DONE or STORE_ERROR. */
static int fetch_more(struct pg *p, struct pg_stmt *st)
{
	char sql[48];
	snprintf(sql, sizeof(sql), "FETCH " FETCH_ROWS_S " FROM c%d", (int)st->base.id);
	PGresult *r = PQexec(p->conn, sql);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		set_err(p, PQresultErrorMessage(r));
		PQclear(r);
		return STORE_ERROR;
	}
	return take_rows(p, st, r) < 0 ? STORE_ERROR : STORE_DONE;
}

/* A whole-table scan inside a transaction: DECLARE a cursor over the statement with the bound
 * parameters and read it FETCH_ROWS at a time, so its result never sits whole in memory. */
static int open_cursor(struct pg *p, struct pg_stmt *st, const char *const *vals, const int *lens, const int *fmts)
{
	size_t n = strlen(st->sql) + 48;
	char *sql = malloc(n);
	if (!sql)
		return STORE_ERROR;
	snprintf(sql, n, "DECLARE c%d NO SCROLL CURSOR FOR %s", (int)st->base.id, st->sql);
	Oid types[MAX_PARAMS];
	for (int i = 0; i < st->nparams; i++)
		types[i] = st->params[i].type;
	PGresult *r = PQexecParams(p->conn, sql, st->nparams, types, vals, lens, fmts, 0);
	free(sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		set_err(p, PQresultErrorMessage(r));
		PQclear(r);
		return STORE_ERROR;
	}
	PQclear(r);
	st->cursor_open = true;
	st->cursor_tx = p->tx_serial;
	return fetch_more(p, st);
}

/* Executes the bound statement and keeps its whole result. STORE_DONE, STORE_DUPLICATE or
 * STORE_ERROR; st->res holds the rows on success. */
static int execute(struct pg *p, struct pg_stmt *st)
{
	if (!(st->streamed && p->base.tx_depth > 0) && needs_prepare(st) && do_prepare(p, st) < 0)
		return STORE_ERROR;
	int n = st->nparams;
	const char *vals[MAX_PARAMS];
	int lens[MAX_PARAMS], fmts[MAX_PARAMS];
	for (int i = 0; i < n; i++) {
		struct param *pm = &st->params[i];
		vals[i] = pm->type ? pm->val : NULL;
		lens[i] = pm->len;
		fmts[i] = pm->fmt;
	}
	if (st->streamed && p->base.tx_depth > 0)
		return open_cursor(p, st, vals, lens, fmts);
	char name[32];
	snprintf(name, sizeof(name), "q%d_%d", (int)st->base.id, st->generation);
	bool guard = st->is_insert && p->base.tx_depth > 0;
	if (guard && run(p, "SAVEPOINT gh_write") < 0)
		return STORE_ERROR;
	PGresult *r = PQexecPrepared(p->conn, name, n, vals, lens, fmts, 0);
	ExecStatusType t = PQresultStatus(r);
	int rc = STORE_DONE;
	if ((t == PGRES_TUPLES_OK || t == PGRES_COMMAND_OK) && st->dup_by_count && !strcmp(PQcmdTuples(r), "0")) {
		set_err(p, "duplicate key value violates unique constraint (ON CONFLICT DO NOTHING inserted nothing)");
		rc = STORE_DUPLICATE;
		PQclear(r);
	} else if (t == PGRES_TUPLES_OK || t == PGRES_COMMAND_OK) {
		if (is_write_status(PQcmdStatus(r)))
			p->changes = strtoll(PQcmdTuples(r), NULL, 10);
		st->res = r;
		st->nrows = t == PGRES_TUPLES_OK ? PQntuples(r) : 0;
		st->row = -1;
		st->ncols = PQnfields(r);
		st->blobs = calloc((size_t)(st->ncols ? st->ncols : 1), sizeof(*st->blobs));
		st->blob_len = calloc((size_t)(st->ncols ? st->ncols : 1), sizeof(*st->blob_len));
		if (!st->blobs || !st->blob_len) {
			set_err(p, "out of memory");
			rc = STORE_ERROR;
		}
	} else {
		const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
		set_err(p, PQresultErrorMessage(r));
		rc = state && !strcmp(state, "23505") ? STORE_DUPLICATE : STORE_ERROR;
		PQclear(r);
	}
	if (guard && run(p, rc == STORE_DONE ? "RELEASE SAVEPOINT gh_write" : "ROLLBACK TO SAVEPOINT gh_write") < 0)
		rc = STORE_ERROR;
	return rc;
}

/* After the server went away (restart, failover, an idle connection cut): outside a transaction,
 * reconnect, forget what was prepared on the old connection, and say whether to try again.
 * Inside one, the transaction is lost whatever we do: the caller sees the error and rolls back. */
static bool reconnected(struct pg *p)
{
	if (PQstatus(p->conn) != CONNECTION_BAD || p->base.tx_depth > 0)
		return false;
	PQreset(p->conn);
	if (PQstatus(p->conn) != CONNECTION_OK || run(p, SESSION_SETTINGS) < 0) {
		set_err(p, PQerrorMessage(p->conn));
		return false;
	}
	for (int i = 0; i < SQ__MAX; i++)
		if (p->cache[i]) {
			p->cache[i]->prepared = false;
			p->cache[i]->cursor_open = false;
		}
	log_info("store: reconnected to the PostgreSQL server");
	return true;
}

static int pg_step(struct stmt *base)
{
	struct pg_stmt *st = PST(base);
	struct pg *p = PG(base->owner);
	if (!st->res) {
		int rc = execute(p, st);
		if (rc == STORE_ERROR && reconnected(p))
			rc = execute(p, st);
		if (rc != STORE_DONE) {
			stmt_clear_result(st);
			return rc;
		}
	}
	free_blobs(st);
	if (st->row + 1 >= st->nrows && st->cursor_open && st->nrows == FETCH_ROWS) {
		int rc = fetch_more(p, st);
		if (rc != STORE_DONE) {
			stmt_clear_result(st);
			return rc;
		}
	}
	if (st->row + 1 < st->nrows) {
		st->row++;
		return STORE_ROW;
	}
	st->row = st->nrows;
	return STORE_DONE;
}

static int pg_explain(struct stmt *base, char *out, size_t cap)
{
	struct pg_stmt *st = PST(base);
	struct pg *p = PG(base->owner);
	static const char head[] = "EXPLAIN (COSTS OFF) ";
	size_t n = sizeof(head) + strlen(st->sql);
	char *sql = cap ? malloc(n) : NULL;
	if (!sql)
		return -1;
	snprintf(sql, n, "%s%s", head, st->sql);
	Oid types[MAX_PARAMS];
	const char *vals[MAX_PARAMS];
	int lens[MAX_PARAMS], fmts[MAX_PARAMS];
	for (int i = 0; i < st->nparams; i++) {
		types[i] = st->params[i].type;
		vals[i] = st->params[i].type ? st->params[i].val : NULL;
		lens[i] = st->params[i].len;
		fmts[i] = st->params[i].fmt;
	}
	PGresult *r = PQexecParams(p->conn, sql, st->nparams, types, vals, lens, fmts, 0);
	free(sql);
	int rc = PQresultStatus(r) == PGRES_TUPLES_OK ? 0 : -1;
	if (rc < 0)
		set_err(p, PQresultErrorMessage(r));
	size_t len = 0;
	for (int i = 0; rc == 0 && i < PQntuples(r); i++) {
		int w = snprintf(out + len, cap - len, "%s\n", PQgetvalue(r, i, 0));
		if (w < 0 || (size_t)w >= cap - len)
			break;
		len += (size_t)w;
	}
	PQclear(r);
	return rc;
}

static void pg_reset(struct stmt *base)
{
	struct pg_stmt *st = PST(base);
	stmt_clear_result(st);
	for (int i = 0; i < st->nparams; i++)
		st->params[i].type = 0;
}

static bool has_cell(struct pg_stmt *st, int col)
{
	return st->res && st->row >= 0 && st->row < st->nrows && col >= 0 && col < st->ncols;
}

static bool pg_col_null(struct stmt *base, int col)
{
	struct pg_stmt *st = PST(base);
	return !has_cell(st, col) || PQgetisnull(st->res, st->row, col);
}

static int64_t pg_col_i64(struct stmt *base, int col)
{
	struct pg_stmt *st = PST(base);
	if (pg_col_null(base, col))
		return 0;
	const char *v = PQgetvalue(st->res, st->row, col);
	if (PQftype(st->res, col) == OID_BOOL)
		return v[0] == 't';
	return strtoll(v, NULL, 10);
}

static double pg_col_double(struct stmt *base, int col)
{
	struct pg_stmt *st = PST(base);
	if (pg_col_null(base, col))
		return 0;
	const char *v = PQgetvalue(st->res, st->row, col);
	if (PQftype(st->res, col) == OID_BOOL)
		return v[0] == 't';
	return strtod(v, NULL);
}

static const char *pg_col_text(struct stmt *base, int col)
{
	struct pg_stmt *st = PST(base);
	if (pg_col_null(base, col))
		return NULL;
	if (PQftype(st->res, col) == OID_BOOL)
		return PQgetvalue(st->res, st->row, col)[0] == 't' ? "1" : "0";
	return PQgetvalue(st->res, st->row, col);
}

static const void *pg_col_blob(struct stmt *base, int col, size_t *n)
{
	struct pg_stmt *st = PST(base);
	*n = 0;
	if (pg_col_null(base, col))
		return NULL;
	const char *v = PQgetvalue(st->res, st->row, col);
	if (PQftype(st->res, col) != OID_BYTEA) {
		*n = (size_t)PQgetlength(st->res, st->row, col);
		return v;
	}
	if (!st->blobs[col])
		st->blobs[col] = PQunescapeBytea((const unsigned char *)v, &st->blob_len[col]);
	*n = st->blobs[col] ? st->blob_len[col] : 0;
	return st->blobs[col];
}

static int64_t pg_changes(struct store *s)
{
	return PG(s)->changes;
}

static const char *pg_errmsg(struct store *s)
{
	struct pg *p = PG(s);
	return p->err[0] ? p->err : PQerrorMessage(p->conn);
}

/* The number of transactions of the cluster that have ended (committed or aborted), as of the
 * snapshot this connection sees: every transaction id below the snapshot's xmax that is not in
 * progress. It never goes back, and it moves once another connection's write commits and is
 * visible; inside a read transaction it stays with that transaction's snapshot, as the data
 * read does. Readers use it to revalidate what they keep in memory. */
static uint64_t pg_data_version(struct store *s)
{
	struct pg *p = PG(s);
	PGresult *r = PQexec(p->conn, "SELECT pg_snapshot_xmax(c)::text::bigint - "
	                              "(SELECT count(*) FROM pg_snapshot_xip(c)) FROM pg_current_snapshot() c");
	uint64_t v = 0;
	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
		v = strtoull(PQgetvalue(r, 0, 0), NULL, 10);
	else
		set_err(p, PQresultErrorMessage(r));
	PQclear(r);
	return v;
}

/* A consistent copy of a PostgreSQL store is pg_dump's job (or the server's own base backups);
 * there is no in-process equivalent of SQLite's VACUUM INTO. */
static int pg_backup(struct store *s, const char *path)
{
	set_err(PG(s), "backup of a PostgreSQL store is not supported in process (ENOTSUP): use pg_dump");
	log_error("store: %s", PG(s)->err);
	return -1;
}

/* Runs sql with text parameters (NULL-terminated args) and collects the first column of every
 * row. 0 or -1. */
static int pg_names(struct pg *p, const char *sql, const char *arg, struct store_names *out)
{
	const char *vals[1] = {arg};
	PGresult *r = PQexecParams(p->conn, sql, arg ? 1 : 0, NULL, vals, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		set_err(p, PQresultErrorMessage(r));
		PQclear(r);
		return -1;
	}
	int n = PQntuples(r);
	out->v = calloc((size_t)(n ? n : 1), sizeof(*out->v));
	for (int i = 0; out->v && i < n; i++) {
		out->v[i] = strdup(PQgetvalue(r, i, 0));
		if (!out->v[i])
			break;
		out->n++;
	}
	PQclear(r);
	return out->v && out->n == n ? 0 : -1;
}

static int pg_tables(struct store *s, struct store_names *out)
{
	/* ordinary tables and partitioned parents of our schema; a partition is reached through its
	 * parent (inserting into the parent routes the row) */
	return pg_names(PG(s),
	                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
	                "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition "
	                "ORDER BY c.relname COLLATE \"C\"",
	                NULL, out);
}

static int pg_columns(struct store *s, const char *table, struct store_names *out)
{
	return pg_names(PG(s),
	                "SELECT a.attname FROM pg_attribute a WHERE a.attrelid = to_regclass(quote_ident($1)) "
	                "AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum",
	                table, out);
}

static struct stmt *pg_scan(struct store *s, const char *table, const struct store_names *cols)
{
	struct pg *p = PG(s);
	struct pg_stmt *st = calloc(1, sizeof(*st));
	if (!st)
		return NULL;
	st->base.owner = s;
	st->base.id = SQ__MAX; /* not a statement of sql.h; its cursor is c<SQ__MAX> */
	st->sql = store_select_text(table, cols);
	if (!st->sql) {
		free(st);
		set_err(p, "out of memory");
		return NULL;
	}
	int rc;
	if (p->base.tx_depth > 0) {
		rc = open_cursor(p, st, NULL, NULL, NULL) == STORE_DONE ? 0 : -1;
	} else {
		PGresult *r = PQexec(p->conn, st->sql);
		if (PQresultStatus(r) == PGRES_TUPLES_OK) {
			rc = take_rows(p, st, r);
		} else {
			set_err(p, PQresultErrorMessage(r));
			PQclear(r);
			rc = -1;
		}
	}
	if (rc < 0) {
		stmt_free(st);
		return NULL;
	}
	return &st->base;
}

static void pg_scan_end(struct stmt *st)
{
	stmt_free(PST(st));
}

static int pg_col_type(struct stmt *base, int col)
{
	struct pg_stmt *st = PST(base);
	if (pg_col_null(base, col))
		return STORE_T_NULL;
	switch (PQftype(st->res, col)) {
	case OID_BOOL:
	case OID_INT8:
	case 21: /* int2 */
	case 23: /* int4 */
		return STORE_T_INT;
	case 700:  /* float4 */
	case 701:  /* float8 */
	case 1700: /* numeric */
		return STORE_T_REAL;
	case OID_BYTEA:
		return STORE_T_BLOB;
	default:
		return STORE_T_TEXT;
	}
}

/* Bytes of COPY data gathered before they are sent. */
#define COPY_CHUNK (256 * 1024)

static int bulk_reserve(struct pg_bulk *b, size_t more)
{
	if (b->len + more <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : COPY_CHUNK + 1024;
	while (cap < b->len + more)
		cap *= 2;
	char *o = realloc(b->out, cap);
	if (!o)
		return -1;
	b->out = o;
	b->cap = cap;
	return 0;
}

static int bulk_send(struct pg *p)
{
	struct pg_bulk *b = &p->bulk;
	if (b->len && PQputCopyData(p->conn, b->out, (int)b->len) != 1) {
		set_err(p, PQerrorMessage(p->conn));
		return -1;
	}
	b->len = 0;
	return 0;
}

static int pg_bulk_begin(struct store *s, const char *table, const struct store_names *cols)
{
	struct pg *p = PG(s);
	pg_bulk_end(s, false);
	struct pg_bulk *b = &p->bulk;
	char *t = store_quote_ident(table);
	char *c = store_column_list(cols);
	size_t n = (t ? strlen(t) : 0) + (c ? strlen(c) : 0) + 48;
	char *sql = t && c ? malloc(n) : NULL;
	if (sql)
		snprintf(sql, n, "COPY %s(%s) FROM STDIN", t, c);
	free(t);
	free(c);
	if (!sql) {
		set_err(p, "out of memory");
		return -1;
	}
	PGresult *r = PQexec(p->conn, sql);
	free(sql);
	if (PQresultStatus(r) != PGRES_COPY_IN) {
		set_err(p, PQresultErrorMessage(r));
		PQclear(r);
		return -1;
	}
	PQclear(r);
	b->active = true;
	b->failed = false;
	b->ncols = cols->n;
	b->col = 0;
	b->len = 0;
	return 0;
}

/* Appends text escaped for COPY's text format: backslash, tab, newline and carriage return are
 * the characters that would end a field or a row. A NUL cannot be in PostgreSQL text. */
static int copy_text(struct pg_bulk *b, const char *v, size_t n)
{
	if (bulk_reserve(b, 2 * n) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		char ch = v[i], esc = 0;
		if (ch == 0)
			return -1;
		if (ch == '\\')
			esc = '\\';
		else if (ch == '\t')
			esc = 't';
		else if (ch == '\n')
			esc = 'n';
		else if (ch == '\r')
			esc = 'r';
		if (esc) {
			b->out[b->len++] = '\\';
			ch = esc;
		}
		b->out[b->len++] = ch;
	}
	return 0;
}

/* A bytea in hex (\x…), its backslash escaped for COPY. */
static int copy_blob(struct pg_bulk *b, const unsigned char *v, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	if (bulk_reserve(b, 2 * n + 3) < 0)
		return -1;
	b->out[b->len++] = '\\';
	b->out[b->len++] = '\\';
	b->out[b->len++] = 'x';
	for (size_t i = 0; i < n; i++) {
		b->out[b->len++] = hex[v[i] >> 4];
		b->out[b->len++] = hex[v[i] & 15];
	}
	return 0;
}

static int copy_number(struct pg_bulk *b, const struct store_value *v)
{
	char num[40];
	int k;
	if (v->type == STORE_T_INT)
		k = snprintf(num, sizeof(num), "%lld", (long long)v->i);
	else if (isnan(v->d))
		k = snprintf(num, sizeof(num), "NaN");
	else if (isinf(v->d))
		k = snprintf(num, sizeof(num), "%sInfinity", v->d < 0 ? "-" : "");
	else
		k = snprintf(num, sizeof(num), "%.17g", v->d);
	if (bulk_reserve(b, (size_t)k) < 0)
		return -1;
	memcpy(b->out + b->len, num, (size_t)k);
	b->len += (size_t)k;
	return 0;
}

static int pg_bulk_value(struct store *s, const struct store_value *v)
{
	struct pg *p = PG(s);
	struct pg_bulk *b = &p->bulk;
	if (!b->active || b->failed || b->col >= b->ncols || bulk_reserve(b, 4) < 0) {
		set_err(p, "bulk load: a value outside a row, or after a failure");
		return b->failed = true, -1;
	}
	if (b->col++)
		b->out[b->len++] = '\t';
	int rc = 0;
	switch (v->type) {
	case STORE_T_INT:
	case STORE_T_REAL:
		rc = copy_number(b, v);
		break;
	case STORE_T_TEXT:
		rc = copy_text(b, v->p, v->n);
		if (rc < 0)
			set_err(p, "bulk load: text holds a NUL byte, which PostgreSQL text cannot");
		break;
	case STORE_T_BLOB:
		rc = copy_blob(b, v->p, v->n);
		break;
	default:
		b->out[b->len++] = '\\';
		b->out[b->len++] = 'N';
	}
	if (rc < 0)
		b->failed = true;
	return rc;
}

static int pg_bulk_row(struct store *s)
{
	struct pg *p = PG(s);
	struct pg_bulk *b = &p->bulk;
	if (!b->active || b->failed || b->col != b->ncols || bulk_reserve(b, 1) < 0) {
		set_err(p, "bulk load: a row with the wrong number of values");
		return b->failed = true, -1;
	}
	b->out[b->len++] = '\n';
	b->col = 0;
	if (b->len >= COPY_CHUNK && bulk_send(p) < 0)
		return b->failed = true, -1;
	return 0;
}

/* Ends the COPY: sends the rest and waits for the server's verdict; without keep (or after a
 * failure) the COPY is cancelled, which fails the transaction as a failed statement does. */
static int pg_bulk_end(struct store *s, bool keep)
{
	struct pg *p = PG(s);
	struct pg_bulk *b = &p->bulk;
	if (!b->active) {
		free(b->out);
		memset(b, 0, sizeof(*b));
		return -1;
	}
	bool ok = keep && !b->failed && b->col == 0 && bulk_send(p) == 0;
	char err[sizeof(p->err)];
	snprintf(err, sizeof(err), "%s", p->err);
	int rc = PQputCopyEnd(p->conn, ok ? NULL : "bulk load cancelled") == 1 ? 0 : -1;
	PGresult *r;
	while ((r = PQgetResult(p->conn)) != NULL) {
		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			rc = -1;
			if (ok)
				set_err(p, PQresultErrorMessage(r));
		} else {
			p->changes = strtoll(PQcmdTuples(r), NULL, 10);
		}
		PQclear(r);
	}
	if (!ok) {
		rc = -1;
		snprintf(p->err, sizeof(p->err), "%s", err[0] ? err : "bulk load cancelled");
	}
	free(b->out);
	memset(b, 0, sizeof(*b));
	return rc;
}

/* Whether the rows of one foreign key hold: 0 yes, 1 no, -1 error. The catalogue gives the
 * pieces quoted (child, parent, the child's columns as x.c and y.c lists, the NOT NULL test). */
static int check_one_ref(struct pg *p, PGresult *cat, int i)
{
	const char *child = PQgetvalue(cat, i, 1), *parent = PQgetvalue(cat, i, 2);
	const char *xs = PQgetvalue(cat, i, 3), *ys = PQgetvalue(cat, i, 4), *nn = PQgetvalue(cat, i, 5);
	size_t n = strlen(child) + strlen(parent) + strlen(xs) + strlen(ys) + strlen(nn) + 160;
	char *sql = malloc(n);
	if (!sql)
		return -1;
	/* MATCH SIMPLE: a reference with a NULL column is not checked */
	snprintf(sql, n,
	         "SELECT count(*) FROM (SELECT 1 FROM %s x WHERE %s AND NOT EXISTS (SELECT 1 FROM %s y WHERE (%s) = "
	         "(%s)) LIMIT 1) q",
	         child, nn, parent, ys, xs);
	PGresult *r = PQexec(p->conn, sql);
	free(sql);
	int rc = -1;
	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
		rc = strcmp(PQgetvalue(r, 0, 0), "0") ? 1 : 0;
	else
		set_err(p, PQresultErrorMessage(r));
	PQclear(r);
	return rc;
}

/* Every foreign key of the schema (declared once on a partitioned parent, not on each
 * partition), checked against the rows: what a load in replica mode did not check. */
static int pg_check_refs(struct store *s, char *what, size_t cap)
{
	struct pg *p = PG(s);
	PGresult *cat = PQexec(
	        p->conn,
	        "SELECT c.conname, c.conrelid::regclass::text, c.confrelid::regclass::text, "
	        "(SELECT string_agg('x.' || quote_ident(a.attname), ', ' ORDER BY k.o) FROM unnest(c.conkey) WITH "
	        "ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n), "
	        "(SELECT string_agg('y.' || quote_ident(a.attname), ', ' ORDER BY k.o) FROM unnest(c.confkey) WITH "
	        "ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n), "
	        "(SELECT string_agg('x.' || quote_ident(a.attname) || ' IS NOT NULL', ' AND ') FROM unnest(c.conkey) "
	        "k(n) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) "
	        "FROM pg_constraint c JOIN pg_namespace s ON s.oid = c.connamespace "
	        "WHERE c.contype = 'f' AND s.nspname = current_schema() AND c.conparentid = 0 ORDER BY 1");
	if (PQresultStatus(cat) != PGRES_TUPLES_OK) {
		set_err(p, PQresultErrorMessage(cat));
		PQclear(cat);
		return -1;
	}
	int rc = 0;
	for (int i = 0; rc == 0 && i < PQntuples(cat); i++) {
		rc = check_one_ref(p, cat, i);
		if (rc == 1)
			snprintf(what, cap, "%s (%s -> %s)", PQgetvalue(cat, i, 0), PQgetvalue(cat, i, 1),
			         PQgetvalue(cat, i, 2));
	}
	PQclear(cat);
	return rc;
}

/* The identity columns of table continue after the highest value loaded. */
static int pg_ids_follow(struct store *s, const char *table)
{
	struct pg *p = PG(s);
	struct store_names ids = {0};
	if (pg_names(p,
	             "SELECT a.attname FROM pg_attribute a WHERE a.attrelid = to_regclass(quote_ident($1)) "
	             "AND a.attnum > 0 AND NOT a.attisdropped AND a.attidentity <> '' ORDER BY a.attnum",
	             table, &ids) < 0) {
		store_names_free(&ids);
		return -1;
	}
	int rc = 0;
	char *t = store_quote_ident(table);
	for (int i = 0; t && rc == 0 && i < ids.n; i++) {
		char *c = store_quote_ident(ids.v[i]);
		char sql[1024];
		snprintf(sql, sizeof(sql),
		         "SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(%s) FROM %s), 0) + 1, "
		         "false)",
		         c ? c : "\"\"", t);
		free(c);
		const char *vals[2] = {t, ids.v[i]};
		PGresult *r = PQexecParams(p->conn, sql, 2, NULL, vals, NULL, NULL, 0);
		if (PQresultStatus(r) != PGRES_TUPLES_OK) {
			set_err(p, PQresultErrorMessage(r));
			rc = -1;
		}
		PQclear(r);
	}
	if (!t)
		rc = -1;
	free(t);
	store_names_free(&ids);
	return rc;
}

const struct store_ops store_pg_ops = {
        .name = "postgresql",
        .open = pg_open,
        .close = pg_close,
        .exec = pg_exec,
        .begin = pg_begin,
        .prepare = pg_prepare,
        .bind_i64 = pg_bind_i64,
        .bind_text = pg_bind_text,
        .bind_blob = pg_bind_blob,
        .bind_null = pg_bind_null,
        .step = pg_step,
        .explain = pg_explain,
        .reset = pg_reset,
        .col_null = pg_col_null,
        .col_i64 = pg_col_i64,
        .col_double = pg_col_double,
        .col_text = pg_col_text,
        .col_blob = pg_col_blob,
        .changes = pg_changes,
        .errmsg = pg_errmsg,
        .data_version = pg_data_version,
        .backup = pg_backup,
        .tables = pg_tables,
        .columns = pg_columns,
        .scan = pg_scan,
        .scan_end = pg_scan_end,
        .col_type = pg_col_type,
        .bulk_begin = pg_bulk_begin,
        .bulk_value = pg_bulk_value,
        .bulk_row = pg_bulk_row,
        .bulk_end = pg_bulk_end,
        .ids_follow = pg_ids_follow,
        .check_refs = pg_check_refs,
        .transactional_ddl = true,
        .copy = true,
};
