/*
 * Dues (会费, research/domain-security.md A4.4): 0.5% of the monthly wage base, the part of the
 * base under ten yuan not counted, in fen: amount = floor(base / 10 yuan) × 10 yuan × 0.5%, which
 * is exactly floor(base_fen / 1000) × 5 fen. The rule's version is stored with each entry so a
 * later rule never rewrites the past. One entry per membership and month; members with 保留会籍
 * are exempt; only 在会 memberships owe dues.
 */
#ifndef GH_DOMAIN_DUES_H
#define GH_DOMAIN_DUES_H

#include <stdint.h>

#include "domain/ctx.h"
#include "domain/member.h"

#define DUES_RULE         "acftu-0.5pct-floor10-v1"
#define DUES_BASE_MAX_FEN INT64_C(100000000) /* 1,000,000 yuan a month: beyond it, a typo */

/* The dues of a monthly base under DUES_RULE. */
int64_t dues_amount(int64_t base_fen);

struct dues_entry {
	int64_t id, membership_id;
	const char *name, *member_no, *month, *rule, *paid_on;
	int64_t base_fen, amount_fen;
};

struct dues_list {
	struct dues_entry *items;
	int64_t n, total, offset, limit, sum_fen;
};

/* Records the dues of a membership in scope for a month ("YYYY-MM"). paid_on defaults to today. */
enum gh_err dues_record(struct ctx *c, int64_t membership_id, const char *month, int64_t base_fen, const char *paid_on,
                        struct dues_entry *out);
/* A member's dues history, newest month first. */
enum gh_err dues_of_member(struct ctx *c, int64_t membership_id, int64_t offset, int64_t limit, struct dues_list *out);
/* The dues history of one of the caller's own memberships (a member reading their data). */
enum gh_err dues_of_member_self(struct ctx *c, int64_t membership_id, struct dues_list *out);
/* The entries of a month in the subtree of org (0: the caller's), with their count and sum. */
enum gh_err dues_month(struct ctx *c, int64_t org, const char *month, int64_t offset, int64_t limit,
                       struct dues_list *out);
/* The 在会 members of the subtree who joined by the month's end and have no entry for it. */
enum gh_err dues_unpaid(struct ctx *c, int64_t org, const char *month, int64_t offset, int64_t limit,
                        struct member_list *out);

#endif
