/*
 * The directory of unions: what any logged-in account may search to find where to apply or
 * where to send a transfer, without opening anyone's data. It answers public facts only (id,
 * name, kind, place, employer names) of the unions a worker can belong to: grassroots unions
 * and the town and county federations that take workers whose employer has no union.
 */
#ifndef GH_DOMAIN_DIRECTORY_H
#define GH_DOMAIN_DIRECTORY_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/ctx.h"

struct directory_entry {
	int64_t id;
	const char *name, *kind, *division, *place, *employers;
};

struct directory_list {
	struct directory_entry *items;
	int64_t n, total, offset, limit;
	bool total_capped;
};

/* One of q (name substring), credit_code (the employer's) or division (2–12 digits: the unions
 * located in that place or below it) must be given. */
enum gh_err directory_search(struct ctx *c, const char *q, const char *credit_code, const char *division,
                             int64_t offset, int64_t limit, struct directory_list *out);

#endif
