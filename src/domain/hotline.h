/*
 * The 12351 hotline's own rules beside its case type (flow_hotline.c): the vocabularies of
 * CONTRACT.md (demand types, categories, tiers, satisfaction) with their labels, the time-limit
 * tiers each installation keeps in its store (hotline_tier), the calendar-day deadline rule, and
 * the places below a place (the division picker). The API (api_rights.c) and the case type call
 * these; nothing here writes a case.
 */
#ifndef GH_DOMAIN_HOTLINE_H
#define GH_DOMAIN_HOTLINE_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/ctx.h"

/* A token of a vocabulary with its labels. */
struct hotline_word {
	const char *token, *zh, *en;
};

/* The vocabularies, NULL-token terminated (static). */
extern const struct hotline_word hotline_demand_types[]; /* consult 问题咨询 … suggestion 意见建议 */
extern const struct hotline_word hotline_categories[];   /* wage_arrears 欠薪 … other 其他 */
extern const struct hotline_word hotline_tier_words[];   /* normal, difficult, complex, complaint */
extern const struct hotline_word hotline_satisfactions[];
/* The entry of token in vocabulary v, or NULL. */
const struct hotline_word *hotline_word_find(const struct hotline_word *v, const char *token);

/* The time limits of one tier, in calendar days: the first response (签收) and the resolution
 * (办结, counted from the acceptance). "complaint" is the 信访投诉 row (信访工作条例: 15 and 60). */
enum hotline_tier { HOTLINE_NORMAL, HOTLINE_DIFFICULT, HOTLINE_COMPLEX, HOTLINE_COMPLAINT, HOTLINE_TIER__MAX };

struct hotline_limits {
	const char *tier; /* token */
	int first_days, resolve_days;
	int default_first, default_resolve;
	int64_t updated_at; /* 0: never changed */
};

#define HOTLINE_FIRST_MAX   60
#define HOTLINE_RESOLVE_MAX 365

/* The limits of every tier as the store keeps them (defaults for a missing row), in the order of
 * enum hotline_tier. GH_OK or GH_EIO. */
enum gh_err hotline_tiers_get(struct ctx *c, struct hotline_limits out[HOTLINE_TIER__MAX]);
/* The limits of the tier token (a tier or "complaint"). GH_OK, GH_EINVAL (unknown) or GH_EIO. */
enum gh_err hotline_limits_of(struct ctx *c, const char *tier, struct hotline_limits *out);
/* Changes the limits of n tiers (admin only, one transaction, audited): in[i].tier must be a
 * tier token, 1 <= first_days <= HOTLINE_FIRST_MAX, first_days <= resolve_days <=
 * HOTLINE_RESOLVE_MAX; errors name the field "items.<i>.<key>". Cases keep the deadlines they
 * have; the new limits apply to deadlines set from now on. */
enum gh_err hotline_tiers_set(struct ctx *c, const struct hotline_limits *in, int n);

/* The deadline of a period of `days` calendar days that starts at t: the end (24:00, Asia/Shanghai)
 * of the days-th day after t's day (民法典 第二百零一条, 第二百零三条: the first day is not counted;
 * the period ends at 24:00 of its last day). No holiday calendar: calendar days, as decided in
 * docs/decisions/0006. */
int64_t hotline_deadline(int64_t t, int days);

/* A place of the division picker. */
struct hotline_place {
	char code[13];
	const char *name;
	int level;
};
/* The places right below parent (a 2–12-digit code; NULL or "": the provinces), at most 1000,
 * into *out (arena) and *n. GH_EINVAL field "parent" for a malformed code. */
enum gh_err hotline_places(struct ctx *c, const char *parent, struct hotline_place **out, int *n);

#endif
