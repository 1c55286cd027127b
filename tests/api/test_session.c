/*
 * API: sessions against the test clock (CONTRACT.md "Transport and sessions", "Time in tests").
 * PUT /api/test/clock answers 204 (and does not exist on a server started without
 * --test-clock); the idle timeout (30 minutes after the last request) and the absolute timeout
 * (12 hours whatever the activity); login throttling (10 failures lock the account for 15
 * minutes, even against the right password); one generic 401 for every refused login; and the
 * error shape {"error":{code, field, message}} with messages in Chinese by default and in
 * English with Accept-Language: en.
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
static int64_t QK;

static int setup(void **state)
{
	if (srv_start(&S, true) < 0)
		return -1;
	struct client a;
	client_init(&a, &S);
	if (login(&a, "admin", S.admin_pw) != 200)
		return -1;
	QK = org_by_division(&a, "320707100");
	client_release(&a);
	if (!QK)
		return -1;
	const char *users[] = {"ses.idle",    "ses.abs",    "ses.lock", "ses.other",
	                       "ses.generic", "ses.errors", "ses.reads"};
	for (size_t i = 0; i < sizeof(users) / sizeof(users[0]); i++)
		if (make_user(&S, QK, "federation_staff", users[i], TEST_PASSWORD) != 0)
			return -1;
	return 0;
}

static int teardown(void **state)
{
	srv_stop(&S);
	return 0;
}

/* Sets the test clock to base + minutes; base is "YYYY-MM-DD" at 09:00 Beijing time. */
static void clock_at(struct client *c, const char *day, int minutes)
{
	char body[128];
	int h = 9 + minutes / 60, m = minutes % 60;
	int d = 0;
	while (h >= 24) {
		h -= 24;
		d++;
	}
	int y, mo, dd;
	assert_int_equal(sscanf(day, "%d-%d-%d", &y, &mo, &dd), 3);
	dd += d; /* the tests stay within one month */
	assert_true(dd <= 28);
	snprintf(body, sizeof(body), "{\"now\":\"%04d-%02d-%02dT%02d:%02d:00+08:00\"}", y, mo, dd, h, m);
	struct resp r;
	assert_int_equal(req(c, "PUT", "/api/test/clock", body, &r), 0);
	expect_status(&r, 204);
	assert_true(r.body == NULL || r.body[0] == 0);
	resp_free(&r);
}

static long me(struct client *c)
{
	struct resp r;
	assert_int_equal(req(c, "GET", "/api/me", NULL, &r), 0);
	long st = r.status;
	if (st == 401)
		expect_error(&r, 401, "unauthenticated", NULL);
	resp_free(&r);
	return st;
}

static void test_clock_endpoint(void **state)
{
	struct client c;
	client_init(&c, &S);
	struct resp r;
	/* no session and no CSRF token needed */
	assert_int_equal(req(&c, "PUT", "/api/test/clock", "{\"now\": \"2030-01-01T09:00:00+08:00\"}", &r), 0);
	expect_status(&r, 204);
	resp_free(&r);
	assert_int_equal(req(&c, "PUT", "/api/test/clock", "{\"now\": \"2030-01-01 09:00\"}", &r), 0);
	expect_error(&r, 400, "invalid_field", "now");
	resp_free(&r);
	assert_int_equal(req(&c, "PUT", "/api/test/clock", "{}", &r), 0);
	expect_error(&r, 400, "missing_field", "now");
	resp_free(&r);
	assert_int_equal(req(&c, "GET", "/api/test/clock", NULL, &r), 0);
	expect_error(&r, 405, "method_not_allowed", NULL);
	resp_free(&r);
	/* the clock is read at once: an account created in the past logs in, its login time is the
	 * test clock's */
	assert_int_equal(login(&c, "admin", S.admin_pw), 200);
	assert_int_equal(req(&c, "GET", "/api/users?q=admin", NULL, &r), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "items.0.last_login_at"), "2030-01-01T09:00:00+08:00");
	resp_free(&r);
	client_release(&c);
}

static void test_idle_timeout(void **state)
{
	struct client c;
	client_init(&c, &S);
	clock_at(&c, "2030-02-01", 0);
	assert_int_equal(login(&c, "ses.idle", TEST_PASSWORD), 200);
	clock_at(&c, "2030-02-01", 29);
	assert_int_equal(me(&c), 200);
	/* 29 minutes after the last request: still there */
	clock_at(&c, "2030-02-01", 58);
	assert_int_equal(me(&c), 200);
	/* 31 minutes after the last request: gone */
	clock_at(&c, "2030-02-01", 89);
	assert_int_equal(me(&c), 401);
	/* a write with the old token fails as well */
	struct resp r;
	assert_int_equal(req(&c, "DELETE", "/api/session", NULL, &r), 0);
	expect_status(&r, 401);
	resp_free(&r);
	client_release(&c);
}

/* GET of an organisation, of its figures: routes whose statements share one read transaction
 * (route.c, R_SNAP). The idle timer's refresh is a write: it must outlive that transaction. */
static long read_org(struct client *c, bool figures)
{
	char path[96];
	snprintf(path, sizeof(path), "/api/orgs/%lld%s", (long long)QK, figures ? "/stats" : "");
	struct resp r;
	assert_int_equal(req(c, "GET", path, NULL, &r), 0);
	long st = r.status;
	resp_free(&r);
	return st;
}

static void test_idle_timeout_on_reads(void **state)
{
	/* the clock is moved by another client: PUT /api/test/clock with the session's cookie
	 * would refresh the timer itself */
	struct client c, clk;
	client_init(&c, &S);
	client_init(&clk, &S);
	clock_at(&clk, "2030-02-02", 0);
	assert_int_equal(login(&c, "ses.reads", TEST_PASSWORD), 200);
	clock_at(&clk, "2030-02-02", 29);
	assert_int_equal(read_org(&c, false), 200);
	/* 58: 29 minutes after the read at 29, which refreshed the idle timer */
	clock_at(&clk, "2030-02-02", 58);
	assert_int_equal(read_org(&c, true), 200);
	clock_at(&clk, "2030-02-02", 87);
	assert_int_equal(read_org(&c, false), 200);
	/* 31 minutes after the last read: gone, on a read route as on any other */
	clock_at(&clk, "2030-02-02", 118);
	assert_int_equal(read_org(&c, true), 401);
	assert_int_equal(me(&c), 401);
	client_release(&clk);
	client_release(&c);
}

static void test_absolute_timeout(void **state)
{
	struct client c;
	client_init(&c, &S);
	clock_at(&c, "2030-03-01", 0);
	assert_int_equal(login(&c, "ses.abs", TEST_PASSWORD), 200);
	/* a request every 20 minutes for 11 h 40 min */
	for (int m = 20; m <= 700; m += 20) {
		clock_at(&c, "2030-03-01", m);
		if (me(&c) != 200)
			print_error("session lost after %d minutes\n", m);
		assert_int_equal(me(&c), 200);
	}
	/* 12 hours and one minute after the login: gone, although active 21 minutes ago */
	clock_at(&c, "2030-03-01", 721);
	assert_int_equal(me(&c), 401);
	/* a fresh login works */
	assert_int_equal(login(&c, "ses.abs", TEST_PASSWORD), 200);
	assert_int_equal(me(&c), 200);
	client_release(&c);
}

static void test_throttling(void **state)
{
	struct client c, other;
	client_init(&c, &S);
	client_init(&other, &S);
	clock_at(&c, "2030-04-01", 0);
	for (int i = 0; i < 10; i++) {
		clock_at(&c, "2030-04-01", i / 2); /* ten failures within five minutes */
		assert_int_equal(login(&c, "ses.lock", "not the password at all"), 401);
	}
	struct resp r;
	char body[200];
	snprintf(body, sizeof(body), "{\"username\":\"ses.lock\",\"password\":\"%s\"}", TEST_PASSWORD);
	/* the 11th try, with the right password: locked */
	assert_int_equal(req(&c, "POST", "/api/session", body, &r), 0);
	expect_error(&r, 429, "throttled", NULL);
	assert_null(r.set_cookie);
	resp_free(&r);
	/* another account from the same address is not locked */
	assert_int_equal(login(&other, "ses.other", TEST_PASSWORD), 200);
	/* still locked 14 minutes after the last failure */
	clock_at(&c, "2030-04-01", 4 + 14);
	assert_int_equal(login(&c, "ses.lock", TEST_PASSWORD), 429);
	/* 16 minutes after the last failure: open again */
	clock_at(&c, "2030-04-01", 4 + 16);
	assert_int_equal(login(&c, "ses.lock", TEST_PASSWORD), 200);
	assert_int_equal(me(&c), 200);
	/* a success clears the count: nine more failures do not lock */
	struct client d;
	client_init(&d, &S);
	for (int i = 0; i < 9; i++)
		assert_int_equal(login(&d, "ses.lock", "still not the password"), 401);
	assert_int_equal(login(&d, "ses.lock", TEST_PASSWORD), 200);
	client_release(&d);
	client_release(&c);
	client_release(&other);
}

/* Unknown user, wrong password, disabled account, locked-out shapes aside: one 401 body. */
static void test_generic_errors(void **state)
{
	struct client c;
	client_init(&c, &S);
	clock_at(&c, "2030-05-01", 0);
	const char *bodies[] = {
	        "{\"username\":\"ses.nobody\",\"password\":\"correct horse battery staple\"}",
	        "{\"username\":\"ses.generic\",\"password\":\"wrong horse battery staple\"}",
	        "{\"username\":\"ses.generic\",\"password\":\"x\"}",
	};
	char *first = NULL;
	for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		struct resp r;
		assert_int_equal(req(&c, "POST", "/api/session", bodies[i], &r), 0);
		expect_error(&r, 401, "unauthenticated", NULL);
		assert_null(r.set_cookie);
		if (!first)
			first = strdup(r.body);
		else
			assert_string_equal(r.body, first);
		resp_free(&r);
	}
	/* a disabled account answers the same */
	const char *dis[] = {"user", "disable", "--username", "ses.generic", NULL};
	assert_int_equal(srv_cli(&S, NULL, dis), 0);
	struct resp r;
	char body[200];
	snprintf(body, sizeof(body), "{\"username\":\"ses.generic\",\"password\":\"%s\"}", TEST_PASSWORD);
	assert_int_equal(req(&c, "POST", "/api/session", body, &r), 0);
	expect_status(&r, 401);
	assert_string_equal(r.body, first);
	resp_free(&r);
	free(first);
	client_release(&c);
}

/* A CJK character (U+4E00..U+9FFF) anywhere in s. */
static bool has_cjk(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	for (; *p; p++)
		if (p[0] >= 0xE4 && p[0] <= 0xE9 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80)
			return true;
	return false;
}

static bool ascii_only(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p >= 0x80)
			return false;
	return true;
}

/* Every error answers {"error":{code, field, message}}; the message follows Accept-Language. */
static void test_error_shape_and_language(void **state)
{
	struct client anon, c;
	client_init(&anon, &S);
	client_init(&c, &S);
	clock_at(&c, "2030-06-01", 0);
	assert_int_equal(login(&c, "ses.errors", TEST_PASSWORD), 200);
	char csrf[128];
	snprintf(csrf, sizeof(csrf), "%s", c.csrf);
	struct {
		struct client *who;
		const char *method, *path, *body;
		bool bad_csrf;
		long status;
		const char *code, *field;
	} cases[] = {
	        {&anon, "GET", "/api/me", NULL, false, 401, "unauthenticated", NULL},
	        {&anon, "POST", "/api/session", "{\"username\":\"x\",\"password\":\"y\"}", false, 401,
	         "unauthenticated", NULL},
	        {&anon, "POST", "/api/session", "{\"username\":", false, 400, "invalid_json", NULL},
	        {&anon, "POST", "/api/session", "{\"password\":\"y\"}", false, 400, "missing_field", "username"},
	        {&c, "GET", "/api/nowhere", NULL, false, 404, "not_found", NULL},
	        {&c, "GET", "/api/orgs/1", NULL, false, 404, "not_found", NULL},
	        {&c, "DELETE", "/api/orgs", NULL, false, 405, "method_not_allowed", NULL},
	        {&c, "GET", "/api/audit", NULL, false, 403, "forbidden", NULL},
	        {&c, "POST", "/api/orgs", "{}", true, 403, "csrf", NULL},
	        {&c, "POST", "/api/orgs", "{\"parent_id\":\"x\"}", false, 400, "invalid_field", "parent_id"},
	        {&c, "GET", "/api/orgs?q=a&limit=0", NULL, false, 400, "invalid_field", "limit"},
	};
	for (int lang = 0; lang < 3; lang++) {
		const char *al = lang == 0 ? NULL : lang == 1 ? "en" : "en-US,en;q=0.9,zh-CN;q=0.8";
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			struct client *w = cases[i].who;
			w->lang = al;
			snprintf(w->csrf, sizeof(w->csrf), "%s", cases[i].bad_csrf ? "wrong" : (w == &c ? csrf : ""));
			struct resp r;
			assert_int_equal(req(w, cases[i].method, cases[i].path, cases[i].body, &r), 0);
			if (r.status != cases[i].status)
				print_error("case %zu: %s %s\n", i, cases[i].method, cases[i].path);
			expect_error(&r, cases[i].status, cases[i].code, cases[i].field);
			const char *msg = jstr(r.json, "error.message");
			assert_non_null(msg);
			assert_true(strlen(msg) > 0);
			assert_int_equal(json_object_size(jget(r.json, "error")), 3);
			if (lang == 0 && !has_cjk(msg))
				print_error("case %zu: not Chinese: %s\n", i, msg);
			if (lang > 0 && !ascii_only(msg))
				print_error("case %zu: not English: %s\n", i, msg);
			assert_true(lang == 0 ? has_cjk(msg) : ascii_only(msg));
			resp_free(&r);
			w->lang = NULL;
		}
	}
	/* Accept-Language: zh-CN is Chinese */
	c.lang = "zh-CN,zh;q=0.9";
	struct resp r;
	assert_int_equal(req(&c, "GET", "/api/nowhere", NULL, &r), 0);
	assert_true(has_cjk(jstr(r.json, "error.message")));
	resp_free(&r);
	c.lang = NULL;
	client_release(&anon);
	client_release(&c);
}

/* Logging out ends the session on the server, not only in the browser. */
static void test_logout(void **state)
{
	struct client c;
	client_init(&c, &S);
	clock_at(&c, "2030-07-01", 0);
	assert_int_equal(login(&c, "ses.other", TEST_PASSWORD), 200);
	struct resp r;
	assert_int_equal(req(&c, "GET", "/api/me", NULL, &r), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "csrf_token"), c.csrf);
	resp_free(&r);
	assert_int_equal(req(&c, "DELETE", "/api/session", NULL, &r), 0);
	expect_status(&r, 204);
	assert_non_null(r.set_cookie);
	assert_non_null(strstr(r.set_cookie, "Max-Age=0"));
	resp_free(&r);
	assert_int_equal(me(&c), 401);
	client_release(&c);
}

/* 100 failures from one address within 15 minutes block the address for 15 minutes, for
 * every account. */
static void test_address_throttling(void **state)
{
	struct client c;
	client_init(&c, &S);
	clock_at(&c, "2030-08-01", 0);
	for (int i = 0; i < 100; i++) {
		char body[160];
		/* a different (unknown) account each time: no account lock is involved */
		snprintf(body, sizeof(body), "{\"username\":\"ses.unknown%d\",\"password\":\"wrong password\"}", i);
		if (i % 10 == 0)
			clock_at(&c, "2030-08-01", i / 10); /* within ten minutes */
		struct resp r;
		assert_int_equal(req(&c, "POST", "/api/session", body, &r), 0);
		expect_status(&r, 401);
		resp_free(&r);
	}
	/* an account with no failures of its own, with its right password */
	assert_int_equal(login(&c, "ses.other", TEST_PASSWORD), 429);
	clock_at(&c, "2030-08-01", 9 + 16);
	assert_int_equal(login(&c, "ses.other", TEST_PASSWORD), 200);
	client_release(&c);
}

/* Without --test-clock the endpoint does not exist. */
static void test_clock_absent_without_flag(void **state)
{
	struct srv s2;
	assert_int_equal(srv_start(&s2, false), 0);
	struct client c;
	client_init(&c, &s2);
	struct resp r;
	assert_int_equal(req(&c, "PUT", "/api/test/clock", "{\"now\":\"2030-01-01T09:00:00+08:00\"}", &r), 0);
	long st = r.status;
	char code[64];
	snprintf(code, sizeof(code), "%s", jstr(r.json, "error.code") ? jstr(r.json, "error.code") : "");
	resp_free(&r);
	/* and the real clock still rules: a login works, its time is not 2030 */
	long lg = login(&c, "admin", s2.admin_pw);
	assert_int_equal(req(&c, "GET", "/api/users?q=admin", NULL, &r), 0);
	char last[64];
	snprintf(last, sizeof(last), "%s",
	         jstr(r.json, "items.0.last_login_at") ? jstr(r.json, "items.0.last_login_at") : "");
	resp_free(&r);
	client_release(&c);
	srv_stop(&s2);
	assert_int_equal(st, 404);
	assert_string_equal(code, "not_found");
	assert_int_equal(lg, 200);
	assert_true(strncmp(last, "2030-", 5) != 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_clock_endpoint),
	        cmocka_unit_test(test_idle_timeout),
	        cmocka_unit_test(test_idle_timeout_on_reads),
	        cmocka_unit_test(test_absolute_timeout),
	        cmocka_unit_test(test_throttling),
	        cmocka_unit_test(test_generic_errors),
	        cmocka_unit_test(test_error_shape_and_language),
	        cmocka_unit_test(test_logout),
	        cmocka_unit_test(test_address_throttling),
	        cmocka_unit_test(test_clock_absent_without_flag),
	};
	curl_global_init(CURL_GLOBAL_DEFAULT);
	int rc = cmocka_run_group_tests(tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
