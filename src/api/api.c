/*
 * What every api handler shares: answering, errors in the caller's language, paging, and the
 * JSON shapes of organisations, employers and users (docs/openapi.yaml).
 */
#include "api/api.h"
#include "domain/member.h"

#include <stdlib.h>
#include <string.h>

#include "base/time.h"
#include "json/json.h"

void api_reply(struct api *a, int status, json_t *body)
{
	a->req->status = status;
	json_decref(a->req->json);
	a->req->json = body;
}

void api_error(struct api *a, enum gh_err e, const char *field, const char *zh, const char *en)
{
	const char *msg = a->c.zh ? zh : en;
	if (!msg)
		msg = gh_err_default_msg(e, a->c.zh);
	json_t *err = json_pack("{s:s, s:o, s:s}", "code", gh_err_token(e), "field",
	                        field ? json_string(field) : json_null(), "message", msg);
	api_reply(a, gh_err_status(e), json_pack("{s:o}", "error", err));
}

void api_fail(struct api *a, enum gh_err e)
{
	if (a->c.fail.code == e)
		api_error(a, e, a->c.fail.field, a->c.fail.zh, a->c.fail.en);
	else
		api_error(a, e, NULL, NULL, NULL);
}

bool api_query_int(struct api *a, const char *name, int64_t min, int64_t max, int64_t *out)
{
	const char *v = http_query(a->req, name);
	if (!v)
		return true;
	char *end;
	long long x = strtoll(v, &end, 10);
	if (!*v || *end || x < min || x > max) {
		api_error(a, GH_EINVAL, name, "查询参数取值无效", "invalid query parameter");
		return false;
	}
	*out = x;
	return true;
}

bool api_paging(struct api *a, int64_t *offset, int64_t *limit)
{
	*offset = 0;
	*limit = 20;
	return api_query_int(a, "offset", 0, 1000000000, offset) && api_query_int(a, "limit", 1, 200, limit);
}

void api_time(json_t *obj, const char *key, int64_t t)
{
	if (!t) {
		json_object_set_new(obj, key, json_null());
		return;
	}
	char buf[40];
	time_format_iso(t, buf, sizeof(buf));
	json_object_set_new(obj, key, json_string(buf));
}

json_t *api_employer_json(const struct employer *e)
{
	json_t *j = json_object();
	json_set_int(j, "id", e->id, false);
	json_set_str(j, "name", e->name);
	json_set_str(j, "credit_code", e->credit_code);
	json_set_str(j, "division_code", e->division);
	json_set_int(j, "headcount", e->headcount, false);
	json_set_int(j, "org_id", e->org_id, false);
	json_set_str(j, "org_name", e->org_name);
	json_set_int(j, "union_id", e->union_id, e->union_id == 0);
	return j;
}

json_t *api_org_json(struct api *a, const struct org *o)
{
	json_t *j = json_object();
	json_set_int(j, "id", o->id, false);
	json_set_int(j, "parent_id", o->parent_id, o->parent_id == 0);
	json_set_str(j, "name", o->name);
	json_set_str(j, "kind", org_kind_token(o->kind));
	json_set_str(j, "kind_label", org_kind_label(o->kind, a->c.zh));
	json_set_str(j, "division_code", o->division);
	json_set_int(j, "depth", o->depth, false);
	json_set_str(j, "status", o->status);
	json_set_int(j, "child_count", o->child_count, false);
	json_set_str(j, "credit_code", o->credit_code);
	json_set_str(j, "founded_on", o->founded_on);
	json_set_int(j, "term_years", o->term_years, o->term_years == 0);
	json_set_str(j, "term_ends_on", o->term_ends_on[0] ? o->term_ends_on : NULL);
	json_set_str(j, "chair", o->chair);
	json_set_str(j, "phone", o->phone);
	json_object_set_new(j, "demo", json_boolean(o->demo));
	if (org_kind_has_employer(o->kind)) {
		json_set_int(j, "headcount", o->headcount, o->headcount < 0);
		if (o->kind == KIND_JOINT) {
			json_t *list = json_array();
			for (int i = 0; i < o->n_employers; i++)
				json_array_append_new(list, api_employer_json(&o->employers[i]));
			json_object_set_new(j, "employers", list);
		} else {
			json_object_set_new(j, "employer",
			                    o->n_employers ? api_employer_json(&o->employers[0]) : json_null());
		}
	}
	return j;
}

json_t *api_user_json(struct api *a, const struct user *u, bool with_caps)
{
	json_t *j = json_object();
	json_set_int(j, "id", u->id, false);
	json_set_str(j, "username", u->username);
	json_set_str(j, "name", u->name);
	json_set_str(j, "role", role_token(u->role));
	json_set_str(j, "role_label", role_label(u->role, a->c.zh));
	if (u->role == ROLE_MEMBER) {
		/* a worker's organisation is the union of their current membership, if any */
		struct member m;
		bool has = u->person_id && member_current(&a->c, u->person_id, &m) == 1;
		json_set_int(j, "org_id", has ? m.org_id : 0, !has);
		json_set_str(j, "org_name", has ? m.org_name : NULL);
	} else {
		json_set_int(j, "org_id", u->org_id, false);
		json_set_str(j, "org_name", u->org_name);
	}
	json_object_set_new(j, "disabled", json_boolean(u->disabled));
	api_time(j, "created_at", u->created_at);
	api_time(j, "last_login_at", u->last_login_at);
	if (with_caps) {
		json_t *caps = json_array();
		for (int c = 1; c < CAP__MAX; c++)
			if (role_can(u->role, (enum cap)c))
				json_array_append_new(caps, json_string(cap_token((enum cap)c)));
		json_object_set_new(j, "capabilities", caps);
	}
	return j;
}

json_t *api_warnings_json(struct api *a, const struct warning *w, int n)
{
	json_t *list = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(list, json_pack("{s:s, s:s, s:s}", "field", w[i].field, "code", w[i].code,
		                                      "message", a->c.zh ? w[i].zh : w[i].en));
	return list;
}
