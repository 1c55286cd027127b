/*
 * /api/dues: recording a member's dues for a month, a month's entries with their sum, the unpaid
 * list of a union, and a member's dues history.
 */
#include <string.h>

#include "api/api.h"
#include "domain/dues.h"
#include "json/json.h"

static json_t *entry_json(const struct dues_entry *e)
{
	json_t *j = json_object();
	json_set_int(j, "id", e->id, false);
	json_set_int(j, "membership_id", e->membership_id, false);
	json_set_str(j, "name", e->name);
	json_set_str(j, "member_no", e->member_no);
	json_set_str(j, "month", e->month);
	json_set_int(j, "base_fen", e->base_fen, false);
	json_set_int(j, "amount_fen", e->amount_fen, false);
	json_set_str(j, "rule", e->rule);
	json_set_str(j, "paid_on", e->paid_on);
	return j;
}

static json_t *list_json(const struct dues_list *l)
{
	json_t *items = json_array();
	for (int64_t i = 0; i < l->n; i++)
		json_array_append_new(items, entry_json(&l->items[i]));
	json_t *j = json_list(items, l->total, l->offset, l->limit);
	json_set_int(j, "sum_fen", l->sum_fen, false);
	return j;
}

void api_dues_record(struct api *a)
{
	struct ctx *c = &a->c;
	int64_t mid, base;
	const char *month, *paid_on;
	enum gh_err e;
	if ((e = json_get_int(c, a->body, "membership_id", "membership_id", 1, JSON_INT_MAX, true, &mid, NULL)) ||
	    (e = json_get_str(c, a->body, "month", "month", 16, true, &month)) ||
	    (e = json_get_int(c, a->body, "base_fen", "base_fen", 0, DUES_BASE_MAX_FEN, true, &base, NULL)) ||
	    (e = json_get_str(c, a->body, "paid_on", "paid_on", 16, false, &paid_on)))
		return api_fail(a, e);
	struct dues_entry out;
	if ((e = dues_record(c, mid, month, base, paid_on, &out)))
		return api_fail(a, e);
	api_reply(a, 201, entry_json(&out));
}

void api_dues_month(struct api *a)
{
	int64_t offset, limit, org = 0;
	if (!api_paging(a, &offset, &limit) || !api_query_int(a, "org", 1, JSON_INT_MAX, &org))
		return;
	struct dues_list l;
	enum gh_err e = dues_month(&a->c, org, http_query(a->req, "month"), offset, limit, &l);
	if (e)
		return api_fail(a, e);
	api_reply(a, 200, list_json(&l));
}

void api_dues_unpaid(struct api *a)
{
	int64_t offset, limit, org = 0;
	if (!api_paging(a, &offset, &limit) || !api_query_int(a, "org", 1, JSON_INT_MAX, &org))
		return;
	struct member_list l;
	enum gh_err e = dues_unpaid(&a->c, org, http_query(a->req, "month"), offset, limit, &l);
	if (e)
		return api_fail(a, e);
	json_t *items = json_array();
	for (int64_t i = 0; i < l.n; i++)
		json_array_append_new(items, api_member_json(a, &l.items[i]));
	api_reply(a, 200, json_list(items, l.total, l.offset, l.limit));
}

void api_member_dues(struct api *a)
{
	int64_t offset, limit;
	if (!api_paging(a, &offset, &limit))
		return;
	struct dues_list l;
	enum gh_err e = dues_of_member(&a->c, a->params[0], offset, limit, &l);
	if (e)
		return api_fail(a, e);
	api_reply(a, 200, list_json(&l));
}
