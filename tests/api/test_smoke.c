/*
 * API: health, login, the session and CSRF rules of CONTRACT.md, and the shapes of the
 * national tree (root, 31 provinces, the naming rule, placeholders skipped).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "harness.h"
#include "store/store.h"

static struct srv S;

static int setup(void **state)
{
	return srv_start(&S, true);
}

static int teardown(void **state)
{
	srv_stop(&S);
	return 0;
}

static void test_health(void **state)
{
	struct client c;
	client_init(&c, &S);
	struct resp r;
	assert_int_equal(req(&c, "GET", "/api/health", NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "status"), "ok");
	assert_int_equal(jint(r.json, "schema"), SCHEMA_VERSION);
	resp_free(&r);
	client_release(&c);
}

static void test_login_and_me(void **state)
{
	struct client c;
	client_init(&c, &S);
	struct resp r;
	assert_int_equal(req(&c, "GET", "/api/me", NULL, &r), 0);
	assert_int_equal(r.status, 401);
	assert_string_equal(jstr(r.json, "error.code"), "unauthenticated");
	resp_free(&r);
	assert_int_equal(login(&c, "admin", "wrong password here"), 401);
	assert_int_equal(login(&c, "admin", S.admin_pw), 200);
	assert_int_equal(req(&c, "GET", "/api/me", NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "user.username"), "admin");
	assert_string_equal(jstr(r.json, "user.role"), "admin");
	assert_string_equal(jstr(r.json, "user.org_name"), "中华全国总工会");
	assert_string_equal(jstr(r.json, "csrf_token"), c.csrf);
	resp_free(&r);
	client_release(&c);
}

static void test_cookie_flags(void **state)
{
	struct client c;
	client_init(&c, &S);
	struct resp r;
	char body[256];
	snprintf(body, sizeof(body), "{\"username\":\"admin\",\"password\":\"%s\"}", S.admin_pw);
	assert_int_equal(req(&c, "POST", "/api/session", body, &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(r.set_cookie);
	assert_non_null(strstr(r.set_cookie, "gonghui_session="));
	assert_non_null(strstr(r.set_cookie, "HttpOnly"));
	assert_non_null(strstr(r.set_cookie, "SameSite=Strict"));
	assert_non_null(strstr(r.set_cookie, "Path=/"));
	/* 256 random bits: 43 characters of base64url */
	const char *v = strstr(r.set_cookie, "gonghui_session=") + 16;
	assert_int_equal(strcspn(v, ";"), 43);
	resp_free(&r);
	client_release(&c);
}

static void test_csrf_required(void **state)
{
	struct client c;
	client_init(&c, &S);
	assert_int_equal(login(&c, "admin", S.admin_pw), 200);
	char saved[128];
	snprintf(saved, sizeof(saved), "%s", c.csrf);
	struct resp r;
	c.csrf[0] = 0; /* no header */
	assert_int_equal(req(&c, "DELETE", "/api/session", NULL, &r), 0);
	assert_int_equal(r.status, 403);
	assert_string_equal(jstr(r.json, "error.code"), "csrf");
	resp_free(&r);
	snprintf(c.csrf, sizeof(c.csrf), "%s", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"); /* wrong */
	assert_int_equal(req(&c, "DELETE", "/api/session", NULL, &r), 0);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	/* the session still works */
	assert_int_equal(req(&c, "GET", "/api/me", NULL, &r), 0);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	snprintf(c.csrf, sizeof(c.csrf), "%s", saved);
	assert_int_equal(req(&c, "DELETE", "/api/session", NULL, &r), 0);
	assert_int_equal(r.status, 204);
	resp_free(&r);
	assert_int_equal(req(&c, "GET", "/api/me", NULL, &r), 0);
	assert_int_equal(r.status, 401);
	resp_free(&r);
	client_release(&c);
}

static void test_tree_top(void **state)
{
	struct client c;
	client_init(&c, &S);
	assert_int_equal(login(&c, "admin", S.admin_pw), 200);
	struct resp r;
	int64_t root = org_by_division(&c, "000000000000");
	assert_true(root > 0);
	assert_int_equal(reqf(&c, "GET", NULL, &r, "/api/orgs/%lld", (long long)root), 0);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "name"), "中华全国总工会");
	assert_string_equal(jstr(r.json, "kind"), "national");
	assert_int_equal(jint(r.json, "depth"), 0);
	assert_true(json_is_null(jget(r.json, "parent_id")));
	resp_free(&r);
	assert_int_equal(reqf(&c, "GET", NULL, &r, "/api/orgs/%lld/children?limit=50", (long long)root), 0);
	assert_int_equal(r.status, 200);
	assert_int_equal(jint(r.json, "total"), 31);
	assert_string_equal(jstr(r.json, "items.0.name"), "北京市总工会");
	assert_string_equal(jstr(r.json, "items.0.division_code"), "110000000000");
	assert_string_equal(jstr(r.json, "items.30.name"), "新疆维吾尔自治区总工会");
	resp_free(&r);
	assert_int_equal(reqf(&c, "GET", NULL, &r, "/api/orgs/%lld/stats", (long long)root), 0);
	assert_int_equal(r.status, 200);
	assert_int_equal(jint(r.json, "federations"), 44691);
	resp_free(&r);
	client_release(&c);
}

/* The placeholder prefectures and the same-name counties are no federations. */
static void test_tree_rules(void **state)
{
	struct client c;
	client_init(&c, &S);
	assert_int_equal(login(&c, "admin", S.admin_pw), 200);
	struct resp r;
	int64_t bj = org_by_division(&c, "11");
	int64_t dongcheng = org_by_division(&c, "110101");
	assert_true(bj > 0 && dongcheng > 0);
	assert_int_equal(reqf(&c, "GET", NULL, &r, "/api/orgs/%lld", (long long)dongcheng), 0);
	assert_string_equal(jstr(r.json, "name"), "东城区总工会");
	assert_int_equal(jint(r.json, "parent_id"), bj); /* 市辖区 skipped */
	resp_free(&r);
	assert_int_equal(org_by_division(&c, "1101"), 0);
	int64_t dg = org_by_division(&c, "4419");
	assert_true(dg > 0);
	int64_t town = org_by_division(&c, "441900003");
	assert_true(town > 0);
	assert_int_equal(reqf(&c, "GET", NULL, &r, "/api/orgs/%lld", (long long)town), 0);
	assert_int_equal(jint(r.json, "parent_id"), dg); /* towns of 东莞市 hang under the city */
	assert_string_equal(jstr(r.json, "kind"), "town");
	resp_free(&r);
	int64_t nmf = org_by_division(&c, "110105021");
	assert_int_equal(reqf(&c, "GET", NULL, &r, "/api/orgs/%lld", (long long)nmf), 0);
	assert_string_equal(jstr(r.json, "name"), "南磨房地区总工会");
	resp_free(&r);
	int64_t qk = org_by_division(&c, "320707100");
	assert_int_equal(reqf(&c, "GET", NULL, &r, "/api/orgs/%lld/path", (long long)qk), 0);
	assert_int_equal(json_array_size(jget(r.json, "items")), 5);
	assert_string_equal(jstr(r.json, "items.1.name"), "江苏省总工会");
	assert_string_equal(jstr(r.json, "items.2.name"), "连云港市总工会");
	assert_string_equal(jstr(r.json, "items.3.name"), "赣榆区总工会");
	assert_string_equal(jstr(r.json, "items.4.name"), "青口镇总工会");
	resp_free(&r);
	client_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_health),       cmocka_unit_test(test_login_and_me),
	        cmocka_unit_test(test_cookie_flags), cmocka_unit_test(test_csrf_required),
	        cmocka_unit_test(test_tree_top),     cmocka_unit_test(test_tree_rules),
	};
	curl_global_init(CURL_GLOBAL_DEFAULT);
	int rc = cmocka_run_group_tests(tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
