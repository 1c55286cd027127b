/*
 * Logging in and out, and the current account (CONTRACT.md, "Transport and sessions").
 */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "domain/member.h"
#include "json/json.h"

void api_session_create(struct api *a)
{
	const char *username, *password;
	enum gh_err e;
	if ((e = json_get_str(&a->c, a->body, "username", "username", 128, true, &username)))
		return api_fail(a, e);
	/* Passwords are taken exactly as typed (no trimming or folding), as they were set. */
	json_t *pw = json_object_get(a->body, "password");
	if (!json_is_string(pw) || json_string_length(pw) == 0)
		return api_error(a, pw && !json_is_null(pw) ? GH_EINVAL : GH_EMISSING, "password", "请输入密码",
		                 "the password is required");
	if (json_string_length(pw) > 1024 || strlen(json_string_value(pw)) != json_string_length(pw))
		return api_error(a, GH_EUNAUTH, NULL, "用户名或密码错误", "wrong username or password");
	password = json_string_value(pw);
	struct user u;
	char token[SESSION_TOKEN_CHARS], csrf[SESSION_TOKEN_CHARS];
	if ((e = user_login(&a->c, username, password, &u, token, csrf)))
		return api_fail(a, e);
	a->req->set_cookie = arena_printf(&a->req->arena, "gonghui_session=%s; Path=/; HttpOnly; SameSite=Strict%s",
	                                  token, a->secure ? "; Secure" : "");
	api_reply(a, 200, json_pack("{s:o, s:s}", "user", api_user_json(a, &u, true), "csrf_token", csrf));
}

void api_session_delete(struct api *a)
{
	const char *token = http_cookie(a->req, "gonghui_session");
	if (token && session_delete(a->c.db, token) < 0)
		return api_fail(a, GH_EIO);
	a->req->set_cookie = a->secure ? "gonghui_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure"
	                               : "gonghui_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
	api_reply(a, 204, NULL);
}

void api_me(struct api *a)
{
	api_reply(a, 200, json_pack("{s:o, s:s}", "user", api_user_json(a, a->me, true), "csrf_token", a->csrf));
}

/* Reads a password exactly as typed. */
static enum gh_err raw_password(struct api *a, const char **out)
{
	json_t *pw = json_object_get(a->body, "password");
	*out = NULL;
	if (!pw || json_is_null(pw))
		return gh_fail_set(&a->c.fail, GH_EMISSING, "password", "请设置密码（至少 12 个字符）",
		                   "a password of at least 12 characters is required");
	if (!json_is_string(pw) || strlen(json_string_value(pw)) != json_string_length(pw))
		return gh_fail_set(&a->c.fail, GH_EINVAL, "password", "密码应为文字", "the password must be text");
	*out = json_string_value(pw);
	return GH_OK;
}

void api_register(struct api *a)
{
	struct register_input in;
	enum gh_err e;
	if ((e = json_get_str(&a->c, a->body, "phone", "phone", 64, true, &in.phone)) ||
	    (e = json_get_str(&a->c, a->body, "id_number", "id_number", 64, true, &in.id_number)) ||
	    (e = json_get_str(&a->c, a->body, "name", "name", 200, true, &in.name)) ||
	    (e = raw_password(a, &in.password)))
		return api_fail(a, e);
	struct user u;
	if ((e = member_register(&a->c, &in, &u)))
		return api_fail(a, e);
	api_reply(a, 201, json_pack("{s:o}", "user", api_user_json(a, &u, false)));
}

void api_activate(struct api *a)
{
	const char *idn, *code, *password;
	enum gh_err e;
	if ((e = json_get_str(&a->c, a->body, "id_number", "id_number", 64, true, &idn)) ||
	    (e = json_get_str(&a->c, a->body, "code", "code", 32, true, &code)) || (e = raw_password(a, &password)))
		return api_fail(a, e);
	struct user u;
	if ((e = member_activate(&a->c, idn, code, password, &u)))
		return api_fail(a, e);
	api_reply(a, 201, json_pack("{s:o}", "user", api_user_json(a, &u, false)));
}
