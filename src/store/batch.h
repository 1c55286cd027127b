/*
 * Group commit at the store (docs/decisions/0012-group-commit.md): one connection runs several
 * jobs in one transaction, each inside its own savepoint, and commits them with one durable
 * COMMIT. While a batch is open, store_begin/store_commit/store_rollback of the jobs become
 * SAVEPOINT/RELEASE/ROLLBACK TO, so domain code runs unchanged. SQLite only: PostgreSQL groups
 * concurrent commits itself (commit_delay, commit_siblings).
 */
#ifndef GH_STORE_BATCH_H
#define GH_STORE_BATCH_H

#include <stdbool.h>

#include "store/store.h"

/* true if the backend of s can run batches (SQLite). */
bool store_batch_supported(struct store *s);
/* Opens the batch's transaction (BEGIN IMMEDIATE: the write lock at once). 0 or -1. */
int store_batch_begin(struct store *s);
/* Commits the batch with one COMMIT (synchronous=FULL: durable when it returns 0). On -1 the
 * whole batch is rolled back: nothing of it is visible. */
int store_batch_commit(struct store *s);
/* Rolls the whole batch back. */
void store_batch_rollback(struct store *s);
/* true while s runs a batch. */
bool store_batched(struct store *s);
/* A job's own savepoint: begin before the job; end after it, keeping its writes or undoing them
 * all (a transaction the job left open is rolled back first). end answers -1 when the batch's
 * transaction is gone (SQLite rolls back everything on an I/O error or a full disk): the batch
 * has failed as a whole. */
int store_job_begin(struct store *s);
int store_job_end(struct store *s, bool keep);

#endif
