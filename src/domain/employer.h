/*
 * Employers (用人单位), unionised or not, so that coverage is a real figure: 建会率 =
 * unionised employers / employers, 入会率 = members / employees of unionised employers. An
 * employer is registered under an organisation (the federation of its place, or its own union
 * once it has one) and carries that organisation's path, like every row that hangs off the tree.
 */
#ifndef GH_DOMAIN_EMPLOYER_H
#define GH_DOMAIN_EMPLOYER_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/ctx.h"

struct employer {
	int64_t id;
	int64_t org_id;
	const char *org_name;
	const char *path;
	const char *name;
	const char *credit_code; /* may be NULL */
	char division[13];
	int64_t headcount;
	int64_t union_id; /* 0: no union */
	int64_t created_at, updated_at;
};

struct employer_input {
	int64_t id; /* an existing employer to link (create), or 0 */
	const char *name;
	const char *credit_code;
	const char *division;
	int64_t headcount; /* -1: not given */
	int64_t org_id;
	bool demo; /* made by the demo generator */
};

struct employer_list {
	struct employer *items;
	int64_t n, total, offset, limit;
};

struct warning;

/* One employer in scope. */
enum gh_err employer_get(struct ctx *c, int64_t id, struct employer *out);
/* Employers in the subtree of org (0: the caller's own), filtered by q (name substring or
 * credit code) and unionised (-1 any, 0 no, 1 yes), ordered by name. */
enum gh_err employer_list(struct ctx *c, int64_t org, const char *q, int unionised, int64_t offset, int64_t limit,
                          struct employer_list *out);
/* Registers an employer under in->org_id. */
enum gh_err employer_create(struct ctx *c, const struct employer_input *in, struct employer *out, struct warning *warn,
                            int *n_warn);
/* Changes name, headcount or division (fields not given stay). */
enum gh_err employer_update(struct ctx *c, int64_t id, const struct employer_input *in, struct employer *out);

/* Internal: checks an employer's fields (name, credit code, division, headcount), normalising
 * the credit code into code (19 bytes); field_prefix names the JSON object ("employer."). */
enum gh_err employer_check(struct ctx *c, const struct employer_input *in, const char *field_prefix, bool create,
                           char code[19], char division[13], struct warning *warn, int *n_warn);
/* Internal: reads the employer row under the statement's cursor. */
void employer_read_row(struct ctx *c, struct stmt *st, struct employer *e);

#endif
