/*
 * Demo people for `gonghui init --demo` (UI.md, "Living from the first minute"): members of the
 * demo unions under 赣榆区 with synthetic but valid ID numbers and the real mix of women,
 * migrant, new-form and party members, plus a few open cases with their history. Deterministic:
 * the same seed gives the same people. Everything is marked demo. The benchmark generator of
 * issue 5 reuses demo_id_number() and the mix.
 */
#ifndef GH_DOMAIN_DEMO_H
#define GH_DOMAIN_DEMO_H

#include <stdint.h>

#include "domain/ctx.h"

/* A valid synthetic ID number of county code county6, born on y-m-d, with sequence seq (its
 * parity gives the sex: odd male). */
void demo_id_number(const char *county6, int y, int m, int d, int seq, char out[19]);
/* Adds members to every demo union in the store, and open join applications and a transfer. */
enum gh_err demo_people(struct ctx *c, uint64_t seed, int64_t *members, int64_t *cases);

/* The modules' demo data under 赣榆区, each in its own file (demo_<module>.c), called by
 * demo_people() in the order of its list; each adds the cases it opens to *cases. */
/* 维权 */
/* 12351 hotline cases in every state, one overdue and escalated (demo_rights.c). */
enum gh_err demo_hotline(struct ctx *c, uint64_t seed, int64_t *cases);

/* services */

#endif
