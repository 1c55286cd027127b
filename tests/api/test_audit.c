/*
 * API: the audit log. Every write (org.create, org.update, org.move, employer.create,
 * employer.update, user.create, user.update, session.login) leaves one row naming the action,
 * the object, the actor and the address, listed newest first by GET /api/audit (admin only,
 * with ?action= and ?actor= filters); a refused write leaves none. GET /api/audit/verify and
 * `gonghui audit verify` find the chain whole; then, each on its own copy of the store, a
 * changed row, a forged row inserted in the middle, a row deleted in the middle and the last
 * row deleted are each found (exit 1, first_bad naming the row) — by the CLI on a stopped
 * server, and by the API on a live one.
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
static int64_t ROOT, QK, ZW, ADMIN_ID;
static unsigned long seq = 33000;

static int setup(void **state)
{
	if (srv_start(&S, false) < 0)
		return -1;
	client_init(&A, &S);
	if (login(&A, "admin", S.admin_pw) != 200)
		return -1;
	ROOT = org_by_division(&A, "000000000000");
	QK = org_by_division(&A, "320707100");
	ZW = org_by_division(&A, "320707101");
	struct resp r;
	if (req(&A, "GET", "/api/me", NULL, &r) < 0)
		return -1;
	ADMIN_ID = jint(r.json, "user.id");
	resp_free(&r);
	return (ROOT && QK && ZW && ADMIN_ID > 0) ? 0 : -1;
}

/* The servers of the tamper tests: stopped at the end even when a test failed half-way. */
static struct srv T[8];
static int nT;

static struct srv *new_srv(void)
{
	assert_true(nT < 8);
	struct srv *s = &T[nT++];
	assert_int_equal(srv_start(s, false), 0);
	return s;
}

static int teardown(void **state)
{
	client_release(&A);
	srv_stop(&S);
	for (int i = 0; i < nT; i++)
		srv_stop(&T[i]);
	return 0;
}

/* A few writes of every kind on server s through client c (logged in as admin); returns the
 * id of the union created. */
struct written {
	int64_t org, employer, user;
};

static void write_some(struct srv *s, struct client *c, struct written *w)
{
	char code[19];
	uscc_make(code, "320707", seq++, true);
	json_t *b = json_pack("{s:I, s:s, s:s, s:{s:s, s:s}, s:i}", "parent_id", (json_int_t)QK, "name",
	                      "审计测试有限公司工会", "kind", "enterprise", "employer", "name", "审计测试有限公司",
	                      "credit_code", code, "headcount", 12);
	struct resp r;
	assert_int_equal(reqj(c, "POST", "/api/orgs", b, &r), 0);
	expect_status(&r, 201);
	w->org = jint(r.json, "id");
	resp_free(&r);
	assert_int_equal(reqf(c, "PATCH", "{\"chair\":\"审计\"}", &r, "/api/orgs/%" PRId64, w->org), 0);
	expect_status(&r, 200);
	resp_free(&r);
	uscc_make(code, "320707", seq++, true);
	b = json_pack("{s:I, s:s, s:s, s:i}", "org_id", (json_int_t)QK, "name", "审计测试二号有限公司", "credit_code",
	              code, "headcount", 5);
	assert_int_equal(reqj(c, "POST", "/api/employers", b, &r), 0);
	expect_status(&r, 201);
	w->employer = jint(r.json, "id");
	resp_free(&r);
	b = json_pack("{s:s, s:s, s:s, s:s, s:I}", "username", "audit.user", "name", "审计用户", "password",
	              TEST_PASSWORD, "role", "auditor", "org_id", (json_int_t)QK);
	assert_int_equal(reqj(c, "POST", "/api/users", b, &r), 0);
	expect_status(&r, 201);
	w->user = jint(r.json, "id");
	resp_free(&r);
	(void)s;
}

static int64_t audit_total(struct client *c)
{
	struct resp r;
	assert_int_equal(req(c, "GET", "/api/audit?limit=1", NULL, &r), 0);
	expect_status(&r, 200);
	int64_t t = jint(r.json, "total");
	resp_free(&r);
	return t;
}

/* The newest row of one action. */
static json_t *newest(const char *action)
{
	struct resp r;
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/audit?action=%s&limit=1", action), 0);
	expect_status(&r, 200);
	json_t *row = json_incref(jget(r.json, "items.0"));
	resp_free(&r);
	assert_non_null(row);
	return row;
}

static bool iso_time(const char *s)
{
	/* 2026-12-01T09:00:00+08:00 */
	if (!s || strlen(s) != 25)
		return false;
	for (int i = 0; i < 25; i++) {
		char ch = s[i];
		bool digit = ch >= '0' && ch <= '9';
		if (i == 4 || i == 7) {
			if (ch != '-')
				return false;
		} else if (i == 10) {
			if (ch != 'T')
				return false;
		} else if (i == 13 || i == 16 || i == 22) {
			if (ch != ':')
				return false;
		} else if (i == 19) {
			if (ch != '+' && ch != '-')
				return false;
		} else if (!digit) {
			return false;
		}
	}
	return true;
}

static void test_writes_are_audited(void **state)
{
	int64_t before = audit_total(&A);
	struct resp r;
	/* 1 org.create */
	char code[19];
	uscc_make(code, "320707", seq++, true);
	json_t *b = json_pack("{s:I, s:s, s:s, s:{s:s, s:s}, s:i}", "parent_id", (json_int_t)QK, "name",
	                      "审计一号有限公司工会", "kind", "enterprise", "employer", "name", "审计一号有限公司",
	                      "credit_code", code, "headcount", 30);
	assert_int_equal(reqj(&A, "POST", "/api/orgs", b, &r), 0);
	expect_status(&r, 201);
	int64_t org = jint(r.json, "id");
	resp_free(&r);
	/* 2 org.update */
	assert_int_equal(reqf(&A, "PATCH", "{\"chair\":\"刘洋\"}", &r, "/api/orgs/%" PRId64, org), 0);
	expect_status(&r, 200);
	resp_free(&r);
	/* 3 org.move */
	b = json_pack("{s:I, s:s}", "parent_id", (json_int_t)ZW, "division_code", "320707101");
	char path[80];
	snprintf(path, sizeof(path), "/api/orgs/%" PRId64 "/move", org);
	assert_int_equal(reqj(&A, "POST", path, b, &r), 0);
	expect_status(&r, 200);
	resp_free(&r);
	/* 4 employer.create */
	uscc_make(code, "320707", seq++, true);
	b = json_pack("{s:I, s:s, s:s, s:i}", "org_id", (json_int_t)QK, "name", "审计二号有限公司", "credit_code", code,
	              "headcount", 8);
	assert_int_equal(reqj(&A, "POST", "/api/employers", b, &r), 0);
	expect_status(&r, 201);
	int64_t emp = jint(r.json, "id");
	resp_free(&r);
	/* 5 employer.update */
	assert_int_equal(reqf(&A, "PATCH", "{\"headcount\":9}", &r, "/api/employers/%" PRId64, emp), 0);
	expect_status(&r, 200);
	resp_free(&r);
	/* 6 user.create */
	b = json_pack("{s:s, s:s, s:s, s:s, s:I}", "username", "audit.one", "name", "审计一号", "password",
	              TEST_PASSWORD, "role", "federation_staff", "org_id", (json_int_t)QK);
	assert_int_equal(reqj(&A, "POST", "/api/users", b, &r), 0);
	expect_status(&r, 201);
	int64_t user = jint(r.json, "id");
	resp_free(&r);
	/* 7 user.update */
	assert_int_equal(reqf(&A, "PATCH", "{\"name\":\"审计一号改\"}", &r, "/api/users/%" PRId64, user), 0);
	expect_status(&r, 200);
	resp_free(&r);
	/* 8 session.login, by the new account */
	struct client u;
	client_init(&u, &S);
	assert_int_equal(login(&u, "audit.one", TEST_PASSWORD), 200);

	struct {
		const char *action, *type;
		int64_t object, actor;
		const char *actor_name;
	} want[] = {
	        {"org.create", "org", org, ADMIN_ID, "admin"},
	        {"org.update", "org", org, ADMIN_ID, "admin"},
	        {"org.move", "org", org, ADMIN_ID, "admin"},
	        {"employer.create", "employer", emp, ADMIN_ID, "admin"},
	        {"employer.update", "employer", emp, ADMIN_ID, "admin"},
	        {"user.create", "account", user, ADMIN_ID, "admin"},
	        {"user.update", "account", user, ADMIN_ID, "admin"},
	        {"session.login", "account", user, user, "audit.one"},
	};
	const size_t n = sizeof(want) / sizeof(want[0]);
	assert_int_equal(audit_total(&A), before + (int64_t)n);
	/* newest first: the eight rows in reverse order, ids falling */
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/audit?limit=%zu", n), 0);
	expect_status(&r, 200);
	json_t *items = jget(r.json, "items");
	assert_int_equal(json_array_size(items), n);
	for (size_t i = 0; i < n; i++) {
		json_t *row = json_array_get(items, i);
		size_t w = n - 1 - i;
		assert_string_equal(jstr(row, "action"), want[w].action);
		assert_string_equal(jstr(row, "object_type"), want[w].type);
		assert_int_equal(jint(row, "object_id"), want[w].object);
		assert_int_equal(jint(row, "actor_id"), want[w].actor);
		assert_string_equal(jstr(row, "actor_name"), want[w].actor_name);
		assert_string_equal(jstr(row, "ip"), "127.0.0.1");
		assert_true(iso_time(jstr(row, "at")));
		if (i > 0)
			assert_true(jint(row, "id") < jint(json_array_get(items, i - 1), "id"));
	}
	resp_free(&r);
	/* details say what happened */
	json_t *row = newest("org.create");
	assert_string_equal(jstr(row, "detail.kind"), "enterprise");
	assert_int_equal(jint(row, "detail.parent_id"), QK);
	json_decref(row);
	row = newest("org.move");
	assert_int_equal(jint(row, "detail.from"), QK);
	assert_int_equal(jint(row, "detail.to"), ZW);
	json_decref(row);
	row = newest("user.create");
	assert_string_equal(jstr(row, "detail.role"), "federation_staff");
	char *dump = json_dumps(row, 0);
	assert_null(strstr(dump, TEST_PASSWORD));
	free(dump);
	json_decref(row);
	row = newest("user.update");
	assert_true(json_is_true(jget(row, "detail.name")));
	assert_true(json_is_false(jget(row, "detail.password")));
	json_decref(row);
	/* filters */
	assert_int_equal(req(&A, "GET", "/api/audit?actor=audit.one", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 1);
	assert_string_equal(jstr(r.json, "items.0.action"), "session.login");
	resp_free(&r);
	assert_int_equal(req(&A, "GET", "/api/audit?action=employer.update&limit=200", NULL, &r), 0);
	expect_status(&r, 200);
	for (size_t i = 0; i < json_array_size(jget(r.json, "items")); i++)
		assert_string_equal(jstr(json_array_get(jget(r.json, "items"), i), "action"), "employer.update");
	assert_true(jint(r.json, "total") >= 1);
	resp_free(&r);
	assert_int_equal(req(&A, "GET", "/api/audit?action=no.such.action", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 0);
	resp_free(&r);

	/* refused writes leave no row */
	int64_t t0 = audit_total(&A);
	assert_int_equal(req(&A, "POST", "/api/orgs", "{\"parent_id\":1,\"name\":\"x\",\"kind\":\"county\"}", &r), 0);
	expect_status(&r, 400);
	resp_free(&r);
	assert_int_equal(reqf(&A, "PATCH", "{\"term_years\":4}", &r, "/api/orgs/%" PRId64, org), 0);
	expect_status(&r, 400);
	resp_free(&r);
	assert_int_equal(login(&u, "audit.one", "wrong password here"), 401);
	assert_int_equal(audit_total(&A), t0);

	/* only the admin reads the log */
	assert_int_equal(login(&u, "audit.one", TEST_PASSWORD), 200);
	assert_int_equal(req(&u, "GET", "/api/audit", NULL, &r), 0);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
	assert_int_equal(req(&u, "GET", "/api/audit/verify", NULL, &r), 0);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
	client_release(&u);
}

static size_t discard(char *ptr, size_t size, size_t nmemb, void *ud)
{
	(void)ptr;
	(void)ud;
	return size * nmemb;
}

/* POST /api/session with an X-Forwarded-For header (a fresh connection); the HTTP status. */
static long login_forwarded(const char *user, const char *pw, const char *xff)
{
	CURL *h = curl_easy_init();
	char url[128], hdr[160], body[256];
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/api/session", S.port);
	snprintf(hdr, sizeof(hdr), "X-Forwarded-For: %s", xff);
	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"password\":\"%s\"}", user, pw);
	struct curl_slist *l = curl_slist_append(NULL, "Content-Type: application/json");
	l = curl_slist_append(l, hdr);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, l);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
	long st = -1;
	if (curl_easy_perform(h) == CURLE_OK)
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &st);
	curl_slist_free_all(l);
	curl_easy_cleanup(h);
	return st;
}

/* A server not told to trust a proxy records the address it saw, not one a client claims. */
static void test_forwarded_for_ignored(void **state)
{
	assert_int_equal(login_forwarded("admin", S.admin_pw, "203.0.113.7"), 200);
	json_t *row = newest("session.login");
	assert_string_equal(jstr(row, "actor_name"), "admin");
	assert_string_equal(jstr(row, "ip"), "127.0.0.1");
	json_decref(row);
}

/* AuditRow = {id, at, actor_id, actor_name, action, object_type, object_id, org_id, ip, detail}
 * (docs/api-sketch.md). */
static void test_row_shape(void **state)
{
	json_t *row = newest("session.login");
	const char *keys[] = {"id",          "at",        "actor_id", "actor_name", "action",
	                      "object_type", "object_id", "org_id",   "ip",         "detail"};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (!json_object_get(row, keys[i]))
			print_error("audit row lacks \"%s\"\n", keys[i]);
		assert_non_null(json_object_get(row, keys[i]));
	}
	assert_true(json_is_integer(jget(row, "org_id")));
	json_decref(row);
}

static void test_verify_ok(void **state)
{
	struct written w;
	write_some(&S, &A, &w);
	struct resp r;
	assert_int_equal(req(&A, "GET", "/api/audit/verify", NULL, &r), 0);
	expect_status(&r, 200);
	assert_true(json_is_true(jget(r.json, "ok")));
	int64_t rows = jint(r.json, "rows");
	assert_true(rows >= audit_total(&A));
	assert_true(json_is_null(jget(r.json, "first_bad")));
	assert_true(json_is_null(jget(r.json, "reason")));
	resp_free(&r);
	const char *args[] = {"audit", "verify", NULL};
	char *out = NULL;
	assert_int_equal(srv_cli(&S, &out, args), 0);
	json_t *j = json_loads(out, JSON_DISABLE_EOF_CHECK, NULL);
	free(out);
	assert_non_null(j);
	assert_true(json_is_true(jget(j, "ok")));
	assert_int_equal(jint(j, "rows"), rows);
	json_decref(j);
	/* bad usage */
	const char *bad[] = {"audit", NULL};
	assert_int_equal(srv_cli(&S, NULL, bad), 2);
	const char *bad2[] = {"audit", "frob", NULL};
	assert_int_equal(srv_cli(&S, NULL, bad2), 2);
}

/* A fresh server with some writes, then stopped; *mid is the id of a row in the middle of the
 * chain (the org.create of the writes), *last the id of the newest row. */
static struct srv *tamper_fixture(int64_t *mid, int64_t *last)
{
	struct srv *s = new_srv();
	struct client c;
	client_init(&c, s);
	assert_int_equal(login(&c, "admin", s->admin_pw), 200);
	struct written w;
	write_some(s, &c, &w);
	/* a few more rows after the middle one */
	for (int i = 0; i < 3; i++) {
		struct resp r;
		assert_int_equal(reqf(&c, "PATCH", i % 2 ? "{\"chair\":\"甲\"}" : "{\"chair\":\"乙\"}", &r,
		                      "/api/orgs/%" PRId64, w.org),
		                 0);
		expect_status(&r, 200);
		resp_free(&r);
	}
	struct resp r;
	assert_int_equal(req(&c, "GET", "/api/audit?action=org.create&limit=1", NULL, &r), 0);
	*mid = jint(r.json, "items.0.id");
	resp_free(&r);
	assert_int_equal(req(&c, "GET", "/api/audit?limit=1", NULL, &r), 0);
	*last = jint(r.json, "items.0.id");
	resp_free(&r);
	client_release(&c);
	assert_true(*mid > 1 && *last > *mid + 3);
	srv_kill(s);
	/* intact before tampering */
	const char *args[] = {"audit", "verify", NULL};
	assert_int_equal(srv_cli(s, NULL, args), 0);
	return s;
}

/* Runs `gonghui audit verify`: expects exit 1 and first_bad == want. */
static void expect_broken(struct srv *s, int64_t want)
{
	const char *args[] = {"audit", "verify", NULL};
	char *out = NULL;
	int rc = srv_cli(s, &out, args);
	json_t *j = out ? json_loads(out, JSON_DISABLE_EOF_CHECK, NULL) : NULL;
	if (rc != 1 || jint(j, "first_bad") != want)
		print_error("audit verify: exit %d, stdout %s (want first_bad %" PRId64 ")\n", rc, out ? out : "",
		            want);
	free(out);
	assert_int_equal(rc, 1);
	assert_non_null(j);
	assert_true(json_is_false(jget(j, "ok")));
	assert_int_equal(jint(j, "first_bad"), want);
	json_decref(j);
}

static void sql(struct srv *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sql(struct srv *s, const char *fmt, ...)
{
	char text[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	assert_int_equal(srv_sql(s, text, NULL), 0);
}

static void test_tamper_changed_row(void **state)
{
	int64_t mid, last;
	struct srv *s = tamper_fixture(&mid, &last);
	sql(s, "UPDATE audit SET detail = '{\"kind\":\"joint\",\"parent_id\":1}' WHERE id = %" PRId64, mid);
	expect_broken(s, mid);
	srv_stop(s);
}

static void test_tamper_changed_actor(void **state)
{
	int64_t mid, last;
	struct srv *s = tamper_fixture(&mid, &last);
	sql(s, "UPDATE audit SET actor = 'someone.else' WHERE id = %" PRId64, mid + 2);
	expect_broken(s, mid + 2);
	srv_stop(s);
}

static void test_tamper_inserted_row(void **state)
{
	int64_t mid, last;
	struct srv *s = tamper_fixture(&mid, &last);
	/* make room after the middle row and put a forged copy of it there */
	sql(s,
	    "UPDATE audit SET id = id + 1000000 WHERE id > %" PRId64 ";"
	    "UPDATE audit SET id = id - 999999 WHERE id > 1000000;"
	    "INSERT INTO audit(id, at, actor_id, actor, ip, action, object_type, object_id, path, detail, mac) "
	    "SELECT id + 1, at, actor_id, actor, ip, 'org.update', object_type, object_id, path, '', mac "
	    "FROM audit WHERE id = %" PRId64 ";",
	    mid, mid);
	expect_broken(s, mid + 1);
	srv_stop(s);
}

static void test_tamper_deleted_middle_row(void **state)
{
	int64_t mid, last;
	struct srv *s = tamper_fixture(&mid, &last);
	sql(s, "DELETE FROM audit WHERE id = %" PRId64, mid);
	expect_broken(s, mid + 1);
	srv_stop(s);
}

static void test_tamper_deleted_last_row(void **state)
{
	int64_t mid, last;
	struct srv *s = tamper_fixture(&mid, &last);
	sql(s, "DELETE FROM audit WHERE id = %" PRId64, last);
	/* the chain up to the new end is valid in itself: only the head kept outside finds it */
	expect_broken(s, last);
	srv_stop(s);
}

static void test_tamper_deleted_last_rows(void **state)
{
	int64_t mid, last;
	struct srv *s = tamper_fixture(&mid, &last);
	sql(s, "DELETE FROM audit WHERE id > %" PRId64, mid);
	expect_broken(s, last);
	srv_stop(s);
}

/* The API finds a change made behind a running server's back. */
static void test_tamper_live_api(void **state)
{
	struct srv *s = new_srv();
	struct client c;
	client_init(&c, s);
	assert_int_equal(login(&c, "admin", s->admin_pw), 200);
	struct written w;
	write_some(s, &c, &w);
	struct resp r;
	assert_int_equal(req(&c, "GET", "/api/audit?action=employer.create&limit=1", NULL, &r), 0);
	int64_t row = jint(r.json, "items.0.id");
	resp_free(&r);
	assert_true(row > 0);
	assert_int_equal(req(&c, "GET", "/api/audit/verify", NULL, &r), 0);
	assert_true(json_is_true(jget(r.json, "ok")));
	resp_free(&r);
	sql(s, "UPDATE audit SET object_id = object_id + 1 WHERE id = %" PRId64, row);
	assert_int_equal(req(&c, "GET", "/api/audit/verify", NULL, &r), 0);
	expect_status(&r, 200);
	assert_true(json_is_false(jget(r.json, "ok")));
	assert_int_equal(jint(r.json, "first_bad"), row);
	assert_non_null(jstr(r.json, "reason"));
	resp_free(&r);
	client_release(&c);
	srv_stop(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_writes_are_audited),
	        cmocka_unit_test(test_row_shape),
	        cmocka_unit_test(test_verify_ok),
	        cmocka_unit_test(test_tamper_changed_row),
	        cmocka_unit_test(test_tamper_changed_actor),
	        cmocka_unit_test(test_tamper_inserted_row),
	        cmocka_unit_test(test_tamper_deleted_middle_row),
	        cmocka_unit_test(test_tamper_deleted_last_row),
	        cmocka_unit_test(test_tamper_deleted_last_rows),
	        cmocka_unit_test(test_tamper_live_api),
	        cmocka_unit_test(test_forwarded_for_ignored),
	};
	curl_global_init(CURL_GLOBAL_DEFAULT);
	int rc = cmocka_run_group_tests(tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
