/*
 * API: hardship files (困难职工档案, case type hardship), living standards and assistance.
 * Living standards: the one in force is the most specific place's latest by the date (town,
 * county, city, province), none is 404, entering one needs a local federation whose area holds
 * the place. Files: a worker applies for themselves, a cadre for a member; the means test runs
 * against the standard of the union's place and is kept sealed with its explanation; only the
 * county federation handling the file approves (the union, the town and the city are refused),
 * a level other than the computed one needs a reason; reply, withdraw, reject, the yearly review
 * in its window with new figures and the standard of that day, the review-due list, leaving the
 * file. Assistance is recorded and listed with totals. Sensitive data: not in the store or the log
 * in clear, ?reveal=1 audited and refused to the party officer, the auditor and out of scope.
 * Every 4xx is asserted; the counters by level and assistance stay exact (stats verify).
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

#define AREA     "320724"
#define T0       "2026-03-10T10:00:00+08:00"
#define PASSWORD "worker pass phrase 2026"
/* words that must never be in the store or the log in clear */
#define SECRET_HEALTH "罕见病例甲乙丙丁"
#define SECRET_NOTE   "化疗补助戊己庚辛"

static struct srv S;
static struct client A;
static int64_t GY, QK, LYG, DH, U1;
struct suite_staff {
	const char *user, *role;
	int64_t *org;
	struct client c;
};
static struct suite_staff CU1 = {.user = "hs.cadre.u1", .role = "cadre", .org = &U1};
static struct suite_staff FQK = {.user = "hs.fed.qk", .role = "federation_staff", .org = &QK};
static struct suite_staff FGY = {.user = "hs.fed.gy", .role = "federation_staff", .org = &GY};
static struct suite_staff FLYG = {.user = "hs.fed.lyg", .role = "federation_staff", .org = &LYG};
static struct suite_staff FDH = {.user = "hs.fed.dh", .role = "federation_staff", .org = &DH};
static struct suite_staff PGY = {.user = "hs.party.gy", .role = "party_officer", .org = &GY};
static struct suite_staff AGY = {.user = "hs.audit.gy", .role = "auditor", .org = &GY};
static struct suite_staff *const ALL[] = {&CU1, &FQK, &FGY, &FLYG, &FDH, &PGY, &AGY};
static struct client W; /* a worker, member of U1 */
static char W_PHONE[12], W_IDN[19];
static int64_t DEMO_MID[3]; /* demo memberships at U1 */

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
	LYG = org_by_division(&A, "3207");
	DH = org_by_division(&A, "320722");
	struct resp r;
	if (!GY || !QK || !LYG || !DH || reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64 "/children?limit=200", QK) < 0)
		return -1;
	json_t *items = jget(r.json, "items");
	for (size_t i = 0; !U1 && i < json_array_size(items); i++)
		if (json_is_true(jget(json_array_get(items, i), "demo")))
			U1 = jint(json_array_get(items, i), "id");
	resp_free(&r);
	if (!U1)
		return -1;
	for (size_t i = 0; i < sizeof(ALL) / sizeof(ALL[0]); i++) {
		if (make_user(&S, *ALL[i]->org, ALL[i]->role, ALL[i]->user, TEST_PASSWORD) != 0)
			return -1;
		client_init(&ALL[i]->c, &S);
		if (login(&ALL[i]->c, ALL[i]->user, TEST_PASSWORD) != 200)
			return -1;
	}
	if (reqf(&A, "GET", NULL, &r, "/api/members?org=%" PRId64 "&limit=20&offset=6", U1) < 0 || r.status != 200)
		return -1;
	for (int i = 0; i < 3; i++)
		DEMO_MID[i] = jint(json_array_get(jget(r.json, "items"), (size_t)i), "id");
	resp_free(&r);
	/* the worker: an account, then a member of U1 entered by the cadre */
	idn_make(W_IDN, AREA, 1985, 4, 12, 471);
	snprintf(W_PHONE, sizeof(W_PHONE), "15807078801");
	client_init(&W, &S);
	json_t *b = json_pack("{s:s, s:s, s:s, s:s}", "phone", W_PHONE, "id_number", W_IDN, "name", "孙丽", "password",
	                      PASSWORD);
	if (reqj(&W, "POST", "/api/register", b, &r) < 0 || r.status != 201)
		return -1;
	resp_free(&r);
	b = json_pack("{s:I, s:s, s:s, s:s}", "org_id", (json_int_t)U1, "id_number", W_IDN, "name", "孙丽", "joined_on",
	              "2020-05-01");
	if (reqj(&CU1.c, "POST", "/api/members", b, &r) < 0 || r.status != 201) {
		fprintf(stderr, "setup: member %ld %s\n", r.status, r.body);
		return -1;
	}
	resp_free(&r);
	return login(&W, W_PHONE, PASSWORD) == 200 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	client_release(&A);
	client_release(&W);
	for (size_t i = 0; i < sizeof(ALL) / sizeof(ALL[0]); i++)
		client_release(&ALL[i]->c);
	srv_stop(&S);
	return 0;
}

static void relogin_all(void)
{
	assert_int_equal(login(&A, "admin", S.admin_pw), 200);
	for (size_t i = 0; i < sizeof(ALL) / sizeof(ALL[0]); i++)
		assert_int_equal(login(&ALL[i]->c, ALL[i]->user, TEST_PASSWORD), 200);
	assert_int_equal(login(&W, W_PHONE, PASSWORD), 200);
}

static void clock_to(const char *iso)
{
	assert_int_equal(set_clock(&A, iso), 204);
	relogin_all();
}

/* ---- living standards ---- */

static int64_t effective(struct client *c, const char *division, const char *date, long status)
{
	struct resp r;
	if (date)
		assert_int_equal(
		        reqf(c, "GET", NULL, &r, "/api/living-standards/effective?division=%s&date=%s", division, date),
		        0);
	else
		assert_int_equal(reqf(c, "GET", NULL, &r, "/api/living-standards/effective?division=%s", division), 0);
	expect_status(&r, status);
	int64_t v = status == 200 ? jint(r.json, "monthly_fen") : 0;
	resp_free(&r);
	return v;
}

static void post_standard(struct client *c, const char *division, int64_t fen, const char *from, struct resp *r)
{
	json_t *b = json_pack("{s:s, s:I, s:s, s:s}", "division_code", division, "monthly_fen", (json_int_t)fen,
	                      "effective_from", from, "source", "测试");
	assert_int_equal(reqj(c, "POST", "/api/living-standards", b, r), 0);
}

static void test_standards(void **state)
{
	(void)state;
	/* the demo values: 江苏省 780 (2025-07), 连云港市 820 (2025-07), 赣榆区 820 (2025) and 850 (2026) */
	assert_int_equal(effective(&W, "320707", "2026-03-10", 200), 85000);
	assert_int_equal(effective(&W, "320707", "2025-12-31", 200), 82000);
	assert_int_equal(effective(&W, "320707100", "2026-03-10", 200), 85000); /* a town of 赣榆区 */
	assert_int_equal(effective(&W, "320722", "2026-03-10", 200), 82000);    /* 东海县: the city's */
	assert_int_equal(effective(&W, "3208", "2026-03-10", 200), 78000);      /* 淮安市: the province's */
	assert_int_equal(effective(&W, "320707", NULL, 200), 85000);            /* today */
	effective(&W, "3208", "2025-06-30", 404);
	effective(&W, "11", "2026-03-10", 404);
	struct resp r;
	assert_int_equal(req(&W, "GET", "/api/living-standards/effective", NULL, &r), 0);
	expect_error(&r, 400, "missing_field", "division");
	resp_free(&r);
	assert_int_equal(req(&W, "GET", "/api/living-standards/effective?division=12x", NULL, &r), 0);
	expect_error(&r, 400, "invalid_field", "division");
	resp_free(&r);
	assert_int_equal(req(&W, "GET", "/api/living-standards/effective?division=320799", NULL, &r), 0);
	expect_error(&r, 400, "invalid_field", "division");
	resp_free(&r);
	assert_int_equal(req(&W, "GET", "/api/living-standards/effective?division=320707&date=2026-02-30", NULL, &r),
	                 0);
	expect_error(&r, 400, "invalid_field", "date");
	resp_free(&r);

	/* the county enters next year's figure; the town its own; neither may set the city's */
	post_standard(&FGY.c, "320707", 90000, "2027-01-01", &r);
	expect_status(&r, 201);
	assert_string_equal(jstr(r.json, "division_code"), "320707000000");
	assert_string_equal(jstr(r.json, "place_name"), "赣榆区");
	resp_free(&r);
	assert_int_equal(effective(&W, "320707", "2027-01-01", 200), 90000);
	assert_int_equal(effective(&W, "320707", "2026-12-31", 200), 85000);
	post_standard(&FGY.c, "320707", 91000, "2027-01-01", &r);
	expect_error(&r, 409, "duplicate", "effective_from");
	resp_free(&r);
	post_standard(&FQK.c, "320707100", 95000, "2027-06-01", &r);
	expect_status(&r, 201);
	resp_free(&r);
	assert_int_equal(effective(&W, "320707100", "2027-06-01", 200), 95000);
	assert_int_equal(effective(&W, "320707100", "2027-05-31", 200), 90000);
	post_standard(&FGY.c, "3207", 90000, "2027-01-01", &r);
	expect_error(&r, 403, "forbidden", "division_code");
	resp_free(&r);
	post_standard(&FQK.c, "320707", 90000, "2027-02-01", &r);
	expect_error(&r, 403, "forbidden", "division_code");
	resp_free(&r);
	post_standard(&CU1.c, "320707", 90000, "2027-02-01", &r); /* a grassroots union sets none */
	expect_error(&r, 403, "forbidden", "division_code");
	resp_free(&r);
	post_standard(&PGY.c, "320707", 90000, "2027-02-01", &r); /* no service.write */
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
	post_standard(&FGY.c, "320799", 90000, "2027-02-01", &r);
	expect_error(&r, 400, "invalid_field", "division_code");
	resp_free(&r);
	post_standard(&FGY.c, "320707", 50, "2027-02-01", &r);
	expect_error(&r, 400, "invalid_field", "monthly_fen");
	resp_free(&r);
	post_standard(&FGY.c, "320707", 90000, "2027/02/01", &r);
	expect_error(&r, 400, "invalid_field", "effective_from");
	resp_free(&r);
	assert_int_equal(
	        reqj(&FGY.c, "POST", "/api/living-standards", json_pack("{s:s}", "division_code", "320707"), &r), 0);
	expect_error(&r, 400, "missing_field", "monthly_fen");
	resp_free(&r);
	post_standard(&A, "32", 80000, "2027-07-01", &r); /* the admin sets a province's */
	expect_status(&r, 201);
	resp_free(&r);
	/* the list of a place: its own, those of the places above and below it */
	assert_int_equal(req(&FGY.c, "GET", "/api/living-standards?limit=200", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 7);
	resp_free(&r);
	assert_int_equal(req(&W, "GET", "/api/living-standards?division=3208", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 2); /* 江苏省's two */
	resp_free(&r);
}

/* ---- files ---- */

/* A body of figures: household of n (the worker first), one wage, one medical expense, an illness. */
static json_t *figures(int n, int64_t wage, int64_t medical)
{
	json_t *h = json_array();
	json_array_append_new(h, json_pack("{s:s, s:s}", "name", "孙丽", "relation", "self"));
	for (int i = 1; i < n; i++)
		json_array_append_new(h, json_pack("{s:s, s:s, s:s}", "name", i == 1 ? "配偶" : "孩子", "relation",
		                                   i == 1 ? "spouse" : "child", "health", SECRET_HEALTH));
	return json_pack("{s:s, s:o, s:[{s:s, s:I}], s:[{s:s, s:I}], s:[{s:s, s:s}]}", "type", "hardship", "household",
	                 h, "incomes", "kind", "wage", "annual_fen", (json_int_t)wage, "expenses", "kind", "medical",
	                 "annual_fen", (json_int_t)medical, "causes", "kind", "illness", "illness", "cancer");
}

static void act(struct client *c, int64_t id, json_t *b, struct resp *r)
{
	char path[64];
	snprintf(path, sizeof(path), "/api/cases/%" PRId64 "/actions", id);
	assert_int_equal(reqj(c, "POST", path, b, r), 0);
}

static void act_err(struct client *c, int64_t id, json_t *b, long status, const char *code, const char *field)
{
	struct resp r;
	act(c, id, b, &r);
	expect_error(&r, status, code, field);
	resp_free(&r);
}

static json_t *fig(int64_t org, const char *name)
{
	struct figs g;
	assert_int_equal(figs_get(&A, org, &g), 200);
	int64_t v = jint(g.raw, name);
	figs_free(&g);
	return json_integer(v);
}

static int64_t figure(int64_t org, const char *name)
{
	json_t *j = fig(org, name);
	int64_t v = json_integer_value(j);
	json_decref(j);
	return v;
}

static int64_t audits(const char *action)
{
	struct resp r;
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/audit?limit=1&action=%s", action), 0);
	expect_status(&r, 200);
	int64_t n = jint(r.json, "total");
	resp_free(&r);
	return n;
}

/* Whether the review-due list (within days) holds case k, overdue (k 0: whether it holds none). */
static bool review_due_holds(struct client *c, int within, int64_t k)
{
	struct resp r;
	assert_int_equal(reqf(c, "GET", NULL, &r, "/api/hardship/review-due?limit=200&within=%d", within), 0);
	expect_status(&r, 200);
	json_t *items = jget(r.json, "items");
	bool found = false;
	for (size_t i = 0; i < json_array_size(items); i++) {
		json_t *it = json_array_get(items, i);
		if (jint(it, "id") == k && json_is_true(jget(it, "overdue")))
			found = true;
	}
	if (!k)
		found = json_array_size(items) > 0;
	resp_free(&r);
	return found;
}

static void test_file_lifecycle(void **state)
{
	(void)state;
	struct resp r;
	/* 3 people, 30,000 − 6,000 = 24,000 yuan: 666.67 a month < 850: deep */
	assert_int_equal(reqj(&W, "POST", "/api/cases", figures(3, 3000000, 600000), &r), 0);
	expect_status(&r, 201);
	int64_t k = jint(r.json, "id");
	assert_string_equal(jstr(r.json, "state"), "submitted");
	assert_int_equal(jint(r.json, "org_id"), GY);
	assert_string_equal(jstr(r.json, "payload.computed_level"), "deep");
	assert_int_equal(jint(r.json, "payload.standard.monthly_fen"), 85000);
	assert_string_equal(jstr(r.json, "payload.standard.effective_from"), "2026-01-01");
	assert_true(json_is_true(jget(r.json, "has_sensitive")));
	assert_null(strstr(r.body, "3000000"));
	assert_null(strstr(r.body, "_path"));
	assert_null(strstr(r.body, SECRET_HEALTH));
	resp_free(&r);
	assert_int_equal(reqj(&W, "POST", "/api/cases", figures(3, 3000000, 600000), &r), 0);
	expect_error(&r, 409, "duplicate", "type");
	resp_free(&r);
	/* the worker reads their own figures and the explanation */
	assert_int_equal(reqf(&W, "GET", NULL, &r, "/api/cases/%" PRId64 "?reveal=1", k), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "sensitive.classification.per_capita_monthly_fen"), 66667);
	assert_int_equal(jint(r.json, "sensitive.classification.standard_fen"), 85000);
	assert_non_null(strstr(jstr(r.json, "sensitive.classification.explain_zh"), "666.67"));
	resp_free(&r);
	/* who sees what */
	int64_t reveals = audits("case.reveal");
	assert_int_equal(reqf(&FGY.c, "GET", NULL, &r, "/api/cases/%" PRId64 "?reveal=1", k), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "sensitive.household.1.health"), SECRET_HEALTH);
	assert_string_equal(jstr(r.json, "payload.member_name"), "孙丽");
	resp_free(&r);
	assert_int_equal(audits("case.reveal"), reveals + 1);
	/* the union sees the file and adds notes; the figures are for the county handling it */
	assert_int_equal(reqf(&CU1.c, "GET", NULL, &r, "/api/cases/%" PRId64 "?reveal=1", k), 0);
	expect_error(&r, 403, "forbidden", "reveal");
	resp_free(&r);
	assert_int_equal(reqf(&PGY.c, "GET", NULL, &r, "/api/cases/%" PRId64, k), 0);
	expect_status(&r, 200);
	assert_null(jget(r.json, "payload.member_name"));
	assert_null(jget(r.json, "payload.member_no"));
	resp_free(&r);
	struct suite_staff *no_reveal[] = {&PGY, &AGY};
	for (int i = 0; i < 2; i++) {
		assert_int_equal(reqf(&no_reveal[i]->c, "GET", NULL, &r, "/api/cases/%" PRId64 "?reveal=1", k), 0);
		expect_error(&r, 403, "forbidden", "reveal");
		resp_free(&r);
	}
	assert_int_equal(reqf(&FDH.c, "GET", NULL, &r, "/api/cases/%" PRId64 "?reveal=1", k), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(audits("case.reveal"), reveals + 1);

	/* only the county decides */
	act_err(&CU1.c, k, json_pack("{s:s, s:s}", "action", "approve", "level", "deep"), 403, "forbidden", "action");
	act_err(&FQK.c, k, json_pack("{s:s, s:s}", "action", "approve", "level", "deep"), 403, "forbidden", "action");
	act_err(&FLYG.c, k, json_pack("{s:s, s:s}", "action", "approve", "level", "deep"), 403, "forbidden", "action");
	act_err(&PGY.c, k, json_pack("{s:s, s:s}", "action", "approve", "level", "deep"), 403, "forbidden", "action");
	act_err(&W, k, json_pack("{s:s, s:s}", "action", "approve", "level", "deep"), 403, "forbidden", "action");
	act_err(&FDH.c, k, json_pack("{s:s, s:s}", "action", "approve", "level", "deep"), 404, "not_found", NULL);
	act_err(&FLYG.c, k, json_pack("{s:s, s:s}", "action", "reject", "reason", "x"), 403, "forbidden", "action");
	act_err(&FGY.c, k, json_pack("{s:s}", "action", "approve"), 400, "missing_field", "level");
	act_err(&FGY.c, k, json_pack("{s:s, s:s}", "action", "approve", "level", "none"), 400, "invalid_field",
	        "level");
	act_err(&FGY.c, k, json_pack("{s:s, s:s}", "action", "approve", "level", "relative"), 400, "missing_field",
	        "reason");
	act_err(&FGY.c, k, json_pack("{s:s}", "action", "close"), 409, "conflict", "action");
	act_err(&FGY.c, k, json_pack("{s:s}", "action", "rate"), 409, "conflict", "action");
	/* notes from the union and the town */
	act_err(&CU1.c, k, json_pack("{s:s}", "action", "reply"), 400, "missing_field", "text");
	act(&FQK.c, k, json_pack("{s:s, s:s}", "action", "reply", "text", "已入户走访，情况属实"), &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state"), "submitted");
	resp_free(&r);
	int64_t deep0 = figure(LYG, "cases.hardship.filed_deep"), deep_gy = figure(GY, "cases.hardship.filed_deep");
	int64_t rel_gy = figure(GY, "cases.hardship.filed_relative"),
	        aid_gy = figure(GY, "cases.hardship.assistance_fen");
	act(&FGY.c, k, json_pack("{s:s, s:s}", "action", "approve", "level", "deep"), &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state"), "filed");
	assert_string_equal(jstr(r.json, "payload.level"), "deep");
	assert_string_equal(jstr(r.json, "payload.approved_on"), "2026-03-10");
	assert_string_equal(jstr(r.json, "payload.review_due"), "2027-03-10");
	assert_string_equal(jstr(r.json, "deadline"), "2027-03-11T00:00:00+08:00");
	resp_free(&r);
	assert_int_equal(figure(GY, "cases.hardship.filed_deep"), deep_gy + 1);
	assert_int_equal(figure(LYG, "cases.hardship.filed_deep"), deep0 + 1);
	/* not yet the review's time; no rejecting or withdrawing a filed file */
	act_err(&FGY.c, k, json_pack("{s:s, s:s}", "action", "approve", "level", "deep"), 409, "conflict", "action");
	act_err(&FGY.c, k, json_pack("{s:s, s:s}", "action", "reject", "reason", "x"), 409, "conflict", "action");
	act_err(&W, k, json_pack("{s:s}", "action", "withdraw"), 409, "conflict", "action");

	/* assistance */
	json_t *aid =
	        json_pack("{s:s, s:I, s:s}", "kind", "warmth", "amount_fen", (json_int_t)50000, "note", SECRET_NOTE);
	assert_int_equal(reqf(&CU1.c, "POST", NULL, &r, "/api/cases/%" PRId64 "/assistance", k), 0);
	expect_error(&r, 400, "invalid_json", NULL);
	resp_free(&r);
	char path[80];
	snprintf(path, sizeof(path), "/api/cases/%" PRId64 "/assistance", k);
	assert_int_equal(reqj(&CU1.c, "POST", path, aid, &r), 0);
	expect_status(&r, 201);
	assert_int_equal(jint(r.json, "amount_fen"), 50000);
	assert_string_equal(jstr(r.json, "given_on"), "2026-03-10");
	resp_free(&r);
	assert_int_equal(reqj(&FGY.c, "POST", path,
	                      json_pack("{s:s, s:I, s:s}", "kind", "medical", "amount_fen", (json_int_t)300000,
	                                "given_on", "2026-03-01"),
	                      &r),
	                 0);
	expect_status(&r, 201);
	resp_free(&r);
	struct {
		struct client *c;
		json_t *body;
		long status;
		const char *code, *field;
	} bad[] = {
	        {&PGY.c, json_pack("{s:s, s:I}", "kind", "warmth", "amount_fen", 100), 403, "forbidden", NULL},
	        {&FDH.c, json_pack("{s:s, s:I}", "kind", "warmth", "amount_fen", 100), 404, "not_found", NULL},
	        {&W, json_pack("{s:s, s:I}", "kind", "warmth", "amount_fen", 100), 403, "forbidden", NULL},
	        {&CU1.c, json_pack("{s:I}", "amount_fen", 100), 400, "missing_field", "kind"},
	        {&CU1.c, json_pack("{s:s, s:I}", "kind", "cash", "amount_fen", 100), 400, "invalid_field", "kind"},
	        {&CU1.c, json_pack("{s:s}", "kind", "warmth"), 400, "missing_field", "amount_fen"},
	        {&CU1.c, json_pack("{s:s, s:I}", "kind", "warmth", "amount_fen", 50000001), 400, "invalid_field",
	         "amount_fen"},
	        {&CU1.c, json_pack("{s:s, s:I, s:s}", "kind", "warmth", "amount_fen", 100, "given_on", "2026-03-11"),
	         400, "invalid_field", "given_on"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(reqj(bad[i].c, "POST", path, bad[i].body, &r), 0);
		expect_error(&r, bad[i].status, bad[i].code, bad[i].field);
		resp_free(&r);
	}
	assert_int_equal(
	        req(&CU1.c, "POST", "/api/cases/999999999/assistance", "{\"kind\":\"warmth\",\"amount_fen\":1}", &r),
	        0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(figure(GY, "cases.hardship.assistance_fen"), aid_gy + 350000);
	assert_int_equal(figure(GY, "cases.hardship.assistance_count"), figure(LYG, "cases.hardship.assistance_count"));
	assert_int_equal(figure(U1, "cases.hardship.assistance_fen"), 0); /* counted where the file is handled */
	int64_t reads = audits("hardship.assistance.read");
	assert_int_equal(req(&W, "GET", path, NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 2);
	assert_int_equal(jint(r.json, "amount_fen"), 350000);
	assert_string_equal(jstr(r.json, "items.0.kind"), "warmth");
	assert_string_equal(jstr(r.json, "items.0.note"), SECRET_NOTE);
	resp_free(&r);
	assert_int_equal(audits("hardship.assistance.read"), reads + 1);
	assert_int_equal(req(&PGY.c, "GET", path, NULL, &r), 0);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
	assert_int_equal(req(&FDH.c, "GET", path, NULL, &r), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(reqf(&FGY.c, "GET", NULL, &r, "/api/hardship/assistance?kind=warmth&limit=1"), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 2); /* the demo's 送温暖 and this one */
	assert_int_equal(jint(r.json, "amount_fen"), 150000);
	assert_int_equal(json_array_size(jget(r.json, "items")), 1);
	resp_free(&r);
	assert_int_equal(reqf(&FGY.c, "GET", NULL, &r, "/api/hardship/assistance?from=2026-03-05&to=2026-03-10"), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 1);
	resp_free(&r);
	assert_int_equal(req(&FGY.c, "GET", "/api/hardship/assistance?kind=cash", NULL, &r), 0);
	expect_error(&r, 400, "invalid_field", "kind");
	resp_free(&r);
	assert_int_equal(req(&FGY.c, "GET", "/api/hardship/assistance?from=2026-3-1", NULL, &r), 0);
	expect_error(&r, 400, "invalid_field", "from");
	resp_free(&r);
	assert_int_equal(reqf(&FGY.c, "GET", NULL, &r, "/api/hardship/assistance?org=%" PRId64, DH), 0);
	expect_error(&r, 404, "not_found", "org");
	resp_free(&r);
	assert_int_equal(req(&PGY.c, "GET", "/api/hardship/assistance", NULL, &r), 0);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);

	/* the yearly review: in its window, new figures, the standard of that day (900 from 2027) */
	clock_to("2027-02-01T09:00:00+08:00");
	json_t *b = figures(3, 5000000, 600000); /* 44,000 / 36 = 1,222.22 < 1,800: relative */
	json_object_set_new(b, "action", json_string("approve"));
	json_object_set_new(b, "level", json_string("relative"));
	json_object_del(b, "type");
	act(&FGY.c, k, b, &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state"), "filed");
	assert_string_equal(jstr(r.json, "payload.level"), "relative");
	assert_string_equal(jstr(r.json, "payload.computed_level"), "relative");
	assert_int_equal(jint(r.json, "payload.reviews"), 1);
	assert_string_equal(jstr(r.json, "payload.review_due"), "2028-02-01");
	assert_int_equal(jint(r.json, "payload.standard.monthly_fen"), 90000);
	resp_free(&r);
	assert_int_equal(figure(GY, "cases.hardship.filed_deep"), deep_gy);
	assert_int_equal(figure(GY, "cases.hardship.filed_relative"), rel_gy + 1);
	assert_int_equal(reqf(&FGY.c, "GET", NULL, &r, "/api/cases/%" PRId64 "?reveal=1", k), 0);
	assert_int_equal(jint(r.json, "sensitive.classification.per_capita_monthly_fen"), 122222);
	resp_free(&r);

	/* a missed review: overdue, in the review-due list */
	clock_to("2028-02-03T09:00:00+08:00");
	assert_true(review_due_holds(&FGY.c, 0, k));
	assert_true(review_due_holds(&CU1.c, 0, k)); /* the union sees its member's */
	assert_int_equal(req(&FDH.c, "GET", "/api/hardship/review-due?within=366", NULL, &r), 0);
	assert_int_equal(jint(r.json, "total"), 0);
	resp_free(&r);
	assert_int_equal(req(&FGY.c, "GET", "/api/hardship/review-due?within=400", NULL, &r), 0);
	expect_error(&r, 400, "invalid_field", "within");
	resp_free(&r);
	assert_int_equal(req(&W, "GET", "/api/hardship/review-due", NULL, &r), 0);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);

	/* leaving the file */
	act_err(&CU1.c, k, json_pack("{s:s, s:s}", "action", "close", "reason", "收入提高"), 403, "forbidden",
	        "action");
	act_err(&FGY.c, k, json_pack("{s:s}", "action", "close"), 400, "missing_field", "reason");
	act_err(&FGY.c, k, json_pack("{s:s, s:s, s:s}", "action", "close", "reason", "x", "exit_kind", "gone"), 400,
	        "invalid_field", "exit_kind");
	act(&FGY.c, k, json_pack("{s:s, s:s}", "action", "close", "reason", "家庭收入提高，解困脱困"), &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state"), "exited");
	assert_string_equal(jstr(r.json, "payload.exit_kind"), "relieved");
	resp_free(&r);
	assert_int_equal(figure(GY, "cases.hardship.filed_relative"), rel_gy);
	assert_int_equal(figure(GY, "cases.hardship.assistance_fen"), aid_gy + 350000); /* given stays given */
	assert_int_equal(reqj(&CU1.c, "POST", path, json_pack("{s:s, s:I}", "kind", "warmth", "amount_fen", 100), &r),
	                 0);
	expect_error(&r, 409, "conflict", NULL);
	resp_free(&r);
	act_err(&CU1.c, k, json_pack("{s:s, s:s}", "action", "reply", "text", "x"), 409, "conflict", "action");
	assert_int_equal(srv_stats_verify(&S), 0);
	clock_to(T0);
}

static void create_err(struct client *c, json_t *b, long status, const char *code, const char *field)
{
	struct resp r;
	assert_int_equal(reqj(c, "POST", "/api/cases", b, &r), 0);
	expect_error(&r, status, code, field);
	resp_free(&r);
}

static json_t *for_member(json_t *b, int64_t mid)
{
	json_object_set_new(b, "membership_id", json_integer(mid));
	return b;
}

static void test_file_by_cadre(void **state)
{
	(void)state;
	struct resp r;
	int64_t mid = DEMO_MID[0];
	/* refusals: who and what */
	create_err(&PGY.c, for_member(figures(2, 100, 0), mid), 403, "forbidden", NULL);
	create_err(&FDH.c, for_member(figures(2, 100, 0), mid), 404, "not_found", "membership_id");
	create_err(&CU1.c, figures(2, 100, 0), 400, "missing_field", "membership_id");
	json_t *b = for_member(figures(2, 100, 0), mid);
	json_object_del(b, "household");
	create_err(&CU1.c, b, 400, "missing_field", "household");
	b = for_member(figures(2, 100, 0), mid);
	json_object_set_new(b, "household", json_pack("[{s:s, s:s}]", "name", "某某", "relation", "spouse"));
	create_err(&CU1.c, b, 400, "invalid_field", "household");
	b = for_member(figures(2, 100, 0), mid);
	json_object_set_new(b, "incomes", json_pack("[{s:s, s:i}]", "kind", "wage", "annual_fen", -1));
	create_err(&CU1.c, b, 400, "invalid_field", "incomes.0.annual_fen");
	b = for_member(figures(2, 100, 0), mid);
	json_object_set_new(b, "incomes", json_pack("[{s:s, s:i}]", "kind", "lottery", "annual_fen", 1));
	create_err(&CU1.c, b, 400, "invalid_field", "incomes.0.kind");
	b = for_member(figures(2, 100, 0), mid);
	json_object_del(b, "causes");
	create_err(&CU1.c, b, 400, "missing_field", "causes");
	b = for_member(figures(2, 100, 0), mid);
	json_object_set_new(b, "causes", json_pack("[{s:s, s:i}]", "kind", "disability", "grade", 5));
	create_err(&CU1.c, b, 400, "invalid_field", "causes.0.grade");
	b = for_member(figures(2, 100, 0), mid);
	json_object_set_new(b, "causes", json_pack("[{s:s}]", "kind", "illness"));
	create_err(&CU1.c, b, 400, "missing_field", "causes.0.illness");
	/* no standard in force on the day: a clear 409 */
	clock_to("2024-06-01T10:00:00+08:00");
	create_err(&CU1.c, for_member(figures(2, 100, 0), mid), 409, "conflict", "standard");
	clock_to(T0);

	/* the cadre files, then withdraws */
	assert_int_equal(reqj(&CU1.c, "POST", "/api/cases", for_member(figures(2, 100, 0), mid), &r), 0);
	expect_status(&r, 201);
	int64_t k1 = jint(r.json, "id");
	assert_int_equal(jint(r.json, "org_id"), GY);
	resp_free(&r);
	act_err(&FDH.c, k1, json_pack("{s:s}", "action", "withdraw"), 404, "not_found", NULL);
	act(&CU1.c, k1, json_pack("{s:s}", "action", "withdraw"), &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state"), "withdrawn");
	resp_free(&r);
	/* filed again: an accident (costs over 80% of the income), rejected by the county */
	b = for_member(figures(2, 9000000, 0), mid);
	json_object_set_new(b, "accident_costs_fen", json_integer(7500000));
	assert_int_equal(reqj(&CU1.c, "POST", "/api/cases", b, &r), 0);
	expect_status(&r, 201);
	int64_t k2 = jint(r.json, "id");
	assert_string_equal(jstr(r.json, "payload.computed_level"), "accident");
	resp_free(&r);
	act_err(&FGY.c, k2, json_pack("{s:s}", "action", "reject"), 400, "missing_field", "reason");
	act(&FGY.c, k2, json_pack("{s:s, s:s}", "action", "reject", "reason", "已获保险理赔，不再困难"), &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state"), "rejected");
	resp_free(&r);
	act_err(&FGY.c, k2, json_pack("{s:s, s:s}", "action", "approve", "level", "accident"), 409, "conflict",
	        "action");
	/* not eligible by the figures, approved anyway with a reason */
	assert_int_equal(reqj(&CU1.c, "POST", "/api/cases", for_member(figures(1, 9000000, 0), DEMO_MID[1]), &r), 0);
	expect_status(&r, 201);
	int64_t k3 = jint(r.json, "id");
	assert_string_equal(jstr(r.json, "payload.computed_level"), "none");
	resp_free(&r);
	act_err(&FGY.c, k3, json_pack("{s:s, s:s}", "action", "approve", "level", "accident"), 400, "missing_field",
	        "reason");
	act(&FGY.c, k3, json_pack("{s:s, s:s, s:s}", "action", "approve", "level", "accident", "reason", "突发火灾"),
	    &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "payload.level"), "accident");
	resp_free(&r);
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/cases?type=hardship&state=filed&limit=200"), 0);
	expect_status(&r, 200);
	assert_true(jint(r.json, "total") >= 3);
	resp_free(&r);
	/* a case of another type has no assistance; another county's review list is not ours */
	assert_int_equal(req(&A, "GET", "/api/cases?type=join_application&limit=1", NULL, &r), 0);
	int64_t join = jint(r.json, "items.0.id");
	resp_free(&r);
	assert_true(join > 0);
	assert_int_equal(reqf(&A, "POST", "{\"kind\":\"warmth\",\"amount_fen\":100}", &r,
	                      "/api/cases/%" PRId64 "/assistance", join),
	                 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/cases/%" PRId64 "/assistance", join), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(reqf(&FGY.c, "GET", NULL, &r, "/api/hardship/review-due?org=%" PRId64, DH), 0);
	expect_error(&r, 404, "not_found", "org");
	resp_free(&r);
	/* another worker sees neither the file nor its assistance; a worker without a membership cannot apply */
	struct client w2;
	client_init(&w2, &S);
	char idn[19];
	idn_make(idn, AREA, 1991, 7, 7, 473);
	assert_int_equal(reqj(&w2, "POST", "/api/register",
	                      json_pack("{s:s, s:s, s:s, s:s}", "phone", "15807078802", "id_number", idn, "name",
	                                "钱进", "password", PASSWORD),
	                      &r),
	                 0);
	expect_status(&r, 201);
	resp_free(&r);
	assert_int_equal(login(&w2, "15807078802", PASSWORD), 200);
	create_err(&w2, figures(1, 100, 0), 409, "conflict", NULL);
	assert_int_equal(reqf(&w2, "GET", NULL, &r, "/api/cases/%" PRId64 "?reveal=1", k3), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(reqf(&w2, "GET", NULL, &r, "/api/cases/%" PRId64 "/assistance", k3), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	client_release(&w2);
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* Nothing sensitive in clear in the store or the log. */
static void test_not_in_clear(void **state)
{
	(void)state;
	char where[256];
	assert_false(srv_files_hold(&S, SECRET_HEALTH, where, sizeof(where)));
	assert_false(srv_files_hold(&S, SECRET_NOTE, where, sizeof(where)));
	assert_false(srv_files_hold(&S, "尿毒症", where, sizeof(where))); /* the demo's */
	assert_false(srv_files_hold(&S, "\"annual_fen\"", where, sizeof(where)));
	assert_int_equal(srv_stats_verify(&S), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_standards),
	        cmocka_unit_test(test_file_lifecycle),
	        cmocka_unit_test(test_file_by_cadre),
	        cmocka_unit_test(test_not_in_clear),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
