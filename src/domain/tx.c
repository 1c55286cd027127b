/*
 * Write transactions (tx.h).
 */
#include "domain/tx.h"

#include <pthread.h>
#include <string.h>

#include "auth/audit.h"
#include "domain/stats.h"
#include "store/batch.h"

/* The audit head a batch's jobs would have published, waiting for the batch's COMMIT: the
 * leader's thread runs the whole batch, so one per thread. */
static _Thread_local struct tx_head deferred;

int tx_begin(struct ctx *c)
{
	/* A write ends the request's read snapshot (route.c) first: the write transaction then
	 * takes the writers' lock and reads the newest data, as it always did. */
	if (c->snapshot) {
		store_rollback(c->db);
		c->snapshot = false;
	}
	c->audit_id = 0;
	stats_discard(c);
	return store_begin(c->db);
}

/* Inside a batch the head may only move once the batch is durable: keep the newest. */
static void defer_head(struct ctx *c)
{
	if (c->audit_id > deferred.id) {
		deferred.id = c->audit_id;
		memcpy(deferred.mac, c->audit_mac, sizeof(deferred.mac));
		memcpy(deferred.path, c->audit_head, sizeof(deferred.path));
	}
	c->audit_id = 0;
}

int tx_commit(struct ctx *c)
{
	if (stats_flush(c) < 0) {
		tx_rollback(c);
		return -1;
	}
	if (store_commit(c->db) < 0) {
		c->audit_id = 0;
		return -1;
	}
	if (store_batched(c->db))
		defer_head(c);
	else
		audit_publish_head(c);
	return 0;
}

void tx_rollback(struct ctx *c)
{
	stats_discard(c);
	c->audit_id = 0;
	store_rollback(c->db);
}

void tx_head_get(struct tx_head *out)
{
	*out = deferred;
}

void tx_head_set(const struct tx_head *h)
{
	deferred = *h;
}

/* The head's writer: one thread, started at the first batch, writes the newest head handed to it
 * (an fsync each). Leaders hand their head over and go on; heads handed over while a write runs
 * are folded into the newest. One fsync of the head at a time instead of a queue of leaders each
 * waiting on the head file's lock to write a head already out of date. */
static pthread_mutex_t pub_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pub_cond = PTHREAD_COND_INITIALIZER; /* a head to write; a write ended */
static struct tx_head pub_next;                            /* id 0: nothing to write */
static bool pub_busy, pub_started;

static void write_head(const struct tx_head *h)
{
	static _Thread_local struct ctx c;
	c.audit_id = h->id;
	memcpy(c.audit_mac, h->mac, sizeof(c.audit_mac));
	memcpy(c.audit_head, h->path, sizeof(c.audit_head));
	audit_publish_head(&c);
}

static void *publisher(void *arg)
{
	(void)arg;
	static struct tx_head h;
	pthread_mutex_lock(&pub_lock);
	for (;;) {
		while (!pub_next.id)
			pthread_cond_wait(&pub_cond, &pub_lock);
		h = pub_next;
		pub_next.id = 0;
		pub_busy = true;
		pthread_mutex_unlock(&pub_lock);
		write_head(&h);
		pthread_mutex_lock(&pub_lock);
		pub_busy = false;
		pthread_cond_broadcast(&pub_cond);
	}
	return NULL;
}

void tx_head_publish(void)
{
	if (!deferred.id)
		return;
	pthread_mutex_lock(&pub_lock);
	if (!pub_started) {
		pthread_t t;
		pthread_attr_t at;
		pthread_attr_init(&at);
		pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
		pub_started = pthread_create(&t, &at, publisher, NULL) == 0;
		pthread_attr_destroy(&at);
	}
	if (!pub_started) { /* no thread: write it here */
		pthread_mutex_unlock(&pub_lock);
		write_head(&deferred);
		deferred.id = 0;
		return;
	}
	if (deferred.id > pub_next.id)
		pub_next = deferred;
	pthread_cond_broadcast(&pub_cond);
	pthread_mutex_unlock(&pub_lock);
	deferred.id = 0;
}

void tx_head_flush(void)
{
	pthread_mutex_lock(&pub_lock);
	while (pub_next.id || pub_busy)
		pthread_cond_wait(&pub_cond, &pub_lock);
	pthread_mutex_unlock(&pub_lock);
}
