/*
 * API: employers (用人单位). Registering one under a town (POST /api/employers), listing (order
 * by name, the unionised filter, search by name and by credit code, ?org=), reading and editing
 * (PATCH), the bounds of headcount, the checks of the credit code and the division code, the
 * duplicate credit code, and the subtree figures moving by exactly what each write changed
 * (`gonghui stats verify` clean after every write).
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
static int64_t ROOT, GY, QK, ZW;
static unsigned long seq = 52000;

static int setup(void **state)
{
	if (srv_start(&S, false) < 0)
		return -1;
	client_init(&A, &S);
	if (login(&A, "admin", S.admin_pw) != 200)
		return -1;
	ROOT = org_by_division(&A, "000000000000");
	GY = org_by_division(&A, "320707");
	QK = org_by_division(&A, "320707100");
	ZW = org_by_division(&A, "320707101");
	return (ROOT && GY && QK && ZW) ? 0 : -1;
}

static int teardown(void **state)
{
	client_release(&A);
	srv_stop(&S);
	return 0;
}

struct snap {
	struct figs qk, gy, root;
};

static void snap_take(struct snap *s)
{
	assert_int_equal(figs_get(&A, QK, &s->qk), 200);
	assert_int_equal(figs_get(&A, GY, &s->gy), 200);
	assert_int_equal(figs_get(&A, ROOT, &s->root), 200);
}

static void snap_free(struct snap *s)
{
	figs_free(&s->qk);
	figs_free(&s->gy);
	figs_free(&s->root);
}

#define assert_moved(b, a, d_emp, d_union, d_staff)                                             \
	do {                                                                                    \
		assert_int_equal((a).employers - (b).employers, (d_emp));                       \
		assert_int_equal((a).unionised_employers - (b).unionised_employers, (d_union)); \
		assert_int_equal((a).employees - (b).employees, (d_staff));                     \
		assert_int_equal((a).orgs - (b).orgs, 0);                                       \
		assert_int_equal((a).grassroots - (b).grassroots, 0);                           \
	} while (0)

#define assert_all_moved(b, a, d_emp, d_union, d_staff)                    \
	do {                                                               \
		assert_moved((b).qk, (a).qk, d_emp, d_union, d_staff);     \
		assert_moved((b).gy, (a).gy, d_emp, d_union, d_staff);     \
		assert_moved((b).root, (a).root, d_emp, d_union, d_staff); \
	} while (0)

static int64_t post_employer(int64_t org, const char *name, const char *code, int64_t headcount, struct resp *r)
{
	json_t *b = json_pack("{s:I, s:s, s:s, s:I}", "org_id", (json_int_t)org, "name", name, "credit_code", code,
	                      "headcount", (json_int_t)headcount);
	assert_int_equal(reqj(&A, "POST", "/api/employers", b, r), 0);
	return r->status == 201 ? jint(r->json, "id") : 0;
}

static int64_t make_employer(int64_t org, const char *name, int64_t headcount, char code_out[19])
{
	char code[19];
	uscc_make(code, "320707", seq++, true);
	if (code_out)
		memcpy(code_out, code, 19);
	struct resp r;
	int64_t id = post_employer(org, name, code, headcount, &r);
	expect_status(&r, 201);
	resp_free(&r);
	return id;
}

static void test_create(void **state)
{
	struct snap b, a;
	snap_take(&b);
	char code[19];
	uscc_make(code, "320707", seq++, true);
	struct resp r;
	int64_t id = post_employer(QK, "连云港青口观澜建材有限公司", code, 150, &r);
	expect_status(&r, 201);
	assert_true(id > 0);
	assert_string_equal(jstr(r.json, "name"), "连云港青口观澜建材有限公司");
	assert_string_equal(jstr(r.json, "credit_code"), code);
	assert_string_equal(jstr(r.json, "division_code"), "320707100000"); /* the town's, by default */
	assert_int_equal(jint(r.json, "headcount"), 150);
	assert_int_equal(jint(r.json, "org_id"), QK);
	assert_string_equal(jstr(r.json, "org_name"), "青口镇总工会");
	assert_true(json_is_null(jget(r.json, "union_id")));
	assert_int_equal(json_array_size(jget(r.json, "warnings")), 0);
	resp_free(&r);
	snap_take(&a);
	/* one more employer, not unionised: its staff do not count as employees of unions */
	assert_all_moved(b, a, 1, 0, 0);
	double cov_b = json_number_value(b.qk.coverage_rate), cov_a = json_number_value(a.qk.coverage_rate);
	assert_true(cov_a < cov_b);
	double want = (double)a.qk.unionised_employers / (double)a.qk.employers;
	assert_true(cov_a > want - 1e-9 && cov_a < want + 1e-9);
	snap_free(&b);
	snap_free(&a);
	assert_int_equal(srv_stats_verify(&S), 0);

	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/employers/%" PRId64, id), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "credit_code"), code);
	assert_int_equal(jint(r.json, "org_id"), QK);
	resp_free(&r);
}

/* Codes are normalised: lower case and full-width characters are accepted and stored in the
 * GB 32100 form; an explicit division code inside the town is kept as 12 digits. */
static void test_create_normalised(void **state)
{
	char code[19], lower[19];
	uscc_make(code, "320707", seq++, true);
	for (int i = 0; i < 19; i++)
		lower[i] = (char)((code[i] >= 'A' && code[i] <= 'Z') ? code[i] - 'A' + 'a' : code[i]);
	json_t *b = json_pack("{s:I, s:s, s:s, s:i, s:s}", "org_id", (json_int_t)QK, "name", "  青口远帆船舶有限公司  ",
	                      "credit_code", lower, "headcount", 0, "division_code", "320707100200");
	struct resp r;
	assert_int_equal(reqj(&A, "POST", "/api/employers", b, &r), 0);
	expect_status(&r, 201);
	assert_string_equal(jstr(r.json, "credit_code"), code);
	assert_string_equal(jstr(r.json, "name"), "青口远帆船舶有限公司");
	assert_string_equal(jstr(r.json, "division_code"), "320707100200");
	assert_int_equal(jint(r.json, "headcount"), 0);
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);
}

static void test_list_and_filters(void **state)
{
	make_employer(QK, "青口甲乙丙列表测试一号有限公司", 10, NULL);
	make_employer(QK, "青口甲乙丙列表测试二号有限公司", 20, NULL);
	struct resp r;
	/* the town's employers: order by name, unionised ones carry union_id */
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/employers?org=%" PRId64 "&limit=200", QK), 0);
	expect_status(&r, 200);
	int64_t total = jint(r.json, "total");
	json_t *items = jget(r.json, "items");
	assert_int_equal((int64_t)json_array_size(items), total);
	int64_t unionised = 0;
	for (size_t i = 0; i < json_array_size(items); i++) {
		json_t *it = json_array_get(items, i);
		if (!json_is_null(jget(it, "union_id")))
			unionised++;
		if (i > 0)
			assert_true(strcmp(jstr(json_array_get(items, i - 1), "name"), jstr(it, "name")) <= 0);
	}
	assert_true(unionised >= 1 && unionised < total);
	resp_free(&r);
	/* unionised=1 and =0 split the list */
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/employers?org=%" PRId64 "&unionised=1&limit=200", QK), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), unionised);
	for (size_t i = 0; i < json_array_size(jget(r.json, "items")); i++)
		assert_false(json_is_null(jget(json_array_get(jget(r.json, "items"), i), "union_id")));
	resp_free(&r);
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/employers?org=%" PRId64 "&unionised=0&limit=200", QK), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), total - unionised);
	for (size_t i = 0; i < json_array_size(jget(r.json, "items")); i++)
		assert_true(json_is_null(jget(json_array_get(jget(r.json, "items"), i), "union_id")));
	resp_free(&r);
	/* the figures agree with the list */
	struct figs f;
	assert_int_equal(figs_get(&A, QK, &f), 200);
	assert_int_equal(f.employers, total);
	assert_int_equal(f.unionised_employers, unionised);
	figs_free(&f);
	/* without org: the caller's own subtree (the whole country for the admin) */
	assert_int_equal(req(&A, "GET", "/api/employers?limit=1", NULL, &r), 0);
	expect_status(&r, 200);
	struct figs root;
	assert_int_equal(figs_get(&A, ROOT, &root), 200);
	assert_int_equal(jint(r.json, "total"), root.employers);
	assert_int_equal(jint(r.json, "limit"), 1);
	assert_int_equal(json_array_size(jget(r.json, "items")), 1);
	figs_free(&root);
	resp_free(&r);
	/* a sibling town holds none of them */
	assert_int_equal(
	        reqf(&A, "GET", NULL, &r, "/api/employers?org=%" PRId64 "&q=%s", ZW, "%E7%94%B2%E4%B9%99%E4%B8%99"),
	        0); /* 甲乙丙 */
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 0);
	resp_free(&r);
	/* bad filters */
	const char *bad[] = {"/api/employers?unionised=2", "/api/employers?unionised=yes", "/api/employers?org=abc",
	                     "/api/employers?org=0",       "/api/employers?limit=201",     "/api/employers?offset=-1"};
	const char *field[] = {"unionised", "unionised", "org", "org", "limit", "offset"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(req(&A, "GET", bad[i], NULL, &r), 0);
		expect_error(&r, 400, "invalid_field", field[i]);
		resp_free(&r);
	}
	assert_int_equal(req(&A, "GET", "/api/employers?org=999999", NULL, &r), 0);
	expect_error(&r, 404, "not_found", "org");
	resp_free(&r);
}

static void test_search(void **state)
{
	char code[19];
	int64_t id = make_employer(QK, "连云港青口琉璃瓦厂", 33, code);
	struct resp r;
	/* two characters of the name: 琉璃 */
	assert_int_equal(req(&A, "GET", "/api/employers?q=%E7%90%89%E7%92%83", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 1);
	assert_int_equal(jint(r.json, "items.0.id"), id);
	resp_free(&r);
	/* the credit code */
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/employers?q=%s", code), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 1);
	assert_int_equal(jint(r.json, "items.0.id"), id);
	resp_free(&r);
	/* combined with unionised=1: it has no union */
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/employers?q=%s&unionised=1", code), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 0);
	resp_free(&r);
	/* invalid UTF-8 */
	assert_int_equal(req(&A, "GET", "/api/employers?q=%FF%FE", NULL, &r), 0);
	expect_error(&r, 400, "invalid_field", "q");
	resp_free(&r);
}

static void test_patch(void **state)
{
	int64_t id = make_employer(QK, "青口旧名字五金有限公司", 40, NULL);
	assert_int_equal(srv_stats_verify(&S), 0);
	struct snap b, a;
	snap_take(&b);
	char path[64];
	snprintf(path, sizeof(path), "/api/employers/%" PRId64, id);
	struct resp r;
	assert_int_equal(
	        req(&A, "PATCH", path,
	            "{\"name\":\"青口新名字五金有限公司\",\"headcount\":55,\"division_code\":\"320707100204\"}", &r),
	        0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "name"), "青口新名字五金有限公司");
	assert_int_equal(jint(r.json, "headcount"), 55);
	assert_string_equal(jstr(r.json, "division_code"), "320707100204");
	assert_int_equal(jint(r.json, "org_id"), QK);
	resp_free(&r);
	snap_take(&a);
	assert_all_moved(b, a, 0, 0, 0); /* not unionised: no employees move */
	snap_free(&b);
	snap_free(&a);
	assert_int_equal(srv_stats_verify(&S), 0);
	assert_int_equal(req(&A, "GET", path, NULL, &r), 0);
	assert_string_equal(jstr(r.json, "name"), "青口新名字五金有限公司");
	assert_int_equal(jint(r.json, "headcount"), 55);
	resp_free(&r);

	/* errors leave it as it is */
	struct {
		const char *body;
		const char *code, *field;
	} bad[] = {
	        {"{}", "bad_request", NULL},
	        {"{\"headcount\":-1}", "invalid_field", "headcount"},
	        {"{\"headcount\":10000001}", "invalid_field", "headcount"},
	        {"{\"headcount\":\"55\"}", "invalid_field", "headcount"},
	        {"{\"name\":\"厂\"}", "invalid_field", "name"},
	        {"{\"name\":\"坏\\u0007名字\"}", "invalid_field", "name"},
	        {"{\"division_code\":\"12345\"}", "invalid_field", "division_code"},
	        {"{\"division_code\":\"320707999999\"}", "invalid_field", "division_code"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(req(&A, "PATCH", path, bad[i].body, &r), 0);
		expect_error(&r, 400, bad[i].code, bad[i].field);
		resp_free(&r);
	}
	assert_int_equal(req(&A, "GET", path, NULL, &r), 0);
	assert_string_equal(jstr(r.json, "name"), "青口新名字五金有限公司");
	assert_int_equal(jint(r.json, "headcount"), 55);
	assert_string_equal(jstr(r.json, "division_code"), "320707100204");
	resp_free(&r);
	assert_int_equal(req(&A, "PATCH", "/api/employers/999999", "{\"headcount\":1}", &r), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* The place of an employer lies in the area of the organisation it is registered with, on
 * PATCH as on POST (POST answers 400 division_code for a code outside the town). */
static void test_patch_division_outside(void **state)
{
	int64_t id = make_employer(QK, "青口区划测试有限公司", 8, NULL);
	struct resp r;
	char code[19];
	uscc_make(code, "320707", seq++, true);
	json_t *b = json_pack("{s:I, s:s, s:s, s:i, s:s}", "org_id", (json_int_t)QK, "name", "北京区划测试有限公司",
	                      "credit_code", code, "headcount", 8, "division_code", "110101");
	assert_int_equal(reqj(&A, "POST", "/api/employers", b, &r), 0);
	expect_error(&r, 400, "invalid_field", "division_code");
	resp_free(&r);
	assert_int_equal(reqf(&A, "PATCH", "{\"division_code\":\"110101\"}", &r, "/api/employers/%" PRId64, id), 0);
	expect_error(&r, 400, "invalid_field", "division_code");
	resp_free(&r);
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/employers/%" PRId64, id), 0);
	assert_string_equal(jstr(r.json, "division_code"), "320707100000");
	resp_free(&r);
}

/* The headcount of a unionised employer is part of the employees figure. */
static void test_patch_unionised_headcount(void **state)
{
	char code[19];
	uscc_make(code, "320707", seq++, true);
	json_t *b = json_pack("{s:I, s:s, s:s, s:{s:s, s:s}, s:i}", "parent_id", (json_int_t)QK, "name",
	                      "青口人数测试有限公司工会", "kind", "enterprise", "employer", "name",
	                      "青口人数测试有限公司", "credit_code", code, "headcount", 100);
	struct resp r;
	assert_int_equal(reqj(&A, "POST", "/api/orgs", b, &r), 0);
	expect_status(&r, 201);
	int64_t eid = jint(r.json, "employer.id");
	int64_t union_id = jint(r.json, "id");
	resp_free(&r);
	struct snap s0, s1;
	snap_take(&s0);
	assert_int_equal(reqf(&A, "PATCH", "{\"headcount\":135}", &r, "/api/employers/%" PRId64, eid), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "headcount"), 135);
	resp_free(&r);
	snap_take(&s1);
	assert_all_moved(s0, s1, 0, 0, 35);
	snap_free(&s0);
	snap_free(&s1);
	assert_int_equal(srv_stats_verify(&S), 0);
	/* the union's headcount follows its employer's */
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64, union_id), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "headcount"), 135);
	assert_int_equal(jint(r.json, "employer.headcount"), 135);
	resp_free(&r);
}

/* The credit code is found however it is typed (it is accepted in lower case on POST, and
 * GET /api/orgs?q= finds it in lower case). */
static void test_search_code_any_case(void **state)
{
	char code[19], lower[19];
	int64_t id = make_employer(QK, "青口大小写测试有限公司", 6, code);
	for (int i = 0; i < 19; i++)
		lower[i] = (char)((code[i] >= 'A' && code[i] <= 'Z') ? code[i] - 'A' + 'a' : code[i]);
	struct resp r;
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/employers?q=%s", lower), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 1);
	assert_int_equal(jint(r.json, "items.0.id"), id);
	resp_free(&r);
}

static void test_create_errors(void **state)
{
	char good[19], dup[19], bad[19], region[19];
	uscc_make(good, "320707", seq++, true);
	int64_t first = make_employer(QK, "青口重复代码有限公司", 5, dup);
	assert_true(first > 0);
	snprintf(bad, sizeof(bad), "%s", good);
	bad[17] = bad[17] == '0' ? '1' : '0';
	snprintf(region, sizeof(region), "%s", good);
	region[4] = 'A'; /* characters 3 to 8 are a division code */
	long long qk = (long long)QK;
	struct {
		char body[600];
		long status;
		const char *code, *field;
	} c[24];
	int n = 0;
#define CASE(st, cd, fl, ...)                                        \
	do {                                                         \
		snprintf(c[n].body, sizeof(c[n].body), __VA_ARGS__); \
		c[n].status = (st);                                  \
		c[n].code = (cd);                                    \
		c[n].field = (fl);                                   \
		n++;                                                 \
	} while (0)
	CASE(409, "duplicate", "credit_code",
	     "{\"org_id\":%lld,\"name\":\"另一家公司\",\"credit_code\":\"%s\",\"headcount\":5}", qk, dup);
	CASE(400, "invalid_field", "credit_code",
	     "{\"org_id\":%lld,\"name\":\"另一家公司\",\"credit_code\":\"%s\",\"headcount\":5}", qk, bad);
	CASE(400, "invalid_field", "credit_code",
	     "{\"org_id\":%lld,\"name\":\"另一家公司\",\"credit_code\":\"%s\",\"headcount\":5}", qk, region);
	CASE(400, "invalid_field", "credit_code",
	     "{\"org_id\":%lld,\"name\":\"另一家公司\",\"credit_code\":\"91320707\",\"headcount\":5}", qk);
	CASE(400, "missing_field", "credit_code", "{\"org_id\":%lld,\"name\":\"另一家公司\",\"headcount\":5}", qk);
	CASE(400, "missing_field", "name", "{\"org_id\":%lld,\"credit_code\":\"%s\",\"headcount\":5}", qk, good);
	CASE(400, "invalid_field", "name", "{\"org_id\":%lld,\"name\":\"厂\",\"credit_code\":\"%s\",\"headcount\":5}",
	     qk, good);
	CASE(400, "missing_field", "headcount", "{\"org_id\":%lld,\"name\":\"另一家公司\",\"credit_code\":\"%s\"}", qk,
	     good);
	CASE(400, "invalid_field", "headcount",
	     "{\"org_id\":%lld,\"name\":\"另一家公司\",\"credit_code\":\"%s\",\"headcount\":-1}", qk, good);
	CASE(400, "invalid_field", "headcount",
	     "{\"org_id\":%lld,\"name\":\"另一家公司\",\"credit_code\":\"%s\",\"headcount\":10000001}", qk, good);
	CASE(400, "invalid_field", "headcount",
	     "{\"org_id\":%lld,\"name\":\"另一家公司\",\"credit_code\":\"%s\",\"headcount\":1.5}", qk, good);
	CASE(400, "invalid_field", "division_code",
	     "{\"org_id\":%lld,\"name\":\"另一家公司\",\"credit_code\":\"%s\",\"headcount\":5,\"division_code\":"
	     "\"99\"}",
	     qk, good);
	CASE(400, "invalid_field", "division_code",
	     "{\"org_id\":%lld,\"name\":\"另一家公司\",\"credit_code\":\"%s\",\"headcount\":5,\"division_code\":"
	     "\"3207071\"}",
	     qk, good);
	CASE(400, "invalid_field", "division_code",
	     "{\"org_id\":%lld,\"name\":\"另一家公司\",\"credit_code\":\"%s\",\"headcount\":5,\"division_code\":"
	     "\"320707101200\"}",
	     qk, good);
	CASE(404, "not_found", "org_id",
	     "{\"org_id\":999999,\"name\":\"另一家公司\",\"credit_code\":\"%s\",\"headcount\":5}", good);
	CASE(400, "missing_field", "org_id", "{\"name\":\"另一家公司\",\"credit_code\":\"%s\",\"headcount\":5}", good);
#undef CASE
	struct snap b, a;
	snap_take(&b);
	struct resp r;
	for (int i = 0; i < n; i++) {
		assert_int_equal(req(&A, "POST", "/api/employers", c[i].body, &r), 0);
		if (r.status != c[i].status)
			print_error("case %d: %s\n", i, c[i].body);
		expect_error(&r, c[i].status, c[i].code, c[i].field);
		resp_free(&r);
	}
	snap_take(&a);
	assert_all_moved(b, a, 0, 0, 0);
	snap_free(&b);
	snap_free(&a);
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/employers?q=%s", good), 0);
	assert_int_equal(jint(r.json, "total"), 0);
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* The bounds of headcount: 0 and 10,000,000 are accepted. */
static void test_headcount_bounds(void **state)
{
	struct snap b, a;
	snap_take(&b);
	char c1[19], c2[19];
	uscc_make(c1, "320707", seq++, true);
	uscc_make(c2, "320707", seq++, true);
	struct resp r;
	assert_true(post_employer(QK, "青口零人公司", c1, 0, &r) > 0);
	resp_free(&r);
	assert_true(post_employer(QK, "青口千万人公司", c2, 10000000, &r) > 0);
	resp_free(&r);
	snap_take(&a);
	assert_all_moved(b, a, 2, 0, 0);
	snap_free(&b);
	snap_free(&a);
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* A code that passes GB 32100 but whose organisation code fails GB 11714: created, with a
 * warning. */
static void test_org_code_warning(void **state)
{
	char code[19];
	uscc_make(code, "320707", seq++, false);
	struct resp r;
	int64_t id = post_employer(QK, "青口警示代码公司", code, 3, &r);
	expect_status(&r, 201);
	assert_true(id > 0);
	assert_int_equal(json_array_size(jget(r.json, "warnings")), 1);
	assert_string_equal(jstr(r.json, "warnings.0.code"), "org_code_check");
	assert_string_equal(jstr(r.json, "warnings.0.field"), "credit_code");
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* Employers registered with the county and with the root count at their own level only. */
static void test_other_levels(void **state)
{
	struct snap b, a;
	snap_take(&b);
	int64_t at_county = make_employer(GY, "赣榆区直属企业有限公司", 90, NULL);
	assert_true(at_county > 0);
	snap_take(&a);
	assert_moved(b.qk, a.qk, 0, 0, 0);
	assert_moved(b.gy, a.gy, 1, 0, 0);
	assert_moved(b.root, a.root, 1, 0, 0);
	snap_free(&b);
	snap_free(&a);
	struct resp r;
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/employers/%" PRId64, at_county), 0);
	assert_string_equal(jstr(r.json, "division_code"), "320707000000");
	assert_string_equal(jstr(r.json, "org_name"), "赣榆区总工会");
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_create),
	        cmocka_unit_test(test_create_normalised),
	        cmocka_unit_test(test_list_and_filters),
	        cmocka_unit_test(test_search),
	        cmocka_unit_test(test_patch),
	        cmocka_unit_test(test_patch_division_outside),
	        cmocka_unit_test(test_patch_unionised_headcount),
	        cmocka_unit_test(test_create_errors),
	        cmocka_unit_test(test_headcount_bounds),
	        cmocka_unit_test(test_org_code_warning),
	        cmocka_unit_test(test_other_levels),
	        cmocka_unit_test(test_search_code_any_case),
	};
	curl_global_init(CURL_GLOBAL_DEFAULT);
	int rc = cmocka_run_group_tests(tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
