/*
 * The store contract: the only door to persistent data. Domain code prepares statements by
 * id (enum sq, see sql.h), binds, steps and reads columns; it never sees a vendor header.
 * A backend (store_sqlite.c, store_pg.c) fills struct store_ops; store.c dispatches.
 *
 * One struct store is one connection and must be used by one thread at a time. The server
 * gives each worker thread its own (store_thread()). Text and blob columns returned by the
 * store_col_* functions are owned by the statement and valid until the next step or reset.
 */
#ifndef GH_STORE_STORE_H
#define GH_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/sql.h"

struct store;
struct stmt;

/* A list of names (tables, columns), owned: store_names_free. */
struct store_names {
	int n;
	char **v;
};

/* The type of a value read by a scan, or written by a bulk load. */
enum store_type { STORE_T_NULL = 0, STORE_T_INT, STORE_T_REAL, STORE_T_TEXT, STORE_T_BLOB };

struct store_value {
	enum store_type type;
	int64_t i;
	double d;
	const void *p; /* text (UTF-8, not NUL-terminated) or blob bytes */
	size_t n;
};

enum store_step { STORE_DONE = 0, STORE_ROW = 1, STORE_ERROR = -1, STORE_DUPLICATE = -2 /* unique key */ };

struct store_ops {
	const char *name;
	int (*open)(const char *url, bool create, struct store **out);
	void (*close)(struct store *s);
	int (*exec)(struct store *s, const char *sql);
	/* Begins a write (write: the writers' lock at once) or read transaction; NULL: exec BEGIN. */
	int (*begin)(struct store *s, bool write);
	struct stmt *(*prepare)(struct store *s, enum sq id);
	int (*bind_i64)(struct stmt *st, int idx, int64_t v);
	int (*bind_text)(struct stmt *st, int idx, const char *v, size_t n);
	int (*bind_blob)(struct stmt *st, int idx, const void *v, size_t n);
	int (*bind_null)(struct stmt *st, int idx);
	int (*step)(struct stmt *st);
	void (*reset)(struct stmt *st);
	/* Resets without unbinding (store_rewind); NULL: reset. */
	void (*rewind)(struct stmt *st);
	bool (*col_null)(struct stmt *st, int col);
	int64_t (*col_i64)(struct stmt *st, int col);
	double (*col_double)(struct stmt *st, int col);
	const char *(*col_text)(struct stmt *st, int col);
	const void *(*col_blob)(struct stmt *st, int col, size_t *n);
	int64_t (*changes)(struct store *s);
	const char *(*errmsg)(struct store *s);
	uint64_t (*data_version)(struct store *s);
	int (*backup)(struct store *s, const char *path);
	/* Whole tables, generically (store_tables … store_bulk_end below). */
	int (*tables)(struct store *s, struct store_names *out);
	int (*columns)(struct store *s, const char *table, struct store_names *out);
	struct stmt *(*scan)(struct store *s, const char *table, const struct store_names *cols);
	void (*scan_end)(struct stmt *st);
	int (*col_type)(struct stmt *st, int col);
	int (*bulk_begin)(struct store *s, const char *table, const struct store_names *cols);
	int (*bulk_value)(struct store *s, const struct store_value *v);
	int (*bulk_row)(struct store *s);
	int (*bulk_end)(struct store *s, bool keep);
	int (*check_refs)(struct store *s, char *what, size_t cap);
	/* After rows were loaded with their ids: the id generators of table (PostgreSQL identity
	 * columns) continue after the highest id. */
	int (*ids_follow)(struct store *s, const char *table);
	/* The plan of a bound statement, not run (store_explain); NULL: the backend shows none. */
	int (*explain)(struct stmt *st, char *out, size_t cap);
	/* Schema changes roll back whole with their transaction and the store cannot be copied in
	 * process (PostgreSQL): migrating needs no copy first. */
	bool transactional_ddl;
	/* Bulk loads are COPY: faster than batched inserts for new rows (store_bulk_copies). */
	bool copy;
};

/* Opens the store named by url: a file path (SQLite) or postgresql://… .
 * With create, the store may be created; without, it must exist. 0 or -1 (f says why). */
int store_open(const char *url, bool create, struct store **out, struct gh_fail *f);
void store_close(struct store *s);
/* The backend's name ("sqlite", "postgresql"). */
const char *store_backend(struct store *s);

/* The connection of the calling thread for `url`, opened on first use and closed when the
 * thread exits. NULL on failure. */
struct store *store_thread(const char *url);

/* Runs SQL text without results (schema, pragmas). 0 or -1. */
int store_exec(struct store *s, const char *sql);
/* Transactions: begin takes the write lock at once (BEGIN IMMEDIATE), begin_read a snapshot. */
int store_begin(struct store *s);
int store_begin_read(struct store *s);
int store_commit(struct store *s);
void store_rollback(struct store *s);
/* true while a transaction is open on s. */
bool store_in_tx(struct store *s);

/* The cached prepared statement for id, reset and unbound; NULL on error. */
struct stmt *store_prepare(struct store *s, enum sq id);
/* Prepares id and binds arguments by a format: i int64_t, t const char * (NULL binds NULL),
 * b const void * then size_t, n NULL. Parameters are numbered from 1 in order. */
struct stmt *store_query(struct store *s, enum sq id, const char *fmt, ...);
/* store_query, steps it to completion and resets it: 0, GH_EDUP on a unique constraint,
 * or -1. */
int store_run(struct store *s, enum sq id, const char *fmt, ...);
/* store_query for a single integer result (first column of the first row): 1 with *out set,
 * 0 when there was no row, -1 on error. */
int store_one_i64(struct store *s, int64_t *out, enum sq id, const char *fmt, ...);

int store_bind_i64(struct stmt *st, int idx, int64_t v);
int store_bind_text(struct stmt *st, int idx, const char *v);
int store_bind_blob(struct stmt *st, int idx, const void *v, size_t n);
int store_bind_null(struct stmt *st, int idx);
/* STORE_ROW, STORE_DONE, STORE_DUPLICATE (a unique key) or STORE_ERROR (any other failure,
 * other constraints included). */
int store_step(struct stmt *st);
/* The plan the server would run the bound statement with, without running it (PostgreSQL:
 * EXPLAIN (COSTS OFF)), its lines joined by '\n' into out (at most cap bytes, truncated). The
 * statement stays bound. 0, or -1 on error or on a backend that shows no plans (SQLite). For the
 * tests that check which partitions a statement reads (tests/store/test_store_prune.c). */
int store_explain(struct stmt *st, char *out, size_t cap);
void store_reset(struct stmt *st);
/* Resets st but may keep its parameters bound: only for a statement whose every parameter is
 * bound again before each step (the 16-row inserts of an import, whose 1,620 parameters cost
 * more to unbind than to bind). */
void store_rewind(struct stmt *st);
bool store_col_null(struct stmt *st, int col);
int64_t store_col_i64(struct stmt *st, int col);
double store_col_double(struct stmt *st, int col);
const char *store_col_text(struct stmt *st, int col); /* "" for NULL */
const void *store_col_blob(struct stmt *st, int col, size_t *n);
int64_t store_changes(struct store *s);
const char *store_errmsg(struct store *s);
/* Changes whenever another connection commits (SQLite PRAGMA data_version; on PostgreSQL the
 * count of ended transactions as of the connection's snapshot). */
uint64_t store_data_version(struct store *s);
/* Writes a consistent copy of the whole store to path. 0 or -1 (always on PostgreSQL: pg_dump). */
int store_backup(struct store *s, const char *path);

/* Commits stop waiting for the disk on this connection (benchmark fixtures such as
 * `gonghui bench gen`, which can be made again): a crash may lose the last transactions but
 * leaves a consistent store. 0 or -1. */
int store_relax_durability(struct store *s);
/*
 * Whole tables, by the store's own catalogue (gonghui migrate moves every table without a list
 * of them, so a module's new table travels too). Names come from the catalogue, never from
 * input; they are quoted as identifiers all the same.
 */
/* The tables of the schema (not the backend's own; on PostgreSQL the partitioned parents, not
 * their partitions), in name order. 0 or -1. */
int store_tables(struct store *s, struct store_names *out);
/* The columns of table in declaration order (generated columns left out). 0 or -1. */
int store_columns(struct store *s, const char *table, struct store_names *out);
void store_names_free(struct store_names *n);
/* true when names holds name. */
bool store_names_has(const struct store_names *names, const char *name);
/* The number of rows of table. 0 or -1. */
int store_count(struct store *s, const char *table, int64_t *out);
/* Reads every row of table (the columns cols, in that order): step it with store_step, read
 * with store_col_* and store_col_type, end with store_scan_end. Inside a transaction on
 * PostgreSQL the rows come through a cursor, not whole. NULL on error. */
struct stmt *store_scan(struct store *s, const char *table, const struct store_names *cols);
void store_scan_end(struct stmt *st);
/* The type of a column of the current row (enum store_type). */
int store_col_type(struct stmt *st, int col);

/*
 * Bulk load into one table, inside the caller's transaction: COPY … FROM STDIN on PostgreSQL,
 * prepared multi-row INSERTs on SQLite. begin, then per row the values of every column in the
 * order of cols and store_bulk_row, then store_bulk_end (0 when every row went in). A failure
 * of any call leaves the transaction to be rolled back; store_bulk_end is still called, and
 * answers -1. One load at a time per connection.
 */
int store_bulk_begin(struct store *s, const char *table, const struct store_names *cols);
/*
 * Where a new row's values go, in the order of its columns: the parameters of the statement st
 * from `next` on, or the bulk load in progress on `bulk` (store_bulk_into). One function that
 * puts a row serves both ways of writing it, so they cannot drift apart. The bulk load takes
 * every column; a statement may write some itself (a constant, a parameter used twice), and the
 * store_put_bulk_* calls give those to the bulk load only. Failures show at store_step or
 * store_bulk_end.
 */
struct store_row {
	struct stmt *st;
	int next;
	struct store *bulk;
};
void store_put_i64(struct store_row *r, int64_t v);
void store_put_text(struct store_row *r, const char *v); /* NULL: NULL */
void store_put_blob(struct store_row *r, const void *v, size_t n);
void store_put_null(struct store_row *r);
void store_put_bulk_i64(struct store_row *r, int64_t v);
void store_put_bulk_text(struct store_row *r, const char *v);
/* store_bulk_begin for a target written "table(column, column, …)" (sql.h, SQB_*). */
int store_bulk_into(struct store *s, const char *target);
/* true when bulk loads are COPY (PostgreSQL), faster than the batched inserts a roster import
 * uses otherwise; on SQLite the inserts of member.c are the faster way. */
bool store_bulk_copies(struct store *s);
int store_bulk_i64(struct store *s, int64_t v);
int store_bulk_double(struct store *s, double v);
int store_bulk_text(struct store *s, const char *v, size_t n);
int store_bulk_blob(struct store *s, const void *v, size_t n);
int store_bulk_null(struct store *s);
int store_bulk_value(struct store *s, const struct store_value *v);
int store_bulk_row(struct store *s);
int store_bulk_end(struct store *s);
/* After a bulk load that wrote ids: the table's id generator (PostgreSQL identity column)
 * continues after the highest id. No-op on SQLite, whose rowid does so by itself. 0 or -1. */
int store_ids_follow(struct store *s, const char *table);

/* Deletes every row of table (inside the caller's transaction). 0 or -1. */
int store_clear(struct store *s, const char *table);
/* For the rest of the caller's transaction, rows may be loaded in any order: foreign keys are
 * not checked on PostgreSQL (session_replication_role = replica, which needs a superuser or
 * GRANT SET ON PARAMETER) and checked at commit on SQLite. For copying a store whose own
 * foreign keys were enforced (gonghui migrate), where no table order can satisfy a table that
 * refers to itself (org.parent_id) unless its rows come parents first. 0 or -1. */
int store_load_mode(struct store *s);

/* Checks every foreign key of the schema against the rows (after a load under store_load_mode,
 * inside its transaction): 0 when all hold, 1 when one does not (what names it), -1 on error. */
int store_check_references(struct store *s, char *what, size_t cap);

/* Creates or migrates the schema to SCHEMA_VERSION, in a transaction of its own, or inside the
 * caller's open transaction when there is one (a new store only). 0 or -1. */
int store_migrate(struct store *s, struct gh_fail *f);
/* The schema version the binary writes. */
/* 5: province partitions and registries; 6: the roster's given-name index; 7: the ID registry's
 * province (PostgreSQL) */
#define SCHEMA_VERSION 7

#endif
