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
	bool (*col_null)(struct stmt *st, int col);
	int64_t (*col_i64)(struct stmt *st, int col);
	double (*col_double)(struct stmt *st, int col);
	const char *(*col_text)(struct stmt *st, int col);
	const void *(*col_blob)(struct stmt *st, int col, size_t *n);
	int64_t (*changes)(struct store *s);
	const char *(*errmsg)(struct store *s);
	uint64_t (*data_version)(struct store *s);
	int (*backup)(struct store *s, const char *path);
	/* Schema changes roll back whole with their transaction and the store cannot be copied in
	 * process (PostgreSQL): migrating needs no copy first. */
	bool transactional_ddl;
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
void store_reset(struct stmt *st);
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
/* Creates or migrates the schema to SCHEMA_VERSION. 0 or -1. */
int store_migrate(struct store *s, struct gh_fail *f);
/* The schema version the binary writes. */
#define SCHEMA_VERSION 5

#endif
