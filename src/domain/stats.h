/*
 * Subtree counters (org_stats): the figures of every organisation's subtree, itself included,
 * kept exact in the same transaction as every write and read back as one small range.
 * A write reports what changed where (stats_add with the organisation's path); the deltas are
 * summed per ancestor and applied once per ancestor when the transaction commits (tx.c).
 * stats_verify() recomputes every figure from the base tables.
 */
#ifndef GH_DOMAIN_STATS_H
#define GH_DOMAIN_STATS_H

#include <stdint.h>
#include <stdio.h>

#include "domain/ctx.h"

enum metric {
	STAT_ORGS,                /* organisations */
	STAT_FEDERATIONS,         /* federations (national … town, regional, industry) */
	STAT_GRASSROOTS,          /* grassroots unions (enterprise … joint, village, community) */
	STAT_MEMBERS,             /* active members */
	STAT_EMPLOYERS,           /* employers, unionised or not */
	STAT_UNIONISED_EMPLOYERS, /* employers with a union */
	STAT_EMPLOYEES,           /* headcount of unionised employers */
	STAT__MAX
};

const char *stat_token(enum metric m);

/* Adds delta to metric m of the organisation at path and of all its ancestors. 0 or -1. */
int stats_add(struct ctx *c, const char *path, enum metric m, int64_t delta);
/* Applies the accumulated deltas (inside the write transaction) and forgets them. 0 or -1. */
int stats_flush(struct ctx *c);
/* Drops the accumulated deltas (on rollback). */
void stats_discard(struct ctx *c);
/* Reads the figures of one organisation's subtree. 0 or -1. */
int stats_read(struct store *db, int64_t org_id, int64_t out[STAT__MAX]);

/* Recomputes every figure from the base tables and compares; prints each difference to out
 * (may be NULL). Returns the number of differences, or -1 on error. */
int64_t stats_verify(struct store *db, FILE *out);
/* Recomputes every figure and replaces the counters (inside the caller's transaction). */
int stats_rebuild(struct store *db);

#endif
