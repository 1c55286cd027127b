/*
 * /api/cases: one API for every case type (CONTRACT.md): create, list within scope (members: their
 * own), show with history, and act.
 */
#include <string.h>

#include "api/api.h"
#include "domain/flow.h"
#include "json/json.h"

json_t *api_case_json(struct api *a, const struct flow_case *k)
{
	const struct flow_type *t = flow_type_find(k->type);
	json_t *j = json_object();
	json_set_int(j, "id", k->id, false);
	json_set_str(j, "type", k->type);
	json_set_str(j, "type_label", t ? (a->c.zh ? t->zh : t->en) : k->type);
	json_set_str(j, "state", k->state);
	json_set_str(j, "state_label", flow_state_label(k->state, a->c.zh));
	json_set_int(j, "org_id", k->org_id, false);
	json_set_str(j, "org_name", k->org_name);
	/* an anonymous case's people are the applicant's own business */
	bool hide = flow_is_anonymous(k) && !flow_is_applicant(&a->c, k);
	json_set_int(j, "person_id", k->person_id, hide || k->person_id == 0);
	json_set_int(j, "applicant_id", k->applicant_id, hide || k->applicant_id == 0);
	json_object_set_new(j, "anonymous", json_boolean(flow_is_anonymous(k)));
	api_time(j, "deadline", k->deadline);
	json_object_set_new(j, "overdue", json_boolean(k->overdue));
	json_object_set_new(j, "supervised", json_boolean(k->supervised));
	json_set_int(j, "escalations", k->escalations, false);
	/* the payload as the type keeps it, less the internal tree paths */
	json_t *payload = json_deep_copy(k->payload);
	const char *key;
	json_t *value;
	void *tmp;
	json_object_foreach_safe(payload, tmp, key, value)
	{
		size_t n = strlen(key);
		if (n > 5 && !strcmp(key + n - 5, "_path"))
			json_object_del(payload, key);
	}
	json_object_set_new(j, "payload", payload ? payload : json_object());
	api_time(j, "created_at", k->created_at);
	api_time(j, "updated_at", k->updated_at);
	api_time(j, "closed_at", k->closed_at);
	json_object_set_new(j, "has_sensitive", json_boolean(k->sealed != NULL));
	if (t && t->present)
		t->present(&a->c, k, j);
	return j;
}

static json_t *events_json(struct api *a, const struct flow_case *k, const struct flow_event *ev, int n)
{
	json_t *list = json_array();
	/* an anonymous applicant's own steps show no name to the handlers */
	bool hide = flow_is_anonymous(k) && !flow_is_applicant(&a->c, k);
	for (int i = 0; i < n; i++) {
		json_t *x = json_object();
		bool anon = hide && ev[i].actor_id && ev[i].actor_id == k->applicant_id;
		api_time(x, "at", ev[i].at);
		json_set_int(x, "actor_id", ev[i].actor_id, anon || ev[i].actor_id == 0);
		json_set_str(x, "actor", anon ? (a->c.zh ? "匿名职工" : "anonymous worker") : ev[i].actor);
		json_set_str(x, "action", ev[i].action);
		json_set_str(x, "from", ev[i].from_state);
		json_set_str(x, "to", ev[i].to_state);
		json_set_int(x, "org_id", ev[i].org_id, ev[i].org_id == 0);
		json_set_str(x, "note", ev[i].note);
		json_array_append_new(list, x);
	}
	return list;
}

void api_case_create(struct api *a)
{
	struct flow_case k;
	enum gh_err e = flow_create(&a->c, a->body, &k);
	if (e)
		return api_fail(a, e);
	json_t *j = api_case_json(a, &k);
	flow_case_release(&k);
	api_reply(a, 201, j);
}

void api_case_get(struct api *a)
{
	struct flow_case k;
	struct flow_event *ev;
	int n;
	enum gh_err e = flow_get(&a->c, a->params[0], &k, &ev, &n);
	if (e)
		return api_fail(a, e);
	json_t *j = api_case_json(a, &k);
	json_object_set_new(j, "history", events_json(a, &k, ev, n));
	/* the sensitive part only when asked for, to those who may read it, on the record */
	const char *reveal = http_query(a->req, "reveal");
	if (reveal && !strcmp(reveal, "1") && k.sealed) {
		json_t *sec = flow_secret_reveal(&a->c, &k);
		if (!sec) {
			json_decref(j);
			flow_case_release(&k);
			return api_error(a, GH_EFORBIDDEN, "reveal", "无权查看该事项的敏感信息",
			                 "you may not read the sensitive part of this case");
		}
		json_object_set_new(j, "sensitive", sec);
	}
	flow_case_release(&k);
	api_reply(a, 200, j);
}

void api_case_list(struct api *a)
{
	int64_t offset, limit, org = 0, overdue = -1, supervised = -1;
	if (!api_paging(a, &offset, &limit) || !api_query_int(a, "org", 1, JSON_INT_MAX, &org))
		return;
	const char *ov = http_query(a->req, "overdue");
	if (ov) {
		if (!strcmp(ov, "1") || !strcmp(ov, "true"))
			overdue = 1;
		else if (!strcmp(ov, "0") || !strcmp(ov, "false"))
			overdue = 0;
		else
			return api_error(a, GH_EINVAL, "overdue", "overdue 应为 0 或 1", "overdue must be 0 or 1");
	}
	const char *sv = http_query(a->req, "supervised");
	if (sv) {
		if (!strcmp(sv, "1") || !strcmp(sv, "true"))
			supervised = 1;
		else if (!strcmp(sv, "0") || !strcmp(sv, "false"))
			supervised = 0;
		else
			return api_error(a, GH_EINVAL, "supervised", "supervised 应为 0 或 1",
			                 "supervised must be 0 or 1");
	}
	const char *type = http_query(a->req, "type"), *state = http_query(a->req, "state");
	const char *mine = http_query(a->req, "mine");
	struct flow_filter f = {.type = type && *type ? type : NULL,
	                        .state = state && *state ? state : NULL,
	                        .org = org,
	                        .overdue = (int)overdue,
	                        .supervised = (int)supervised,
	                        .mine = mine && !strcmp(mine, "1")};
	struct flow_list l;
	enum gh_err e = flow_list(&a->c, &f, offset, limit, &l);
	if (e)
		return api_fail(a, e);
	json_t *items = json_array();
	for (int64_t i = 0; i < l.n; i++) {
		json_array_append_new(items, api_case_json(a, &l.items[i]));
		flow_case_release(&l.items[i]);
	}
	api_reply(a, 200, json_list(items, l.total, l.offset, l.limit));
}

void api_case_act(struct api *a)
{
	struct flow_case k;
	enum gh_err e = flow_act(&a->c, a->params[0], a->body, &k);
	if (e)
		return api_fail(a, e);
	json_t *j = api_case_json(a, &k);
	flow_case_release(&k);
	api_reply(a, 200, j);
}
