/*
 * /api/users and /api/roles: accounts within the caller's scope.
 */
#include "api/api.h"
#include "json/json.h"

void api_user_list(struct api *a)
{
	int64_t offset, limit, org = 0;
	if (!api_paging(a, &offset, &limit) || !api_query_int(a, "org", 1, JSON_INT_MAX, &org))
		return;
	struct user_list l;
	enum gh_err e = user_list(&a->c, org, http_query(a->req, "q"), offset, limit, &l);
	if (e)
		return api_fail(a, e);
	json_t *items = json_array();
	for (int64_t i = 0; i < l.n; i++)
		json_array_append_new(items, api_user_json(a, &l.items[i], false));
	api_reply(a, 200, json_list(items, l.total, l.offset, l.limit));
}

void api_user_get(struct api *a)
{
	struct user u;
	enum gh_err e = user_get(&a->c, a->params[0], &u);
	if (e)
		return api_fail(a, e);
	api_reply(a, 200, api_user_json(a, &u, true));
}

void api_user_create(struct api *a)
{
	struct ctx *c = &a->c;
	struct user_input in = {.disabled = -1};
	enum gh_err e;
	if ((e = json_get_str(c, a->body, "username", "username", 64, true, &in.username)) ||
	    (e = json_get_str(c, a->body, "name", "name", 200, true, &in.name)) ||
	    (e = json_get_str(c, a->body, "role", "role", 40, true, &in.role)) ||
	    (e = json_get_int(c, a->body, "org_id", "org_id", 1, JSON_INT_MAX, true, &in.org_id, NULL)))
		return api_fail(a, e);
	json_t *pw = json_object_get(a->body, "password");
	if (!pw || !json_is_string(pw))
		return api_error(a, pw ? GH_EINVAL : GH_EMISSING, "password", "请设置密码（至少 12 个字符）",
		                 "a password of at least 12 characters is required");
	in.password = json_string_value(pw); /* passwords are taken as typed: no trimming */
	struct user u;
	if ((e = user_create(c, &in, &u)))
		return api_fail(a, e);
	api_reply(a, 201, api_user_json(a, &u, false));
}

void api_user_update(struct api *a)
{
	struct ctx *c = &a->c;
	struct user_input in = {.disabled = -1};
	enum gh_err e;
	bool disabled = false, present = false;
	if ((e = json_get_str(c, a->body, "name", "name", 200, false, &in.name)) ||
	    (e = json_get_str(c, a->body, "role", "role", 40, false, &in.role)) ||
	    (e = json_get_bool(c, a->body, "disabled", "disabled", false, &disabled, &present)))
		return api_fail(a, e);
	if (present)
		in.disabled = disabled;
	json_t *pw = json_object_get(a->body, "password");
	if (pw && !json_is_null(pw)) {
		if (!json_is_string(pw))
			return api_error(a, GH_EINVAL, "password", "密码应为字符串", "the password must be a string");
		in.password = json_string_value(pw);
	}
	if (!in.name && !in.role && in.disabled < 0 && !in.password)
		return api_error(a, GH_EBADREQ, NULL, "没有要修改的字段", "nothing to change");
	struct user u;
	if ((e = user_update(c, a->params[0], &in, &u)))
		return api_fail(a, e);
	api_reply(a, 200, api_user_json(a, &u, false));
}

void api_roles(struct api *a)
{
	json_t *items = json_array();
	for (int r = 0; r < ROLE__MAX; r++) {
		json_t *caps = json_array();
		for (int c = 1; c < CAP__MAX; c++)
			if (role_can((enum role)r, (enum cap)c))
				json_array_append_new(caps, json_string(cap_token((enum cap)c)));
		json_array_append_new(items, json_pack("{s:s, s:s, s:o}", "role", role_token((enum role)r), "name",
		                                       role_label((enum role)r, a->c.zh), "capabilities", caps));
	}
	api_reply(a, 200, json_list(items, ROLE__MAX, 0, ROLE__MAX));
}
