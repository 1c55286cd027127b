/*
 * API: wage arrears cases (欠薪, POST /api/cases {"type":"wage_arrears"}). Routing: to the
 * employer's union when the employer (by credit code or exact name) has one, else to the deepest
 * federation of the place. Every transition (accept, assign, reply with a recovery, close as
 * settled, reject, withdraw) and every refusal with its field; recoveries never above what is owed;
 * the totals (amount owed, recovered, workers affected) at the union, its town and its county, moving
 * with assignment, rejection and escalation; the 30-day deadline with the test clock (supervised,
 * handed to the federation above); `gonghui stats verify` clean at the end.
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

#define T0       "2026-04-01T09:00:00+08:00"
#define T0_DATE  "2026-04-01"
#define PASSWORD "worker pass phrase 2026"

static struct srv S;
static struct client A;
static int64_t GY, QK, ZW, DH, U1, U2;

struct suite_staff {
	const char *user;
	int64_t *org;
	const char *role;
	struct client c;
};
static struct suite_staff CU1 = {"ar.cadre.u1", &U1, "cadre", {0}};
static struct suite_staff CU2 = {"ar.cadre.u2", &U2, "cadre", {0}};
static struct suite_staff FQK = {"ar.fed.qk", &QK, "federation_staff", {0}};
static struct suite_staff FGY = {"ar.fed.gy", &GY, "federation_staff", {0}};
static struct suite_staff FDH = {"ar.fed.dh", &DH, "federation_staff", {0}};
static struct suite_staff AGY = {"ar.audit.gy", &GY, "auditor", {0}};
static struct suite_staff *const STAFF[] = {&CU1, &CU2, &FQK, &FGY, &FDH, &AGY};
static struct client W; /* a worker's member account */
static char W_PHONE[12] = "15807071234";

/* A unionised employer of U1 and one without a union under 青口镇 (QK). */
static char E1_NAME[128], E1_CODE[32], E2_NAME[128], E2_CODE[32];

static int employer_pick(int64_t org, int unionised, int64_t want_union, char *name, char *code)
{
	struct resp r;
	if (reqf(&A, "GET", NULL, &r, "/api/employers?org=%" PRId64 "&unionised=%d&limit=200", org, unionised) < 0)
		return -1;
	json_t *items = jget(r.json, "items");
	int found = -1;
	for (size_t i = 0; found < 0 && i < json_array_size(items); i++) {
		json_t *it = json_array_get(items, i);
		if (want_union && jint(it, "union_id") != want_union)
			continue;
		if (!jstr(it, "credit_code"))
			continue;
		snprintf(name, 128, "%s", jstr(it, "name"));
		snprintf(code, 32, "%s", jstr(it, "credit_code"));
		found = 0;
	}
	resp_free(&r);
	return found;
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
	DH = org_by_division(&A, "320722");
	if (!GY || !QK || !ZW || !DH)
		return -1;
	/* the unionised employers under 青口镇: their unions are U1 and U2 */
	struct resp r;
	if (reqf(&A, "GET", NULL, &r, "/api/employers?org=%" PRId64 "&unionised=1&limit=200", QK) < 0)
		return -1;
	json_t *items = jget(r.json, "items");
	for (size_t i = 0; i < json_array_size(items) && !U2; i++) {
		int64_t u = jint(json_array_get(items, i), "union_id");
		if (!U1)
			U1 = u;
		else if (u != U1)
			U2 = u;
	}
	resp_free(&r);
	if (!U1 || !U2 || employer_pick(QK, 1, U1, E1_NAME, E1_CODE) < 0 ||
	    employer_pick(QK, 0, 0, E2_NAME, E2_CODE) < 0)
		return -1;
	for (size_t i = 0; i < sizeof(STAFF) / sizeof(STAFF[0]); i++) {
		if (make_user(&S, *STAFF[i]->org, STAFF[i]->role, STAFF[i]->user, TEST_PASSWORD) != 0)
			return -1;
		client_init(&STAFF[i]->c, &S);
		if (login(&STAFF[i]->c, STAFF[i]->user, TEST_PASSWORD) != 200)
			return -1;
	}
	char idn[19];
	idn_make(idn, "320724", 1990, 1, 2, 411);
	client_init(&W, &S);
	json_t *b = json_pack("{s:s, s:s, s:s, s:s}", "phone", W_PHONE, "id_number", idn, "name", "王伟", "password",
	                      PASSWORD);
	if (reqj(&W, "POST", "/api/register", b, &r) < 0 || r.status != 201)
		return -1;
	resp_free(&r);
	return login(&W, W_PHONE, PASSWORD) == 200 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	client_release(&A);
	client_release(&W);
	for (size_t i = 0; i < sizeof(STAFF) / sizeof(STAFF[0]); i++)
		client_release(&STAFF[i]->c);
	srv_stop(&S);
	return 0;
}

static void relogin_all(void)
{
	assert_int_equal(login(&A, "admin", S.admin_pw), 200);
	for (size_t i = 0; i < sizeof(STAFF) / sizeof(STAFF[0]); i++)
		assert_int_equal(login(&STAFF[i]->c, STAFF[i]->user, TEST_PASSWORD), 200);
	assert_int_equal(login(&W, W_PHONE, PASSWORD), 200);
}

/* ---- helpers ---- */

/* A valid report body: employer by name (and code when given), place, 50,000 yuan for 12 workers. */
static json_t *report(const char *name, const char *code, const char *division)
{
	json_t *emp = json_pack("{s:s}", "name", name);
	if (code)
		json_object_set_new(emp, "credit_code", json_string(code));
	return json_pack("{s:s, s:o, s:s, s:I, s:i, s:{s:s, s:s}, s:s, s:s}", "type", "wage_arrears", "employer", emp,
	                 "division_code", division, "amount_owed_fen", (json_int_t)5000000, "workers_affected", 12,
	                 "period", "from", "2025-10", "to", "2026-01", "project", "青口新城安置房二期", "summary",
	                 "十二名农民工反映 2025 年 10 月至 2026 年 1 月工资未发放");
}

static int64_t create_ok(struct client *c, json_t *body, int64_t want_org)
{
	struct resp r;
	assert_int_equal(reqj(c, "POST", "/api/cases", body, &r), 0);
	expect_status(&r, 201);
	assert_string_equal(jstr(r.json, "type"), "wage_arrears");
	assert_string_equal(jstr(r.json, "state"), "reported");
	if (want_org)
		assert_int_equal(jint(r.json, "org_id"), want_org);
	int64_t id = jint(r.json, "id");
	resp_free(&r);
	return id;
}

static void act(struct client *c, int64_t id, json_t *body, struct resp *r)
{
	char path[80];
	snprintf(path, sizeof(path), "/api/cases/%" PRId64 "/actions", id);
	assert_int_equal(reqj(c, "POST", path, body, r), 0);
}

static void act_ok(struct client *c, int64_t id, json_t *body, const char *state)
{
	struct resp r;
	act(c, id, body, &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state"), state);
	resp_free(&r);
}

static void act_err(struct client *c, int64_t id, json_t *body, long status, const char *code, const char *field)
{
	struct resp r;
	act(c, id, body, &r);
	expect_error(&r, status, code, field);
	resp_free(&r);
}

static json_t *action(const char *a)
{
	return json_pack("{s:s}", "action", a);
}

/* A figure of the wage_arrears counters at org (the admin's view of GET /api/orgs/{id}/stats). */
static int64_t fig(int64_t org, const char *name)
{
	struct figs g;
	assert_int_equal(figs_get(&A, org, &g), 200);
	char key[96];
	snprintf(key, sizeof(key), "cases.wage_arrears.%s", name);
	json_t *v = jget(g.raw, key);
	assert_non_null(v);
	int64_t n = json_integer_value(v);
	figs_free(&g);
	return n;
}

struct totals {
	int64_t owed, recovered, workers, open;
};

static void totals(int64_t org, struct totals *t)
{
	t->owed = fig(org, "amount_owed_fen");
	t->recovered = fig(org, "amount_recovered_fen");
	t->workers = fig(org, "workers_affected");
	t->open = fig(org, "open");
}

static int64_t case_total(void)
{
	struct resp r;
	assert_int_equal(req(&A, "GET", "/api/cases?type=wage_arrears&limit=1", NULL, &r), 0);
	expect_status(&r, 200);
	int64_t n = jint(r.json, "total");
	resp_free(&r);
	return n;
}

static void get_case(struct client *c, int64_t id, struct resp *r)
{
	assert_int_equal(reqf(c, "GET", NULL, r, "/api/cases/%" PRId64, id), 0);
}

/* ---- tests ---- */

static void test_routing_and_totals(void **state)
{
	(void)state;
	struct totals u1, qk, gy, zw;
	totals(U1, &u1);
	totals(QK, &qk);
	totals(GY, &gy);
	totals(ZW, &zw);
	/* by credit code: the employer's union */
	int64_t k1 = create_ok(&FGY.c, report("任意写的名字不影响", E1_CODE, "320707100"), U1);
	/* by exact name, no code: the same union */
	int64_t k2 = create_ok(&FGY.c, report(E1_NAME, NULL, "320707100"), U1);
	/* an employer without a union: the federation of its place (青口镇) */
	int64_t k3 = create_ok(&FGY.c, report(E2_NAME, E2_CODE, "320707100"), QK);
	/* not registered: the deepest federation of the place given — 柘汪镇, and the county for 320707 */
	int64_t k4 = create_ok(&FGY.c, report("连云港某劳务分包有限公司", NULL, "320707101"), ZW);
	int64_t k5 = create_ok(&FGY.c, report("连云港某劳务分包有限公司", NULL, "320707"), GY);
	assert_true(k1 && k2 && k3 && k4 && k5);
	struct resp r;
	get_case(&FGY.c, k1, &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "payload.routed_by"), "employer_union");
	assert_int_equal(jint(r.json, "payload.amount_owed_fen"), 5000000);
	assert_int_equal(jint(r.json, "payload.amount_recovered_fen"), 0);
	assert_int_equal(jint(r.json, "payload.amount_outstanding_fen"), 5000000);
	assert_string_equal(jstr(r.json, "payload.period.from"), "2025-10");
	assert_string_equal(jstr(r.json, "payload.employer.credit_code"), E1_CODE);
	assert_false(json_is_true(jget(r.json, "overdue")));
	resp_free(&r);
	get_case(&FGY.c, k3, &r);
	assert_string_equal(jstr(r.json, "payload.routed_by"), "place");
	resp_free(&r);
	/* the totals roll up: U1 has two, 青口镇 three, 柘汪镇 one, the county all five */
	struct totals n;
	totals(U1, &n);
	assert_int_equal(n.owed - u1.owed, 2 * 5000000);
	assert_int_equal(n.workers - u1.workers, 24);
	assert_int_equal(n.open - u1.open, 2);
	totals(QK, &n);
	assert_int_equal(n.owed - qk.owed, 3 * 5000000);
	totals(ZW, &n);
	assert_int_equal(n.owed - zw.owed, 5000000);
	totals(GY, &n);
	assert_int_equal(n.owed - gy.owed, 5 * 5000000);
	assert_int_equal(n.workers - gy.workers, 60);
	assert_int_equal(n.recovered - gy.recovered, 0);
	/* a cadre of the union sees it, one of another union does not */
	get_case(&CU1.c, k1, &r);
	expect_status(&r, 200);
	resp_free(&r);
	get_case(&CU2.c, k1, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	/* a cadre may report arrears at their own union's employer */
	create_ok(&CU1.c, report(E1_NAME, E1_CODE, "320707100"), U1);
}

struct bad {
	const char *key;  /* top-level key to change */
	const char *json; /* its new value (JSON text), NULL removes it */
	const char *code, *field;
};

static void test_create_refusals(void **state)
{
	(void)state;
	static const struct bad bad[] = {
	        {"employer", NULL, "missing_field", "employer"},
	        {"employer", "\"某公司\"", "invalid_field", "employer"},
	        {"employer", "{}", "missing_field", "employer.name"},
	        {"employer", "{\"name\":\"某\"}", "invalid_field", "employer.name"},
	        {"employer", "{\"name\":\"某某公司\",\"credit_code\":\"91320707ABCDEFGHIJ\"}", "invalid_field",
	         "employer.credit_code"},
	        {"division_code", NULL, "missing_field", "division_code"},
	        {"division_code", "\"32070\"", "invalid_field", "division_code"},
	        {"division_code", "\"329999\"", "invalid_field", "division_code"},
	        {"division_code", "320707", "invalid_field", "division_code"},
	        {"amount_owed_fen", NULL, "missing_field", "amount_owed_fen"},
	        {"amount_owed_fen", "0", "invalid_field", "amount_owed_fen"},
	        {"amount_owed_fen", "-5", "invalid_field", "amount_owed_fen"},
	        {"amount_owed_fen", "\"5000\"", "invalid_field", "amount_owed_fen"},
	        {"amount_owed_fen", "12.5", "invalid_field", "amount_owed_fen"},
	        {"workers_affected", NULL, "missing_field", "workers_affected"},
	        {"workers_affected", "0", "invalid_field", "workers_affected"},
	        {"period", NULL, "missing_field", "period"},
	        {"period", "\"2025-10\"", "invalid_field", "period"},
	        {"period", "{\"to\":\"2026-01\"}", "missing_field", "period.from"},
	        {"period", "{\"from\":\"2025-10\"}", "missing_field", "period.to"},
	        {"period", "{\"from\":\"2025-13\",\"to\":\"2026-01\"}", "invalid_field", "period.from"},
	        {"period", "{\"from\":\"2025-10\",\"to\":\"2026-02-30\"}", "invalid_field", "period.to"},
	        {"period", "{\"from\":\"2026-02\",\"to\":\"2026-01\"}", "invalid_field", "period.to"},
	        {"period", "{\"from\":\"2026-05\",\"to\":\"2026-06\"}", "invalid_field", "period.from"},
	        {"summary", NULL, "missing_field", "summary"},
	        {"summary", "\"欠薪\"", "invalid_field", "summary"},
	        {"project",
	         "\""
	         "工程工程工程工程工程工程工程工程工程工程工程工程工程工程工程工程工程工程工程工程"
	         "工程工程工程工程工程工程工程工程工程工程工程工程工程工程工程工程工程工程工程工程"
	         "工程工程工程工程工程工程工程工程工程工程工程\"",
	         "invalid_field", "project"},
	        {"hotline_case_id", "0", "invalid_field", "hotline_case_id"},
	        {"hotline_case_id", "99999999", "invalid_field", "hotline_case_id"},
	};
	int64_t before = case_total();
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		json_t *b = report(E1_NAME, E1_CODE, "320707100");
		if (bad[i].json) {
			json_error_t err;
			json_t *v = json_loads(bad[i].json, JSON_DECODE_ANY, &err);
			assert_non_null(v);
			json_object_set_new(b, bad[i].key, v);
		} else {
			json_object_del(b, bad[i].key);
		}
		struct resp r;
		assert_int_equal(reqj(&FGY.c, "POST", "/api/cases", b, &r), 0);
		if (r.status != 400)
			fprintf(stderr, "case %zu (%s)\n", i, bad[i].key);
		expect_error(&r, 400, bad[i].code, bad[i].field);
		resp_free(&r);
	}
	/* a case of another type is no hotline case to link */
	int64_t other = create_ok(&FGY.c, report(E1_NAME, E1_CODE, "320707100"), U1);
	before++;
	json_t *b = report(E1_NAME, E1_CODE, "320707100");
	json_object_set_new(b, "hotline_case_id", json_integer(other));
	struct resp r;
	assert_int_equal(reqj(&FGY.c, "POST", "/api/cases", b, &r), 0);
	expect_error(&r, 400, "invalid_field", "hotline_case_id");
	resp_free(&r);
	/* outside the caller's area: a 东海县 federation cannot open one for 赣榆区 */
	assert_int_equal(reqj(&FDH.c, "POST", "/api/cases", report(E2_NAME, NULL, "320707100"), &r), 0);
	expect_error(&r, 400, "invalid_field", "division_code");
	resp_free(&r);
	assert_int_equal(reqj(&FDH.c, "POST", "/api/cases", report(E1_NAME, E1_CODE, "320707100"), &r), 0);
	expect_error(&r, 400, "invalid_field", "employer");
	resp_free(&r);
	/* a worker, an auditor: not theirs to open */
	assert_int_equal(reqj(&W, "POST", "/api/cases", report(E1_NAME, E1_CODE, "320707100"), &r), 0);
	expect_error(&r, 403, "forbidden", "type");
	resp_free(&r);
	assert_int_equal(reqj(&AGY.c, "POST", "/api/cases", report(E1_NAME, E1_CODE, "320707100"), &r), 0);
	expect_error(&r, 403, "forbidden", "type");
	resp_free(&r);
	/* not a JSON object, not logged in */
	assert_int_equal(req(&FGY.c, "POST", "/api/cases", "[1]", &r), 0);
	assert_int_equal(r.status, 400);
	resp_free(&r);
	struct client anon;
	client_init(&anon, &S);
	assert_int_equal(reqj(&anon, "POST", "/api/cases", report(E1_NAME, E1_CODE, "320707100"), &r), 0);
	assert_int_equal(r.status, 401);
	resp_free(&r);
	client_release(&anon);
	assert_int_equal(case_total(), before);
}

static void test_recover_and_settle(void **state)
{
	(void)state;
	struct totals u1, qk, gy;
	int64_t id = create_ok(&FQK.c, report(E1_NAME, E1_CODE, "320707100"), U1);
	totals(U1, &u1);
	totals(QK, &qk);
	totals(GY, &gy);
	/* nothing before it is accepted */
	act_err(&CU1.c, id,
	        json_pack("{s:s, s:s, s:I}", "action", "reply", "text", "已约谈", "recovered_fen", (json_int_t)100),
	        409, "conflict", "action");
	act_err(&CU1.c, id, json_pack("{s:s, s:s}", "action", "close", "note", "已办结"), 409, "conflict", "action");
	/* an auditor reads, never acts; another union's cadre does not see it */
	act_err(&AGY.c, id, action("accept"), 403, "forbidden", "action");
	act_err(&CU2.c, id, action("accept"), 404, "not_found", NULL);
	act_err(&CU1.c, id, action("approve"), 409, "conflict", "action");
	act_ok(&CU1.c, id, action("accept"), "recovering");
	act_err(&CU1.c, id, action("accept"), 409, "conflict", "action");
	/* a reply needs its text; a recovery is a positive number of fen, at most what is still owed */
	act_err(&CU1.c, id, json_pack("{s:s}", "action", "reply"), 400, "missing_field", "text");
	act_err(&CU1.c, id, json_pack("{s:s, s:s, s:i}", "action", "reply", "text", "追回", "recovered_fen", 0), 400,
	        "invalid_field", "recovered_fen");
	act_err(&CU1.c, id, json_pack("{s:s, s:s, s:s}", "action", "reply", "text", "追回", "recovered_fen", "100"),
	        400, "invalid_field", "recovered_fen");
	act_err(&CU1.c, id,
	        json_pack("{s:s, s:s, s:I}", "action", "reply", "text", "追回", "recovered_fen", (json_int_t)5000001),
	        400, "invalid_field", "recovered_fen");
	/* a note without money, then 30,000 yuan */
	act_ok(&CU1.c, id, json_pack("{s:s, s:s}", "action", "reply", "text", "已约谈项目负责人"), "recovering");
	act_ok(&CU1.c, id,
	       json_pack("{s:s, s:s, s:I}", "action", "reply", "text", "第一笔工资已发放", "recovered_fen",
	                 (json_int_t)3000000),
	       "recovering");
	/* now at most 20,000 yuan more */
	act_err(&CU1.c, id,
	        json_pack("{s:s, s:s, s:I}", "action", "reply", "text", "追回", "recovered_fen", (json_int_t)2000001),
	        400, "invalid_field", "recovered_fen");
	struct resp r;
	get_case(&CU1.c, id, &r);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "payload.amount_recovered_fen"), 3000000);
	assert_int_equal(jint(r.json, "payload.amount_outstanding_fen"), 2000000);
	assert_int_equal(json_array_size(jget(r.json, "payload.recoveries")), 1);
	assert_string_equal(jstr(r.json, "payload.recoveries.0.date"), T0_DATE);
	assert_int_equal(jint(r.json, "payload.recoveries.0.amount_fen"), 3000000);
	assert_string_equal(jstr(r.json, "payload.recoveries.0.note"), "第一笔工资已发放");
	/* the history: create, accept, two replies with their texts */
	json_t *h = jget(r.json, "history");
	assert_int_equal(json_array_size(h), 4);
	assert_string_equal(jstr(r.json, "history.3.action"), "reply");
	assert_string_equal(jstr(r.json, "history.3.note"), "第一笔工资已发放");
	resp_free(&r);
	struct totals n;
	totals(U1, &n);
	assert_int_equal(n.recovered - u1.recovered, 3000000);
	totals(GY, &n);
	assert_int_equal(n.recovered - gy.recovered, 3000000);
	assert_int_equal(n.owed - gy.owed, 0);
	/* closing needs a note; it may carry the last sum, not one too many */
	act_err(&CU1.c, id, action("close"), 400, "missing_field", "note");
	act_err(&CU1.c, id,
	        json_pack("{s:s, s:s, s:I}", "action", "close", "note", "全部追回", "recovered_fen",
	                  (json_int_t)2000001),
	        400, "invalid_field", "recovered_fen");
	act_ok(&CU1.c, id,
	       json_pack("{s:s, s:s, s:I}", "action", "close", "note", "余款已全部发放到位", "recovered_fen",
	                 (json_int_t)2000000),
	       "settled");
	get_case(&CU1.c, id, &r);
	assert_string_equal(jstr(r.json, "payload.outcome"), "all");
	assert_string_equal(jstr(r.json, "payload.settled_on"), T0_DATE);
	assert_int_equal(jint(r.json, "payload.amount_recovered_fen"), 5000000);
	assert_int_equal(jint(r.json, "payload.amount_outstanding_fen"), 0);
	assert_true(jstr(r.json, "closed_at") != NULL);
	resp_free(&r);
	totals(QK, &n);
	assert_int_equal(n.recovered - qk.recovered, 5000000);
	assert_int_equal(n.owed - qk.owed, 0);
	assert_int_equal(n.open - qk.open, -1);
	assert_int_equal(fig(QK, "closed") > 0, 1);
	/* closed: nothing more */
	act_err(&CU1.c, id, json_pack("{s:s, s:s}", "action", "reply", "text", "补充"), 409, "conflict", "action");
	act_err(&CU1.c, id, json_pack("{s:s, s:s}", "action", "reject", "reason", "重复"), 409, "conflict", "action");
	act_err(&FQK.c, id, action("withdraw"), 409, "conflict", "action");

	/* part recovered: settled as part; nothing recovered: it cannot be settled */
	int64_t p = create_ok(&FQK.c, report(E1_NAME, E1_CODE, "320707100"), U1);
	act_ok(&CU1.c, p, action("accept"), "recovering");
	act_err(&CU1.c, p, json_pack("{s:s, s:s}", "action", "close", "note", "企业已停业"), 409, "conflict",
	        "recovered_fen");
	act_ok(&CU1.c, p,
	       json_pack("{s:s, s:s, s:I}", "action", "close", "note", "追回部分工资，余款转劳动监察", "recovered_fen",
	                 (json_int_t)1000000),
	       "settled");
	get_case(&CU1.c, p, &r);
	assert_string_equal(jstr(r.json, "payload.outcome"), "part");
	assert_int_equal(jint(r.json, "payload.recoveries.0.amount_fen"), 1000000);
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);
}

static void test_assign(void **state)
{
	(void)state;
	/* an employer without a union: 青口镇 handles it, then gives it to U1 */
	int64_t id = create_ok(&FGY.c, report(E2_NAME, E2_CODE, "320707100"), QK);
	struct totals u1, qk, gy;
	totals(U1, &u1);
	totals(QK, &qk);
	totals(GY, &gy);
	act_err(&CU1.c, id, action("accept"), 404, "not_found", NULL);
	act_err(&FQK.c, id, action("assign"), 400, "missing_field", "org_id");
	act_err(&FQK.c, id, json_pack("{s:s, s:s}", "action", "assign", "org_id", "x"), 400, "invalid_field", "org_id");
	act_err(&FQK.c, id, json_pack("{s:s, s:I}", "action", "assign", "org_id", (json_int_t)DH), 404, "not_found",
	        "org_id");
	act_err(&FQK.c, id, json_pack("{s:s, s:I}", "action", "assign", "org_id", (json_int_t)GY), 404, "not_found",
	        "org_id");
	act_err(&FQK.c, id, json_pack("{s:s, s:I}", "action", "assign", "org_id", (json_int_t)QK), 400, "invalid_field",
	        "org_id");
	act_err(&FQK.c, id, json_pack("{s:s, s:I}", "action", "assign", "org_id", (json_int_t)999999999), 404,
	        "not_found", "org_id");
	struct resp r;
	act(&FQK.c, id, json_pack("{s:s, s:I}", "action", "assign", "org_id", (json_int_t)U1), &r);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "org_id"), U1);
	assert_string_equal(jstr(r.json, "state"), "reported");
	assert_int_equal(jint(r.json, "payload.assigned_to.id"), U1);
	resp_free(&r);
	struct totals n;
	totals(U1, &n);
	assert_int_equal(n.owed - u1.owed, 5000000);
	assert_int_equal(n.open - u1.open, 1);
	totals(QK, &n);
	assert_int_equal(n.owed - qk.owed, 0);
	totals(GY, &n);
	assert_int_equal(n.owed - gy.owed, 0);
	/* the union now accepts it, and may not hand it upwards or sideways */
	act_ok(&CU1.c, id, action("accept"), "recovering");
	act_err(&CU1.c, id, json_pack("{s:s, s:I}", "action", "assign", "org_id", (json_int_t)U2), 404, "not_found",
	        "org_id");
	/* 青口镇 still sees it (its subtree) and may reassign while it is worked on */
	act(&FQK.c, id, json_pack("{s:s, s:I}", "action", "assign", "org_id", (json_int_t)U2), &r);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "org_id"), U2);
	assert_string_equal(jstr(r.json, "state"), "recovering");
	resp_free(&r);
	get_case(&CU1.c, id, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	totals(U1, &n);
	assert_int_equal(n.owed - u1.owed, 0);
	assert_int_equal(srv_stats_verify(&S), 0);
}

static void test_reject_and_withdraw(void **state)
{
	(void)state;
	struct totals u1;
	int64_t id = create_ok(&FQK.c, report(E1_NAME, E1_CODE, "320707100"), U1);
	totals(U1, &u1);
	act_err(&CU1.c, id, action("reject"), 400, "missing_field", "reason");
	act_err(&CU1.c, id, json_pack("{s:s, s:s, s:s}", "action", "reject", "reason", "x", "reason_code", "lazy"), 400,
	        "invalid_field", "reason_code");
	/* the handler cannot withdraw what it did not open */
	act_err(&CU1.c, id, action("withdraw"), 403, "forbidden", "action");
	act_ok(&CU1.c, id,
	       json_pack("{s:s, s:s, s:s}", "action", "reject", "reason", "系劳务合同纠纷，不属于欠薪", "reason_code",
	                 "not_wage_arrears"),
	       "rejected");
	struct resp r;
	get_case(&FQK.c, id, &r);
	assert_string_equal(jstr(r.json, "payload.reject_code"), "not_wage_arrears");
	assert_string_equal(jstr(r.json, "history.1.note"), "系劳务合同纠纷，不属于欠薪");
	resp_free(&r);
	/* a rejected report adds nothing to the totals */
	struct totals n;
	totals(U1, &n);
	assert_int_equal(n.owed - u1.owed, -5000000);
	assert_int_equal(n.workers - u1.workers, -12);
	/* the one who opened it withdraws it, from either open state */
	int64_t w1 = create_ok(&FQK.c, report(E1_NAME, E1_CODE, "320707100"), U1);
	act_ok(&FQK.c, w1, action("withdraw"), "withdrawn");
	int64_t w2 = create_ok(&CU1.c, report(E1_NAME, E1_CODE, "320707100"), U1);
	act_ok(&CU1.c, w2, action("accept"), "recovering");
	act_ok(&CU1.c, w2, action("withdraw"), "withdrawn");
	act_err(&CU1.c, w2, action("withdraw"), 409, "conflict", "action");
	totals(U1, &n);
	assert_int_equal(n.owed - u1.owed, -5000000);
	/* unknown actions of the type, a worker poking at a case */
	act_err(&CU1.c, w1, action("rate"), 409, "conflict", "action");
	act_err(&W, w1, action("withdraw"), 404, "not_found", NULL);
	assert_int_equal(srv_stats_verify(&S), 0);
}

static void test_deadline_escalates(void **state)
{
	(void)state;
	assert_int_equal(set_clock(&A, "2026-05-01T09:00:00+08:00"), 204);
	relogin_all();
	int64_t id = create_ok(&FGY.c, report(E1_NAME, E1_CODE, "320707100"), U1);
	act_ok(&CU1.c, id, action("accept"), "recovering");
	struct resp r;
	get_case(&CU1.c, id, &r);
	assert_string_equal(jstr(r.json, "deadline"), "2026-05-31T09:00:00+08:00");
	resp_free(&r);
	/* day 29: still in time */
	assert_int_equal(set_clock(&A, "2026-05-30T09:00:00+08:00"), 204);
	relogin_all();
	get_case(&CU1.c, id, &r);
	expect_status(&r, 200);
	assert_false(json_is_true(jget(r.json, "overdue")));
	assert_false(json_is_true(jget(r.json, "supervised")));
	resp_free(&r);
	/* (the cases of the earlier tests went up at this read: the figures from here) */
	struct totals u1, qk, gy;
	totals(U1, &u1);
	totals(QK, &qk);
	totals(GY, &gy);
	/* day 31: overdue, supervised, handed to 青口镇 above the union */
	assert_int_equal(set_clock(&A, "2026-06-01T09:00:01+08:00"), 204);
	relogin_all();
	get_case(&FGY.c, id, &r);
	expect_status(&r, 200);
	assert_true(json_is_true(jget(r.json, "overdue")));
	assert_true(json_is_true(jget(r.json, "supervised")));
	assert_int_equal(jint(r.json, "org_id"), QK);
	json_t *h = jget(r.json, "history");
	assert_string_equal(jstr(json_array_get(h, json_array_size(h) - 1), "action"), "escalate");
	resp_free(&r);
	struct totals n;
	totals(U1, &n);
	assert_int_equal(n.owed - u1.owed, -5000000);
	assert_int_equal(n.open - u1.open, -1);
	totals(QK, &n);
	assert_int_equal(n.owed - qk.owed, 0);
	totals(GY, &n);
	assert_int_equal(n.owed - gy.owed, 0);
	assert_true(fig(GY, "overdue") >= 1);
	/* the overdue filter finds it; the town settles it */
	assert_int_equal(reqf(&FGY.c, "GET", NULL, &r, "/api/cases?type=wage_arrears&overdue=1&supervised=1&limit=200"),
	                 0);
	bool found = false;
	for (size_t i = 0; i < json_array_size(jget(r.json, "items")); i++)
		found |= jint(json_array_get(jget(r.json, "items"), i), "id") == id;
	assert_true(found);
	resp_free(&r);
	act_ok(&FQK.c, id,
	       json_pack("{s:s, s:s, s:I}", "action", "close", "note", "镇总工会协调后追回", "recovered_fen",
	                 (json_int_t)4000000),
	       "settled");
	assert_int_equal(srv_stats_verify(&S), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_routing_and_totals),  cmocka_unit_test(test_create_refusals),
	        cmocka_unit_test(test_recover_and_settle),  cmocka_unit_test(test_assign),
	        cmocka_unit_test(test_reject_and_withdraw), cmocka_unit_test(test_deadline_escalates),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
