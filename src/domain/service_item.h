/*
 * The service catalogue (服务项目清单) of each union, PRODUCT.md capability 4: what a union or
 * federation offers its members (legal aid, counselling, training, mutual aid, hardship help,
 * childcare, …), to whom, and how to ask (contact, hours, place). Staff keep the items of the
 * organisations in their scope; a member reads the active items of their own union and of every
 * federation above it, nearest first (one index lookup per path, at most a dozen).
 */
#ifndef GH_DOMAIN_SERVICE_ITEM_H
#define GH_DOMAIN_SERVICE_ITEM_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/ctx.h"

struct service_item {
	int64_t id;
	int64_t org_id;
	const char *org_name;
	const char *path;
	const char *title, *category, *description;
	const char *audience, *contact, *hours, *place; /* NULL when not given */
	bool active;
	bool demo;
	int64_t created_at, updated_at;
};

struct service_list {
	struct service_item *items;
	int64_t n, total, offset, limit;
	int64_t union_id; /* the member view: the union the list was made for (0: none) */
	const char *union_name;
};

/* Create and PATCH fields (NULL / -1: not given; "" clears an optional text). */
struct service_input {
	int64_t org_id;
	const char *title, *category, *description, *audience, *contact, *hours, *place;
	int active; /* -1, 0, 1 */
	bool demo;
};

struct service_filter {
	int64_t org;          /* subtree, or only it with own (0: the caller's scope) */
	bool own;             /* only the organisation itself */
	const char *category; /* NULL any */
	int active;           /* -1 any, 0, 1 */
};

/* "legal_aid" → 法律援助 / legal aid; NULL when unknown. */
const char *service_category_label(const char *category, bool zh);

enum gh_err service_item_create(struct ctx *c, const struct service_input *in, struct service_item *out);
/* One item: in the caller's scope, or an active item of the caller's union or an organisation
 * above it (a member: their current union). 404 otherwise. */
enum gh_err service_item_get(struct ctx *c, int64_t id, struct service_item *out);
/* Staff: the items of the subtree (members: 403), by organisation, category, title. */
enum gh_err service_item_list(struct ctx *c, const struct service_filter *f, int64_t offset, int64_t limit,
                              struct service_list *out);
/* The caller's own view: the active items of their union (a member: their current membership's;
 * staff: their organisation) and its ancestors, nearest first. No current membership: empty. */
enum gh_err service_item_mine(struct ctx *c, const char *category, int64_t offset, int64_t limit,
                              struct service_list *out);
enum gh_err service_item_update(struct ctx *c, int64_t id, const struct service_input *in, struct service_item *out);
enum gh_err service_item_delete(struct ctx *c, int64_t id);

#endif
