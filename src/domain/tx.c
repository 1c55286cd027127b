/*
 * Write transactions (tx.h).
 */
#include "domain/tx.h"

#include "auth/audit.h"
#include "domain/stats.h"

int tx_begin(struct ctx *c)
{
	c->audit_id = 0;
	stats_discard(c);
	return store_begin(c->db);
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
	audit_publish_head(c);
	return 0;
}

void tx_rollback(struct ctx *c)
{
	stats_discard(c);
	c->audit_id = 0;
	store_rollback(c->db);
}
