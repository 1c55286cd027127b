/*
 * API: the service catalogue (/api/service-items, /api/my/service-items). Staff keep the items of
 * the organisations in their scope (create, edit, deactivate, delete: CAP_SERVICE_WRITE, each
 * audited; a party officer gets 403, another union 404, every invalid field 400 naming it). A
 * member reads the active items of their own union and of the federations above it, nearest
 * first, and nothing of a neighbouring union; a worker without a membership sees an empty list;
 * a member cannot list the staff view (403). A single item is readable in scope, or when it is an
 * active item of the caller's union or an ancestor.
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

#define T0       "2026-03-10T10:00:00+08:00"
#define AREA     "320723"
#define PASSWORD "worker pass phrase 2026"

static struct srv S;
static struct client A;
static int64_t GY, QK, ZW, U1, V1;

static struct staff CU1 = {.user = "sv.cadre.u1"};
static struct staff CV1 = {.user = "sv.cadre.v1"};
static struct staff FGY = {.user = "sv.fed.gy"};
static struct staff PU1 = {.user = "sv.party.u1"};
static struct staff *const ALL[] = {&CU1, &CV1, &FGY, &PU1};

struct worker {
	char idn[19], phone[12];
	struct client c;
};
static struct worker W1, W2, W0; /* a member of U1, of V1, and nobody's */

/* Items made in setup: of U1, QK, GY (active and not), V1. */
static int64_t I_U1, I_QK, I_GY, I_GY_OFF, I_V1;

static int64_t first_demo_union(int64_t org)
{
	struct resp r;
	if (reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64 "/children?limit=200", org) < 0)
		return 0;
	int64_t id = 0;
	json_t *items = jget(r.json, "items");
	for (size_t i = 0; !id && i < json_array_size(items); i++) {
		json_t *it = json_array_get(items, i);
		if (json_is_true(jget(it, "demo")) && !strcmp(jstr(it, "kind"), "enterprise"))
			id = jint(it, "id");
	}
	resp_free(&r);
	return id;
}

/* Registers a worker and, when org is not 0, makes them a member there (a join application the
 * union's cadre approves). */
static int worker_init(struct worker *w, int seq, const char *name, int64_t org, struct client *cadre)
{
	idn_make(w->idn, AREA, 1990, 4, 12, seq);
	snprintf(w->phone, sizeof(w->phone), "1590707%04d", seq);
	client_init(&w->c, &S);
	json_t *b = json_pack("{s:s, s:s, s:s, s:s}", "phone", w->phone, "id_number", w->idn, "name", name, "password",
	                      PASSWORD);
	struct resp r;
	if (reqj(&w->c, "POST", "/api/register", b, &r) < 0 || r.status != 201) {
		fprintf(stderr, "setup: register: %ld %s\n", r.status, r.body);
		return -1;
	}
	resp_free(&r);
	if (login(&w->c, w->phone, PASSWORD) != 200)
		return -1;
	if (!org)
		return 0;
	b = json_pack("{s:s, s:I, s:{s:s, s:s, s:s}}", "type", "join_application", "org_id", (json_int_t)org,
	              "particulars", "name", name, "ethnicity", "汉族", "employment", "full_time");
	if (reqj(&w->c, "POST", "/api/cases", b, &r) < 0 || r.status != 201) {
		fprintf(stderr, "setup: apply: %ld %s\n", r.status, r.body);
		return -1;
	}
	int64_t kid = jint(r.json, "id");
	resp_free(&r);
	char path[64];
	snprintf(path, sizeof(path), "/api/cases/%" PRId64 "/actions", kid);
	if (reqj(cadre, "POST", path, json_pack("{s:s}", "action", "approve"), &r) < 0 || r.status != 200) {
		fprintf(stderr, "setup: approve: %ld %s\n", r.status, r.body);
		return -1;
	}
	resp_free(&r);
	return 0;
}

static json_t *item_body(int64_t org, const char *title, const char *category)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "org_id", (json_int_t)org, "title", title,
	                 "category", category, "description", "为会员提供免费服务，详情请来电咨询。", "audience",
	                 "本单位会员", "contact", "0518-86212351", "hours", "工作日 9:00-17:00", "place", "职工之家");
}

static int64_t create_item(struct client *c, json_t *body)
{
	struct resp r;
	if (reqj(c, "POST", "/api/service-items", body, &r) < 0 || r.status != 201) {
		fprintf(stderr, "create item: %ld %s\n", r.status, r.body);
		resp_free(&r);
		return 0;
	}
	int64_t id = jint(r.json, "id");
	resp_free(&r);
	return id;
}

static int setup(void **state)
{
	(void)state;
	if (srv_start(&S, true) < 0)
		return -1;
	client_init(&A, &S);
	if (set_clock(&A, T0) != 204 || login(&A, "admin", S.admin_pw) != 200)
		return -1;
	GY = org_by_division(&A, "320707");
	QK = org_by_division(&A, "320707100");
	ZW = org_by_division(&A, "320707101");
	if (!GY || !QK || !ZW || !(U1 = first_demo_union(QK)) || !(V1 = first_demo_union(ZW)))
		return -1;
	const struct staff_spec acc[] = {
	        {&CU1, U1, "cadre"}, {&CV1, V1, "cadre"}, {&FGY, GY, "federation_staff"}, {&PU1, U1, "party_officer"}};
	if (staff_make(&S, acc, sizeof(acc) / sizeof(acc[0])) < 0)
		return -1;
	if (worker_init(&W1, 101, "赵敏", U1, &CU1.c) || worker_init(&W2, 103, "钱伟", V1, &CV1.c) ||
	    worker_init(&W0, 105, "孙磊", 0, NULL))
		return -1;
	json_t *off = item_body(GY, "停办的旧服务", "other");
	json_object_set_new(off, "active", json_false());
	if (!(I_U1 = create_item(&CU1.c, item_body(U1, "爱心托管班", "childcare"))) ||
	    !(I_QK = create_item(&FGY.c, item_body(QK, "镇职工法律服务站", "legal_aid"))) ||
	    !(I_GY = create_item(&FGY.c, item_body(GY, "区职工心理驿站", "psychological"))) ||
	    !(I_GY_OFF = create_item(&FGY.c, off)) ||
	    !(I_V1 = create_item(&CV1.c, item_body(V1, "技能比武", "skills_training"))))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	client_release(&A);
	staff_release(ALL, sizeof(ALL) / sizeof(ALL[0]));
	client_release(&W1.c);
	client_release(&W2.c);
	client_release(&W0.c);
	srv_stop(&S);
	return 0;
}

/* ---- helpers ---- */

static int64_t audit_count(const char *action)
{
	struct resp r;
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/audit?limit=1&action=%s", action), 0);
	expect_status(&r, 200);
	int64_t n = jint(r.json, "total");
	resp_free(&r);
	return n;
}

static json_t *with(json_t *b, const char *key, json_t *v)
{
	if (v)
		json_object_set_new(b, key, v);
	else
		json_object_del(b, key);
	return b;
}

static void get_item(struct client *c, int64_t id, struct resp *r)
{
	assert_int_equal(reqf(c, "GET", NULL, r, "/api/service-items/%" PRId64, id), 0);
}

/* The position of id in the list at path (-1 absent); *total receives the list's total. */
static int position(struct client *c, const char *path, int64_t id, int64_t *total)
{
	struct resp r;
	assert_int_equal(req(c, "GET", path, NULL, &r), 0);
	expect_status(&r, 200);
	int pos = -1;
	json_t *items = jget(r.json, "items");
	for (size_t i = 0; i < json_array_size(items); i++)
		if (jint(json_array_get(items, i), "id") == id)
			pos = (int)i;
	if (total)
		*total = jint(r.json, "total");
	resp_free(&r);
	return pos;
}

static int64_t count_all(void)
{
	int64_t n = 0;
	position(&A, "/api/service-items?limit=1", 0, &n);
	return n;
}

static void refused(struct client *c, json_t *body, long status, const char *code, const char *field)
{
	int64_t before = count_all(), audits = audit_count("service_item.create");
	struct resp r;
	assert_int_equal(reqj(c, "POST", "/api/service-items", body, &r), 0);
	expect_error(&r, status, code, field);
	resp_free(&r);
	assert_int_equal(count_all(), before);
	assert_int_equal(audit_count("service_item.create"), audits);
}

/* ---- tests ---- */

static void test_create_and_read(void **state)
{
	(void)state;
	struct resp r;
	int64_t audits = audit_count("service_item.create");
	assert_int_equal(reqj(&CU1.c, "POST", "/api/service-items", item_body(U1, "职工医疗互助", "mutual_aid"), &r),
	                 0);
	expect_status(&r, 201);
	int64_t id = jint(r.json, "id");
	assert_string_equal(jstr(r.json, "category_label"), "互助保障");
	assert_string_equal(jstr(r.json, "contact"), "0518-86212351");
	assert_true(json_is_true(jget(r.json, "active")));
	assert_int_equal(jint(r.json, "org_id"), U1);
	resp_free(&r);
	assert_int_equal(audit_count("service_item.create"), audits + 1);
	/* only title, category and description are needed */
	json_t *b = json_pack("{s:I, s:s, s:s, s:s}", "org_id", (json_int_t)U1, "title", "其他服务", "category",
	                      "other", "description", "有事找工会");
	assert_int_equal(reqj(&CU1.c, "POST", "/api/service-items", b, &r), 0);
	expect_status(&r, 201);
	assert_true(json_is_null(jget(r.json, "place")));
	resp_free(&r);
	get_item(&FGY.c, id, &r);
	expect_status(&r, 200);
	resp_free(&r);
	get_item(&PU1.c, id, &r);
	expect_status(&r, 200);
	resp_free(&r);
	/* another union's staff: not theirs, not above them */
	get_item(&CV1.c, id, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	/* an active item of a federation above is readable from below; an inactive one is not */
	get_item(&CV1.c, I_GY, &r);
	expect_status(&r, 200);
	resp_free(&r);
	get_item(&CV1.c, I_GY_OFF, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	get_item(&A, 424242, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
}

static void test_create_refusals(void **state)
{
	(void)state;
	refused(&CU1.c, with(item_body(U1, "托管", "childcare"), "org_id", NULL), 400, "missing_field", "org_id");
	refused(&CU1.c, with(item_body(U1, "托管", "childcare"), "title", NULL), 400, "missing_field", "title");
	refused(&CU1.c, item_body(U1, "托", "childcare"), 400, "invalid_field", "title");
	refused(&CU1.c,
	        item_body(U1,
	                  "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六"
	                  "七八九十一二三四五六七八九十一",
	                  "childcare"),
	        400, "invalid_field", "title");
	refused(&CU1.c, with(item_body(U1, "托管", "childcare"), "category", NULL), 400, "missing_field", "category");
	refused(&CU1.c, item_body(U1, "托管", "dating"), 400, "invalid_field", "category");
	refused(&CU1.c, with(item_body(U1, "托管", "childcare"), "description", NULL), 400, "missing_field",
	        "description");
	refused(&CU1.c, with(item_body(U1, "托管", "childcare"), "active", json_string("yes")), 400, "invalid_field",
	        "active");
	refused(&CU1.c, with(item_body(U1, "托管", "childcare"), "contact", json_string("电话\x01")), 400,
	        "invalid_field", "contact");
	refused(&CV1.c, item_body(U1, "托管", "childcare"), 404, "not_found", "org_id");
	refused(&PU1.c, item_body(U1, "托管", "childcare"), 403, "forbidden", NULL);
	refused(&W1.c, item_body(U1, "托管", "childcare"), 403, "forbidden", NULL);
	struct client anon;
	client_init(&anon, &S);
	refused(&anon, item_body(U1, "托管", "childcare"), 401, "unauthenticated", NULL);
	client_release(&anon);
}

static void test_update_and_delete(void **state)
{
	(void)state;
	int64_t id = create_item(&CU1.c, item_body(U1, "周末托管", "childcare"));
	assert_true(id > 0);
	char path[64];
	snprintf(path, sizeof(path), "/api/service-items/%" PRId64, id);
	struct resp r;
	int64_t audits = audit_count("service_item.update");
	assert_int_equal(reqj(&CU1.c, "PATCH", path, json_pack("{s:s, s:s}", "title", "周末爱心托管", "hours", ""), &r),
	                 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "title"), "周末爱心托管");
	assert_true(json_is_null(jget(r.json, "hours")));
	resp_free(&r);
	assert_int_equal(audit_count("service_item.update"), audits + 1);
	struct {
		struct client *c;
		json_t *body;
		long status;
		const char *code, *field;
	} bad[] = {
	        {&CU1.c, json_object(), 400, "bad_request", NULL},
	        {&CU1.c, json_pack("{s:s}", "colour", "red"), 400, "bad_request", NULL},
	        {&CU1.c, json_pack("{s:s}", "category", "x"), 400, "invalid_field", "category"},
	        {&CU1.c, json_pack("{s:s}", "description", "x"), 400, "invalid_field", "description"},
	        {&CU1.c, json_pack("{s:i}", "active", 1), 400, "invalid_field", "active"},
	        {&CV1.c, json_pack("{s:s}", "title", "别人的"), 404, "not_found", NULL},
	        {&PU1.c, json_pack("{s:s}", "title", "党建的"), 403, "forbidden", NULL},
	        {&W1.c, json_pack("{s:s}", "title", "会员的"), 403, "forbidden", NULL},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(reqj(bad[i].c, "PATCH", path, bad[i].body, &r), 0);
		expect_error(&r, bad[i].status, bad[i].code, bad[i].field);
		resp_free(&r);
	}
	get_item(&CU1.c, id, &r);
	assert_string_equal(jstr(r.json, "title"), "周末爱心托管");
	assert_string_equal(jstr(r.json, "category"), "childcare");
	resp_free(&r);
	/* deactivating hides it from members, not from staff */
	assert_int_equal(reqj(&CU1.c, "PATCH", path, json_pack("{s:b}", "active", 0), &r), 0);
	expect_status(&r, 200);
	assert_true(json_is_false(jget(r.json, "active")));
	resp_free(&r);
	assert_int_equal(position(&W1.c, "/api/my/service-items?limit=200", id, NULL), -1);
	get_item(&W1.c, id, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	/* delete */
	assert_int_equal(req(&CV1.c, "DELETE", path, NULL, &r), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(req(&PU1.c, "DELETE", path, NULL, &r), 0);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
	audits = audit_count("service_item.delete");
	assert_int_equal(req(&CU1.c, "DELETE", path, NULL, &r), 0);
	expect_status(&r, 204);
	resp_free(&r);
	assert_int_equal(audit_count("service_item.delete"), audits + 1);
	get_item(&CU1.c, id, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(req(&CU1.c, "DELETE", path, NULL, &r), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
}

static void test_staff_lists(void **state)
{
	(void)state;
	char path[160];
	snprintf(path, sizeof(path), "/api/service-items?limit=200&org=%" PRId64, QK);
	assert_true(position(&FGY.c, path, I_U1, NULL) >= 0); /* the town's subtree */
	assert_true(position(&FGY.c, path, I_QK, NULL) >= 0);
	assert_int_equal(position(&FGY.c, path, I_V1, NULL), -1);
	snprintf(path, sizeof(path), "/api/service-items?limit=200&own=1&org=%" PRId64, QK);
	assert_int_equal(position(&FGY.c, path, I_U1, NULL), -1); /* only the town's own */
	assert_true(position(&FGY.c, path, I_QK, NULL) >= 0);
	assert_true(position(&FGY.c, "/api/service-items?limit=200&category=psychological", I_GY, NULL) >= 0);
	assert_int_equal(position(&FGY.c, "/api/service-items?limit=200&category=legal_aid", I_GY, NULL), -1);
	assert_true(position(&FGY.c, "/api/service-items?limit=200&active=0", I_GY_OFF, NULL) >= 0);
	assert_int_equal(position(&FGY.c, "/api/service-items?limit=200&active=1", I_GY_OFF, NULL), -1);
	assert_int_equal(position(&CU1.c, "/api/service-items?limit=200", I_V1, NULL), -1);
	assert_true(position(&PU1.c, "/api/service-items?limit=200", I_U1, NULL) >= 0);
	struct resp r;
	const char *bad[][2] = {{"category=x", "category"},
	                        {"active=2", "active"},
	                        {"own=yes", "own"},
	                        {"for=you", "for"},
	                        {"limit=500", "limit"}};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(reqf(&CU1.c, "GET", NULL, &r, "/api/service-items?%s", bad[i][0]), 0);
		expect_error(&r, 400, "invalid_field", bad[i][1]);
		resp_free(&r);
	}
	assert_int_equal(reqf(&CU1.c, "GET", NULL, &r, "/api/service-items?org=%" PRId64, V1), 0);
	expect_error(&r, 404, "not_found", "org");
	resp_free(&r);
	/* a member has no staff view */
	assert_int_equal(req(&W1.c, "GET", "/api/service-items", NULL, &r), 0);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
	struct client anon;
	client_init(&anon, &S);
	assert_int_equal(req(&anon, "GET", "/api/my/service-items", NULL, &r), 0);
	expect_error(&r, 401, "unauthenticated", NULL);
	resp_free(&r);
	client_release(&anon);
}

static void test_member_view(void **state)
{
	(void)state;
	struct resp r;
	/* W1 at U1: U1's items, then the town's, then the county's (active only), nearest first */
	assert_int_equal(req(&W1.c, "GET", "/api/my/service-items?limit=200", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "union_id"), U1);
	assert_non_null(jstr(r.json, "union_name"));
	resp_free(&r);
	int pu = position(&W1.c, "/api/my/service-items?limit=200", I_U1, NULL);
	int pq = position(&W1.c, "/api/my/service-items?limit=200", I_QK, NULL);
	int pg = position(&W1.c, "/api/my/service-items?limit=200", I_GY, NULL);
	assert_true(pu >= 0 && pq > pu && pg > pq);
	assert_int_equal(position(&W1.c, "/api/my/service-items?limit=200", I_GY_OFF, NULL), -1);
	assert_int_equal(position(&W1.c, "/api/my/service-items?limit=200", I_V1, NULL), -1);
	/* the same through ?for=me, with a category */
	assert_true(position(&W1.c, "/api/service-items?for=me&limit=200", I_QK, NULL) >= 0);
	assert_true(position(&W1.c, "/api/service-items?for=me&category=legal_aid", I_QK, NULL) >= 0);
	assert_int_equal(position(&W1.c, "/api/service-items?for=me&category=legal_aid&limit=200", I_U1, NULL), -1);
	assert_int_equal(req(&W1.c, "GET", "/api/my/service-items?category=x", NULL, &r), 0);
	expect_error(&r, 400, "invalid_field", "category");
	resp_free(&r);
	/* W2 at V1: their own and the county's, nothing of U1 or 青口镇 */
	assert_true(position(&W2.c, "/api/my/service-items?limit=200", I_V1, NULL) >= 0);
	assert_true(position(&W2.c, "/api/my/service-items?limit=200", I_GY, NULL) >= 0);
	assert_int_equal(position(&W2.c, "/api/my/service-items?limit=200", I_U1, NULL), -1);
	assert_int_equal(position(&W2.c, "/api/my/service-items?limit=200", I_QK, NULL), -1);
	/* single items: the member's union and those above, nothing beside */
	get_item(&W1.c, I_U1, &r);
	expect_status(&r, 200);
	resp_free(&r);
	get_item(&W1.c, I_GY, &r);
	expect_status(&r, 200);
	resp_free(&r);
	get_item(&W1.c, I_V1, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	get_item(&W1.c, I_GY_OFF, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	/* a worker with no membership: an empty list */
	int64_t total = -1;
	position(&W0.c, "/api/my/service-items", 0, &total);
	assert_int_equal(total, 0);
	assert_int_equal(req(&W0.c, "GET", "/api/my/service-items", NULL, &r), 0);
	assert_true(json_is_null(jget(r.json, "union_id")));
	resp_free(&r);
	get_item(&W0.c, I_GY, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	/* staff asking for=me: their own organisation and those above */
	assert_true(position(&CU1.c, "/api/service-items?for=me&limit=200", I_QK, NULL) >= 0);
	assert_int_equal(position(&CU1.c, "/api/service-items?for=me&limit=200", I_V1, NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_create_and_read),   cmocka_unit_test(test_create_refusals),
	        cmocka_unit_test(test_update_and_delete), cmocka_unit_test(test_staff_lists),
	        cmocka_unit_test(test_member_view),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
