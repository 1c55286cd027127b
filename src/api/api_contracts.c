/*
 * /api/contracts (collective contracts), /api/supervision-notices (labour-law supervision notices)
 * and /api/service-items, /api/my/service-items (the service catalogue): translation only, the
 * rules are in domain/contract.c, notice.c and service_item.c.
 */
#include <string.h>

#include "api/api.h"
#include "domain/contract.h"
#include "domain/notice.h"
#include "domain/service_item.h"
#include "json/json.h"

/* ---- collective contracts ---- */

static json_t *contract_json(struct api *a, const struct contract *t)
{
	bool zh = a->c.zh;
	json_t *j = json_object();
	json_set_int(j, "id", t->id, false);
	json_set_str(j, "kind", t->kind);
	json_set_str(j, "kind_label", contract_kind_label(t->kind, zh));
	json_set_int(j, "org_id", t->org_id, false);
	json_set_str(j, "org_name", t->org_name);
	json_set_int(j, "employer_id", t->employer_id, t->employer_id == 0);
	json_set_str(j, "employer_name", t->employer_name);
	json_set_str(j, "employer_credit_code", t->employer_credit_code);
	json_set_str(j, "signed_on", t->signed_on);
	json_set_str(j, "starts_on", t->starts_on);
	json_set_str(j, "ends_on", t->ends_on);
	json_set_int(j, "workers_covered", t->workers_covered, false);
	json_set_int(j, "wage_increase_bp", t->wage_increase_bp, t->wage_increase_bp < 0);
	json_set_str(j, "registered_on", t->registered_on);
	json_set_str(j, "note", t->note);
	json_set_str(j, "status", t->status);
	json_set_str(j, "status_label", contract_status_label(t->status, zh));
	json_set_int(j, "days_left", t->days_left, false);
	json_object_set_new(
	        j, "expiring",
	        json_boolean(!t->terminated_on && t->days_left >= 0 && t->days_left <= CONTRACT_EXPIRING_DAYS));
	json_set_str(j, "terminated_on", t->terminated_on);
	json_set_str(j, "terminated_reason", t->terminated_reason);
	json_object_set_new(j, "demo", json_boolean(t->demo));
	api_time(j, "created_at", t->created_at);
	api_time(j, "updated_at", t->updated_at);
	return j;
}

/* Reads the contract fields of a POST or PATCH body (create: the required ones are checked by the
 * domain, which names the field). */
static enum gh_err contract_decode(struct api *a, struct contract_input *in, bool create)
{
	struct ctx *c = &a->c;
	json_t *b = a->body;
	enum gh_err e;
	*in = (struct contract_input){.workers_covered = -1, .wage_increase_bp = -1};
	if ((create && ((e = json_get_str(c, b, "kind", "kind", 40, false, &in->kind)) ||
	                (e = json_get_int(c, b, "org_id", "org_id", 1, JSON_INT_MAX, false, &in->org_id, NULL)) ||
	                (e = json_get_int(c, b, "employer_id", "employer_id", 1, JSON_INT_MAX, false, &in->employer_id,
	                                  NULL)))) ||
	    (e = json_get_str(c, b, "employer_name", "employer_name", 400, false, &in->employer_name)) ||
	    (e = json_get_str(c, b, "employer_credit_code", "employer_credit_code", 80, false,
	                      &in->employer_credit_code)) ||
	    (e = json_get_str(c, b, "signed_on", "signed_on", 16, false, &in->signed_on)) ||
	    (e = json_get_str(c, b, "starts_on", "starts_on", 16, false, &in->starts_on)) ||
	    (e = json_get_str(c, b, "ends_on", "ends_on", 16, false, &in->ends_on)) ||
	    (e = json_get_int(c, b, "workers_covered", "workers_covered", 1, 10000000, false, &in->workers_covered,
	                      NULL)) ||
	    (e = json_get_int(c, b, "wage_increase_bp", "wage_increase_bp", 0, CONTRACT_WAGE_BP_MAX, false,
	                      &in->wage_increase_bp, NULL)) ||
	    (e = json_get_str(c, b, "registered_on", "registered_on", 16, false, &in->registered_on)) ||
	    (e = json_get_str(c, b, "note", "note", 8000, false, &in->note)))
		return e;
	if (!create &&
	    ((e = json_get_str(c, b, "terminated_on", "terminated_on", 16, false, &in->terminated_on)) ||
	     (e = json_get_str(c, b, "terminated_reason", "terminated_reason", 2000, false, &in->terminated_reason))))
		return e;
	return GH_OK;
}

static void reply_contract(struct api *a, int status, const struct contract *t, const struct warning *w, int nw)
{
	json_t *j = contract_json(a, t);
	json_object_set_new(j, "warnings", api_warnings_json(a, w, nw));
	api_reply(a, status, j);
}

void api_contract_create(struct api *a)
{
	struct contract_input in;
	enum gh_err e = contract_decode(a, &in, true);
	if (e)
		return api_fail(a, e);
	struct contract t;
	struct warning w[ORG_MAX_WARNINGS];
	int nw = 0;
	if ((e = contract_create(&a->c, &in, &t, w, &nw)))
		return api_fail(a, e);
	reply_contract(a, 201, &t, w, nw);
}

void api_contract_update(struct api *a)
{
	struct contract_input in;
	enum gh_err e = contract_decode(a, &in, false);
	if (e)
		return api_fail(a, e);
	bool any = in.employer_name || in.employer_credit_code || in.signed_on || in.starts_on || in.ends_on ||
	           in.workers_covered >= 0 || in.wage_increase_bp >= 0 || in.registered_on || in.note ||
	           in.terminated_on || in.terminated_reason;
	if (!any)
		return api_error(a, GH_EBADREQ, NULL, "没有要修改的字段", "nothing to change");
	struct contract t;
	struct warning w[ORG_MAX_WARNINGS];
	int nw = 0;
	if ((e = contract_update(&a->c, a->params[0], &in, &t, w, &nw)))
		return api_fail(a, e);
	reply_contract(a, 200, &t, w, nw);
}

void api_contract_get(struct api *a)
{
	struct contract t;
	enum gh_err e = contract_get(&a->c, a->params[0], &t);
	if (e)
		return api_fail(a, e);
	api_reply(a, 200, contract_json(a, &t));
}

void api_contract_list(struct api *a)
{
	int64_t offset, limit;
	struct contract_filter f = {0};
	if (!api_paging(a, &offset, &limit) || !api_query_int(a, "org", 1, JSON_INT_MAX, &f.org) ||
	    !api_query_int(a, "expiring_within", 1, 3660, &f.expiring))
		return;
	f.kind = http_query(a->req, "kind");
	f.status = http_query(a->req, "status");
	f.employer = http_query(a->req, "employer");
	struct contract_list l;
	enum gh_err e = contract_list(&a->c, &f, offset, limit, &l);
	if (e)
		return api_fail(a, e);
	json_t *items = json_array();
	for (int64_t i = 0; i < l.n; i++)
		json_array_append_new(items, contract_json(a, &l.items[i]));
	api_reply(a, 200, json_list(items, l.total, l.offset, l.limit));
}

void api_contract_figures(struct api *a)
{
	int64_t org = 0, days = CONTRACT_EXPIRING_DAYS;
	if (!api_query_int(a, "org", 1, JSON_INT_MAX, &org) || !api_query_int(a, "expiring_within", 1, 3660, &days))
		return;
	struct contract_figures f;
	enum gh_err e = contract_figures(&a->c, org, days, &f);
	if (e)
		return api_fail(a, e);
	json_t *kinds = json_array();
	for (size_t i = 0; i < sizeof(f.kinds) / sizeof(f.kinds[0]); i++) {
		const struct contract_kind_figures *k = &f.kinds[i];
		json_array_append_new(kinds,
		                      json_pack("{s:s, s:s, s:I, s:I, s:I, s:I}", "kind", k->kind, "kind_label",
		                                contract_kind_label(k->kind, a->c.zh), "total", (json_int_t)k->total,
		                                "in_force", (json_int_t)k->in_force, "workers_covered",
		                                (json_int_t)k->workers_covered, "expiring", (json_int_t)k->expiring));
	}
	api_reply(a, 200,
	          json_pack("{s:I, s:I, s:I, s:I, s:I, s:o}", "total", (json_int_t)f.total, "in_force",
	                    (json_int_t)f.in_force, "workers_covered", (json_int_t)f.workers_covered, "expiring",
	                    (json_int_t)f.expiring, "expiring_within", (json_int_t)f.window_days, "kinds", kinds));
}

/* ---- supervision notices ---- */

static json_t *notice_json(struct api *a, const struct notice *n)
{
	bool zh = a->c.zh;
	json_t *j = json_object();
	json_set_int(j, "id", n->id, false);
	json_set_str(j, "kind", n->kind);
	json_set_str(j, "kind_label", notice_kind_label(n->kind, zh));
	json_set_int(j, "org_id", n->org_id, false);
	json_set_str(j, "org_name", n->org_name);
	json_set_int(j, "employer_id", n->employer_id, n->employer_id == 0);
	json_set_str(j, "employer_name", n->employer_name);
	json_set_str(j, "employer_credit_code", n->employer_credit_code);
	json_set_str(j, "issued_on", n->issued_on);
	json_set_str(j, "subject", n->subject);
	json_set_str(j, "content", n->content);
	json_set_str(j, "legal_basis", n->legal_basis);
	json_set_str(j, "reply_due_on", n->reply_due_on);
	json_set_str(j, "state", n->state);
	json_set_str(j, "state_label", notice_state_label(n->state, zh));
	json_object_set_new(j, "overdue", json_boolean(n->overdue));
	json_set_int(j, "days_overdue", n->days_overdue, false);
	json_set_str(j, "answer", n->answer);
	json_set_str(j, "answered_on", n->answered_on);
	json_set_str(j, "outcome", n->outcome);
	json_set_str(j, "outcome_label", notice_outcome_label(n->outcome, zh));
	json_set_str(j, "follow_up", n->follow_up);
	json_set_str(j, "closed_on", n->closed_on);
	json_object_set_new(j, "demo", json_boolean(n->demo));
	api_time(j, "created_at", n->created_at);
	api_time(j, "updated_at", n->updated_at);
	return j;
}

static enum gh_err notice_decode(struct api *a, struct notice_input *in, bool create)
{
	struct ctx *c = &a->c;
	json_t *b = a->body;
	enum gh_err e;
	*in = (struct notice_input){0};
	if (create &&
	    ((e = json_get_str(c, b, "kind", "kind", 40, false, &in->kind)) ||
	     (e = json_get_int(c, b, "org_id", "org_id", 1, JSON_INT_MAX, false, &in->org_id, NULL)) ||
	     (e = json_get_int(c, b, "employer_id", "employer_id", 1, JSON_INT_MAX, false, &in->employer_id, NULL)) ||
	     (e = json_get_str(c, b, "employer_name", "employer_name", 400, false, &in->employer_name)) ||
	     (e = json_get_str(c, b, "employer_credit_code", "employer_credit_code", 80, false,
	                       &in->employer_credit_code))))
		return e;
	if ((e = json_get_str(c, b, "issued_on", "issued_on", 16, false, &in->issued_on)) ||
	    (e = json_get_str(c, b, "subject", "subject", 400, false, &in->subject)) ||
	    (e = json_get_str(c, b, "content", "content", 20000, false, &in->content)) ||
	    (e = json_get_str(c, b, "legal_basis", "legal_basis", 4000, false, &in->legal_basis)) ||
	    (e = json_get_str(c, b, "reply_due_on", "reply_due_on", 16, false, &in->reply_due_on)))
		return e;
	return GH_OK;
}

void api_notice_create(struct api *a)
{
	struct notice_input in;
	enum gh_err e = notice_decode(a, &in, true);
	if (e)
		return api_fail(a, e);
	struct notice n;
	if ((e = notice_create(&a->c, &in, &n)))
		return api_fail(a, e);
	api_reply(a, 201, notice_json(a, &n));
}

void api_notice_update(struct api *a)
{
	struct notice_input in;
	enum gh_err e = notice_decode(a, &in, false);
	if (e)
		return api_fail(a, e);
	if (!in.issued_on && !in.subject && !in.content && !in.legal_basis && !in.reply_due_on)
		return api_error(a, GH_EBADREQ, NULL, "没有要修改的字段", "nothing to change");
	struct notice n;
	if ((e = notice_update(&a->c, a->params[0], &in, &n)))
		return api_fail(a, e);
	api_reply(a, 200, notice_json(a, &n));
}

void api_notice_get(struct api *a)
{
	struct notice n;
	enum gh_err e = notice_get(&a->c, a->params[0], &n);
	if (e)
		return api_fail(a, e);
	api_reply(a, 200, notice_json(a, &n));
}

void api_notice_list(struct api *a)
{
	int64_t offset, limit, overdue = -1;
	struct notice_filter f = {0};
	if (!api_paging(a, &offset, &limit) || !api_query_int(a, "org", 1, JSON_INT_MAX, &f.org) ||
	    !api_query_int(a, "overdue", 0, 1, &overdue))
		return;
	f.overdue = (int)overdue;
	f.kind = http_query(a->req, "kind");
	f.state = http_query(a->req, "state");
	f.employer = http_query(a->req, "employer");
	struct notice_list l;
	enum gh_err e = notice_list(&a->c, &f, offset, limit, &l);
	if (e)
		return api_fail(a, e);
	json_t *items = json_array();
	for (int64_t i = 0; i < l.n; i++)
		json_array_append_new(items, notice_json(a, &l.items[i]));
	api_reply(a, 200, json_list(items, l.total, l.offset, l.limit));
}

void api_notice_answer(struct api *a)
{
	struct ctx *c = &a->c;
	const char *text, *on;
	enum gh_err e;
	if ((e = json_get_str(c, a->body, "answer", "answer", 20000, true, &text)) ||
	    (e = json_get_str(c, a->body, "answered_on", "answered_on", 16, false, &on)))
		return api_fail(a, e);
	struct notice n;
	if ((e = notice_answer(c, a->params[0], text, on, &n)))
		return api_fail(a, e);
	api_reply(a, 200, notice_json(a, &n));
}

void api_notice_close(struct api *a)
{
	struct ctx *c = &a->c;
	const char *outcome, *follow_up, *on;
	enum gh_err e;
	if ((e = json_get_str(c, a->body, "outcome", "outcome", 40, true, &outcome)) ||
	    (e = json_get_str(c, a->body, "follow_up", "follow_up", 8000, false, &follow_up)) ||
	    (e = json_get_str(c, a->body, "closed_on", "closed_on", 16, false, &on)))
		return api_fail(a, e);
	struct notice n;
	if ((e = notice_close(c, a->params[0], outcome, follow_up, on, &n)))
		return api_fail(a, e);
	api_reply(a, 200, notice_json(a, &n));
}

/* ---- service items ---- */

static json_t *service_json(struct api *a, const struct service_item *s)
{
	json_t *j = json_object();
	json_set_int(j, "id", s->id, false);
	json_set_int(j, "org_id", s->org_id, false);
	json_set_str(j, "org_name", s->org_name);
	json_set_str(j, "title", s->title);
	json_set_str(j, "category", s->category);
	json_set_str(j, "category_label", service_category_label(s->category, a->c.zh));
	json_set_str(j, "description", s->description);
	json_set_str(j, "audience", s->audience);
	json_set_str(j, "contact", s->contact);
	json_set_str(j, "hours", s->hours);
	json_set_str(j, "place", s->place);
	json_object_set_new(j, "active", json_boolean(s->active));
	json_object_set_new(j, "demo", json_boolean(s->demo));
	api_time(j, "created_at", s->created_at);
	api_time(j, "updated_at", s->updated_at);
	return j;
}

static enum gh_err service_decode(struct api *a, struct service_input *in, bool create)
{
	struct ctx *c = &a->c;
	json_t *b = a->body;
	enum gh_err e;
	bool active = true, present = false;
	*in = (struct service_input){.active = create ? 1 : -1};
	if (create && (e = json_get_int(c, b, "org_id", "org_id", 1, JSON_INT_MAX, false, &in->org_id, NULL)))
		return e;
	if ((e = json_get_str(c, b, "title", "title", 400, false, &in->title)) ||
	    (e = json_get_str(c, b, "category", "category", 40, false, &in->category)) ||
	    (e = json_get_str(c, b, "description", "description", 8000, false, &in->description)) ||
	    (e = json_get_str(c, b, "audience", "audience", 800, false, &in->audience)) ||
	    (e = json_get_str(c, b, "contact", "contact", 400, false, &in->contact)) ||
	    (e = json_get_str(c, b, "hours", "hours", 400, false, &in->hours)) ||
	    (e = json_get_str(c, b, "place", "place", 800, false, &in->place)) ||
	    (e = json_get_bool(c, b, "active", "active", false, &active, &present)))
		return e;
	if (present)
		in->active = active ? 1 : 0;
	return GH_OK;
}

static void reply_service_list(struct api *a, const struct service_list *l, bool mine)
{
	json_t *items = json_array();
	for (int64_t i = 0; i < l->n; i++)
		json_array_append_new(items, service_json(a, &l->items[i]));
	json_t *j = json_list(items, l->total, l->offset, l->limit);
	if (mine) {
		json_set_int(j, "union_id", l->union_id, l->union_id == 0);
		json_set_str(j, "union_name", l->union_name);
	}
	api_reply(a, 200, j);
}

void api_my_service_items(struct api *a)
{
	int64_t offset, limit;
	if (!api_paging(a, &offset, &limit))
		return;
	struct service_list l;
	enum gh_err e = service_item_mine(&a->c, http_query(a->req, "category"), offset, limit, &l);
	if (e)
		return api_fail(a, e);
	reply_service_list(a, &l, true);
}

void api_service_list(struct api *a)
{
	const char *for_ = http_query(a->req, "for");
	if (for_ && strcmp(for_, "me") != 0)
		return api_error(a, GH_EINVAL, "for", "for 只能为 me", "for can only be me");
	if (for_)
		return api_my_service_items(a);
	int64_t offset, limit, own = 0, active = -1;
	struct service_filter f = {0};
	if (!api_paging(a, &offset, &limit) || !api_query_int(a, "org", 1, JSON_INT_MAX, &f.org) ||
	    !api_query_int(a, "own", 0, 1, &own) || !api_query_int(a, "active", 0, 1, &active))
		return;
	f.own = own == 1;
	f.active = (int)active;
	f.category = http_query(a->req, "category");
	struct service_list l;
	enum gh_err e = service_item_list(&a->c, &f, offset, limit, &l);
	if (e)
		return api_fail(a, e);
	reply_service_list(a, &l, false);
}

void api_service_get(struct api *a)
{
	struct service_item s;
	enum gh_err e = service_item_get(&a->c, a->params[0], &s);
	if (e)
		return api_fail(a, e);
	api_reply(a, 200, service_json(a, &s));
}

void api_service_create(struct api *a)
{
	struct service_input in;
	enum gh_err e = service_decode(a, &in, true);
	if (e)
		return api_fail(a, e);
	struct service_item s;
	if ((e = service_item_create(&a->c, &in, &s)))
		return api_fail(a, e);
	api_reply(a, 201, service_json(a, &s));
}

void api_service_update(struct api *a)
{
	struct service_input in;
	enum gh_err e = service_decode(a, &in, false);
	if (e)
		return api_fail(a, e);
	if (!in.title && !in.category && !in.description && !in.audience && !in.contact && !in.hours && !in.place &&
	    in.active < 0)
		return api_error(a, GH_EBADREQ, NULL, "没有要修改的字段", "nothing to change");
	struct service_item s;
	if ((e = service_item_update(&a->c, a->params[0], &in, &s)))
		return api_fail(a, e);
	api_reply(a, 200, service_json(a, &s));
}

void api_service_delete(struct api *a)
{
	enum gh_err e = service_item_delete(&a->c, a->params[0]);
	if (e)
		return api_fail(a, e);
	api_reply(a, 204, NULL);
}
