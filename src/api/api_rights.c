/*
 * /api/hotline/…: what the 12351 hotline keeps beside its cases (the cases themselves go through
 * /api/cases with type "hotline", api_case.c): the installation's time-limit tiers, read by any
 * staff and changed by an administrator, and the places below a place for the division picker of
 * the intake screen and the member pages.
 */
#include <string.h>

#include "api/api.h"
#include "domain/hotline.h"
#include "json/json.h"

static json_t *tiers_json(struct api *a, const struct hotline_limits *l)
{
	json_t *items = json_array();
	for (int i = 0; i < HOTLINE_TIER__MAX; i++) {
		const struct hotline_word *w = hotline_word_find(hotline_tier_words, l[i].tier);
		json_t *x = json_object();
		json_set_str(x, "tier", l[i].tier);
		json_set_str(x, "label", w ? (a->c.zh ? w->zh : w->en) : l[i].tier);
		json_set_int(x, "first_days", l[i].first_days, false);
		json_set_int(x, "resolve_days", l[i].resolve_days, false);
		json_set_int(x, "default_first_days", l[i].default_first, false);
		json_set_int(x, "default_resolve_days", l[i].default_resolve, false);
		api_time(x, "updated_at", l[i].updated_at);
		json_array_append_new(items, x);
	}
	return json_list(items, HOTLINE_TIER__MAX, 0, HOTLINE_TIER__MAX);
}

void api_hotline_tiers_get(struct api *a)
{
	struct hotline_limits l[HOTLINE_TIER__MAX];
	enum gh_err e = hotline_tiers_get(&a->c, l);
	if (e)
		return api_fail(a, e);
	api_reply(a, 200, tiers_json(a, l));
}

void api_hotline_tiers_put(struct api *a)
{
	struct ctx *c = &a->c;
	json_t *items = json_object_get(a->body, "items");
	if (!items || json_is_null(items))
		return api_error(a, GH_EMISSING, "items", "请给出要修改的时限", "give the limits to change");
	if (!json_is_array(items) || json_array_size(items) > HOTLINE_TIER__MAX)
		return api_error(a, GH_EINVAL, "items", "items 应为最多 4 项的数组",
		                 "items must be an array of at most 4");
	struct hotline_limits in[HOTLINE_TIER__MAX];
	int n = (int)json_array_size(items);
	for (int i = 0; i < n; i++) {
		json_t *x = json_array_get(items, i);
		const char *prefix = arena_printf(c->a, "items.%d", i);
		if (!json_is_object(x))
			return api_error(a, GH_EINVAL, prefix, "应为对象", "must be an object");
		int64_t first = 0, resolve = 0;
		enum gh_err e;
		if ((e = json_get_str(c, x, "tier", arena_printf(c->a, "%s.tier", prefix), 16, true, &in[i].tier)) ||
		    (e = json_get_int(c, x, "first_days", arena_printf(c->a, "%s.first_days", prefix), 1,
		                      HOTLINE_FIRST_MAX, true, &first, NULL)) ||
		    (e = json_get_int(c, x, "resolve_days", arena_printf(c->a, "%s.resolve_days", prefix), 1,
		                      HOTLINE_RESOLVE_MAX, true, &resolve, NULL)))
			return api_fail(a, e);
		in[i].first_days = (int)first;
		in[i].resolve_days = (int)resolve;
	}
	enum gh_err e = hotline_tiers_set(c, in, n);
	if (e)
		return api_fail(a, e);
	api_hotline_tiers_get(a);
}

void api_hotline_places(struct api *a)
{
	struct hotline_place *p;
	int n;
	enum gh_err e = hotline_places(&a->c, http_query(a->req, "parent"), &p, &n);
	if (e)
		return api_fail(a, e);
	json_t *items = json_array();
	for (int i = 0; i < n; i++) {
		json_t *x = json_object();
		json_set_str(x, "code", p[i].code);
		json_set_str(x, "name", p[i].name);
		json_set_int(x, "level", p[i].level, false);
		json_object_set_new(x, "leaf", json_boolean(p[i].level >= 5));
		json_array_append_new(items, x);
	}
	api_reply(a, 200, json_list(items, n, 0, n));
}
