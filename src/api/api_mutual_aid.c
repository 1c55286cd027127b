/*
 * /api/mutual-aid: medical mutual-aid plans (list, create, show, change), enrolments of members
 * in a plan (bulk, all or none; the list within scope), the figures of a subtree, and a member's
 * own enrolments (/api/my/mutual-aid). Claims go through /api/cases (type mutual_aid_claim).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "domain/mutual_aid.h"
#include "json/json.h"

static json_t *plan_json(struct api *a, const struct ma_plan *p)
{
	json_t *j = json_object();
	char from[11], to[11];
	snprintf(from, sizeof(from), "%04d-01-01", p->year);
	snprintf(to, sizeof(to), "%04d-12-31", p->year);
	json_set_int(j, "id", p->id, false);
	json_set_int(j, "org_id", p->org_id, false);
	json_set_str(j, "org_name", p->org_name);
	json_set_str(j, "name", p->name);
	json_set_int(j, "year", p->year, false);
	json_set_str(j, "cover_from", from);
	json_set_str(j, "cover_to", to);
	json_set_int(j, "contribution_fen", p->contribution_fen, false);
	json_set_int(j, "waiting_days", p->waiting_days, false);
	json_set_int(j, "deductible_fen", p->rule.deductible_fen, false);
	json_set_int(j, "ratio_bp", p->rule.ratio_bp, false);
	json_set_int(j, "cap_per_claim_fen", p->rule.cap_per_claim_fen, false);
	json_set_int(j, "yearly_cap_fen", p->rule.yearly_cap_fen, false);
	json_object_set_new(j, "enrolment_open", json_boolean(p->enrolment_open));
	json_set_int(j, "enrolments", p->enrolments, false);
	json_object_set_new(j, "editable", json_boolean(p->editable));
	json_object_set_new(j, "demo", json_boolean(p->demo));
	api_time(j, "created_at", p->created_at);
	api_time(j, "updated_at", p->updated_at);
	(void)a;
	return j;
}

static json_t *enrolment_json(const struct ma_enrolment *e)
{
	json_t *j = json_object();
	json_set_int(j, "id", e->id, false);
	json_set_int(j, "plan_id", e->plan_id, false);
	json_set_int(j, "membership_id", e->membership_id, false);
	json_set_int(j, "person_id", e->person_id, false);
	json_set_str(j, "name", e->name);
	json_set_str(j, "member_no", e->member_no);
	json_set_int(j, "org_id", e->org_id, false);
	json_set_str(j, "org_name", e->org_name);
	json_set_int(j, "year", e->year, false);
	json_set_str(j, "enrolled_on", e->enrolled_on);
	json_set_int(j, "contribution_fen", e->contribution_fen, false);
	json_object_set_new(j, "demo", json_boolean(e->demo));
	return j;
}

static json_t *enrolments_json(const struct ma_enrolment_list *l)
{
	json_t *items = json_array();
	for (int64_t i = 0; i < l->n; i++)
		json_array_append_new(items, enrolment_json(&l->items[i]));
	json_t *j = json_list(items, l->total, l->offset, l->limit);
	json_set_int(j, "contributions_fen", l->contributions_fen, false);
	return j;
}

/* Reads the plan fields present in the body into in (set bits); required: those of a create. */
static enum gh_err read_plan(struct api *a, bool create, struct ma_plan_input *in)
{
	static const struct {
		const char *key;
		unsigned bit;
		size_t off;
	} ints[] = {
	        {"year", MA_SET_YEAR, offsetof(struct ma_plan_input, year)},
	        {"contribution_fen", MA_SET_CONTRIBUTION, offsetof(struct ma_plan_input, contribution_fen)},
	        {"waiting_days", MA_SET_WAITING, offsetof(struct ma_plan_input, waiting_days)},
	        {"deductible_fen", MA_SET_DEDUCTIBLE, offsetof(struct ma_plan_input, deductible_fen)},
	        {"ratio_bp", MA_SET_RATIO, offsetof(struct ma_plan_input, ratio_bp)},
	        {"cap_per_claim_fen", MA_SET_CAP, offsetof(struct ma_plan_input, cap_per_claim_fen)},
	        {"yearly_cap_fen", MA_SET_YEARLY, offsetof(struct ma_plan_input, yearly_cap_fen)},
	};
	struct ctx *c = &a->c;
	memset(in, 0, sizeof(*in));
	enum gh_err e;
	bool present;
	if (create && (e = json_get_int(c, a->body, "org_id", "org_id", 1, JSON_INT_MAX, false, &in->org_id, NULL)))
		return e;
	if ((e = json_get_str(c, a->body, "name", "name", 400, create, &in->name)))
		return e;
	if (in->name)
		in->set |= MA_SET_NAME;
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		int64_t *slot = (int64_t *)((char *)in + ints[i].off);
		/* the ranges are the domain's rules, with their own messages */
		if ((e = json_get_int(c, a->body, ints[i].key, ints[i].key, -JSON_INT_MAX, JSON_INT_MAX, create, slot,
		                      &present)))
			return e;
		if (present)
			in->set |= ints[i].bit;
	}
	if ((e = json_get_bool(c, a->body, "enrolment_open", "enrolment_open", false, &in->enrolment_open, &present)))
		return e;
	if (present)
		in->set |= MA_SET_OPEN;
	return GH_OK;
}

void api_ma_plan_list(struct api *a)
{
	int64_t offset, limit, org = 0, year = 0;
	if (!api_paging(a, &offset, &limit) || !api_query_int(a, "org", 1, JSON_INT_MAX, &org) ||
	    !api_query_int(a, "year", 2000, 2100, &year))
		return;
	struct ma_plan_list l;
	enum gh_err e = mutual_aid_plan_list(&a->c, org, (int)year, offset, limit, &l);
	if (e)
		return api_fail(a, e);
	json_t *items = json_array();
	for (int64_t i = 0; i < l.n; i++)
		json_array_append_new(items, plan_json(a, &l.items[i]));
	api_reply(a, 200, json_list(items, l.total, l.offset, l.limit));
}

void api_ma_plan_create(struct api *a)
{
	struct ma_plan_input in;
	struct ma_plan p;
	enum gh_err e;
	if ((e = read_plan(a, true, &in)) || (e = mutual_aid_plan_create(&a->c, &in, &p)))
		return api_fail(a, e);
	api_reply(a, 201, plan_json(a, &p));
}

void api_ma_plan_get(struct api *a)
{
	struct ma_plan p;
	enum gh_err e = mutual_aid_plan_get(&a->c, a->params[0], &p);
	if (e)
		return api_fail(a, e);
	api_reply(a, 200, plan_json(a, &p));
}

void api_ma_plan_update(struct api *a)
{
	struct ma_plan_input in;
	struct ma_plan p;
	enum gh_err e;
	if ((e = read_plan(a, false, &in)) || (e = mutual_aid_plan_update(&a->c, a->params[0], &in, &p)))
		return api_fail(a, e);
	api_reply(a, 200, plan_json(a, &p));
}

void api_ma_enrol(struct api *a)
{
	json_t *ids = json_object_get(a->body, "membership_ids");
	if (!ids || json_is_null(ids))
		return api_error(a, GH_EMISSING, "membership_ids", "请选择要参加互助的会员",
		                 "choose the members to enrol");
	if (!json_is_array(ids))
		return api_error(a, GH_EINVAL, "membership_ids", "应为会籍编号的数组",
		                 "must be an array of membership ids");
	size_t n = json_array_size(ids);
	if (n > MA_MAX_ENROL_BATCH)
		return api_error(a, GH_EINVAL, "membership_ids", "一次最多登记 500 名会员",
		                 "at most 500 members at a time");
	int64_t *mids = arena_alloc(a->c.a, sizeof(*mids) * (n ? n : 1));
	if (!mids)
		return api_fail(a, GH_ENOMEM);
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_array_get(ids, i);
		if (!json_is_integer(v) || json_integer_value(v) <= 0) {
			const char *field = arena_printf(a->c.a, "membership_ids.%zu", i);
			return api_error(a, GH_EINVAL, field, "会籍编号应为正整数",
			                 "a membership id is a positive integer");
		}
		mids[i] = json_integer_value(v);
	}
	struct ma_enrolment_list l;
	enum gh_err e = mutual_aid_enrol(&a->c, a->params[0], mids, (int)n, NULL, false, &l);
	if (e)
		return api_fail(a, e);
	api_reply(a, 201, enrolments_json(&l));
}

void api_ma_enrolments(struct api *a)
{
	int64_t offset, limit, org = 0;
	if (!api_paging(a, &offset, &limit) || !api_query_int(a, "org", 1, JSON_INT_MAX, &org))
		return;
	struct ma_enrolment_list l;
	enum gh_err e = mutual_aid_enrolments(&a->c, a->params[0], org, offset, limit, &l);
	if (e)
		return api_fail(a, e);
	api_reply(a, 200, enrolments_json(&l));
}

void api_my_mutual_aid(struct api *a)
{
	struct ma_mine *items;
	int n;
	enum gh_err e = mutual_aid_mine(&a->c, &items, &n);
	if (e)
		return api_fail(a, e);
	json_t *list = json_array();
	for (int i = 0; i < n; i++) {
		json_t *j = enrolment_json(&items[i].e);
		json_object_set_new(j, "plan", plan_json(a, &items[i].plan));
		json_set_int(j, "used_fen", items[i].used_fen, false);
		json_set_int(j, "left_fen", items[i].left_fen, false);
		json_set_str(j, "waiting_ends_on", items[i].waiting_ends_on);
		json_array_append_new(list, j);
	}
	api_reply(a, 200, json_list(list, n, 0, n));
}

void api_ma_stats(struct api *a)
{
	int64_t org = 0, year = 0;
	if (!api_query_int(a, "org", 1, JSON_INT_MAX, &org) || !api_query_int(a, "year", 2000, 2100, &year))
		return;
	struct ma_stats s;
	enum gh_err e = mutual_aid_stats(&a->c, org, (int)year, &s);
	if (e)
		return api_fail(a, e);
	json_t *j = json_object();
	json_set_int(j, "org_id", s.org_id, false);
	json_set_int(j, "year", s.year, s.year == 0);
	json_set_int(j, "enrolments", s.enrolments, false);
	json_set_int(j, "members", s.members, false);
	json_set_int(j, "contributions_fen", s.contributions_fen, false);
	json_t *k = json_object();
	json_set_int(k, "open", s.claims_open, false);
	json_set_int(k, "closed", s.claims_closed, false);
	json_set_int(k, "overdue", s.claims_overdue, false);
	json_set_int(k, "claims_paid", s.claims_paid, false);
	json_set_int(k, "paid_fen", s.paid_fen, false);
	json_set_int(k, "approved_fen", s.approved_fen, false);
	json_object_set_new(j, "claims", k);
	api_reply(a, 200, j);
}
