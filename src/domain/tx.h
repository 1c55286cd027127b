/*
 * Write transactions of the domain: begin takes the store's write lock; commit first applies
 * the subtree counter deltas gathered during the transaction (stats.c), then commits, then
 * publishes the audit chain's head (audit.c). Rollback forgets both.
 *
 * Inside a group-commit batch (domain/group.h) the same calls are savepoints of the batch's
 * transaction, and the head a commit would publish waits (per thread) for the batch's own
 * COMMIT: the head kept outside the database never names a row that is not durable.
 */
#ifndef GH_DOMAIN_TX_H
#define GH_DOMAIN_TX_H

#include <stdint.h>

#include "domain/ctx.h"

int tx_begin(struct ctx *c);
int tx_commit(struct ctx *c);
void tx_rollback(struct ctx *c);

/* The audit head waiting for the batch of the calling thread (id 0: none). get/set let the batch
 * put it back when it undoes a job; publish writes it out after the COMMIT (and clears it);
 * setting a zero head forgets it (a failed batch). */
struct tx_head {
	int64_t id;
	unsigned char mac[32];
	char path[sizeof(((struct ctx *)0)->audit_head)];
};
void tx_head_get(struct tx_head *out);
void tx_head_set(const struct tx_head *h);
/* Hands the calling thread's waiting head to the head's writer (a thread of its own), which
 * writes the newest head it has been given; the head never names a row a COMMIT has not made
 * durable, and lags the database by the batches committed during one write of the head file. */
void tx_head_publish(void);
/* Returns once every head handed over has been written (serve's shutdown, tests). */
void tx_head_flush(void);

#endif
