/*
 * Logging in and out, and the current account (CONTRACT.md, "Transport and sessions").
 */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
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
