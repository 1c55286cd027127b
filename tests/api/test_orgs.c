/*
 * API: organisations. Creating grassroots unions under 青口镇总工会 (enterprise with one employer,
 * joint with several, village union at a 12-digit village code, linking an existing employer),
 * their place among the children (ordered by division code, then name) and in search (two
 * Chinese characters, credit code), the subtree figures of the town, the county and the root
 * moving by exactly what was written (and `gonghui stats verify` clean after every write),
 * editing, moving a union to another town, the soft org_code_check warning, and the errors of
 * POST /api/orgs (each leaving nothing written).
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
static struct client A; /* the national admin, logged in once */
static int64_t ROOT, GY, QK, ZW;
static unsigned long seq = 71000; /* credit codes made by this suite */

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

static void next_code(char out[19])
{
	uscc_make(out, "320707", seq++, true);
}

/* The figures of the town, the county and the root. */
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

/* A rate is a fraction 0..1 and, for coverage, unionised / employers. */
static void check_rates(const struct figs *f)
{
	assert_true(json_is_number(f->coverage_rate));
	double cov = json_number_value(f->coverage_rate);
	assert_true(cov >= 0.0 && cov <= 1.0);
	assert_true(f->employers > 0);
	double want = (double)f->unionised_employers / (double)f->employers;
	assert_true(cov > want - 1e-9 && cov < want + 1e-9);
	assert_true(json_is_number(f->membership_rate));
	double mem = json_number_value(f->membership_rate);
	assert_true(mem >= 0.0 && mem <= 1.0);
}

/* after - before of every figure equals the deltas given (orgs, federations, grassroots,
 * employers, unionised, employees). */
#define assert_moved(b, a, d_orgs, d_fed, d_grass, d_emp, d_union, d_staff)                     \
	do {                                                                                    \
		assert_int_equal((a).orgs - (b).orgs, (d_orgs));                                \
		assert_int_equal((a).federations - (b).federations, (d_fed));                   \
		assert_int_equal((a).grassroots - (b).grassroots, (d_grass));                   \
		assert_int_equal((a).employers - (b).employers, (d_emp));                       \
		assert_int_equal((a).unionised_employers - (b).unionised_employers, (d_union)); \
		assert_int_equal((a).employees - (b).employees, (d_staff));                     \
		assert_int_equal((a).members - (b).members, 0);                                 \
	} while (0)

#define assert_all_moved(b, a, d_orgs, d_fed, d_grass, d_emp, d_union, d_staff)                    \
	do {                                                                                       \
		assert_moved((b).qk, (a).qk, d_orgs, d_fed, d_grass, d_emp, d_union, d_staff);     \
		assert_moved((b).gy, (a).gy, d_orgs, d_fed, d_grass, d_emp, d_union, d_staff);     \
		assert_moved((b).root, (a).root, d_orgs, d_fed, d_grass, d_emp, d_union, d_staff); \
	} while (0)

/* POST /api/orgs of an enterprise union under parent; answers in r (caller frees). */
static void post_union(int64_t parent, const char *name, const char *ename, const char *code, int64_t headcount,
                       struct resp *r)
{
	json_t *b = json_pack("{s:I, s:s, s:s, s:{s:s, s:s}, s:I}", "parent_id", (json_int_t)parent, "name", name,
	                      "kind", "enterprise", "employer", "name", ename, "credit_code", code, "headcount",
	                      (json_int_t)headcount);
	assert_int_equal(reqj(&A, "POST", "/api/orgs", b, r), 0);
}

static int64_t create_union(int64_t parent, const char *name, const char *ename, int64_t headcount)
{
	char code[19];
	next_code(code);
	struct resp r;
	post_union(parent, name, ename, code, headcount, &r);
	expect_status(&r, 201);
	int64_t id = jint(r.json, "id");
	resp_free(&r);
	assert_true(id > 0);
	return id;
}

static void audit_rows(int64_t *total)
{
	struct resp r;
	assert_int_equal(req(&A, "GET", "/api/audit?limit=1", NULL, &r), 0);
	expect_status(&r, 200);
	*total = jint(r.json, "total");
	resp_free(&r);
}

static void test_create_grassroots(void **state)
{
	struct snap b, a;
	snap_take(&b);
	char code[19];
	next_code(code);
	json_t *body = json_pack("{s:I, s:s, s:s, s:{s:s, s:s}, s:i, s:s, s:i, s:s, s:s}", "parent_id", (json_int_t)QK,
	                         "name", "瀚宇星辰电子有限公司工会委员会", "kind", "enterprise", "employer", "name",
	                         "连云港瀚宇星辰电子有限公司", "credit_code", code, "headcount", 260, "founded_on",
	                         "2020-02-29", "term_years", 5, "chair", "王芳", "phone", "13912345678");
	struct resp r;
	assert_int_equal(reqj(&A, "POST", "/api/orgs", body, &r), 0);
	expect_status(&r, 201);
	int64_t id = jint(r.json, "id");
	assert_true(id > 0);
	assert_int_equal(jint(r.json, "parent_id"), QK);
	assert_string_equal(jstr(r.json, "name"), "瀚宇星辰电子有限公司工会委员会");
	assert_string_equal(jstr(r.json, "kind"), "enterprise");
	assert_string_equal(jstr(r.json, "division_code"), "320707100000");
	assert_int_equal(jint(r.json, "depth"), 5);
	assert_string_equal(jstr(r.json, "status"), "active");
	assert_int_equal(jint(r.json, "child_count"), 0);
	assert_int_equal(jint(r.json, "headcount"), 260);
	assert_string_equal(jstr(r.json, "founded_on"), "2020-02-29");
	assert_int_equal(jint(r.json, "term_years"), 5);
	assert_string_equal(jstr(r.json, "term_ends_on"), "2025-02-28"); /* no 29 February in 2025 */
	assert_string_equal(jstr(r.json, "chair"), "王芳");
	assert_true(json_is_object(jget(r.json, "employer")));
	assert_null(jget(r.json, "employers"));
	int64_t eid = jint(r.json, "employer.id");
	assert_true(eid > 0);
	assert_string_equal(jstr(r.json, "employer.name"), "连云港瀚宇星辰电子有限公司");
	assert_string_equal(jstr(r.json, "employer.credit_code"), code);
	assert_int_equal(jint(r.json, "employer.headcount"), 260);
	assert_int_equal(jint(r.json, "employer.union_id"), id);
	assert_true(json_is_array(jget(r.json, "warnings")));
	assert_int_equal(json_array_size(jget(r.json, "warnings")), 0);
	resp_free(&r);

	/* the same through GET */
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64, id), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "term_ends_on"), "2025-02-28");
	assert_int_equal(jint(r.json, "employer.id"), eid);
	assert_int_equal(jint(r.json, "headcount"), 260);
	resp_free(&r);
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/employers/%" PRId64, eid), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "union_id"), id);
	resp_free(&r);

	snap_take(&a);
	assert_all_moved(b, a, 1, 0, 1, 1, 1, 260);
	check_rates(&a.qk);
	check_rates(&a.gy);
	check_rates(&a.root);
	snap_free(&b);
	snap_free(&a);
	assert_int_equal(srv_stats_verify(&S), 0);

	/* the town's child_count moved as well */
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64 "/stats", id), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "org_id"), id);
	assert_int_equal(jint(r.json, "grassroots"), 1);
	assert_int_equal(jint(r.json, "employees"), 260);
	resp_free(&r);
}

static void test_term_three_years(void **state)
{
	char code[19];
	next_code(code);
	json_t *body = json_pack("{s:I, s:s, s:s, s:{s:s, s:s, s:i}, s:s, s:i}", "parent_id", (json_int_t)QK, "name",
	                         "翠微纺织有限公司工会", "kind", "institution", "employer", "name", "翠微纺织有限公司",
	                         "credit_code", code, "headcount", 45, "founded_on", "2023-06-01", "term_years", 3);
	struct resp r;
	assert_int_equal(reqj(&A, "POST", "/api/orgs", body, &r), 0);
	expect_status(&r, 201);
	assert_string_equal(jstr(r.json, "kind"), "institution");
	assert_string_equal(jstr(r.json, "term_ends_on"), "2026-06-01");
	/* the headcount comes from the employer when the union gives none */
	assert_int_equal(jint(r.json, "headcount"), 45);
	assert_int_equal(jint(r.json, "employer.headcount"), 45);
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* Children come ordered by division code, then name; the new unions are among them. */
static void test_children_order(void **state)
{
	int64_t u1 = create_union(QK, "岚山精工有限公司工会", "岚山精工有限公司", 12);
	int64_t u2 = create_union(QK, "阿尔法精工有限公司工会", "阿尔法精工有限公司", 13);
	json_t *body = json_pack("{s:I, s:s, s:s, s:s}", "parent_id", (json_int_t)QK, "name", "下口村工会联合会",
	                         "kind", "village", "division_code", "320707100200");
	struct resp r;
	assert_int_equal(reqj(&A, "POST", "/api/orgs", body, &r), 0);
	expect_status(&r, 201);
	int64_t village = jint(r.json, "id");
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);

	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64, QK), 0);
	int64_t child_count = jint(r.json, "child_count");
	resp_free(&r);
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64 "/children?limit=200", QK), 0);
	expect_status(&r, 200);
	json_t *items = jget(r.json, "items");
	assert_int_equal(jint(r.json, "total"), child_count);
	assert_int_equal(json_array_size(items), child_count);
	assert_int_equal(jint(r.json, "offset"), 0);
	assert_int_equal(jint(r.json, "limit"), 200);
	bool seen1 = false, seen2 = false, seen_v = false;
	for (size_t i = 0; i < json_array_size(items); i++) {
		json_t *it = json_array_get(items, i);
		assert_int_equal(jint(it, "parent_id"), QK);
		int64_t id = jint(it, "id");
		seen1 |= id == u1;
		seen2 |= id == u2;
		seen_v |= id == village;
		if (i == 0)
			continue;
		json_t *prev = json_array_get(items, i - 1);
		int d = strcmp(jstr(prev, "division_code"), jstr(it, "division_code"));
		assert_true(d < 0 || (d == 0 && strcmp(jstr(prev, "name"), jstr(it, "name")) <= 0));
	}
	assert_true(seen1 && seen2 && seen_v);
	/* the village union sits at 320707100200: after every union at 320707100000 */
	assert_string_equal(jstr(json_array_get(items, json_array_size(items) - 1), "division_code"), "320707100200");
	resp_free(&r);

	/* paging: offset 1, limit 1 is the second item */
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64 "/children?limit=200", QK), 0);
	int64_t second = jint(r.json, "items.1.id");
	resp_free(&r);
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64 "/children?offset=1&limit=1", QK), 0);
	expect_status(&r, 200);
	assert_int_equal(json_array_size(jget(r.json, "items")), 1);
	assert_int_equal(jint(r.json, "items.0.id"), second);
	assert_int_equal(jint(r.json, "total"), child_count);
	resp_free(&r);
}

/* An Org in a list has the same shape as GET /api/orgs/{id}: a grassroots union answers its
 * employer (api-sketch: "employer:{id,name,credit_code,headcount}"), never null when it has one. */
static void test_lists_carry_employer(void **state)
{
	int64_t id = create_union(QK, "琥珀光学有限公司工会", "琥珀光学有限公司", 31);
	struct resp r;
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64 "/children?limit=200", QK), 0);
	expect_status(&r, 200);
	json_t *found = NULL;
	json_t *items = jget(r.json, "items");
	for (size_t i = 0; i < json_array_size(items); i++)
		if (jint(json_array_get(items, i), "id") == id)
			found = json_array_get(items, i);
	assert_non_null(found);
	assert_true(json_is_object(jget(found, "employer")));
	assert_string_equal(jstr(found, "employer.name"), "琥珀光学有限公司");
	resp_free(&r);
	assert_int_equal(req(&A, "GET", "/api/orgs?q=%E7%90%A5%E7%8F%80%E5%85%89%E5%AD%A6", NULL, &r),
	                 0); /* 琥珀光学 */
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 1);
	assert_true(json_is_object(jget(r.json, "items.0.employer")));
	assert_string_equal(jstr(r.json, "items.0.employer.name"), "琥珀光学有限公司");
	resp_free(&r);
}

static void test_search(void **state)
{
	char code[19];
	next_code(code);
	struct resp r;
	post_union(QK, "鲸落海洋科技有限公司工会委员会", "连云港鲸落海洋科技有限公司", code, 88, &r);
	expect_status(&r, 201);
	int64_t id = jint(r.json, "id");
	resp_free(&r);
	/* two Chinese characters: 鲸落 */
	assert_int_equal(req(&A, "GET", "/api/orgs?q=%E9%B2%B8%E8%90%BD", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 1);
	assert_int_equal(jint(r.json, "items.0.id"), id);
	resp_free(&r);
	/* a substring in the middle: 海洋科技 */
	assert_int_equal(req(&A, "GET", "/api/orgs?q=%E6%B5%B7%E6%B4%8B%E7%A7%91%E6%8A%80", NULL, &r), 0);
	expect_status(&r, 200);
	bool found = false;
	for (size_t i = 0; i < json_array_size(jget(r.json, "items")); i++)
		found |= jint(json_array_get(jget(r.json, "items"), i), "id") == id;
	assert_true(found);
	resp_free(&r);
	/* the employer's credit code, as typed and in lower case */
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/orgs?q=%s", code), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 1);
	assert_int_equal(jint(r.json, "items.0.id"), id);
	resp_free(&r);
	char lower[19];
	for (int i = 0; i < 19; i++)
		lower[i] = (char)((code[i] >= 'A' && code[i] <= 'Z') ? code[i] - 'A' + 'a' : code[i]);
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/orgs?q=%s", lower), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 1);
	resp_free(&r);
	/* not found: a name nobody has */
	assert_int_equal(req(&A, "GET", "/api/orgs?q=%E9%B2%B8%E9%B2%B8%E9%B2%B8", NULL, &r), 0); /* 鲸鲸鲸 */
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 0);
	assert_int_equal(json_array_size(jget(r.json, "items")), 0);
	resp_free(&r);
	/* a search past 10,000 hits says so (CONTRACT.md, lists): 总工会 */
	assert_int_equal(req(&A, "GET", "/api/orgs?q=%E6%80%BB%E5%B7%A5%E4%BC%9A&limit=5", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 10000);
	assert_true(json_is_true(jget(r.json, "total_capped")));
	assert_int_equal(json_array_size(jget(r.json, "items")), 5);
	resp_free(&r);
	/* neither q nor division */
	assert_int_equal(req(&A, "GET", "/api/orgs", NULL, &r), 0);
	expect_error(&r, 400, "missing_field", "q");
	resp_free(&r);
	/* division: the town's code in 9 digits finds the town first (depth order) */
	assert_int_equal(req(&A, "GET", "/api/orgs?division=320707100", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "items.0.id"), QK);
	assert_true(jint(r.json, "total") >= 2);
	resp_free(&r);
	assert_int_equal(req(&A, "GET", "/api/orgs?division=3207071", NULL, &r), 0);
	expect_error(&r, 400, "invalid_field", "division");
	resp_free(&r);
}

static void test_patch(void **state)
{
	int64_t id = create_union(QK, "翠微旧名称有限公司工会", "翠微旧名称有限公司", 100);
	struct snap b, a;
	snap_take(&b);
	json_t *body =
	        json_pack("{s:s, s:s, s:s, s:s, s:i, s:i}", "name", "翠微新名称有限公司工会", "chair", "赵磊", "phone",
	                  "0518-86212345", "founded_on", "2019-05-04", "term_years", 3, "headcount", 130);
	struct resp r;
	char path[64];
	snprintf(path, sizeof(path), "/api/orgs/%" PRId64, id);
	assert_int_equal(reqj(&A, "PATCH", path, body, &r), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "name"), "翠微新名称有限公司工会");
	assert_string_equal(jstr(r.json, "chair"), "赵磊");
	assert_non_null(jstr(r.json, "phone"));
	assert_string_equal(jstr(r.json, "founded_on"), "2019-05-04");
	assert_int_equal(jint(r.json, "term_years"), 3);
	assert_string_equal(jstr(r.json, "term_ends_on"), "2022-05-04");
	assert_int_equal(jint(r.json, "headcount"), 130);
	assert_int_equal(jint(r.json, "employer.headcount"), 130);
	resp_free(&r);
	snap_take(&a);
	assert_all_moved(b, a, 0, 0, 0, 0, 0, 30);
	snap_free(&b);
	snap_free(&a);
	assert_int_equal(srv_stats_verify(&S), 0);
	/* the name index follows: new name found, old one gone */
	assert_int_equal(req(&A, "GET", "/api/orgs?q=%E7%BF%A0%E5%BE%AE%E6%96%B0", NULL, &r), 0); /* 翠微新 */
	assert_int_equal(jint(r.json, "total"), 1);
	assert_int_equal(jint(r.json, "items.0.id"), id);
	resp_free(&r);
	assert_int_equal(req(&A, "GET", "/api/orgs?q=%E7%BF%A0%E5%BE%AE%E6%97%A7", NULL, &r), 0); /* 翠微旧 */
	assert_int_equal(jint(r.json, "total"), 0);
	resp_free(&r);
	/* clearing the term */
	assert_int_equal(req(&A, "PATCH", path, "{\"term_years\":null}", &r), 0);
	expect_status(&r, 200);
	assert_true(json_is_null(jget(r.json, "term_years")));
	assert_true(json_is_null(jget(r.json, "term_ends_on")));
	resp_free(&r);
	/* errors change nothing */
	assert_int_equal(req(&A, "PATCH", path, "{}", &r), 0);
	expect_error(&r, 400, "bad_request", NULL);
	resp_free(&r);
	assert_int_equal(req(&A, "PATCH", path, "{\"term_years\":4, \"chair\":\"不应写入\"}", &r), 0);
	expect_error(&r, 400, "invalid_field", "term_years");
	resp_free(&r);
	assert_int_equal(req(&A, "PATCH", path, "{\"headcount\":-5}", &r), 0);
	expect_error(&r, 400, "invalid_field", "headcount");
	resp_free(&r);
	assert_int_equal(req(&A, "PATCH", path, "{\"founded_on\":\"2999-01-01\"}", &r), 0);
	expect_error(&r, 400, "invalid_field", "founded_on");
	resp_free(&r);
	assert_int_equal(req(&A, "PATCH", path, "{\"name\":\"\"}", &r), 0);
	expect_error(&r, 400, "missing_field", "name");
	resp_free(&r);
	assert_int_equal(req(&A, "PATCH", path, "{\"phone\":\"12345\"}", &r), 0);
	expect_error(&r, 400, "invalid_field", "phone");
	resp_free(&r);
	assert_int_equal(req(&A, "GET", path, NULL, &r), 0);
	assert_string_equal(jstr(r.json, "chair"), "赵磊");
	assert_int_equal(jint(r.json, "headcount"), 130);
	assert_string_equal(jstr(r.json, "founded_on"), "2019-05-04");
	resp_free(&r);
	assert_int_equal(reqf(&A, "PATCH", "{\"chair\":\"x\"}", &r, "/api/orgs/%d", 999999), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);
}

static void test_joint(void **state)
{
	struct snap b, a;
	snap_take(&b);
	char c1[19], c2[19];
	next_code(c1);
	next_code(c2);
	json_t *body =
	        json_pack("{s:I, s:s, s:s, s:[{s:s, s:s, s:i}, {s:s, s:s, s:i}]}", "parent_id", (json_int_t)QK, "name",
	                  "青口镇商贸联合基层工会", "kind", "joint", "employers", "name", "青口星河商店", "credit_code",
	                  c1, "headcount", 7, "name", "青口月湾饭店", "credit_code", c2, "headcount", 11);
	struct resp r;
	assert_int_equal(reqj(&A, "POST", "/api/orgs", body, &r), 0);
	expect_status(&r, 201);
	int64_t id = jint(r.json, "id");
	assert_string_equal(jstr(r.json, "kind"), "joint");
	assert_true(json_is_array(jget(r.json, "employers")));
	assert_int_equal(json_array_size(jget(r.json, "employers")), 2);
	assert_null(jget(r.json, "employer"));
	assert_int_equal(jint(r.json, "headcount"), 18);
	/* both employers, each linked to the union */
	int found = 0;
	for (int i = 0; i < 2; i++) {
		json_t *e = jget(jget(r.json, "employers"), i == 0 ? "0" : "1");
		assert_int_equal(jint(e, "union_id"), id);
		if (!strcmp(jstr(e, "credit_code"), c1)) {
			found |= 1;
			assert_int_equal(jint(e, "headcount"), 7);
		}
		if (!strcmp(jstr(e, "credit_code"), c2)) {
			found |= 2;
			assert_int_equal(jint(e, "headcount"), 11);
		}
	}
	assert_int_equal(found, 3);
	resp_free(&r);
	snap_take(&a);
	assert_all_moved(b, a, 1, 0, 1, 2, 2, 18);
	snap_free(&b);
	snap_free(&a);
	assert_int_equal(srv_stats_verify(&S), 0);
	/* a joint union's headcount is kept per employer */
	assert_int_equal(reqf(&A, "PATCH", "{\"headcount\":30}", &r, "/api/orgs/%" PRId64, id), 0);
	expect_error(&r, 400, "invalid_field", "headcount");
	resp_free(&r);
	/* an enterprise union with two employers is refused */
	char c3[19], c4[19];
	next_code(c3);
	next_code(c4);
	body = json_pack("{s:I, s:s, s:s, s:[{s:s, s:s, s:i}, {s:s, s:s, s:i}]}", "parent_id", (json_int_t)QK, "name",
	                 "两家企业工会", "kind", "enterprise", "employers", "name", "甲企业", "credit_code", c3,
	                 "headcount", 7, "name", "乙企业", "credit_code", c4, "headcount", 11);
	assert_int_equal(reqj(&A, "POST", "/api/orgs", body, &r), 0);
	expect_error(&r, 400, "invalid_field", "employers");
	resp_free(&r);
	/* an error in the second employer names it */
	body = json_pack("{s:I, s:s, s:s, s:[{s:s, s:s, s:i}, {s:s, s:s, s:i}]}", "parent_id", (json_int_t)QK, "name",
	                 "坏代码联合工会", "kind", "joint", "employers", "name", "甲企业", "credit_code", c3,
	                 "headcount", 7, "name", "乙企业", "credit_code", "91320707MA1XXXXXX1", "headcount", 11);
	assert_int_equal(reqj(&A, "POST", "/api/orgs", body, &r), 0);
	expect_status(&r, 400);
	assert_string_equal(jstr(r.json, "error.field"), "employers[1].credit_code");
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);
}

static void test_village(void **state)
{
	struct snap b, a;
	snap_take(&b);
	json_t *body = json_pack("{s:I, s:s, s:s, s:s, s:s}", "parent_id", (json_int_t)QK, "name", "大朱旭村工会",
	                         "kind", "village", "division_code", "320707100202", "chair", "孙强");
	struct resp r;
	assert_int_equal(reqj(&A, "POST", "/api/orgs", body, &r), 0);
	expect_status(&r, 201);
	int64_t id = jint(r.json, "id");
	assert_string_equal(jstr(r.json, "kind"), "village");
	assert_string_equal(jstr(r.json, "division_code"), "320707100202");
	assert_int_equal(jint(r.json, "parent_id"), QK);
	assert_null(jget(r.json, "employer"));
	resp_free(&r);
	snap_take(&a);
	assert_all_moved(b, a, 1, 0, 1, 0, 0, 0);
	snap_free(&b);
	snap_free(&a);
	assert_int_equal(srv_stats_verify(&S), 0);
	/* the village's union can hold an enterprise union of its own */
	int64_t child = create_union(id, "大朱旭村农机合作社工会", "大朱旭村农机合作社", 9);
	assert_true(child > 0);
	assert_int_equal(srv_stats_verify(&S), 0);

	struct {
		const char *division;
		const char *code;
	} bad[] = {
	        {NULL, "missing_field"},           /* a village needs its 12-digit code */
	        {"320707100", "invalid_field"},    /* the town, not a village */
	        {"320707101200", "invalid_field"}, /* a village of 柘汪镇, outside 青口镇 */
	        {"320707100999", "invalid_field"}, /* no such village */
	        {"32070710020", "invalid_field"},  /* 11 digits */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		body = json_pack("{s:I, s:s, s:s}", "parent_id", (json_int_t)QK, "name", "坏村工会", "kind", "village");
		if (bad[i].division)
			json_object_set_new(body, "division_code", json_string(bad[i].division));
		assert_int_equal(reqj(&A, "POST", "/api/orgs", body, &r), 0);
		expect_error(&r, 400, bad[i].code, "division_code");
		resp_free(&r);
	}
	/* a village union belongs under a town, not a county */
	body = json_pack("{s:I, s:s, s:s, s:s}", "parent_id", (json_int_t)GY, "name", "县下村工会", "kind", "village",
	                 "division_code", "320707100203");
	assert_int_equal(reqj(&A, "POST", "/api/orgs", body, &r), 0);
	expect_error(&r, 400, "invalid_field", "kind");
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);
}

static void test_move(void **state)
{
	int64_t id = create_union(QK, "岚峰搬迁机械有限公司工会", "岚峰搬迁机械有限公司", 77);
	struct figs qk0, zw0, gy0, root0, qk1, zw1, gy1, root1;
	assert_int_equal(figs_get(&A, QK, &qk0), 200);
	assert_int_equal(figs_get(&A, ZW, &zw0), 200);
	assert_int_equal(figs_get(&A, GY, &gy0), 200);
	assert_int_equal(figs_get(&A, ROOT, &root0), 200);
	struct resp r;
	char path[80];
	snprintf(path, sizeof(path), "/api/orgs/%" PRId64 "/move", id);
	/* its place lies outside the new town: a new division code is needed */
	json_t *body = json_pack("{s:I}", "parent_id", (json_int_t)ZW);
	assert_int_equal(reqj(&A, "POST", path, body, &r), 0);
	expect_error(&r, 400, "invalid_field", "division_code");
	resp_free(&r);
	body = json_pack("{s:I, s:s}", "parent_id", (json_int_t)ZW, "division_code", "320707100");
	assert_int_equal(reqj(&A, "POST", path, body, &r), 0);
	expect_error(&r, 400, "invalid_field", "division_code");
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);

	body = json_pack("{s:I, s:s}", "parent_id", (json_int_t)ZW, "division_code", "320707101");
	assert_int_equal(reqj(&A, "POST", path, body, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "parent_id"), ZW);
	assert_string_equal(jstr(r.json, "division_code"), "320707101000");
	assert_int_equal(jint(r.json, "depth"), 5);
	assert_int_equal(jint(r.json, "employer.headcount"), 77);
	resp_free(&r);
	assert_int_equal(figs_get(&A, QK, &qk1), 200);
	assert_int_equal(figs_get(&A, ZW, &zw1), 200);
	assert_int_equal(figs_get(&A, GY, &gy1), 200);
	assert_int_equal(figs_get(&A, ROOT, &root1), 200);
	assert_moved(qk0, qk1, -1, 0, -1, -1, -1, -77);
	assert_moved(zw0, zw1, 1, 0, 1, 1, 1, 77);
	assert_moved(gy0, gy1, 0, 0, 0, 0, 0, 0);
	assert_moved(root0, root1, 0, 0, 0, 0, 0, 0);
	figs_free(&qk0), figs_free(&zw0), figs_free(&gy0), figs_free(&root0);
	figs_free(&qk1), figs_free(&zw1), figs_free(&gy1), figs_free(&root1);
	assert_int_equal(srv_stats_verify(&S), 0);
	/* the path follows */
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64 "/path", id), 0);
	expect_status(&r, 200);
	assert_int_equal(json_array_size(jget(r.json, "items")), 6);
	assert_int_equal(jint(r.json, "items.4.id"), ZW);
	assert_int_equal(jint(r.json, "items.5.id"), id);
	resp_free(&r);
	/* its employer is now listed under the new town, not the old */
	int64_t eid = 0;
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64, id), 0);
	eid = jint(r.json, "employer.id");
	resp_free(&r);
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/employers?org=%" PRId64 "&limit=200", ZW), 0);
	bool in_zw = false;
	for (size_t i = 0; i < json_array_size(jget(r.json, "items")); i++)
		in_zw |= jint(json_array_get(jget(r.json, "items"), i), "id") == eid;
	assert_true(in_zw);
	resp_free(&r);

	/* errors */
	body = json_pack("{s:I, s:s}", "parent_id", (json_int_t)ZW, "division_code", "320707101");
	assert_int_equal(reqj(&A, "POST", path, body, &r), 0);
	expect_error(&r, 409, "conflict", "parent_id"); /* already there */
	resp_free(&r);
	body = json_pack("{s:I}", "parent_id", (json_int_t)id);
	assert_int_equal(reqj(&A, "POST", path, body, &r), 0);
	expect_error(&r, 400, "invalid_field", "parent_id"); /* under itself */
	resp_free(&r);
	body = json_pack("{s:I}", "parent_id", (json_int_t)999999);
	assert_int_equal(reqj(&A, "POST", path, body, &r), 0);
	expect_error(&r, 404, "not_found", "parent_id");
	resp_free(&r);
	body = json_pack("{s:I}", "parent_id", (json_int_t)GY);
	assert_int_equal(reqf(&A, "POST", NULL, &r, "/api/orgs/%" PRId64 "/move", QK), 0); /* no body */
	expect_error(&r, 400, "invalid_json", NULL);
	resp_free(&r);
	snprintf(path, sizeof(path), "/api/orgs/%" PRId64 "/move", QK);
	assert_int_equal(reqj(&A, "POST", path, body, &r), 0);
	expect_error(&r, 409, "conflict", NULL); /* a town federation follows the division tree */
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* The employer's code passes GB 32100 but its embedded organisation code fails GB 11714. */
static void test_org_code_warning(void **state)
{
	char code[19];
	uscc_make(code, "320707", seq++, false);
	struct resp r;
	post_union(QK, "警示代码有限公司工会", "警示代码有限公司", code, 20, &r);
	expect_status(&r, 201);
	assert_int_equal(json_array_size(jget(r.json, "warnings")), 1);
	assert_string_equal(jstr(r.json, "warnings.0.code"), "org_code_check");
	assert_string_equal(jstr(r.json, "warnings.0.field"), "employer.credit_code");
	assert_non_null(jstr(r.json, "warnings.0.message"));
	assert_string_equal(jstr(r.json, "employer.credit_code"), code);
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* Linking an employer registered before (employer: {id}) makes it the union's. */
static void test_link_existing_employer(void **state)
{
	char code[19];
	next_code(code);
	json_t *body = json_pack("{s:I, s:s, s:s, s:i}", "org_id", (json_int_t)QK, "name", "连云港先登记后建会有限公司",
	                         "credit_code", code, "headcount", 64);
	struct resp r;
	assert_int_equal(reqj(&A, "POST", "/api/employers", body, &r), 0);
	expect_status(&r, 201);
	int64_t eid = jint(r.json, "id");
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);
	struct snap b, a;
	snap_take(&b);
	body = json_pack("{s:I, s:s, s:s, s:{s:I}, s:i}", "parent_id", (json_int_t)QK, "name",
	                 "先登记后建会有限公司工会", "kind", "enterprise", "employer", "id", (json_int_t)eid,
	                 "headcount", 64);
	assert_int_equal(reqj(&A, "POST", "/api/orgs", body, &r), 0);
	expect_status(&r, 201);
	int64_t id = jint(r.json, "id");
	assert_int_equal(jint(r.json, "employer.id"), eid);
	assert_int_equal(jint(r.json, "employer.union_id"), id);
	assert_int_equal(jint(r.json, "headcount"), 64);
	resp_free(&r);
	snap_take(&a);
	assert_all_moved(b, a, 1, 0, 1, 0, 1, 64);
	snap_free(&b);
	snap_free(&a);
	/* the union's own figures hold its employer, and so do the base tables */
	struct figs u;
	assert_int_equal(figs_get(&A, id, &u), 200);
	assert_int_equal(u.employers, 1);
	assert_int_equal(u.unionised_employers, 1);
	figs_free(&u);
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/employers?org=%" PRId64, id), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 1);
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* Every error of POST /api/orgs: status, code and field; nothing written. */
static void test_create_errors(void **state)
{
	/* an employer that has a union already (from the demo data of 青口镇) */
	struct resp r;
	assert_int_equal(req(&A, "GET", "/api/employers?unionised=1&limit=1", NULL, &r), 0);
	expect_status(&r, 200);
	int64_t taken = jint(r.json, "items.0.id");
	char taken_code[32];
	snprintf(taken_code, sizeof(taken_code), "%s", jstr(r.json, "items.0.credit_code"));
	resp_free(&r);
	assert_true(taken > 0);
	char good[19], badchk[19];
	next_code(good);
	snprintf(badchk, sizeof(badchk), "%s", good);
	badchk[17] = badchk[17] == '0' ? '1' : '0';

	const long long qk = (long long)QK;
	struct {
		char body[1024];
		long status;
		const char *code, *field;
	} cases[20];
	int n = 0;
#define CASE(st, cd, fl, ...)                                                \
	do {                                                                 \
		snprintf(cases[n].body, sizeof(cases[n].body), __VA_ARGS__); \
		cases[n].status = (st);                                      \
		cases[n].code = (cd);                                        \
		cases[n].field = (fl);                                       \
		n++;                                                         \
	} while (0)
#define EMP "\"employer\":{\"name\":\"错误测试有限公司\",\"credit_code\":\"%s\"}"
	char e_good[200], e_bad[200], e_dup[200];
	snprintf(e_good, sizeof(e_good), EMP, good);
	snprintf(e_bad, sizeof(e_bad), EMP, badchk);
	snprintf(e_dup, sizeof(e_dup), EMP, taken_code);
#undef EMP
	CASE(400, "invalid_field", "employer.credit_code",
	     "{\"parent_id\":%lld,\"name\":\"错误测试工会\",\"kind\":\"enterprise\",%s,\"headcount\":5}", qk, e_bad);
	CASE(400, "missing_field", "name", "{\"parent_id\":%lld,\"kind\":\"enterprise\",%s,\"headcount\":5}", qk,
	     e_good);
	CASE(400, "missing_field", "name",
	     "{\"parent_id\":%lld,\"name\":\"  \",\"kind\":\"enterprise\",%s,\"headcount\":5}", qk, e_good);
	CASE(400, "invalid_field", "kind",
	     "{\"parent_id\":%lld,\"name\":\"错误测试工会\",\"kind\":\"factory\",%s,\"headcount\":5}", qk, e_good);
	CASE(400, "missing_field", "kind", "{\"parent_id\":%lld,\"name\":\"错误测试工会\",%s,\"headcount\":5}", qk,
	     e_good);
	CASE(400, "invalid_field", "term_years",
	     "{\"parent_id\":%lld,\"name\":\"错误测试工会\",\"kind\":\"enterprise\",%s,\"headcount\":5,\"term_years\":"
	     "4}",
	     qk, e_good);
	CASE(400, "invalid_field", "founded_on",
	     "{\"parent_id\":%lld,\"name\":\"错误测试工会\",\"kind\":\"enterprise\",%s,\"headcount\":5,"
	     "\"founded_on\":\"2999-01-01\"}",
	     qk, e_good);
	CASE(400, "invalid_field", "founded_on",
	     "{\"parent_id\":%lld,\"name\":\"错误测试工会\",\"kind\":\"enterprise\",%s,\"headcount\":5,"
	     "\"founded_on\":\"2021-02-30\"}",
	     qk, e_good);
	CASE(400, "invalid_field", "headcount",
	     "{\"parent_id\":%lld,\"name\":\"错误测试工会\",\"kind\":\"enterprise\",%s,\"headcount\":-1}", qk, e_good);
	CASE(400, "missing_field", "headcount",
	     "{\"parent_id\":%lld,\"name\":\"错误测试工会\",\"kind\":\"enterprise\",%s}", qk, e_good);
	CASE(400, "missing_field", "employer",
	     "{\"parent_id\":%lld,\"name\":\"错误测试工会\",\"kind\":\"enterprise\",\"headcount\":5}", qk);
	CASE(404, "not_found", "parent_id",
	     "{\"parent_id\":999999,\"name\":\"错误测试工会\",\"kind\":\"enterprise\",%s,\"headcount\":5}", e_good);
	CASE(400, "missing_field", "parent_id",
	     "{\"name\":\"错误测试工会\",\"kind\":\"enterprise\",%s,\"headcount\":5}", e_good);
	CASE(400, "invalid_field", "kind", "{\"parent_id\":%lld,\"name\":\"某某县总工会\",\"kind\":\"county\"}", qk);
	CASE(400, "invalid_field", "kind", "{\"parent_id\":%lld,\"name\":\"某某镇总工会\",\"kind\":\"town\"}", qk);
	CASE(409, "duplicate", "employer.credit_code",
	     "{\"parent_id\":%lld,\"name\":\"错误测试工会\",\"kind\":\"enterprise\",%s,\"headcount\":5}", qk, e_dup);
	CASE(409, "duplicate", "employer.id",
	     "{\"parent_id\":%lld,\"name\":\"错误测试工会\",\"kind\":\"enterprise\",\"employer\":{\"id\":%lld},"
	     "\"headcount\":5}",
	     qk, (long long)taken);
	CASE(400, "invalid_field", "name",
	     "{\"parent_id\":%lld,\"name\":\"工\",\"kind\":\"enterprise\",%s,\"headcount\":5}", qk, e_good);
	CASE(400, "invalid_field", "employer",
	     "{\"parent_id\":%lld,\"name\":\"错误测试区域联合会\",\"kind\":\"regional_federation\",%s}", qk, e_good);
#undef CASE

	struct snap b, a;
	snap_take(&b);
	int64_t audit0, audit1;
	audit_rows(&audit0);
	for (int i = 0; i < n; i++) {
		assert_int_equal(req(&A, "POST", "/api/orgs", cases[i].body, &r), 0);
		if (r.status != cases[i].status)
			print_error("case %d: %s\n", i, cases[i].body);
		expect_error(&r, cases[i].status, cases[i].code, cases[i].field);
		resp_free(&r);
	}
	snap_take(&a);
	assert_all_moved(b, a, 0, 0, 0, 0, 0, 0);
	snap_free(&b);
	snap_free(&a);
	audit_rows(&audit1);
	assert_int_equal(audit1, audit0);
	/* the good code was never registered */
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/employers?q=%s", good), 0);
	assert_int_equal(jint(r.json, "total"), 0);
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* A regional federation under the county: a federation, no employer. */
static void test_regional_federation(void **state)
{
	struct figs b, a;
	assert_int_equal(figs_get(&A, GY, &b), 200);
	json_t *body = json_pack("{s:I, s:s, s:s}", "parent_id", (json_int_t)GY, "name", "赣榆区海洋经济区域工会联合会",
	                         "kind", "regional_federation");
	struct resp r;
	assert_int_equal(reqj(&A, "POST", "/api/orgs", body, &r), 0);
	expect_status(&r, 201);
	assert_string_equal(jstr(r.json, "division_code"), "320707000000");
	int64_t id = jint(r.json, "id");
	resp_free(&r);
	assert_int_equal(figs_get(&A, GY, &a), 200);
	assert_moved(b, a, 1, 1, 0, 0, 0, 0);
	figs_free(&b);
	figs_free(&a);
	/* a union under the regional federation */
	int64_t child = create_union(id, "海洋经济区星海渔业有限公司工会", "星海渔业有限公司", 15);
	assert_true(child > 0);
	assert_int_equal(srv_stats_verify(&S), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_create_grassroots),
	        cmocka_unit_test(test_term_three_years),
	        cmocka_unit_test(test_children_order),
	        cmocka_unit_test(test_lists_carry_employer),
	        cmocka_unit_test(test_search),
	        cmocka_unit_test(test_patch),
	        cmocka_unit_test(test_joint),
	        cmocka_unit_test(test_village),
	        cmocka_unit_test(test_move),
	        cmocka_unit_test(test_org_code_warning),
	        cmocka_unit_test(test_link_existing_employer),
	        cmocka_unit_test(test_create_errors),
	        cmocka_unit_test(test_regional_federation),
	};
	curl_global_init(CURL_GLOBAL_DEFAULT);
	int rc = cmocka_run_group_tests(tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
