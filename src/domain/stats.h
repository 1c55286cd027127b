/*
 * Subtree counters: the figures of every organisation's subtree, itself included, kept exact in
 * the same transaction as every write and read back as one small range (org_stat), plus figures
 * by month (org_stat_month: joins and leavings). A write reports what changed where
 * (stats_add with the organisation's path); the deltas are summed per ancestor and applied once
 * per ancestor when the transaction commits (tx.c). stats_verify() recomputes every figure from
 * the base tables.
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
	STAT_MEMBERS,             /* members in good standing (在会) */
	STAT_EMPLOYERS,           /* employers, unionised or not */
	STAT_UNIONISED_EMPLOYERS, /* employers with a union */
	STAT_EMPLOYEES,           /* headcount of unionised employers */
	STAT_RETAINED,            /* memberships retained (保留会籍) */
	STAT_WOMEN,               /* members who are women */
	STAT_MIGRANT,             /* members who are migrant workers (农民工) */
	STAT_NEW_FORM,            /* members in new forms of employment */
	STAT_PARTY,               /* members of the Communist Party (full or probationary) */
	STAT_OPEN_CASES,          /* cases handled in the subtree that are not closed */
	STAT__MAX
};

/* Members by birth year: metric STAT_BIRTH_BASE + (year - STAT_BIRTH_FIRST). */
#define STAT_BIRTH_BASE  100
#define STAT_BIRTH_FIRST 1900
#define STAT_BIRTH_YEARS 201

/* Case types' counters (flow.h, struct flow_type.stat_base): each type owns 20 metrics from its
 * base, STAT_CASE_BASE + 20 * k, k fixed per type (join 0, transfer 1, hotline 2, wage arrears 3,
 * mediation 4, hardship 5, mutual-aid claim 6; the next type takes the next k). */
#define STAT_CASE_BASE 1000
#define STAT_CASE_SLOT 20

/* Figures by month (org_stat_month), month as yyyymm. */
enum month_metric { MONTH_JOINS = 1, MONTH_LEAVES = 2 };

const char *stat_token(enum metric m);

/* Adds delta to metric m of the organisation at path and of all its ancestors. 0 or -1. */
int stats_add(struct ctx *c, const char *path, int m, int64_t delta);
/* The same for a figure of a month (yyyymm). */
int stats_add_month(struct ctx *c, const char *path, int month, enum month_metric m, int64_t delta);
/* Applies the accumulated deltas (inside the write transaction) and forgets them. 0 or -1. */
int stats_flush(struct ctx *c);
/* Drops the accumulated deltas (on rollback). */
void stats_discard(struct ctx *c);
/* Reads the figures of one organisation's subtree. 0 or -1. */
int stats_read(struct store *db, int64_t org_id, int64_t out[STAT__MAX]);
/* Reads metrics [first, first + n) of one organisation's subtree into out. 0 or -1. */
int stats_read_range(struct store *db, int64_t org_id, int first, int n, int64_t *out);
/* Every counter of one organisation in one read: the figures, members by birth year and the
 * case types' slots (STAT_CASE_SLOTS from STAT_CASE_BASE). */
#define STAT_CASE_SLOTS (32 * STAT_CASE_SLOT)
struct stat_all {
	int64_t figures[STAT__MAX];
	int64_t births[STAT_BIRTH_YEARS];
	int64_t cases[STAT_CASE_SLOTS];
};
/* Reads them (the three reads below in one statement). 0 or -1. */
int stats_read_all(struct store *db, int64_t org_id, struct stat_all *out);
/* Members by birth year: births[i] for year STAT_BIRTH_FIRST + i. 0 or -1. */
int stats_read_births(struct store *db, int64_t org_id, int64_t births[STAT_BIRTH_YEARS]);
/* Joins and leavings of the months [from, to] (yyyymm), oldest first, into joins[] and
 * leaves[] of n slots (one per month). 0 or -1. */
int stats_read_months(struct store *db, int64_t org_id, int from, int n, int64_t *joins, int64_t *leaves);
/* Moves a whole subtree's figures (all metrics, all months) from the ancestors of old_parent_path
 * to those of new_parent_path. 0 or -1. */
int stats_move_subtree(struct ctx *c, int64_t org_id, const char *old_parent_path, const char *new_parent_path);

/* Recomputes every figure from the base tables and compares; prints each difference to out
 * (may be NULL). Returns the number of differences, or -1 on error. */
int64_t stats_verify(struct store *db, FILE *out);
/* stats_verify inside the caller's open transaction (gonghui migrate checks what it loaded
 * before it commits). */
int64_t stats_verify_tx(struct store *db, FILE *out);
/* Recomputes every figure and replaces the counters (inside the caller's transaction). */
int stats_rebuild(struct store *db);

/* yyyymm of a "YYYY-MM-DD" date (0 if malformed). */
int stats_month_of(const char *date);

#endif
