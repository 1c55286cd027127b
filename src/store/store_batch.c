/*
 * Group commit at the store (batch.h). The savepoint names are fixed: "job" around each job,
 * "tx" for the domain's transactions inside it (store.c); SQLite allows the nesting.
 */
#include "store/batch.h"

#include "base/log.h"
#include "store/store_impl.h"

bool store_batch_supported(struct store *s)
{
	return s->ops == &store_sqlite_ops;
}

bool store_batched(struct store *s)
{
	return s->batch;
}

int store_batch_begin(struct store *s)
{
	if (!store_batch_supported(s) || s->batch || s->tx_depth)
		return -1;
	if (s->ops->exec(s, "BEGIN IMMEDIATE") < 0) {
		log_error("group commit: cannot begin: %s", s->ops->errmsg(s));
		return -1;
	}
	s->batch = true;
	return 0;
}

/* true while the batch's transaction is still open on the connection */
static bool batch_alive(struct store *s)
{
	return store_sqlite_tx_open(s);
}

void store_batch_rollback(struct store *s)
{
	if (batch_alive(s))
		s->ops->exec(s, "ROLLBACK");
	s->batch = false;
	s->tx_depth = 0;
}

int store_batch_commit(struct store *s)
{
	if (!s->batch)
		return -1;
	if (!batch_alive(s)) {
		store_batch_rollback(s);
		return -1;
	}
	s->batch = false;
	s->tx_depth = 0;
	if (s->ops->exec(s, "COMMIT") < 0) {
		log_error("group commit: COMMIT failed: %s", s->ops->errmsg(s));
		if (batch_alive(s))
			s->ops->exec(s, "ROLLBACK");
		return -1;
	}
	return 0;
}

int store_job_begin(struct store *s)
{
	if (!s->batch || !batch_alive(s))
		return -1;
	return s->ops->exec(s, "SAVEPOINT job");
}

int store_job_end(struct store *s, bool keep)
{
	if (s->tx_depth) { /* a transaction the job left open: never half of one */
		s->ops->exec(s, "ROLLBACK TO tx; RELEASE tx");
		s->tx_depth = 0;
		keep = false;
	}
	if (!batch_alive(s))
		return -1;
	if (!keep && s->ops->exec(s, "ROLLBACK TO job") < 0)
		return -1;
	if (s->ops->exec(s, "RELEASE job") < 0)
		return -1;
	return batch_alive(s) ? 0 : -1;
}
