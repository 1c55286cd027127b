/*
 * Medical mutual aid (职工医疗互助, PRODUCT.md capability 4; research A4.13): a federation or a
 * union keeps plans for a calendar year — the contribution per member, the waiting period and the
 * benefit rule as data — and unions enrol their own members in the plans of their organisation or
 * of an ancestor. Claims for hospital stays are cases of type mutual_aid_claim
 * (flow_mutual_aid_claim.c): the benefit is computed by the plan's rule when the claim is filed,
 * fixed when it is approved, and the payment is recorded when it closes.
 *
 * The rule (mutual_aid_benefit) is a pure function over integers: amounts in fen, the ratio in
 * basis points (1/10000), rounding half up, so the same claim gives the same fen everywhere.
 * The enrolled members of a subtree are counted from the enrolment table's path index (one range),
 * the claims' figures by the case engine's counters.
 */
#ifndef GH_DOMAIN_MUTUAL_AID_H
#define GH_DOMAIN_MUTUAL_AID_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "domain/ctx.h"

/* Bounds of the plan's figures (fen; 1 yuan = 100 fen). */
#define MA_RATIO_ONE       10000                /* basis points of 100% */
#define MA_MAX_FEN         INT64_C(10000000000) /* 1 亿元: any amount of a plan or a claim */
#define MA_MAX_WAITING     730                  /* days */
#define MA_MAX_ENROL_BATCH 500                  /* memberships per enrolment request */

/* The benefit rule of a plan. */
struct ma_rule {
	int64_t deductible_fen;    /* 起付线 */
	int64_t ratio_bp;          /* 补助比例, basis points, 1..10000 */
	int64_t cap_per_claim_fen; /* 单次最高补助 */
	int64_t yearly_cap_fen;    /* 年度累计最高补助, per member */
};

/* One claim's benefit, step by step (what the claim page explains). */
struct ma_benefit {
	int64_t eligible_fen;        /* the eligible cost (negative counts as 0) */
	int64_t over_deductible_fen; /* max(0, eligible − deductible) */
	int64_t by_ratio_fen;        /* over_deductible × ratio, rounded half up to the fen */
	int64_t after_claim_cap_fen; /* min(by_ratio, cap per claim) */
	int64_t used_fen;            /* benefits approved or paid before, same member, plan and year */
	int64_t yearly_left_fen;     /* max(0, yearly cap − used) */
	int64_t benefit_fen;         /* min(after_claim_cap, yearly_left) — never below zero */
};

/* amount_fen × ratio_bp / 10000, rounded half up (amount and ratio non-negative). */
int64_t mutual_aid_ratio_fen(int64_t amount_fen, int64_t ratio_bp);
/* Applies the rule to one claim: per claim min(cap per claim, (eligible − deductible) × ratio),
 * never below zero, and never past what the yearly cap leaves after used_fen. Pure. */
void mutual_aid_benefit(const struct ma_rule *r, int64_t eligible_fen, int64_t used_fen, struct ma_benefit *out);
/* The steps of b under r as JSON (a new reference): the figures of both, for the claim's payload. */
json_t *mutual_aid_benefit_json(const struct ma_rule *r, const struct ma_benefit *b);

struct ma_plan {
	int64_t id, org_id;
	const char *org_name, *path, *name;
	int year;
	int64_t contribution_fen;
	int waiting_days;
	struct ma_rule rule;
	bool enrolment_open, demo;
	int64_t created_at, updated_at;
	int64_t enrolments; /* all of them; the rule is frozen once there is one */
	bool editable;      /* the caller may change it (it lies in their scope) */
};

/* Input of create and update; `set` says which fields an update carries (create: all but
 * MA_SET_OPEN are required). */
enum {
	MA_SET_NAME = 1 << 0,
	MA_SET_YEAR = 1 << 1,
	MA_SET_CONTRIBUTION = 1 << 2,
	MA_SET_WAITING = 1 << 3,
	MA_SET_DEDUCTIBLE = 1 << 4,
	MA_SET_RATIO = 1 << 5,
	MA_SET_CAP = 1 << 6,
	MA_SET_YEARLY = 1 << 7,
	MA_SET_OPEN = 1 << 8,
	MA_SET_RULE = MA_SET_YEAR | MA_SET_CONTRIBUTION | MA_SET_WAITING | MA_SET_DEDUCTIBLE | MA_SET_RATIO |
	              MA_SET_CAP | MA_SET_YEARLY,
};

struct ma_plan_input {
	unsigned set;
	int64_t org_id; /* create only: the owning organisation (0: the caller's own) */
	const char *name;
	int64_t year, contribution_fen, waiting_days, deductible_fen, ratio_bp, cap_per_claim_fen, yearly_cap_fen;
	bool enrolment_open;
	bool demo;
};

struct ma_plan_list {
	struct ma_plan *items;
	int64_t n, total, offset, limit;
};

/* Creates a plan owned by in->org_id (in the caller's scope), one transaction. */
enum gh_err mutual_aid_plan_create(struct ctx *c, const struct ma_plan_input *in, struct ma_plan *out);
/* Changes the fields of in->set of a plan in the caller's scope: the name and whether enrolment is
 * open at any time, the year, contribution, waiting period and rule only while nobody is enrolled
 * (409). A plan the caller only sees (an ancestor's) is 403. */
enum gh_err mutual_aid_plan_update(struct ctx *c, int64_t id, const struct ma_plan_input *in, struct ma_plan *out);
/* One plan the caller sees: owned in their scope or by an ancestor of their organisation (a
 * member: of their union). GH_ENOTFOUND otherwise. */
enum gh_err mutual_aid_plan_get(struct ctx *c, int64_t id, struct ma_plan *out);
/* The plans seen from org (0: the caller's own): owned in its subtree or by its ancestors; year 0
 * any. Newest year first. */
enum gh_err mutual_aid_plan_list(struct ctx *c, int64_t org, int year, int64_t offset, int64_t limit,
                                 struct ma_plan_list *out);
/* Reads a plan without a scope check (for the claim type's hooks). 1 found, 0 none, -1 error. */
int mutual_aid_plan_load(struct ctx *c, int64_t id, struct ma_plan *out);

struct ma_enrolment {
	int64_t id, plan_id, membership_id, person_id, org_id;
	const char *org_name, *path, *name, *member_no;
	int year;
	const char *enrolled_on;
	int64_t contribution_fen;
	bool demo;
	int64_t created_at;
};

struct ma_enrolment_list {
	struct ma_enrolment *items;
	int64_t n, total, offset, limit;
	int64_t contributions_fen; /* the sum over all of them (not just this page) */
};

/* Enrols the members of membership_ids[0..n) in a plan, all or none (one transaction): each
 * membership in the caller's scope (404, field membership_ids.i), active (409), at a union the
 * plan covers (400), not enrolled yet (409 duplicate); the plan open for enrolment and its year not
 * over (409). on: the enrolment date (NULL: today; the demo data backdates). out receives the new
 * enrolments. */
enum gh_err mutual_aid_enrol(struct ctx *c, int64_t plan_id, const int64_t *membership_ids, int n, const char *on,
                             bool demo, struct ma_enrolment_list *out);
/* The enrolments of a plan the caller sees, inside org's subtree (0: the caller's scope), by name. */
enum gh_err mutual_aid_enrolments(struct ctx *c, int64_t plan_id, int64_t org, int64_t offset, int64_t limit,
                                  struct ma_enrolment_list *out);
/* The enrolment of a person in a plan, any scope (for the claim type). 1, 0 none, -1 error. */
int mutual_aid_enrolment_of(struct ctx *c, int64_t plan_id, int64_t person_id, struct ma_enrolment *out);
/* The first day a stay may begin for an enrolment: the cover starts on the enrolment date or on
 * 1 January of the plan's year, whichever is later, and the waiting period runs from there. */
void mutual_aid_waiting_ends(const struct ma_plan *p, const char *enrolled_on, char out[11]);
/* The benefits approved or paid to a person under a plan (its year), leaving out case except_id
 * (0: none). GH_OK or GH_EIO. */
enum gh_err mutual_aid_used(struct ctx *c, int64_t person_id, int64_t plan_id, int64_t except_id, int64_t *used_fen);

/* A member's own enrolments with their plans and what is left of each yearly cap. */
struct ma_mine {
	struct ma_enrolment e;
	struct ma_plan plan;
	int64_t used_fen, left_fen;
	char waiting_ends_on[11];
};
enum gh_err mutual_aid_mine(struct ctx *c, struct ma_mine **out, int *n);

/* The figures of a subtree: enrolments (a COUNT over the path index, year 0: every year),
 * distinct members enrolled, contributions collected; and the claims' counters. */
struct ma_stats {
	int64_t org_id;
	int year;
	int64_t enrolments, members, contributions_fen;
	int64_t claims_open, claims_closed, claims_overdue, claims_paid, paid_fen, approved_fen;
};
enum gh_err mutual_aid_stats(struct ctx *c, int64_t org, int year, struct ma_stats *out);

#endif
