/*
 * The synthetic country of the benchmark suite (BENCHMARKS.md "The data"): grassroots unions
 * spread over the real villages and communities (communities weighted three to one, as employers
 * crowd into towns), union sizes heavy-tailed, members with valid synthetic ID numbers of their
 * union's county and the national mix of women, party members, migrant and new-form workers,
 * ages 16–65. Everything goes through the domain (person_save, membership_create, org_create), so
 * the data is sealed, indexed and counted exactly as real data is. The same seed gives the same
 * country.
 */
#ifndef GH_DOMAIN_GEN_H
#define GH_DOMAIN_GEN_H

#include <stdint.h>

#include "domain/ctx.h"

struct gen_options {
	int64_t members;   /* how many members in all */
	int64_t per_union; /* average members per grassroots union (default 100) */
	uint64_t seed;
	/* called every few thousand members (may be NULL) */
	void (*progress)(void *arg, int64_t unions, int64_t members);
	void *arg;
};

struct gen_result {
	int64_t unions, members;
};

/* Adds the synthetic country to a store that holds the national tree (and nothing of the kind
 * yet): a transaction per union. */
enum gh_err gen_country(struct ctx *c, const struct gen_options *o, struct gen_result *out);

#endif
