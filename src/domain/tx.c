/*
 * Write transactions (tx.h).
 */
#include "domain/tx.h"

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

void tx_head_publish(void)
{
	if (deferred.id) {
		static _Thread_local struct ctx c;
		c.audit_id = deferred.id;
		memcpy(c.audit_mac, deferred.mac, sizeof(c.audit_mac));
		memcpy(c.audit_head, deferred.path, sizeof(c.audit_head));
		audit_publish_head(&c);
	}
	deferred.id = 0;
}
