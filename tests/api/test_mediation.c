/*
 * API: labour dispute mediation (劳动争议调解, POST /api/cases {"type":"mediation"}). A worker
 * applies to a committee (the organisation named, else the employer's union, else the federation
 * of the place) or staff record an oral application; the worker's contact is sealed (only the
 * worker and staff holding sensitive.read open it, never an auditor; not in the store in clear).
 * Accept starts the 15 days of Art 14; sessions (date, mediator, text); an agreement with its terms
 * or a failure with its reason closes it. No agreement 15 days after acceptance: overdue,
 * supervised, kept by the committee, and the view carries the arbitration hint the worker sees.
 * Every refusal with its field; the figures (agreements, failures, amount agreed) at the union, the
 * town and the county; `gonghui stats verify` clean.
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
#define PASSWORD "worker pass phrase 2026"
/* a number no other suite stores in clear (the PostgreSQL suites share one cluster, whose files
 * test_contact_not_in_clear reads) */
#define W_CONTACT_PHONE "13957302418"
#define W_ADDRESS       "青口镇幸福路十八号"

static struct srv S;
static struct client A;
static int64_t GY, QK, CITY, DH, U1, U2;

struct suite_staff {
	const char *user;
	int64_t *org;
	const char *role;
	struct client c;
};
static struct suite_staff CU1 = {"md.cadre.u1", &U1, "cadre", {0}};
static struct suite_staff CU2 = {"md.cadre.u2", &U2, "cadre", {0}};
static struct suite_staff FQK = {"md.fed.qk", &QK, "federation_staff", {0}};
static struct suite_staff FDH = {"md.fed.dh", &DH, "federation_staff", {0}};
static struct suite_staff AGY = {"md.audit.gy", &GY, "auditor", {0}};
static struct suite_staff *const STAFF[] = {&CU1, &CU2, &FQK, &FDH, &AGY};

struct worker {
	char phone[12];
	int seq;
	struct client c;
	int64_t person;
};
static struct worker W1 = {"15807075551", 421, {0}, 0}, W2 = {"15807075552", 433, {0}, 0};

static char E1_NAME[128], E1_CODE[32], E2_NAME[128];

static int worker_init(struct worker *w, const char *name)
{
	char idn[19];
	idn_make(idn, "320724", 1988, 7, 9, w->seq);
	client_init(&w->c, &S);
	json_t *b = json_pack("{s:s, s:s, s:s, s:s}", "phone", w->phone, "id_number", idn, "name", name, "password",
	                      PASSWORD);
	struct resp r;
	if (reqj(&w->c, "POST", "/api/register", b, &r) < 0 || r.status != 201)
		return -1;
	resp_free(&r);
	if (login(&w->c, w->phone, PASSWORD) != 200 || req(&w->c, "GET", "/api/me", NULL, &r) < 0)
		return -1;
	resp_free(&r);
	return 0;
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
	CITY = org_by_division(&A, "3207");
	DH = org_by_division(&A, "320722");
	struct resp r;
	if (!GY || !QK || !CITY || !DH ||
	    reqf(&A, "GET", NULL, &r, "/api/employers?org=%" PRId64 "&unionised=1&limit=200", QK) < 0)
		return -1;
	json_t *items = jget(r.json, "items");
	for (size_t i = 0; i < json_array_size(items) && !U2; i++) {
		json_t *it = json_array_get(items, i);
		if (!U1 && jstr(it, "credit_code")) {
			U1 = jint(it, "union_id");
			snprintf(E1_NAME, sizeof(E1_NAME), "%s", jstr(it, "name"));
			snprintf(E1_CODE, sizeof(E1_CODE), "%s", jstr(it, "credit_code"));
		} else if (U1 && jint(it, "union_id") != U1) {
			U2 = jint(it, "union_id");
		}
	}
	resp_free(&r);
	if (reqf(&A, "GET", NULL, &r, "/api/employers?org=%" PRId64 "&unionised=0&limit=1", QK) < 0 ||
	    !jstr(r.json, "items.0.name"))
		return -1;
	snprintf(E2_NAME, sizeof(E2_NAME), "%s", jstr(r.json, "items.0.name"));
	resp_free(&r);
	if (!U1 || !U2)
		return -1;
	for (size_t i = 0; i < sizeof(STAFF) / sizeof(STAFF[0]); i++) {
		if (make_user(&S, *STAFF[i]->org, STAFF[i]->role, STAFF[i]->user, TEST_PASSWORD) != 0)
			return -1;
		client_init(&STAFF[i]->c, &S);
		if (login(&STAFF[i]->c, STAFF[i]->user, TEST_PASSWORD) != 200)
			return -1;
	}
	return worker_init(&W1, "孙丽") || worker_init(&W2, "赵强") ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	client_release(&A);
	client_release(&W1.c);
	client_release(&W2.c);
	for (size_t i = 0; i < sizeof(STAFF) / sizeof(STAFF[0]); i++)
		client_release(&STAFF[i]->c);
	srv_stop(&S);
	return 0;
}

static void at(const char *iso)
{
	assert_int_equal(set_clock(&A, iso), 204);
	assert_int_equal(login(&A, "admin", S.admin_pw), 200);
	for (size_t i = 0; i < sizeof(STAFF) / sizeof(STAFF[0]); i++)
		assert_int_equal(login(&STAFF[i]->c, STAFF[i]->user, TEST_PASSWORD), 200);
	assert_int_equal(login(&W1.c, W1.phone, PASSWORD), 200);
	assert_int_equal(login(&W2.c, W2.phone, PASSWORD), 200);
}

/* ---- helpers ---- */

/* A valid application: the worker with a contact, an employer, a claim of 8,000 yuan. */
static json_t *application(const char *employer, const char *code, int64_t org)
{
	json_t *b =
	        json_pack("{s:s, s:{s:s, s:s, s:s}, s:{s:s}, s:{s:s, s:I}}", "type", "mediation", "worker", "name",
	                  "孙丽", "phone", W_CONTACT_PHONE, "address", W_ADDRESS, "employer", "name", employer, "claim",
	                  "text", "要求支付 2026 年 1 月至 2 月加班工资", "amount_fen", (json_int_t)800000);
	if (code)
		json_object_set_new(json_object_get(b, "employer"), "credit_code", json_string(code));
	if (org)
		json_object_set_new(b, "org_id", json_integer(org));
	return b;
}

static int64_t create_ok(struct client *c, json_t *body, int64_t want_org)
{
	struct resp r;
	assert_int_equal(reqj(c, "POST", "/api/cases", body, &r), 0);
	expect_status(&r, 201);
	assert_string_equal(jstr(r.json, "state"), "applied");
	assert_int_equal(jint(r.json, "org_id"), want_org);
	assert_null(jget(r.json, "arbitration"));
	int64_t id = jint(r.json, "id");
	resp_free(&r);
	return id;
}

static void create_err(struct client *c, json_t *body, long status, const char *code, const char *field)
{
	struct resp r;
	assert_int_equal(reqj(c, "POST", "/api/cases", body, &r), 0);
	expect_error(&r, status, code, field);
	resp_free(&r);
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

static json_t *session(const char *date, const char *mediator, const char *text)
{
	json_t *b = json_pack("{s:s}", "action", "reply");
	if (date)
		json_object_set_new(b, "date", json_string(date));
	if (mediator)
		json_object_set_new(b, "mediator", json_string(mediator));
	if (text)
		json_object_set_new(b, "text", json_string(text));
	return b;
}

static void get_case(struct client *c, int64_t id, struct resp *r)
{
	assert_int_equal(reqf(c, "GET", NULL, r, "/api/cases/%" PRId64, id), 0);
}

static int64_t fig(int64_t org, const char *name)
{
	struct figs g;
	assert_int_equal(figs_get(&A, org, &g), 200);
	char key[96];
	snprintf(key, sizeof(key), "cases.mediation.%s", name);
	json_t *v = jget(g.raw, key);
	assert_non_null(v);
	int64_t n = json_integer_value(v);
	figs_free(&g);
	return n;
}

static int64_t case_total(void)
{
	struct resp r;
	assert_int_equal(req(&A, "GET", "/api/cases?type=mediation&limit=1", NULL, &r), 0);
	int64_t n = jint(r.json, "total");
	resp_free(&r);
	return n;
}

/* ---- tests ---- */

static void test_create_and_route(void **state)
{
	(void)state;
	/* the worker names the committee */
	struct resp r;
	assert_int_equal(reqj(&W1.c, "POST", "/api/cases", application(E1_NAME, NULL, U1), &r), 0);
	expect_status(&r, 201);
	int64_t id = jint(r.json, "id");
	assert_int_equal(jint(r.json, "org_id"), U1);
	assert_string_equal(jstr(r.json, "deadline"), "2026-04-16T09:00:00+08:00");
	assert_true(json_is_true(jget(r.json, "has_sensitive")));
	assert_string_equal(jstr(r.json, "payload.worker.name"), "孙丽");
	assert_int_equal(jint(r.json, "payload.claim.amount_fen"), 800000);
	/* the contact is not in the open part */
	assert_null(strstr(r.body, W_CONTACT_PHONE));
	assert_null(strstr(r.body, W_ADDRESS));
	resp_free(&r);
	/* the worker and the committee's cadre open the sealed part; an auditor may not */
	assert_int_equal(reqf(&W1.c, "GET", NULL, &r, "/api/cases/%" PRId64 "?reveal=1", id), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "sensitive.phone"), W_CONTACT_PHONE);
	assert_string_equal(jstr(r.json, "sensitive.address"), W_ADDRESS);
	resp_free(&r);
	assert_int_equal(reqf(&CU1.c, "GET", NULL, &r, "/api/cases/%" PRId64 "?reveal=1", id), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "sensitive.phone"), W_CONTACT_PHONE);
	resp_free(&r);
	assert_int_equal(reqf(&AGY.c, "GET", NULL, &r, "/api/cases/%" PRId64 "?reveal=1", id), 0);
	expect_error(&r, 403, "forbidden", "reveal");
	resp_free(&r);
	/* others see nothing of it */
	get_case(&W2.c, id, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	get_case(&CU2.c, id, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	/* no committee named: the employer's union (credit code), else the place's federation */
	create_ok(&W1.c, application("名字对不上也无妨", E1_CODE, 0), U1);
	json_t *b = application(E2_NAME, NULL, 0);
	json_object_set_new(b, "division_code", json_string("320707100"));
	create_ok(&W1.c, b, QK);
	/* staff record an oral application for their area */
	create_ok(&FQK.c, application(E2_NAME, NULL, U1), U1);
	create_ok(&FQK.c, application(E1_NAME, NULL, 0), U1);
	/* the worker's list holds their own cases only */
	assert_int_equal(req(&W1.c, "GET", "/api/cases?type=mediation", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 3);
	resp_free(&r);
	assert_int_equal(req(&W2.c, "GET", "/api/cases?type=mediation", NULL, &r), 0);
	assert_int_equal(jint(r.json, "total"), 0);
	resp_free(&r);
}

static void test_create_refusals(void **state)
{
	(void)state;
	int64_t before = case_total();
	struct {
		const char *key, *json, *code, *field;
	} bad[] = {
	        {"worker", NULL, "missing_field", "worker"},
	        {"worker", "\"孙丽\"", "invalid_field", "worker"},
	        {"worker", "{}", "missing_field", "worker.name"},
	        {"worker", "{\"name\":\"孙\"}", "invalid_field", "worker.name"},
	        {"worker", "{\"name\":\"孙丽\",\"phone\":\"12345\"}", "invalid_field", "worker.phone"},
	        {"worker", "{\"name\":\"孙丽\",\"phone\":139}", "invalid_field", "worker.phone"},
	        {"employer", NULL, "missing_field", "employer"},
	        {"employer", "{\"name\":\"\"}", "missing_field", "employer.name"},
	        {"employer", "{\"name\":\"某某公司\",\"credit_code\":\"123\"}", "invalid_field",
	         "employer.credit_code"},
	        {"claim", NULL, "missing_field", "claim.text"},
	        {"claim", "\"加班费\"", "invalid_field", "claim"},
	        {"claim", "{\"text\":\"加班费\"}", "invalid_field", "claim.text"},
	        {"claim", "{\"text\":\"要求支付加班工资\",\"amount_fen\":-1}", "invalid_field", "claim.amount_fen"},
	        {"org_id", "\"U1\"", "invalid_field", "org_id"},
	        {"org_id", "0", "invalid_field", "org_id"},
	        {"org_id", "999999999", "not_found", "org_id"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		json_t *b = application(E1_NAME, NULL, U1);
		if (bad[i].json)
			json_object_set_new(b, bad[i].key, json_loads(bad[i].json, JSON_DECODE_ANY, NULL));
		else
			json_object_del(b, bad[i].key);
		struct resp r;
		assert_int_equal(reqj(&W1.c, "POST", "/api/cases", b, &r), 0);
		if (r.status == 201)
			fprintf(stderr, "case %zu (%s) was accepted\n", i, bad[i].key);
		expect_error(&r, bad[i].code[0] == 'n' ? 404 : 400, bad[i].code, bad[i].field);
		resp_free(&r);
	}
	/* an employer without a union and no committee named: say where to go */
	create_err(&W1.c, application(E2_NAME, NULL, 0), 400, "missing_field", "org_id");
	json_t *b = application(E2_NAME, NULL, 0);
	json_object_set_new(b, "division_code", json_string("99"));
	create_err(&W1.c, b, 400, "invalid_field", "division_code");
	/* a committee sits at a grassroots union, a town or a county federation: not a city's */
	create_err(&W1.c, application(E1_NAME, NULL, CITY), 400, "invalid_field", "org_id");
	/* staff only for their area; an auditor never */
	create_err(&FDH.c, application(E1_NAME, NULL, U1), 404, "not_found", "org_id");
	create_err(&FDH.c, application(E1_NAME, E1_CODE, 0), 400, "invalid_field", "employer");
	create_err(&CU2.c, application(E1_NAME, NULL, U1), 404, "not_found", "org_id");
	create_err(&AGY.c, application(E1_NAME, NULL, U1), 403, "forbidden", "type");
	assert_int_equal(case_total(), before);
}

static void test_sessions_and_agreement(void **state)
{
	(void)state;
	int64_t agreements[3] = {fig(U1, "agreements"), fig(QK, "agreements"), fig(GY, "agreements")};
	int64_t agreed_fen = fig(GY, "amount_agreed_fen");
	int64_t id = create_ok(&W1.c, application(E1_NAME, NULL, U1), U1);
	/* nothing but acceptance first */
	act_err(&CU1.c, id, session(NULL, "李调解", "双方到场"), 409, "conflict", "action");
	act_err(&CU1.c, id, json_pack("{s:s, s:s}", "action", "approve", "terms", "支付加班工资八千元"), 409,
	        "conflict", "action");
	/* the worker does not accept their own case; the auditor reads only */
	act_err(&W1.c, id, action("accept"), 403, "forbidden", "action");
	act_err(&AGY.c, id, action("accept"), 403, "forbidden", "action");
	act_err(&CU2.c, id, action("accept"), 404, "not_found", NULL);
	act_err(&W2.c, id, action("withdraw"), 404, "not_found", NULL);
	act_err(&CU1.c, id, action("close"), 409, "conflict", "action");
	/* accepted two days later: the 15 days run from then */
	at("2026-04-03T10:00:00+08:00");
	struct resp r;
	act(&CU1.c, id, action("accept"), &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state"), "mediating");
	assert_string_equal(jstr(r.json, "deadline"), "2026-04-18T10:00:00+08:00");
	assert_string_equal(jstr(r.json, "payload.accepted_on"), "2026-04-03");
	resp_free(&r);
	act_err(&CU1.c, id, action("accept"), 409, "conflict", "action");
	/* a session: mediator and text required, a real date between the application and today */
	act_err(&CU1.c, id, session(NULL, NULL, "双方到场陈述"), 400, "missing_field", "mediator");
	act_err(&CU1.c, id, session(NULL, "李调解", NULL), 400, "missing_field", "text");
	act_err(&CU1.c, id, session("2026-04-31", "李调解", "双方到场陈述"), 400, "invalid_field", "date");
	act_err(&CU1.c, id, session("2026/04/02", "李调解", "双方到场陈述"), 400, "invalid_field", "date");
	act_err(&CU1.c, id, session("2026-04-04", "李调解", "双方到场陈述"), 400, "invalid_field", "date");
	act_err(&CU1.c, id, session("2026-03-31", "李调解", "双方到场陈述"), 400, "invalid_field", "date");
	act_ok(&CU1.c, id, session("2026-04-02", "李调解", "双方到场陈述，企业认可部分加班事实"), "mediating");
	act_ok(&CU1.c, id, session(NULL, "李调解", "企业同意支付六千元"), "mediating");
	get_case(&W1.c, id, &r);
	expect_status(&r, 200);
	assert_int_equal(json_array_size(jget(r.json, "payload.sessions")), 2);
	assert_string_equal(jstr(r.json, "payload.sessions.0.date"), "2026-04-02");
	assert_string_equal(jstr(r.json, "payload.sessions.1.date"), "2026-04-03");
	assert_string_equal(jstr(r.json, "payload.sessions.1.mediator"), "李调解");
	assert_string_equal(jstr(r.json, "payload.mediator"), "李调解");
	assert_string_equal(jstr(r.json, "history.3.note"), "企业同意支付六千元");
	resp_free(&r);
	/* the agreement: terms required, an amount in fen if any */
	act_err(&CU1.c, id, action("approve"), 400, "missing_field", "terms");
	act_err(&CU1.c, id,
	        json_pack("{s:s, s:s, s:i}", "action", "approve", "terms", "支付加班工资六千元", "amount_fen", -1), 400,
	        "invalid_field", "amount_fen");
	act_ok(&CU1.c, id,
	       json_pack("{s:s, s:s, s:I}", "action", "approve", "terms",
	                 "企业于 2026 年 4 月 10 日前支付加班工资六千元", "amount_fen", (json_int_t)600000),
	       "agreed");
	get_case(&W1.c, id, &r);
	assert_string_equal(jstr(r.json, "payload.agreement.terms"), "企业于 2026 年 4 月 10 日前支付加班工资六千元");
	assert_int_equal(jint(r.json, "payload.agreement.amount_fen"), 600000);
	assert_null(jget(r.json, "arbitration"));
	resp_free(&r);
	assert_int_equal(fig(U1, "agreements") - agreements[0], 1);
	assert_int_equal(fig(QK, "agreements") - agreements[1], 1);
	assert_int_equal(fig(GY, "agreements") - agreements[2], 1);
	assert_int_equal(fig(GY, "amount_agreed_fen") - agreed_fen, 600000);
	/* closed */
	act_err(&CU1.c, id, session(NULL, "李调解", "补充"), 409, "conflict", "action");
	act_err(&W1.c, id, action("withdraw"), 409, "conflict", "action");
	act_err(&CU1.c, id, json_pack("{s:s, s:s}", "action", "reject", "reason", "x"), 409, "conflict", "action");
	assert_int_equal(srv_stats_verify(&S), 0);
}

static bool arbitration_hint(struct client *c, int64_t id, const char *reason)
{
	struct resp r;
	get_case(c, id, &r);
	expect_status(&r, 200);
	json_t *h = jget(r.json, "arbitration");
	bool ok = h && json_is_true(jget(h, "suggested")) && !strcmp(jstr(h, "reason"), reason) &&
	          jint(h, "limitation_years") == 1 && jint(h, "award_days") == 45 && jstr(h, "message");
	resp_free(&r);
	return ok;
}

static void test_overdue_points_to_arbitration(void **state)
{
	(void)state;
	at("2026-05-01T09:00:00+08:00");
	int64_t id = create_ok(&W1.c, application(E1_NAME, NULL, U1), U1);
	int64_t never = create_ok(&W1.c, application(E1_NAME, NULL, U1), U1);
	at("2026-05-02T09:00:00+08:00");
	act_ok(&CU1.c, id, action("accept"), "mediating");
	int64_t failures[2] = {fig(U1, "failures"), fig(GY, "failures")};
	/* day 14 after acceptance: in time */
	at("2026-05-16T09:30:00+08:00");
	struct resp r;
	get_case(&W1.c, id, &r);
	expect_status(&r, 200);
	assert_false(json_is_true(jget(r.json, "overdue")));
	assert_null(jget(r.json, "arbitration"));
	resp_free(&r);
	/* the one never accepted ran out on day 15 after the application */
	get_case(&W1.c, never, &r);
	assert_true(json_is_true(jget(r.json, "overdue")));
	assert_true(json_is_true(jget(r.json, "supervised")));
	resp_free(&r);
	assert_true(arbitration_hint(&W1.c, never, "no_agreement_in_15_days"));
	/* past 15 days: overdue, supervised, still with the committee, and the worker told of arbitration */
	at("2026-05-17T09:00:01+08:00");
	get_case(&CU1.c, id, &r);
	expect_status(&r, 200);
	assert_true(json_is_true(jget(r.json, "overdue")));
	assert_true(json_is_true(jget(r.json, "supervised")));
	assert_int_equal(jint(r.json, "org_id"), U1);
	json_t *h = jget(r.json, "history");
	assert_string_equal(jstr(json_array_get(h, json_array_size(h) - 1), "action"), "supervise");
	resp_free(&r);
	assert_true(arbitration_hint(&W1.c, id, "no_agreement_in_15_days"));
	assert_true(arbitration_hint(&CU1.c, id, "no_agreement_in_15_days"));
	assert_true(fig(U1, "overdue") >= 2);
	/* in English too */
	W1.c.lang = "en";
	get_case(&W1.c, id, &r);
	assert_non_null(strstr(jstr(r.json, "arbitration.message"), "arbitration"));
	resp_free(&r);
	W1.c.lang = NULL;
	/* mediation may go on; then it fails: closed, counted, still pointing to arbitration */
	act_ok(&CU1.c, id, session(NULL, "王调解", "企业拒不到场"), "mediating");
	act_err(&CU1.c, id, action("reject"), 400, "missing_field", "reason");
	act_ok(&CU1.c, id, json_pack("{s:s, s:s}", "action", "reject", "reason", "企业拒绝调解"), "failed");
	get_case(&W1.c, id, &r);
	assert_false(json_is_true(jget(r.json, "overdue")));
	assert_string_equal(jstr(r.json, "payload.failure.reason"), "企业拒绝调解");
	resp_free(&r);
	assert_true(arbitration_hint(&W1.c, id, "mediation_failed"));
	assert_int_equal(fig(U1, "failures") - failures[0], 1);
	assert_int_equal(fig(GY, "failures") - failures[1], 1);
	/* the worker withdraws the other; the committee cannot withdraw for them */
	act_err(&CU1.c, never, action("withdraw"), 403, "forbidden", "action");
	act_ok(&W1.c, never, action("withdraw"), "withdrawn");
	assert_int_equal(srv_stats_verify(&S), 0);
}

static void test_contact_not_in_clear(void **state)
{
	(void)state;
	char where[256];
	assert_false(srv_files_hold(&S, W_CONTACT_PHONE, where, sizeof(where)));
	assert_false(srv_files_hold(&S, W_ADDRESS, where, sizeof(where)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_create_and_route),       cmocka_unit_test(test_create_refusals),
	        cmocka_unit_test(test_sessions_and_agreement), cmocka_unit_test(test_overdue_points_to_arbitration),
	        cmocka_unit_test(test_contact_not_in_clear),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
