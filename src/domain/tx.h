/*
 * Write transactions of the domain: begin takes the store's write lock; commit first applies
 * the subtree counter deltas gathered during the transaction (stats.c), then commits, then
 * publishes the audit chain's head (audit.c). Rollback forgets both.
 */
#ifndef GH_DOMAIN_TX_H
#define GH_DOMAIN_TX_H

#include "domain/ctx.h"

int tx_begin(struct ctx *c);
int tx_commit(struct ctx *c);
void tx_rollback(struct ctx *c);

#endif
