/*
 * Hardship files' own resources (the files themselves are cases: /api/cases, type hardship):
 * the living standards (/api/living-standards), the assistance given (/api/cases/{id}/assistance,
 * /api/hardship/assistance) and the yearly review list (/api/hardship/review-due). Translation
 * only: the rules are in domain/hardship.c.
 */
#include <string.h>

#include "api/api.h"
#include "base/time.h"
#include "domain/flow.h"
#include "domain/hardship.h"
#include "json/json.h"

static json_t *standard_json(struct api *a, const struct living_standard *s)
{
	json_t *j = json_object();
	json_set_int(j, "id", s->id, false);
	json_set_str(j, "division_code", s->division);
	json_set_str(j, "place_name", s->place_name);
	json_set_int(j, "level", s->level, false);
	json_set_int(j, "monthly_fen", s->monthly_fen, false);
	json_set_str(j, "effective_from", s->effective_from);
	json_set_str(j, "source", s->source);
	api_time(j, "created_at", s->created_at);
	json_object_set_new(j, "demo", json_boolean(s->demo));
	(void)a;
	return j;
}

void api_living_standard_list(struct api *a)
{
	int64_t offset, limit;
	if (!api_paging(a, &offset, &limit))
		return;
	struct living_standard_list l;
	enum gh_err e = living_standard_list(&a->c, http_query(a->req, "division"), offset, limit, &l);
	if (e)
		return api_fail(a, e);
	json_t *items = json_array();
	for (int64_t i = 0; i < l.n; i++)
		json_array_append_new(items, standard_json(a, &l.items[i]));
	api_reply(a, 200, json_list(items, l.total, l.offset, l.limit));
}

void api_living_standard_create(struct api *a)
{
	struct living_standard_input in = {0};
	bool present;
	enum gh_err e;
	if ((e = json_get_str(&a->c, a->body, "division_code", "division_code", 64, true, &in.division)) ||
	    (e = json_get_int(&a->c, a->body, "monthly_fen", "monthly_fen", 1, JSON_INT_MAX, true, &in.monthly_fen,
	                      &present)) ||
	    (e = json_get_str(&a->c, a->body, "effective_from", "effective_from", 10, true, &in.effective_from)) ||
	    (e = json_get_str(&a->c, a->body, "source", "source", 800, false, &in.source)))
		return api_fail(a, e);
	struct living_standard s;
	if ((e = living_standard_create(&a->c, &in, &s)))
		return api_fail(a, e);
	api_reply(a, 201, standard_json(a, &s));
}

void api_living_standard_effective(struct api *a)
{
	struct living_standard s;
	enum gh_err e = living_standard_lookup(&a->c, http_query(a->req, "division"), http_query(a->req, "date"), &s);
	if (e)
		return api_fail(a, e);
	api_reply(a, 200, standard_json(a, &s));
}

static json_t *aid_json(const struct hardship_aid *x)
{
	json_t *j = json_object();
	json_set_int(j, "id", x->id, false);
	json_set_int(j, "case_id", x->case_id, false);
	json_set_int(j, "org_id", x->org_id, x->org_id == 0);
	json_set_str(j, "org_name", x->org_name);
	json_set_int(j, "by_org_id", x->by_org_id, x->by_org_id == 0);
	json_set_str(j, "by_org_name", x->by_org_name);
	json_set_str(j, "member_name", x->member_name);
	json_set_str(j, "kind", x->kind);
	json_set_int(j, "amount_fen", x->amount_fen, false);
	json_set_str(j, "given_on", x->given_on);
	json_set_str(j, "note", x->note);
	api_time(j, "created_at", x->created_at);
	return j;
}

static void reply_aid_list(struct api *a, const struct hardship_aid_list *l)
{
	json_t *items = json_array();
	for (int64_t i = 0; i < l->n; i++)
		json_array_append_new(items, aid_json(&l->items[i]));
	json_t *j = json_list(items, l->total, l->offset, l->limit);
	json_set_int(j, "amount_fen", l->amount_fen, false);
	api_reply(a, 200, j);
}

void api_hardship_aid_add(struct api *a)
{
	struct hardship_aid_input in = {0};
	bool present;
	enum gh_err e;
	if ((e = json_get_str(&a->c, a->body, "kind", "kind", 32, true, &in.kind)) ||
	    (e = json_get_int(&a->c, a->body, "amount_fen", "amount_fen", 1, JSON_INT_MAX, true, &in.amount_fen,
	                      &present)) ||
	    (e = json_get_str(&a->c, a->body, "given_on", "given_on", 10, false, &in.given_on)) ||
	    (e = json_get_str(&a->c, a->body, "note", "note", 2000, false, &in.note)))
		return api_fail(a, e);
	struct hardship_aid x;
	if ((e = hardship_aid_add(&a->c, a->params[0], &in, &x)))
		return api_fail(a, e);
	api_reply(a, 201, aid_json(&x));
}

void api_hardship_aid_of_case(struct api *a)
{
	int64_t offset, limit;
	if (!api_paging(a, &offset, &limit))
		return;
	struct hardship_aid_list l;
	enum gh_err e = hardship_aid_of_case(&a->c, a->params[0], offset, limit, &l);
	if (e)
		return api_fail(a, e);
	reply_aid_list(a, &l);
}

static const char *query_or_null(struct api *a, const char *name)
{
	const char *v = http_query(a->req, name);
	return v && *v ? v : NULL;
}

void api_hardship_aid_list(struct api *a)
{
	int64_t offset, limit, org = 0;
	if (!api_paging(a, &offset, &limit) || !api_query_int(a, "org", 1, JSON_INT_MAX, &org))
		return;
	struct hardship_aid_list l;
	enum gh_err e = hardship_aid_list(&a->c, org, query_or_null(a, "kind"), query_or_null(a, "from"),
	                                  query_or_null(a, "to"), offset, limit, &l);
	if (e)
		return api_fail(a, e);
	reply_aid_list(a, &l);
}

void api_hardship_review_due(struct api *a)
{
	int64_t offset, limit, org = 0, within = 30;
	if (!api_paging(a, &offset, &limit) || !api_query_int(a, "org", 1, JSON_INT_MAX, &org) ||
	    !api_query_int(a, "within", 0, 366, &within))
		return;
	struct flow_list l;
	enum gh_err e = hardship_review_due(&a->c, org, (int)within, offset, limit, &l);
	if (e)
		return api_fail(a, e);
	json_t *items = json_array();
	for (int64_t i = 0; i < l.n; i++) {
		json_array_append_new(items, api_case_json(a, &l.items[i]));
		flow_case_release(&l.items[i]);
	}
	api_reply(a, 200, json_list(items, l.total, l.offset, l.limit));
}
