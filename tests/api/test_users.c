/*
 * API: staff accounts and roles. POST /api/users (the answer's shape, the password policy of
 * CONTRACT.md: 12 to 128 characters counted as characters, no common passwords; usernames;
 * duplicates; roles that cannot be granted; who may create accounts), GET /api/users and
 * /api/users/{id}, PATCH (disabling an account ends its sessions and its logins, a new
 * password or role ends its sessions, nobody disables themselves), GET /api/roles in both
 * languages, and `gonghui user add|passwd|list|disable|enable` with their exit codes (0 done,
 * 1 failed, 2 bad usage).
 */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "harness.h"

static struct srv S;
static struct client A;
static int64_t ROOT, QK, ADMIN_ID;

static int setup(void **state)
{
	if (srv_start(&S, false) < 0)
		return -1;
	client_init(&A, &S);
	if (login(&A, "admin", S.admin_pw) != 200)
		return -1;
	ROOT = org_by_division(&A, "000000000000");
	QK = org_by_division(&A, "320707100");
	struct resp r;
	if (req(&A, "GET", "/api/me", NULL, &r) < 0)
		return -1;
	ADMIN_ID = jint(r.json, "user.id");
	resp_free(&r);
	return (ROOT && QK && ADMIN_ID > 0) ? 0 : -1;
}

static int teardown(void **state)
{
	client_release(&A);
	srv_stop(&S);
	return 0;
}

/* POST /api/users as the admin. */
static void post_user(const char *username, const char *name, const char *password, const char *role, int64_t org,
                      struct resp *r)
{
	json_t *b = json_pack("{s:s, s:s, s:s, s:I}", "username", username, "name", name, "role", role, "org_id",
	                      (json_int_t)org);
	if (password)
		json_object_set_new(b, "password", json_string(password));
	assert_int_equal(reqj(&A, "POST", "/api/users", b, r), 0);
}

static int64_t create_user(const char *username, const char *role, int64_t org)
{
	struct resp r;
	post_user(username, "测试用户", TEST_PASSWORD, role, org, &r);
	expect_status(&r, 201);
	int64_t id = jint(r.json, "id");
	resp_free(&r);
	assert_true(id > 0);
	return id;
}

static bool has_string(json_t *arr, const char *s)
{
	for (size_t i = 0; i < json_array_size(arr); i++)
		if (json_is_string(json_array_get(arr, i)) && !strcmp(json_string_value(json_array_get(arr, i)), s))
			return true;
	return false;
}

static void test_create(void **state)
{
	struct resp r;
	post_user("qk.zhangwei", "张伟", TEST_PASSWORD, "cadre", QK, &r);
	expect_status(&r, 201);
	int64_t id = jint(r.json, "id");
	assert_true(id > 0);
	assert_string_equal(jstr(r.json, "username"), "qk.zhangwei");
	assert_string_equal(jstr(r.json, "name"), "张伟");
	assert_string_equal(jstr(r.json, "role"), "cadre");
	assert_int_equal(jint(r.json, "org_id"), QK);
	assert_string_equal(jstr(r.json, "org_name"), "青口镇总工会");
	assert_true(json_is_false(jget(r.json, "disabled")));
	assert_non_null(jstr(r.json, "created_at"));
	assert_true(json_is_null(jget(r.json, "last_login_at")));
	assert_null(jget(r.json, "password"));
	assert_null(jget(r.json, "pw_hash"));
	assert_null(strstr(r.body, "argon2"));
	assert_null(strstr(r.body, TEST_PASSWORD));
	resp_free(&r);

	struct client u;
	client_init(&u, &S);
	assert_int_equal(login(&u, "qk.zhangwei", TEST_PASSWORD), 200);
	assert_int_equal(req(&u, "GET", "/api/me", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "user.id"), id);
	assert_string_equal(jstr(r.json, "user.role"), "cadre");
	assert_int_equal(jint(r.json, "user.org_id"), QK);
	json_t *caps = jget(r.json, "user.capabilities");
	assert_true(has_string(caps, "org.read"));
	assert_true(has_string(caps, "org.edit"));
	assert_true(has_string(caps, "employer.write"));
	assert_false(has_string(caps, "org.create"));
	assert_false(has_string(caps, "user.write"));
	assert_false(has_string(caps, "audit.read"));
	resp_free(&r);
	client_release(&u);

	/* GET /api/users/{id}: with the login time now */
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/users/%" PRId64, id), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "username"), "qk.zhangwei");
	assert_non_null(jstr(r.json, "last_login_at"));
	resp_free(&r);
	/* and in the list, found by username and by name */
	assert_int_equal(req(&A, "GET", "/api/users?q=zhangwei", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 1);
	assert_int_equal(jint(r.json, "items.0.id"), id);
	resp_free(&r);
	assert_int_equal(req(&A, "GET", "/api/users?q=%E5%BC%A0%E4%BC%9F", NULL, &r), 0); /* 张伟 */
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 1);
	resp_free(&r);
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/users?org=%" PRId64, QK), 0);
	expect_status(&r, 200);
	assert_true(jint(r.json, "total") >= 1);
	resp_free(&r);
}

static void test_password_policy(void **state)
{
	char long128[129], long129[130];
	memset(long128, 'k', 128);
	long128[0] = 'a';
	long128[128] = 0;
	memset(long129, 'k', 129);
	long129[0] = 'a';
	long129[129] = 0;
	/* twelve and eleven Chinese characters (36 and 33 bytes) */
	const char *cjk12 = "我们的工会是职工之家啊好";
	const char *cjk11 = "我们的工会是职工之家啊";
	struct {
		const char *username;
		const char *password; /* NULL: absent */
		long status;
		const char *code;
	} cases[] = {
	        {"pw.short", "abcdefghijk", 400, "invalid_field"},   /* 11 characters */
	        {"pw.twelve", "abcdefghijkl", 400, "invalid_field"}, /* common (a run of the alphabet) */
	        {"pw.exact12", "zq8!vt3#mw5k", 201, NULL},           /* 12 characters */
	        {"pw.common", "password1234", 400, "invalid_field"},
	        {"pw.common2", "Password1234", 400, "invalid_field"}, /* case does not help */
	        {"pw.common3", "1qaz2wsx3edc", 400, "invalid_field"},
	        {"pw.same", "zzzzzzzzzzzzzzzz", 400, "invalid_field"},
	        {"pw.long128", long128, 201, NULL},
	        {"pw.long129", long129, 400, "invalid_field"},
	        {"pw.cjk12", cjk12, 201, NULL},
	        {"pw.cjk11", cjk11, 400, "invalid_field"},
	        {"pw.none", NULL, 400, "missing_field"},
	        {"pw.empty", "", 400, "missing_field"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct resp r;
		post_user(cases[i].username, "密码测试", cases[i].password, "auditor", QK, &r);
		if (r.status != cases[i].status)
			print_error("case %s\n", cases[i].username);
		if (cases[i].code)
			expect_error(&r, cases[i].status, cases[i].code, "password");
		else
			expect_status(&r, cases[i].status);
		resp_free(&r);
	}
	/* the accepted ones log in, the refused ones do not exist */
	struct client c;
	client_init(&c, &S);
	assert_int_equal(login(&c, "pw.long128", long128), 200);
	assert_int_equal(login(&c, "pw.cjk12", cjk12), 200);
	client_release(&c);
	struct resp r;
	assert_int_equal(req(&A, "GET", "/api/users?q=pw.&limit=50", NULL, &r), 0);
	assert_int_equal(jint(r.json, "total"), 3);
	resp_free(&r);
	/* a password that is not a string */
	assert_int_equal(req(&A, "POST", "/api/users",
	                     "{\"username\":\"pw.number\",\"name\":\"x\",\"role\":\"auditor\",\"org_id\":1,"
	                     "\"password\":123456789012}",
	                     &r),
	                 0);
	expect_error(&r, 400, "invalid_field", "password");
	resp_free(&r);
}

/* Passwords are taken exactly as typed: blanks around them and full-width letters are part of
 * the password, at creation as at login. */
static void test_password_as_typed(void **state)
{
	const char *spaced = "  spaced out passphrase  ";
	const char *wide = "ｆｕｌｌｗｉｄｔｈ密码一二三";
	struct resp r;
	post_user("typed.spaced", "空格", spaced, "auditor", QK, &r);
	expect_status(&r, 201);
	resp_free(&r);
	post_user("typed.wide", "全角", wide, "auditor", QK, &r);
	expect_status(&r, 201);
	resp_free(&r);
	struct client c;
	client_init(&c, &S);
	assert_int_equal(login(&c, "typed.spaced", spaced), 200);
	assert_int_equal(login(&c, "typed.spaced", "spaced out passphrase"), 401);
	assert_int_equal(login(&c, "typed.wide", wide), 200);
	assert_int_equal(login(&c, "typed.wide", "fullwidth密码一二三"), 401);
	/* the same through the command line */
	const char *pw[] = {"user", "passwd", "--username", "typed.spaced", "--password", " another spaced one ", NULL};
	assert_int_equal(srv_cli(&S, NULL, pw), 0);
	assert_int_equal(login(&c, "typed.spaced", " another spaced one "), 200);
	assert_int_equal(login(&c, "typed.spaced", "another spaced one"), 401);
	client_release(&c);
}

static void test_duplicate_and_bad_fields(void **state)
{
	create_user("dup.user", "auditor", QK);
	struct resp r;
	post_user("dup.user", "另一个人", TEST_PASSWORD, "cadre", ROOT, &r);
	expect_error(&r, 409, "duplicate", "username");
	resp_free(&r);
	struct {
		const char *username, *name, *role;
		int64_t org;
		long status;
		const char *code, *field;
	} cases[] = {
	        {"ab", "名字", "cadre", 0, 400, "invalid_field", "username"},
	        {"has space", "名字", "cadre", 0, 400, "invalid_field", "username"},
	        {"用户名", "名字", "cadre", 0, 400, "invalid_field", "username"},
	        {"13800138000", "名字", "cadre", 0, 400, "invalid_field", "username"},        /* looks like a phone */
	        {"32070719900101123X", "名字", "cadre", 0, 400, "invalid_field", "username"}, /* an ID number */
	        {"okname1", "名字", "member", 0, 400, "invalid_field", "role"},
	        {"okname2", "名字", "superuser", 0, 400, "invalid_field", "role"},
	        {"okname3", "名字", "", 0, 400, "missing_field", "role"},
	        {"okname4", "", "cadre", 0, 400, "missing_field", "name"},
	        {"okname5", "名\x01字", "cadre", 0, 400, "invalid_field", "name"},
	        {"okname6", "名字", "cadre", 999999, 404, "not_found", "org_id"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		post_user(cases[i].username, cases[i].name, TEST_PASSWORD, cases[i].role,
		          cases[i].org ? cases[i].org : QK, &r);
		if (r.status != cases[i].status)
			print_error("case %zu (%s)\n", i, cases[i].username);
		expect_error(&r, cases[i].status, cases[i].code, cases[i].field);
		resp_free(&r);
	}
	assert_int_equal(req(&A, "GET", "/api/users?q=okname", NULL, &r), 0);
	assert_int_equal(jint(r.json, "total"), 0);
	resp_free(&r);
}

/* Only a role holding user.write creates accounts; the others get 403 whatever they send. */
static void test_who_may_create(void **state)
{
	const char *roles[] = {"federation_staff", "cadre", "party_officer", "auditor"};
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		char uname[64];
		snprintf(uname, sizeof(uname), "who.%s", roles[i]);
		int64_t id = create_user(uname, roles[i], QK);
		struct client c;
		client_init(&c, &S);
		assert_int_equal(login(&c, uname, TEST_PASSWORD), 200);
		struct resp r;
		json_t *b = json_pack("{s:s, s:s, s:s, s:s, s:I}", "username", "who.made", "name", "不应创建",
		                      "password", TEST_PASSWORD, "role", "auditor", "org_id", (json_int_t)QK);
		assert_int_equal(reqj(&c, "POST", "/api/users", b, &r), 0);
		expect_error(&r, 403, "forbidden", NULL);
		resp_free(&r);
		/* nor edit accounts, even their own */
		assert_int_equal(reqf(&c, "PATCH", "{\"name\":\"改名\"}", &r, "/api/users/%" PRId64, id), 0);
		expect_error(&r, 403, "forbidden", NULL);
		resp_free(&r);
		/* federation staff read accounts; the others do not */
		assert_int_equal(req(&c, "GET", "/api/users", NULL, &r), 0);
		expect_status(&r, strcmp(roles[i], "federation_staff") ? 403 : 200);
		resp_free(&r);
		client_release(&c);
	}
	struct resp r;
	assert_int_equal(req(&A, "GET", "/api/users?q=who.made", NULL, &r), 0);
	assert_int_equal(jint(r.json, "total"), 0);
	resp_free(&r);
}

static void test_disable(void **state)
{
	int64_t id = create_user("dis.user", "federation_staff", QK);
	struct client u;
	client_init(&u, &S);
	assert_int_equal(login(&u, "dis.user", TEST_PASSWORD), 200);
	struct resp r;
	assert_int_equal(req(&u, "GET", "/api/me", NULL, &r), 0);
	expect_status(&r, 200);
	resp_free(&r);
	char path[64];
	snprintf(path, sizeof(path), "/api/users/%" PRId64, id);
	assert_int_equal(req(&A, "PATCH", path, "{\"disabled\":true}", &r), 0);
	expect_status(&r, 200);
	assert_true(json_is_true(jget(r.json, "disabled")));
	resp_free(&r);
	/* the running session is gone, and no new one can start */
	assert_int_equal(req(&u, "GET", "/api/me", NULL, &r), 0);
	expect_error(&r, 401, "unauthenticated", NULL);
	resp_free(&r);
	assert_int_equal(login(&u, "dis.user", TEST_PASSWORD), 401);
	/* the list shows it disabled */
	assert_int_equal(req(&A, "GET", "/api/users?q=dis.user", NULL, &r), 0);
	assert_true(json_is_true(jget(r.json, "items.0.disabled")));
	resp_free(&r);
	/* enabled again, it logs in */
	assert_int_equal(req(&A, "PATCH", path, "{\"disabled\":false}", &r), 0);
	expect_status(&r, 200);
	assert_true(json_is_false(jget(r.json, "disabled")));
	resp_free(&r);
	assert_int_equal(login(&u, "dis.user", TEST_PASSWORD), 200);
	client_release(&u);
	/* nobody disables themselves or changes their own role */
	snprintf(path, sizeof(path), "/api/users/%" PRId64, ADMIN_ID);
	assert_int_equal(req(&A, "PATCH", path, "{\"disabled\":true}", &r), 0);
	expect_error(&r, 409, "conflict", "disabled");
	resp_free(&r);
	assert_int_equal(req(&A, "PATCH", path, "{\"role\":\"auditor\"}", &r), 0);
	expect_error(&r, 409, "conflict", "role");
	resp_free(&r);
	assert_int_equal(req(&A, "GET", "/api/me", NULL, &r), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "user.role"), "admin");
	resp_free(&r);
}

static void test_password_change_ends_sessions(void **state)
{
	int64_t id = create_user("pwc.user", "cadre", QK);
	struct client u1, u2;
	client_init(&u1, &S);
	client_init(&u2, &S);
	assert_int_equal(login(&u1, "pwc.user", TEST_PASSWORD), 200);
	assert_int_equal(login(&u2, "pwc.user", TEST_PASSWORD), 200);
	char path[64];
	snprintf(path, sizeof(path), "/api/users/%" PRId64, id);
	struct resp r;
	/* a refused password changes nothing: the sessions stay */
	assert_int_equal(req(&A, "PATCH", path, "{\"password\":\"short\"}", &r), 0);
	expect_error(&r, 400, "invalid_field", "password");
	resp_free(&r);
	assert_int_equal(req(&u1, "GET", "/api/me", NULL, &r), 0);
	expect_status(&r, 200);
	resp_free(&r);
	/* a new password ends every session of the account */
	assert_int_equal(req(&A, "PATCH", path, "{\"password\":\"a brand new passphrase\"}", &r), 0);
	expect_status(&r, 200);
	assert_null(strstr(r.body, "a brand new passphrase"));
	resp_free(&r);
	assert_int_equal(req(&u1, "GET", "/api/me", NULL, &r), 0);
	expect_status(&r, 401);
	resp_free(&r);
	assert_int_equal(req(&u2, "GET", "/api/me", NULL, &r), 0);
	expect_status(&r, 401);
	resp_free(&r);
	assert_int_equal(login(&u1, "pwc.user", TEST_PASSWORD), 401);
	assert_int_equal(login(&u1, "pwc.user", "a brand new passphrase"), 200);
	/* a new role ends the sessions too; a new name does not */
	assert_int_equal(req(&A, "PATCH", path, "{\"name\":\"新名字\"}", &r), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "name"), "新名字");
	resp_free(&r);
	assert_int_equal(req(&u1, "GET", "/api/me", NULL, &r), 0);
	expect_status(&r, 200);
	resp_free(&r);
	assert_int_equal(req(&A, "PATCH", path, "{\"role\":\"party_officer\"}", &r), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "role"), "party_officer");
	resp_free(&r);
	assert_int_equal(req(&u1, "GET", "/api/me", NULL, &r), 0);
	expect_status(&r, 401);
	resp_free(&r);
	/* PATCH errors */
	assert_int_equal(req(&A, "PATCH", path, "{}", &r), 0);
	expect_error(&r, 400, "bad_request", NULL);
	resp_free(&r);
	assert_int_equal(req(&A, "PATCH", path, "{\"role\":\"member\"}", &r), 0);
	expect_error(&r, 400, "invalid_field", "role");
	resp_free(&r);
	assert_int_equal(req(&A, "PATCH", path, "{\"disabled\":\"yes\"}", &r), 0);
	expect_error(&r, 400, "invalid_field", "disabled");
	resp_free(&r);
	assert_int_equal(req(&A, "PATCH", "/api/users/999999", "{\"name\":\"某人\"}", &r), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	client_release(&u1);
	client_release(&u2);
}

static void test_roles(void **state)
{
	struct resp r;
	assert_int_equal(req(&A, "GET", "/api/roles", NULL, &r), 0);
	expect_status(&r, 200);
	json_t *items = jget(r.json, "items");
	assert_int_equal(json_array_size(items), 6);
	const char *want[] = {"member", "cadre", "federation_staff", "party_officer", "auditor", "admin"};
	for (size_t i = 0; i < 6; i++) {
		bool found = false;
		for (size_t k = 0; k < json_array_size(items); k++) {
			json_t *it = json_array_get(items, k);
			if (strcmp(jstr(it, "role"), want[i]))
				continue;
			found = true;
			json_t *caps = jget(it, "capabilities");
			assert_true(json_is_array(caps));
			assert_non_null(jstr(it, "name"));
			if (!strcmp(want[i], "member"))
				assert_int_equal(json_array_size(caps), 0);
			if (!strcmp(want[i], "admin")) {
				assert_string_equal(jstr(it, "name"), "系统管理员");
				const char *all[] = {"org.read",       "org.create", "org.edit",  "org.move",
				                     "employer.write", "stats.read", "user.read", "user.write",
				                     "audit.read",     "pii.reveal"};
				for (size_t c = 0; c < 10; c++)
					assert_true(has_string(caps, all[c]));
			}
			if (!strcmp(want[i], "federation_staff")) {
				assert_true(has_string(caps, "org.create"));
				assert_true(has_string(caps, "user.read"));
				assert_false(has_string(caps, "user.write"));
			}
			if (!strcmp(want[i], "party_officer") || !strcmp(want[i], "auditor")) {
				assert_true(has_string(caps, "org.read"));
				assert_false(has_string(caps, "org.create"));
				assert_false(has_string(caps, "employer.write"));
			}
			if (!strcmp(want[i], "cadre")) {
				assert_false(has_string(caps, "org.create"));
				assert_false(has_string(caps, "user.write"));
			}
		}
		assert_true(found);
	}
	resp_free(&r);
	A.lang = "en";
	assert_int_equal(req(&A, "GET", "/api/roles", NULL, &r), 0);
	A.lang = NULL;
	expect_status(&r, 200);
	bool en = false;
	for (size_t k = 0; k < json_array_size(jget(r.json, "items")); k++) {
		json_t *it = json_array_get(jget(r.json, "items"), k);
		if (!strcmp(jstr(it, "role"), "admin"))
			en = !strcmp(jstr(it, "name"), "administrator");
	}
	assert_true(en);
	resp_free(&r);
	struct client anon;
	client_init(&anon, &S);
	assert_int_equal(req(&anon, "GET", "/api/roles", NULL, &r), 0);
	expect_error(&r, 401, "unauthenticated", NULL);
	resp_free(&r);
	client_release(&anon);
}

static void test_list_order(void **state)
{
	create_user("ord.charlie", "auditor", QK);
	create_user("ord.alpha", "auditor", QK);
	create_user("ord.bravo", "auditor", QK);
	struct resp r;
	assert_int_equal(req(&A, "GET", "/api/users?q=ord.", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 3);
	assert_string_equal(jstr(r.json, "items.0.username"), "ord.alpha");
	assert_string_equal(jstr(r.json, "items.1.username"), "ord.bravo");
	assert_string_equal(jstr(r.json, "items.2.username"), "ord.charlie");
	resp_free(&r);
	assert_int_equal(req(&A, "GET", "/api/users?q=ord.&offset=1&limit=1", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 3);
	assert_int_equal(json_array_size(jget(r.json, "items")), 1);
	assert_string_equal(jstr(r.json, "items.0.username"), "ord.bravo");
	resp_free(&r);
	assert_int_equal(req(&A, "GET", "/api/users/999999", NULL, &r), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
}

static int cli(char **out, const char *const *args)
{
	return srv_cli(&S, out, args);
}

static void test_cli(void **state)
{
	char qk[32];
	snprintf(qk, sizeof(qk), "%" PRId64, QK);
	char *out = NULL;
	/* add */
	const char *add[] = {"user",       "add",
	                     "--org",      qk,
	                     "--role",     "federation_staff",
	                     "--username", "cli.user",
	                     "--password", TEST_PASSWORD,
	                     "--name",     "命令行用户",
	                     NULL};
	assert_int_equal(cli(&out, add), 0);
	json_t *j = json_loads(out, JSON_DISABLE_EOF_CHECK, NULL);
	free(out);
	assert_non_null(j);
	assert_string_equal(jstr(j, "username"), "cli.user");
	assert_string_equal(jstr(j, "role"), "federation_staff");
	assert_int_equal(jint(j, "org_id"), QK);
	int64_t id = jint(j, "id");
	json_decref(j);
	struct client u;
	client_init(&u, &S);
	assert_int_equal(login(&u, "cli.user", TEST_PASSWORD), 200);
	struct resp r;
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/users/%" PRId64, id), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "name"), "命令行用户");
	resp_free(&r);
	/* add by division code */
	const char *add_div[] = {"user",       "add",     "--division", "320707100",   "--role", "auditor",
	                         "--username", "cli.div", "--password", TEST_PASSWORD, NULL};
	assert_int_equal(cli(NULL, add_div), 0);
	/* list: JSON lines, one per account */
	const char *list[] = {"user", "list", "--org", qk, NULL};
	assert_int_equal(cli(&out, list), 0);
	assert_non_null(strstr(out, "\"username\":\"cli.user\""));
	assert_non_null(strstr(out, "\"username\":\"cli.div\""));
	assert_null(strstr(out, "\"username\":\"admin\"")); /* bound above the town */
	char *save = NULL;
	int lines = 0;
	for (char *line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		json_t *lj = json_loads(line, 0, NULL);
		assert_non_null(lj);
		assert_true(jint(lj, "id") > 0);
		json_decref(lj);
		lines++;
	}
	free(out);
	assert_true(lines >= 2);
	/* passwd: the old password stops working and the sessions end */
	const char *pw[] = {"user", "passwd", "--username", "cli.user", "--password", "another long passphrase", NULL};
	assert_int_equal(cli(NULL, pw), 0);
	assert_int_equal(req(&u, "GET", "/api/me", NULL, &r), 0);
	expect_status(&r, 401);
	resp_free(&r);
	assert_int_equal(login(&u, "cli.user", TEST_PASSWORD), 401);
	assert_int_equal(login(&u, "cli.user", "another long passphrase"), 200);
	/* disable: the session ends, logins fail; enable again */
	const char *dis[] = {"user", "disable", "--username", "cli.user", NULL};
	assert_int_equal(cli(NULL, dis), 0);
	assert_int_equal(req(&u, "GET", "/api/me", NULL, &r), 0);
	expect_status(&r, 401);
	resp_free(&r);
	assert_int_equal(login(&u, "cli.user", "another long passphrase"), 401);
	assert_int_equal(cli(&out, list), 0);
	assert_non_null(strstr(out, "\"username\":\"cli.user\",\"role\":\"federation_staff\""));
	char *rec = strstr(out, "\"username\":\"cli.user\"");
	assert_non_null(rec);
	char *eol = strchr(rec, '\n');
	if (eol)
		*eol = 0;
	assert_non_null(strstr(rec, "\"disabled\":true"));
	free(out);
	const char *en[] = {"user", "enable", "--username", "cli.user", NULL};
	assert_int_equal(cli(NULL, en), 0);
	assert_int_equal(login(&u, "cli.user", "another long passphrase"), 200);
	client_release(&u);

	/* bad usage: 2 */
	const char *u1[] = {"user", NULL};
	const char *u2[] = {"user", "frob", NULL};
	const char *u3[] = {"user", "add", "--org", qk, "--role", "cadre", "--username", "cli.nopw", NULL};
	const char *u4[] = {"user",      "add",        "--role",      "cadre", "--username",
	                    "cli.noorg", "--password", TEST_PASSWORD, NULL};
	const char *u5[] = {"user", "passwd", "--username", "cli.user", NULL};
	const char *u6[] = {"user", "disable", NULL};
	const char *u7[] = {"user",       "add",        "--division", "99",          "--role", "cadre",
	                    "--username", "cli.baddiv", "--password", TEST_PASSWORD, NULL};
	const char *u8[] = {"user",       "add",        "--org",      "abc",         "--role", "cadre",
	                    "--username", "cli.badorg", "--password", TEST_PASSWORD, NULL};
	const char *const *usage[] = {u1, u2, u3, u4, u5, u6, u7, u8};
	for (size_t i = 0; i < sizeof(usage) / sizeof(usage[0]); i++) {
		int rc = cli(NULL, usage[i]);
		if (rc != 2)
			print_error("usage case %zu: exit %d\n", i, rc);
		assert_int_equal(rc, 2);
	}
	/* failures, refused values included (a short password, a role that is no staff role): 1 */
	const char *f4[] = {"user",       "add",       "--org",      qk,      "--role", "cadre",
	                    "--username", "cli.short", "--password", "short", NULL};
	const char *f5[] = {"user",       "add",        "--org",       qk,  "--role", "member", "--username",
	                    "cli.member", "--password", TEST_PASSWORD, NULL};
	const char *f1[] = {"user",     "add",        "--org",       qk,  "--role", "cadre", "--username",
	                    "cli.user", "--password", TEST_PASSWORD, NULL}; /* duplicate */
	const char *f2[] = {"user", "passwd", "--username", "cli.nobody", "--password", TEST_PASSWORD, NULL};
	const char *f3[] = {"user",       "add",        "--org",      "999999",      "--role", "cadre",
	                    "--username", "cli.noorg2", "--password", TEST_PASSWORD, NULL};
	const char *const *fails[] = {f1, f2, f3, f4, f5};
	for (size_t i = 0; i < sizeof(fails) / sizeof(fails[0]); i++) {
		int rc = cli(NULL, fails[i]);
		if (rc != 1)
			print_error("failure case %zu: exit %d\n", i, rc);
		assert_int_equal(rc, 1);
	}
	assert_int_equal(req(&A, "GET", "/api/users?q=cli.", NULL, &r), 0);
	assert_int_equal(jint(r.json, "total"), 2); /* cli.user and cli.div only */
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_create),
	        cmocka_unit_test(test_password_policy),
	        cmocka_unit_test(test_password_as_typed),
	        cmocka_unit_test(test_duplicate_and_bad_fields),
	        cmocka_unit_test(test_who_may_create),
	        cmocka_unit_test(test_disable),
	        cmocka_unit_test(test_password_change_ends_sessions),
	        cmocka_unit_test(test_roles),
	        cmocka_unit_test(test_list_order),
	        cmocka_unit_test(test_cli),
	};
	curl_global_init(CURL_GLOBAL_DEFAULT);
	int rc = cmocka_run_group_tests(tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
