/*
 * Demo people for `gonghui init --demo` (UI.md, "Living from the first minute"): members of the
 * demo unions under 赣榆区 with synthetic but valid ID numbers and the real mix of women,
 * migrant, new-form and party members, plus a few open cases with their history. Deterministic:
 * the same seed gives the same people. Everything is marked demo. The benchmark generator of
 * issue 5 reuses demo_id_number() and the mix.
 */
#ifndef GH_DOMAIN_DEMO_H
#define GH_DOMAIN_DEMO_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/ctx.h"

/* A valid synthetic ID number of county code county6, born on y-m-d, with sequence seq (its
 * parity gives the sex: odd male). */
void demo_id_number(const char *county6, int y, int m, int d, int seq, char out[19]);
struct person_input;
/* A synthetic person's particulars with the national mix (42% women decided by the caller, 14%
 * party members, 35% agricultural households, 10% new forms of employment, …); idn is theirs,
 * name and phone go to the caller's buffers. The benchmark generator uses it too. */
void demo_particulars(uint64_t *s, bool woman, const char *idn, struct person_input *in, char name[64], char phone[16]);
/* Adds members to every demo union in the store, and open join applications and a transfer. */
enum gh_err demo_people(struct ctx *c, uint64_t seed, int64_t *members, int64_t *cases);

/* The modules' demo data under 赣榆区, each in its own file (demo_<module>.c), called by
 * demo_people() in the order of its list; each adds the cases it opens to *cases. */
/* 维权 */
/* Collective contracts (two expiring within 90 days), supervision notices, service items. */
enum gh_err demo_contracts(struct ctx *c, uint64_t seed, int64_t *cases);
/* Wage arrears and mediation cases at the demo employers (demo_arrears.c). */
enum gh_err demo_arrears(struct ctx *c, uint64_t seed, int64_t *cases);
/* 12351 hotline cases in every state, one overdue and escalated (demo_rights.c). */
enum gh_err demo_hotline(struct ctx *c, uint64_t seed, int64_t *cases);

/* services */
enum gh_err demo_hardship(struct ctx *c, uint64_t seed, int64_t *cases);
enum gh_err demo_mutual_aid(struct ctx *c, uint64_t seed, int64_t *cases);
/* Thirty service stations around 赣榆区 (demo_stations.c). */
enum gh_err demo_stations(struct ctx *c, uint64_t seed, int64_t *cases);

#endif
