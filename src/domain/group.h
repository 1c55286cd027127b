/*
 * Group commit of write requests (docs/decisions/0012-group-commit.md). Threads that have a
 * write to do queue it as a job and wait; one of them at a time becomes the leader, takes every
 * job queued so far (at most GROUP_MAX, no waiting for more), runs them one after the other on
 * the batches' writer connection in one transaction, each in its own savepoint, commits once,
 * and only then wakes the others (each on its own semaphore) and hands the audit head to its
 * writer: nothing is answered before it is durable (docs/decisions/0014). A job
 * that fails undoes its own writes only; a batch whose COMMIT fails has nothing visible and
 * every job of it learns so.
 */
#ifndef GH_DOMAIN_GROUP_H
#define GH_DOMAIN_GROUP_H

#include <semaphore.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

#define GROUP_MAX 256 /* jobs per batch */

struct group_job {
	/* Runs on the leader's thread and connection, inside the batch. true keeps the job's writes,
	 * false undoes them (the domain has usually rolled back its own transaction already). */
	bool (*run)(struct group_job *j, struct store *db);
	void *arg;
	/* the queue's own */
	struct group_job *next;
	bool done;      /* its batch has ended */
	bool committed; /* and was committed (durable) */
	sem_t wake;     /* posted once: the batch ended, or the job's thread leads next */
};

/* Group commit on (or off) for the store at url; off, or on a backend without batches
 * (PostgreSQL), group_enabled() is false and callers run their writes themselves. */
void group_init(const char *url, bool on);
bool group_enabled(void);
/* Closes the batches' writer connection (opened again by the next batch); call it once no
 * write can be queued (serve's shutdown). */
void group_close(void);
/* Queues j and returns when its batch has ended: true if committed (durable), false if the
 * batch failed (nothing of it remains). j->run has run at most once either way. */
bool group_submit(struct group_job *j);

struct group_stats {
	uint64_t batches, jobs, failed_batches, largest;
};
void group_stats_get(struct group_stats *out);
/* Jobs waiting for a leader (tests). */
int group_queued(void);

#endif
