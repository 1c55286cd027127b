/*
 * API: medical mutual aid (职工医疗互助). Plans: created by staff holding service.write for an
 * organisation in their scope, every field checked (400 with the field), seen from below (a
 * union sees its county's plan, may not change it: 403) and not from beside (404); the rule frozen
 * once members are enrolled (409). Enrolment: a union enrols its own active members in bulk, all
 * or none — a duplicate is 409 and nothing of the batch is written, a member outside the scope
 * 404, a member who left 409, a union the plan does not cover 400, a closed plan or a past year
 * 409; the list within scope with paging; a member sees their own (/api/my/mutual-aid). Claims
 * (cases of type mutual_aid_claim): the waiting period (409 with the first covered day), dates and
 * costs checked, the benefit computed by the plan's rule (rounded half up), the yearly cap across
 * claims, recomputed and fixed on approval; approve, reject (reason), close with the payment date,
 * withdraw, and every refusal (403, 404, 409) changing nothing. The hospital and the diagnosis are
 * never in the store or the log in clear, revealed only to the member and to roles holding
 * sensitive.read, each reading audited. The figures (claims paid, amounts, enrolments and
 * contributions) follow, and `gonghui stats verify` stays clean.
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

#define AREA     "320703"
#define T0       "2026-01-10T09:00:00+08:00"
#define T1       "2026-05-01T09:00:00+08:00"
#define PASSWORD "worker pass phrase 2026"
/* health data only this suite writes, looked for in the store's files at the end */
#define HOSPITAL  "连云港市互助测试医院甲"
#define DIAGNOSIS "互助测试诊断乙型"

static struct srv S;
static struct client A;
static int64_t GY, QK, DH, U1, U2;

static struct staff CU1 = {.user = "ma.cadre.u1"};
static struct staff CU2 = {.user = "ma.cadre.u2"};
static struct staff FGY = {.user = "ma.fed.gy"};
static struct staff FDH = {.user = "ma.fed.dh"};
static struct staff PU1 = {.user = "ma.party.u1"};
static struct staff AGY = {.user = "ma.audit.gy"};
static struct staff *const ALL_STAFF[] = {&CU1, &CU2, &FGY, &FDH, &PU1, &AGY};

struct person {
	char idn[19], phone[12];
	const char *name;
	int64_t mid; /* membership */
	int64_t pid; /* person */
};
static struct person M1 = {.name = "赵互助"}, M2 = {.name = "钱互助"}, M3 = {.name = "孙互助"}, M4 = {.name = "李互助"},
                     M5 = {.name = "周互助"};
static struct client W1; /* M1 logged in as a member */

static int seq = 100, phone_seq = 0;
static int64_t PLAN;                           /* the county's plan (FGY), the one members are enrolled in */
static int64_t PLAN_U1;                        /* a plan of U1 itself */
static int64_t BASE_ENROL_U1, BASE_CONTRIB_U1; /* U1's figures before this suite (the demo data) */
static int64_t BASE_PAID, BASE_PAID_FEN, BASE_APPROVED_FEN;
static int64_t CLAIM_A, CLAIM_B, CLAIM_C; /* A: rounding, B and C: the yearly cap */

/* ---- setup ---- */

static int roster_add(struct client *c, int64_t org, struct person *p)
{
	int s = seq++;
	idn_make(p->idn, AREA, 1985, 4, 1 + s % 27, s);
	snprintf(p->phone, sizeof(p->phone), "1590703%04d", ++phone_seq);
	json_t *b = json_pack("{s:I, s:s, s:s, s:s, s:s}", "org_id", (json_int_t)org, "id_number", p->idn, "name",
	                      p->name, "phone", p->phone, "joined_on", "2024-05-01");
	struct resp r;
	if (reqj(c, "POST", "/api/members", b, &r) < 0 || r.status != 201) {
		fprintf(stderr, "setup: member %s: %ld %s\n", p->name, r.status, r.body);
		resp_free(&r);
		return -1;
	}
	p->mid = jint(r.json, "id");
	p->pid = jint(r.json, "person_id");
	resp_free(&r);
	return 0;
}

/* The member's account (activation code from the union, then the password) and a session. */
static int activate(struct client *cadre, struct person *p, struct client *w)
{
	struct resp r;
	if (reqf(cadre, "POST", NULL, &r, "/api/members/%" PRId64 "/activation", p->mid) < 0 || r.status != 201)
		return -1;
	char code[32];
	snprintf(code, sizeof(code), "%s", jstr(r.json, "code"));
	resp_free(&r);
	client_init(w, &S);
	json_t *b = json_pack("{s:s, s:s, s:s}", "id_number", p->idn, "code", code, "password", PASSWORD);
	if (reqj(w, "POST", "/api/activate", b, &r) < 0 || r.status != 201) {
		fprintf(stderr, "setup: activate: %ld %s\n", r.status, r.body);
		resp_free(&r);
		return -1;
	}
	resp_free(&r);
	return login(w, p->phone, PASSWORD) == 200 ? 0 : -1;
}

/* The first n demo enterprise unions under org. */
static int demo_unions(int64_t org, int64_t *ids, int n)
{
	struct resp r;
	if (reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64 "/children?limit=200", org) < 0)
		return 0;
	int k = 0;
	json_t *items = jget(r.json, "items");
	for (size_t i = 0; k < n && i < json_array_size(items); i++) {
		json_t *it = json_array_get(items, i);
		if (json_is_true(jget(it, "demo")) && jstr(it, "kind") && !strcmp(jstr(it, "kind"), "enterprise"))
			ids[k++] = jint(it, "id");
	}
	resp_free(&r);
	return k;
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
	DH = org_by_division(&A, "320722");
	int64_t u[2];
	if (!GY || !QK || !DH || demo_unions(QK, u, 2) != 2)
		return -1;
	U1 = u[0];
	U2 = u[1];
	const struct staff_spec accounts[] = {
	        {&CU1, U1, "cadre"},
	        {&CU2, U2, "cadre"},
	        {&FGY, GY, "federation_staff"},
	        {&FDH, DH, "federation_staff"},
	        {&PU1, U1, "party_officer"},
	        {&AGY, GY, "auditor"},
	};
	if (staff_make(&S, accounts, sizeof(accounts) / sizeof(accounts[0])) < 0)
		return -1;
	if (roster_add(&CU1.c, U1, &M1) || roster_add(&CU1.c, U1, &M2) || roster_add(&CU1.c, U1, &M3) ||
	    roster_add(&CU1.c, U1, &M4) || roster_add(&CU2.c, U2, &M5) || activate(&CU1.c, &M1, &W1))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	client_release(&A);
	client_release(&W1);
	staff_release(ALL_STAFF, sizeof(ALL_STAFF) / sizeof(ALL_STAFF[0]));
	srv_stop(&S);
	return 0;
}

static void relogin_all(void)
{
	assert_int_equal(login(&A, "admin", S.admin_pw), 200);
	staff_relogin(ALL_STAFF, sizeof(ALL_STAFF) / sizeof(ALL_STAFF[0]));
	assert_int_equal(login(&W1, M1.phone, PASSWORD), 200);
}

/* ---- helpers ---- */

/* A valid plan body owned by org (a new reference); the caller changes fields. */
static json_t *plan_body(int64_t org, int year)
{
	return json_pack("{s:I, s:s, s:i, s:i, s:i, s:i, s:i, s:i, s:i}", "org_id", (json_int_t)org, "name",
	                 "测试医疗互助计划", "year", year, "contribution_fen", 6000, "waiting_days", 90,
	                 "deductible_fen", 100000, "ratio_bp", 3333, "cap_per_claim_fen", 2000000, "yearly_cap_fen",
	                 2500000);
}

static void post_plan(struct client *c, json_t *b, struct resp *r)
{
	assert_int_equal(reqj(c, "POST", "/api/mutual-aid/plans", b, r), 0);
}

/* POSTs a plan body with key set to v (a new reference; NULL removes it) and expects an error. */
static void plan_refused(const char *key, json_t *v, long status, const char *code)
{
	json_t *b = plan_body(GY, 2026);
	if (v)
		json_object_set_new(b, key, v);
	else
		json_object_del(b, key);
	struct resp r;
	post_plan(&FGY.c, b, &r);
	expect_error(&r, status, code, key);
	resp_free(&r);
}

static void enrol(struct client *c, int64_t plan, json_t *ids, struct resp *r)
{
	char path[80];
	snprintf(path, sizeof(path), "/api/mutual-aid/plans/%" PRId64 "/enrolments", plan);
	assert_int_equal(reqj(c, "POST", path, json_pack("{s:o}", "membership_ids", ids), r), 0);
}

static int64_t enrolled_count(struct client *c, int64_t plan)
{
	struct resp r;
	assert_int_equal(reqf(c, "GET", NULL, &r, "/api/mutual-aid/plans/%" PRId64 "/enrolments", plan), 0);
	expect_status(&r, 200);
	int64_t n = jint(r.json, "total");
	resp_free(&r);
	return n;
}

/* A claim body for plan with the stay and the costs (a new reference). */
static json_t *claim_body(int64_t plan, const char *in, const char *out, int64_t total, int64_t eligible)
{
	return json_pack("{s:s, s:I, s:s, s:s, s:I, s:I, s:s, s:s}", "type", "mutual_aid_claim", "plan_id",
	                 (json_int_t)plan, "admission_date", in, "discharge_date", out, "total_cost_fen",
	                 (json_int_t)total, "eligible_cost_fen", (json_int_t)eligible, "hospital", HOSPITAL,
	                 "diagnosis", DIAGNOSIS);
}

static void post_case(struct client *c, json_t *b, struct resp *r)
{
	assert_int_equal(reqj(c, "POST", "/api/cases", b, r), 0);
}

static int64_t claim_ok(struct client *c, json_t *b, int64_t proposed)
{
	struct resp r;
	post_case(c, b, &r);
	expect_status(&r, 201);
	assert_string_equal(jstr(r.json, "state"), "submitted");
	assert_int_equal(jint(r.json, "payload.proposed_benefit_fen"), proposed);
	assert_true(json_is_true(jget(r.json, "has_sensitive")));
	/* the health data is not in the public part */
	assert_null(jget(r.json, "payload.hospital"));
	assert_null(jget(r.json, "payload.diagnosis"));
	int64_t id = jint(r.json, "id");
	resp_free(&r);
	return id;
}

static void act(struct client *c, int64_t id, json_t *b, struct resp *r)
{
	char path[64];
	snprintf(path, sizeof(path), "/api/cases/%" PRId64 "/actions", id);
	assert_int_equal(reqj(c, "POST", path, b, r), 0);
}

static void act_expect(struct client *c, int64_t id, json_t *b, long status, const char *code, const char *field)
{
	struct resp r;
	act(c, id, b, &r);
	expect_error(&r, status, code, field);
	resp_free(&r);
}

static const char *case_state(int64_t id)
{
	static char st[32];
	struct resp r;
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/cases/%" PRId64, id), 0);
	expect_status(&r, 200);
	snprintf(st, sizeof(st), "%s", jstr(r.json, "state"));
	resp_free(&r);
	return st;
}

struct ma_figs {
	int64_t enrolments, members, contributions, paid, paid_fen, approved_fen, open;
};

static void ma_figs(struct client *c, int64_t org, struct ma_figs *f)
{
	struct resp r;
	assert_int_equal(reqf(c, "GET", NULL, &r, "/api/mutual-aid/stats?org=%" PRId64, org), 0);
	expect_status(&r, 200);
	f->enrolments = jint(r.json, "enrolments");
	f->members = jint(r.json, "members");
	f->contributions = jint(r.json, "contributions_fen");
	f->paid = jint(r.json, "claims.claims_paid");
	f->paid_fen = jint(r.json, "claims.paid_fen");
	f->approved_fen = jint(r.json, "claims.approved_fen");
	f->open = jint(r.json, "claims.open");
	resp_free(&r);
}

/* ---- plans ---- */

static void test_plan_create(void **state)
{
	(void)state;
	struct ma_figs f;
	ma_figs(&CU1.c, U1, &f);
	BASE_ENROL_U1 = f.enrolments;
	BASE_CONTRIB_U1 = f.contributions;
	BASE_PAID = f.paid;
	BASE_PAID_FEN = f.paid_fen;
	BASE_APPROVED_FEN = f.approved_fen;

	struct resp r;
	post_plan(&FGY.c, plan_body(GY, 2026), &r);
	expect_status(&r, 201);
	PLAN = jint(r.json, "id");
	assert_true(PLAN > 0);
	assert_int_equal(jint(r.json, "org_id"), GY);
	assert_string_equal(jstr(r.json, "name"), "测试医疗互助计划");
	assert_int_equal(jint(r.json, "year"), 2026);
	assert_string_equal(jstr(r.json, "cover_from"), "2026-01-01");
	assert_string_equal(jstr(r.json, "cover_to"), "2026-12-31");
	assert_int_equal(jint(r.json, "contribution_fen"), 6000);
	assert_int_equal(jint(r.json, "waiting_days"), 90);
	assert_int_equal(jint(r.json, "deductible_fen"), 100000);
	assert_int_equal(jint(r.json, "ratio_bp"), 3333);
	assert_int_equal(jint(r.json, "cap_per_claim_fen"), 2000000);
	assert_int_equal(jint(r.json, "yearly_cap_fen"), 2500000);
	assert_true(json_is_true(jget(r.json, "enrolment_open")));
	assert_true(json_is_true(jget(r.json, "editable")));
	assert_int_equal(jint(r.json, "enrolments"), 0);
	resp_free(&r);

	/* a union's own plan, by its cadre */
	post_plan(&CU1.c, plan_body(U1, 2026), &r);
	expect_status(&r, 201);
	PLAN_U1 = jint(r.json, "id");
	resp_free(&r);
	/* the owner defaults to the caller's organisation */
	json_t *b = plan_body(0, 2026);
	json_object_del(b, "org_id");
	post_plan(&CU2.c, b, &r);
	expect_status(&r, 201);
	assert_int_equal(jint(r.json, "org_id"), U2);
	resp_free(&r);
}

static void test_plan_validation(void **state)
{
	(void)state;
	plan_refused("name", NULL, 400, "missing_field");
	plan_refused("name", json_string("计"), 400, "invalid_field");
	plan_refused("name", json_integer(5), 400, "invalid_field");
	plan_refused("year", NULL, 400, "missing_field");
	plan_refused("year", json_integer(1999), 400, "invalid_field");
	plan_refused("year", json_string("2026"), 400, "invalid_field");
	plan_refused("contribution_fen", json_integer(-1), 400, "invalid_field");
	plan_refused("contribution_fen", json_real(60.5), 400, "invalid_field");
	plan_refused("waiting_days", json_integer(731), 400, "invalid_field");
	plan_refused("waiting_days", NULL, 400, "missing_field");
	plan_refused("deductible_fen", json_integer(-100), 400, "invalid_field");
	plan_refused("ratio_bp", json_integer(0), 400, "invalid_field");
	plan_refused("ratio_bp", json_integer(10001), 400, "invalid_field");
	plan_refused("ratio_bp", json_real(0.5), 400, "invalid_field");
	plan_refused("cap_per_claim_fen", json_integer(0), 400, "invalid_field");
	plan_refused("yearly_cap_fen", json_integer(1999999), 400, "invalid_field"); /* below the cap per claim */
	plan_refused("yearly_cap_fen", NULL, 400, "missing_field");
	plan_refused("enrolment_open", json_string("yes"), 400, "invalid_field");
	/* an organisation outside the caller's scope, or none */
	struct resp r;
	post_plan(&CU1.c, plan_body(GY, 2026), &r);
	expect_error(&r, 404, "not_found", "org_id");
	resp_free(&r);
	post_plan(&FGY.c, plan_body(DH, 2026), &r);
	expect_error(&r, 404, "not_found", "org_id");
	resp_free(&r);
	/* roles without service.write, and members */
	post_plan(&AGY.c, plan_body(GY, 2026), &r);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
	post_plan(&PU1.c, plan_body(U1, 2026), &r);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
	post_plan(&W1, plan_body(U1, 2026), &r);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
	/* nothing was written: the county still sees its plan and the unions' two */
	assert_int_equal(reqf(&FGY.c, "GET", NULL, &r, "/api/mutual-aid/plans?org=%" PRId64, GY), 0);
	expect_status(&r, 200);
	int64_t n = 0;
	for (size_t i = 0; i < json_array_size(jget(r.json, "items")); i++)
		n += !strcmp(jstr(json_array_get(jget(r.json, "items"), i), "name"), "测试医疗互助计划");
	assert_int_equal(n, 3);
	resp_free(&r);
}

static void test_plan_visibility(void **state)
{
	(void)state;
	struct resp r;
	/* seen from below: the union's cadre reads the county's plan but may not change it */
	assert_int_equal(reqf(&CU1.c, "GET", NULL, &r, "/api/mutual-aid/plans/%" PRId64, PLAN), 0);
	expect_status(&r, 200);
	assert_false(json_is_true(jget(r.json, "editable")));
	resp_free(&r);
	assert_int_equal(reqf(&CU1.c, "PATCH", "{\"name\":\"改名\"}", &r, "/api/mutual-aid/plans/%" PRId64, PLAN), 0);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
	/* the union's list holds the county's plan and its own, not the neighbour's */
	assert_int_equal(req(&CU1.c, "GET", "/api/mutual-aid/plans?year=2026", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 3); /* the demo plan, PLAN and PLAN_U1 */
	resp_free(&r);
	assert_int_equal(req(&CU1.c, "GET", "/api/mutual-aid/plans?year=2025", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 0);
	resp_free(&r);
	assert_int_equal(req(&CU1.c, "GET", "/api/mutual-aid/plans?year=1900", NULL, &r), 0);
	expect_error(&r, 400, "invalid_field", "year");
	resp_free(&r);
	/* beside: another county's staff, and the neighbour union's cadre for U1's own plan */
	assert_int_equal(reqf(&FDH.c, "GET", NULL, &r, "/api/mutual-aid/plans/%" PRId64, PLAN), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(reqf(&CU2.c, "GET", NULL, &r, "/api/mutual-aid/plans/%" PRId64, PLAN_U1), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(reqf(&FDH.c, "PATCH", "{\"name\":\"改名\"}", &r, "/api/mutual-aid/plans/%" PRId64, PLAN), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(req(&FDH.c, "GET", "/api/mutual-aid/plans", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 0);
	resp_free(&r);
	assert_int_equal(reqf(&FDH.c, "GET", NULL, &r, "/api/mutual-aid/plans?org=%" PRId64, GY), 0);
	expect_error(&r, 404, "not_found", "org");
	resp_free(&r);
	assert_int_equal(req(&A, "GET", "/api/mutual-aid/plans/99999999", NULL, &r), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	/* members use their own page */
	assert_int_equal(req(&W1, "GET", "/api/mutual-aid/plans", NULL, &r), 0);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
	/* the owner changes it: name, enrolment closed; a bad field is refused whole */
	assert_int_equal(reqf(&FGY.c, "PATCH", "{\"name\":\"赣榆区测试互助计划\",\"ratio_bp\":0}", &r,
	                      "/api/mutual-aid/plans/%" PRId64, PLAN),
	                 0);
	expect_error(&r, 400, "invalid_field", "ratio_bp");
	resp_free(&r);
	assert_int_equal(reqf(&FGY.c, "PATCH", "{\"yearly_cap_fen\":100}", &r, "/api/mutual-aid/plans/%" PRId64, PLAN),
	                 0);
	expect_error(&r, 400, "invalid_field", "yearly_cap_fen");
	resp_free(&r);
	assert_int_equal(reqf(&FGY.c, "PATCH", "{\"name\":\"赣榆区测试互助计划\",\"enrolment_open\":false}", &r,
	                      "/api/mutual-aid/plans/%" PRId64, PLAN),
	                 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "name"), "赣榆区测试互助计划");
	assert_false(json_is_true(jget(r.json, "enrolment_open")));
	assert_int_equal(jint(r.json, "ratio_bp"), 3333);
	resp_free(&r);
}

/* ---- enrolment ---- */

static void test_enrol(void **state)
{
	(void)state;
	struct resp r;
	/* closed for enrolment */
	enrol(&CU1.c, PLAN, json_pack("[I]", (json_int_t)M1.mid), &r);
	expect_error(&r, 409, "conflict", "plan");
	resp_free(&r);
	assert_int_equal(reqf(&FGY.c, "PATCH", "{\"enrolment_open\":true}", &r, "/api/mutual-aid/plans/%" PRId64, PLAN),
	                 0);
	expect_status(&r, 200);
	resp_free(&r);
	/* the union enrols two of its members */
	enrol(&CU1.c, PLAN, json_pack("[I, I]", (json_int_t)M1.mid, (json_int_t)M2.mid), &r);
	expect_status(&r, 201);
	assert_int_equal(jint(r.json, "total"), 2);
	assert_int_equal(jint(r.json, "contributions_fen"), 12000);
	assert_string_equal(jstr(r.json, "items.0.enrolled_on"), "2026-01-10");
	assert_int_equal(jint(r.json, "items.0.year"), 2026);
	assert_int_equal(jint(r.json, "items.0.org_id"), U1);
	resp_free(&r);
	/* a batch with a duplicate: 409 on it, and the other member of the batch is not enrolled */
	enrol(&CU1.c, PLAN, json_pack("[I, I]", (json_int_t)M3.mid, (json_int_t)M1.mid), &r);
	expect_error(&r, 409, "duplicate", "membership_ids.1");
	resp_free(&r);
	enrol(&CU1.c, PLAN, json_pack("[I, I]", (json_int_t)M3.mid, (json_int_t)M3.mid), &r);
	expect_error(&r, 409, "duplicate", "membership_ids.1");
	resp_free(&r);
	assert_int_equal(enrolled_count(&FGY.c, PLAN), 2);
	/* a member of another union: outside the cadre's scope */
	enrol(&CU1.c, PLAN, json_pack("[I, I]", (json_int_t)M3.mid, (json_int_t)M5.mid), &r);
	expect_error(&r, 404, "not_found", "membership_ids.1");
	resp_free(&r);
	/* a member who left */
	assert_int_equal(reqf(&CU1.c, "POST", "{\"status\":\"withdrawn\",\"reason\":\"本人申请退会\"}", &r,
	                      "/api/members/%" PRId64 "/status", M4.mid),
	                 0);
	expect_status(&r, 200);
	resp_free(&r);
	enrol(&CU1.c, PLAN, json_pack("[I]", (json_int_t)M4.mid), &r);
	expect_error(&r, 409, "conflict", "membership_ids.0");
	resp_free(&r);
	/* malformed requests */
	assert_int_equal(reqf(&CU1.c, "POST", "{}", &r, "/api/mutual-aid/plans/%" PRId64 "/enrolments", PLAN), 0);
	expect_error(&r, 400, "missing_field", "membership_ids");
	resp_free(&r);
	enrol(&CU1.c, PLAN, json_array(), &r);
	expect_error(&r, 400, "missing_field", "membership_ids");
	resp_free(&r);
	enrol(&CU1.c, PLAN, json_pack("[s]", "x"), &r);
	expect_error(&r, 400, "invalid_field", "membership_ids.0");
	resp_free(&r);
	assert_int_equal(reqf(&CU1.c, "POST", "{\"membership_ids\":5}", &r,
	                      "/api/mutual-aid/plans/%" PRId64 "/enrolments", PLAN),
	                 0);
	expect_error(&r, 400, "invalid_field", "membership_ids");
	resp_free(&r);
	/* a plan the caller does not see, or none */
	enrol(&CU2.c, PLAN_U1, json_pack("[I]", (json_int_t)M5.mid), &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	enrol(&CU1.c, 99999999, json_pack("[I]", (json_int_t)M3.mid), &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	/* a union's plan covers that union only */
	enrol(&FGY.c, PLAN_U1, json_pack("[I]", (json_int_t)M5.mid), &r);
	expect_error(&r, 400, "invalid_field", "membership_ids.0");
	resp_free(&r);
	/* roles that may not enrol */
	enrol(&PU1.c, PLAN, json_pack("[I]", (json_int_t)M3.mid), &r);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
	enrol(&W1, PLAN, json_pack("[I]", (json_int_t)M3.mid), &r);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
	/* a plan of a year that is over */
	post_plan(&FGY.c, plan_body(GY, 2025), &r);
	expect_status(&r, 201);
	int64_t old = jint(r.json, "id");
	resp_free(&r);
	enrol(&CU1.c, old, json_pack("[I]", (json_int_t)M3.mid), &r);
	expect_error(&r, 409, "conflict", "plan");
	resp_free(&r);
	/* nothing of the refusals was written */
	assert_int_equal(enrolled_count(&FGY.c, PLAN), 2);
	/* the rule is frozen now; the name is not */
	assert_int_equal(reqf(&FGY.c, "PATCH", "{\"deductible_fen\":0}", &r, "/api/mutual-aid/plans/%" PRId64, PLAN),
	                 0);
	expect_error(&r, 409, "conflict", "deductible_fen");
	resp_free(&r);
	assert_int_equal(reqf(&FGY.c, "PATCH", "{\"year\":2027}", &r, "/api/mutual-aid/plans/%" PRId64, PLAN), 0);
	expect_error(&r, 409, "conflict", "year");
	resp_free(&r);
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/mutual-aid/plans/%" PRId64, PLAN), 0);
	assert_int_equal(jint(r.json, "enrolments"), 2);
	assert_int_equal(jint(r.json, "deductible_fen"), 100000);
	resp_free(&r);
}

static void test_enrolment_lists(void **state)
{
	(void)state;
	struct resp r;
	/* within scope, with paging */
	assert_int_equal(reqf(&CU1.c, "GET", NULL, &r, "/api/mutual-aid/plans/%" PRId64 "/enrolments?limit=1", PLAN),
	                 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 2);
	assert_int_equal(json_array_size(jget(r.json, "items")), 1);
	assert_int_equal(jint(r.json, "contributions_fen"), 12000);
	resp_free(&r);
	assert_int_equal(enrolled_count(&CU2.c, PLAN), 0); /* the neighbour union sees none of them */
	assert_int_equal(
	        reqf(&CU2.c, "GET", NULL, &r, "/api/mutual-aid/plans/%" PRId64 "/enrolments?org=%" PRId64, PLAN, U1),
	        0);
	expect_error(&r, 404, "not_found", "org");
	resp_free(&r);
	assert_int_equal(reqf(&FDH.c, "GET", NULL, &r, "/api/mutual-aid/plans/%" PRId64 "/enrolments", PLAN), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(reqf(&W1, "GET", NULL, &r, "/api/mutual-aid/plans/%" PRId64 "/enrolments", PLAN), 0);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
	assert_int_equal(reqf(&CU1.c, "GET", NULL, &r, "/api/mutual-aid/plans/%" PRId64 "/enrolments?limit=500", PLAN),
	                 0);
	expect_error(&r, 400, "invalid_field", "limit");
	resp_free(&r);
	/* the member's own page */
	assert_int_equal(req(&W1, "GET", "/api/my/mutual-aid", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 1);
	assert_int_equal(jint(r.json, "items.0.plan.id"), PLAN);
	assert_string_equal(jstr(r.json, "items.0.waiting_ends_on"), "2026-04-10");
	assert_int_equal(jint(r.json, "items.0.used_fen"), 0);
	assert_int_equal(jint(r.json, "items.0.left_fen"), 2500000);
	resp_free(&r);
	/* the member reads the plan they are in, not another */
	assert_int_equal(reqf(&W1, "GET", NULL, &r, "/api/mutual-aid/plans/%" PRId64, PLAN), 0);
	expect_error(&r, 403, "forbidden", NULL); /* the staff route: members use /api/my/mutual-aid */
	resp_free(&r);
	assert_int_equal(req(&CU1.c, "GET", "/api/my/mutual-aid", NULL, &r), 0);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
	/* the figures: enrolments and contributions by a count over the subtree */
	struct ma_figs f;
	ma_figs(&CU1.c, U1, &f);
	assert_int_equal(f.enrolments, BASE_ENROL_U1 + 2);
	assert_int_equal(f.contributions, BASE_CONTRIB_U1 + 12000);
	ma_figs(&FGY.c, GY, &f);
	assert_true(f.enrolments >= 2 && f.members >= 2);
	assert_int_equal(reqf(&CU2.c, "GET", NULL, &r, "/api/mutual-aid/stats?org=%" PRId64, U1), 0);
	expect_error(&r, 404, "not_found", "org");
	resp_free(&r);
	assert_int_equal(req(&W1, "GET", "/api/mutual-aid/stats", NULL, &r), 0);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
}

/* ---- claims ---- */

static void test_claim_refusals(void **state)
{
	(void)state;
	/* the stays happened: the clock moves on to May */
	assert_int_equal(set_clock(&A, T1), 204);
	relogin_all();
	struct resp r;
	/* within the waiting period (enrolled 2026-01-10, 90 days: from 2026-04-10) */
	post_case(&W1, claim_body(PLAN, "2026-04-09", "2026-04-15", 300000, 200000), &r);
	expect_error(&r, 409, "conflict", "admission_date");
	assert_non_null(strstr(jstr(r.json, "error.message"), "2026-04-10"));
	resp_free(&r);
	/* dates */
	post_case(&W1, claim_body(PLAN, "2025-12-30", "2026-04-15", 300000, 200000), &r);
	expect_error(&r, 400, "invalid_field", "admission_date");
	resp_free(&r);
	post_case(&W1, claim_body(PLAN, "2026-04-20", "2026-04-15", 300000, 200000), &r);
	expect_error(&r, 400, "invalid_field", "discharge_date");
	resp_free(&r);
	post_case(&W1, claim_body(PLAN, "2026-04-20", "2026-05-02", 300000, 200000), &r);
	expect_error(&r, 400, "invalid_field", "discharge_date"); /* not yet discharged */
	resp_free(&r);
	post_case(&W1, claim_body(PLAN, "2026-4-20", "2026-04-22", 300000, 200000), &r);
	expect_error(&r, 400, "invalid_field", "admission_date");
	resp_free(&r);
	/* costs */
	post_case(&W1, claim_body(PLAN, "2026-04-20", "2026-04-22", 300000, 300001), &r);
	expect_error(&r, 400, "invalid_field", "eligible_cost_fen");
	resp_free(&r);
	post_case(&W1, claim_body(PLAN, "2026-04-20", "2026-04-22", -1, 0), &r);
	expect_error(&r, 400, "invalid_field", "total_cost_fen");
	resp_free(&r);
	json_t *b = claim_body(PLAN, "2026-04-20", "2026-04-22", 300000, 200000);
	json_object_del(b, "hospital");
	post_case(&W1, b, &r);
	expect_error(&r, 400, "missing_field", "hospital");
	resp_free(&r);
	b = claim_body(PLAN, "2026-04-20", "2026-04-22", 300000, 200000);
	json_object_set_new(b, "diagnosis", json_integer(3));
	post_case(&W1, b, &r);
	expect_error(&r, 400, "invalid_field", "diagnosis");
	resp_free(&r);
	b = claim_body(PLAN, "2026-04-20", "2026-04-22", 300000, 200000);
	json_object_del(b, "plan_id");
	post_case(&W1, b, &r);
	expect_error(&r, 400, "missing_field", "plan_id");
	resp_free(&r);
	/* a plan the member is not in */
	post_case(&W1, claim_body(PLAN_U1, "2026-04-20", "2026-04-22", 300000, 200000), &r);
	expect_error(&r, 409, "conflict", "plan_id");
	resp_free(&r);
	/* staff file for members of their own scope only, and need case.handle */
	b = claim_body(PLAN, "2026-04-20", "2026-04-22", 300000, 200000);
	json_object_set_new(b, "membership_id", json_integer(M1.mid));
	post_case(&CU2.c, b, &r);
	expect_error(&r, 404, "not_found", "membership_id");
	resp_free(&r);
	b = claim_body(PLAN, "2026-04-20", "2026-04-22", 300000, 200000);
	json_object_set_new(b, "membership_id", json_integer(M1.mid));
	post_case(&PU1.c, b, &r);
	expect_error(&r, 403, "forbidden", "type");
	resp_free(&r);
	post_case(&CU1.c, claim_body(PLAN, "2026-04-20", "2026-04-22", 300000, 200000), &r);
	expect_error(&r, 400, "missing_field", "membership_id");
	resp_free(&r);
	/* the member M3 is not enrolled */
	b = claim_body(PLAN, "2026-04-20", "2026-04-22", 300000, 200000);
	json_object_set_new(b, "membership_id", json_integer(M3.mid));
	post_case(&CU1.c, b, &r);
	expect_error(&r, 409, "conflict", "plan_id");
	resp_free(&r);
	/* nothing was opened */
	assert_int_equal(reqf(&W1, "GET", NULL, &r, "/api/cases?type=mutual_aid_claim"), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 0);
	resp_free(&r);
}

static void test_claim_benefit_and_cap(void **state)
{
	(void)state;
	/* A: 112,345 − 100,000 = 12,345 × 33.33% = 4,114.5885 → 4,115 (half up), from the first covered day */
	CLAIM_A = claim_ok(&W1, claim_body(PLAN, "2026-04-10", "2026-04-12", 150000, 112345), 4115);
	struct resp r;
	assert_int_equal(reqf(&CU1.c, "GET", NULL, &r, "/api/cases/%" PRId64, CLAIM_A), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "org_id"), U1); /* the enrolling union handles it */
	assert_int_equal(jint(r.json, "payload.calculation.over_deductible_fen"), 12345);
	assert_int_equal(jint(r.json, "payload.calculation.by_ratio_fen"), 4115);
	assert_int_equal(jint(r.json, "payload.calculation.ratio_bp"), 3333);
	assert_string_equal(jstr(r.json, "payload.waiting_ends_on"), "2026-04-10");
	assert_null(jget(r.json, "sensitive"));
	resp_free(&r);
	/* B: 8,900,000 × 33.33% = 2,966,370, capped at 20,000 yuan a claim; filed by the cadre for M1 */
	json_t *b = claim_body(PLAN, "2026-04-20", "2026-04-28", 9500000, 9000000);
	json_object_set_new(b, "membership_id", json_integer(M1.mid));
	CLAIM_B = claim_ok(&CU1.c, b, 2000000);
	/* approved: 20,000 yuan fixed */
	act(&CU1.c, CLAIM_B, json_pack("{s:s}", "action", "approve"), &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state"), "approved");
	assert_int_equal(jint(r.json, "payload.benefit_fen"), 2000000);
	resp_free(&r);
	/* C: worth 20,000 too, but the yearly cap of 25,000 leaves 5,000 */
	CLAIM_C = claim_ok(&W1, claim_body(PLAN, "2026-04-25", "2026-04-26", 9000000, 9000000), 500000);
	/* A approved meanwhile: 4,115 more used, so C is fixed at 5,000 − 41.15 yuan */
	act(&FGY.c, CLAIM_A, json_pack("{s:s}", "action", "approve"), &r); /* the county may act too */
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "payload.benefit_fen"), 4115);
	resp_free(&r);
	act(&CU1.c, CLAIM_C, json_pack("{s:s}", "action", "approve"), &r);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "payload.proposed_benefit_fen"), 500000);
	assert_int_equal(jint(r.json, "payload.benefit_fen"), 495885);
	assert_int_equal(jint(r.json, "payload.calculation.used_fen"), 2004115);
	assert_int_equal(jint(r.json, "payload.calculation.yearly_left_fen"), 495885);
	resp_free(&r);
	/* the yearly cap is used up: a new claim proposes nothing, and cannot be approved */
	int64_t d = claim_ok(&W1, claim_body(PLAN, "2026-04-29", "2026-04-30", 500000, 500000), 0);
	act_expect(&CU1.c, d, json_pack("{s:s}", "action", "approve"), 409, "conflict", "action");
	assert_string_equal(case_state(d), "submitted");
	act_expect(&CU1.c, d, json_pack("{s:s}", "action", "reject"), 400, "missing_field", "reason");
	act(&CU1.c, d, json_pack("{s:s, s:s}", "action", "reject", "reason", "年度补助已达上限"), &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state"), "rejected");
	resp_free(&r);
	/* the member's page shows what is left */
	assert_int_equal(req(&W1, "GET", "/api/my/mutual-aid", NULL, &r), 0);
	assert_int_equal(jint(r.json, "items.0.used_fen"), 2500000);
	assert_int_equal(jint(r.json, "items.0.left_fen"), 0);
	resp_free(&r);
}

static void test_claim_transitions(void **state)
{
	(void)state;
	struct resp r;
	/* who may act: the neighbour union 404, a role without case.handle 403, the member 403 */
	act_expect(&CU2.c, CLAIM_B, json_pack("{s:s, s:s}", "action", "close", "paid_on", "2026-05-01"), 404,
	           "not_found", NULL);
	act_expect(&PU1.c, CLAIM_B, json_pack("{s:s, s:s}", "action", "close", "paid_on", "2026-05-01"), 403,
	           "forbidden", "action");
	act_expect(&W1, CLAIM_B, json_pack("{s:s, s:s}", "action", "close", "paid_on", "2026-05-01"), 403, "forbidden",
	           "action");
	/* states: approved twice, withdrawn after approval, an unknown action */
	act_expect(&CU1.c, CLAIM_B, json_pack("{s:s}", "action", "approve"), 409, "conflict", "action");
	act_expect(&W1, CLAIM_B, json_pack("{s:s}", "action", "withdraw"), 409, "conflict", "action");
	act_expect(&CU1.c, CLAIM_B, json_pack("{s:s}", "action", "accept"), 409, "conflict", "action");
	/* the payment: its date is required, not before the approval, not in the future */
	act_expect(&CU1.c, CLAIM_B, json_pack("{s:s}", "action", "close"), 400, "missing_field", "paid_on");
	act_expect(&CU1.c, CLAIM_B, json_pack("{s:s, s:s}", "action", "close", "paid_on", "2026-05-02"), 400,
	           "invalid_field", "paid_on");
	act_expect(&CU1.c, CLAIM_B, json_pack("{s:s, s:s}", "action", "close", "paid_on", "2026-04-30"), 400,
	           "invalid_field", "paid_on");
	act_expect(&CU1.c, CLAIM_B, json_pack("{s:s, s:s}", "action", "close", "paid_on", "2026/05/01"), 400,
	           "invalid_field", "paid_on");
	assert_string_equal(case_state(CLAIM_B), "approved");
	act(&CU1.c, CLAIM_B, json_pack("{s:s, s:s}", "action", "close", "paid_on", "2026-05-01"), &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state"), "paid");
	assert_string_equal(jstr(r.json, "payload.paid_on"), "2026-05-01");
	assert_int_equal(jint(r.json, "payload.paid_fen"), 2000000);
	resp_free(&r);
	act_expect(&CU1.c, CLAIM_B, json_pack("{s:s, s:s}", "action", "close", "paid_on", "2026-05-01"), 409,
	           "conflict", "action");
	/* closing a claim not approved yet */
	int64_t e = claim_ok(&W1, claim_body(PLAN, "2026-04-15", "2026-04-16", 100000, 100000), 0);
	act_expect(&CU1.c, e, json_pack("{s:s, s:s}", "action", "close", "paid_on", "2026-05-01"), 409, "conflict",
	           "action");
	/* withdrawn by the member; then nothing more */
	act_expect(&CU1.c, e, json_pack("{s:s}", "action", "withdraw"), 403, "forbidden", "action");
	act(&W1, e, json_pack("{s:s}", "action", "withdraw"), &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state"), "withdrawn");
	resp_free(&r);
	act_expect(&CU1.c, e, json_pack("{s:s, s:s}", "action", "reject", "reason", "x"), 409, "conflict", "action");
	/* the history says who did what */
	assert_int_equal(reqf(&CU1.c, "GET", NULL, &r, "/api/cases/%" PRId64, CLAIM_B), 0);
	json_t *h = jget(r.json, "history");
	assert_int_equal(json_array_size(h), 3);
	assert_string_equal(jstr(json_array_get(h, 0), "action"), "create");
	assert_string_equal(jstr(json_array_get(h, 1), "action"), "approve");
	assert_string_equal(jstr(json_array_get(h, 2), "action"), "close");
	assert_string_equal(jstr(json_array_get(h, 2), "to"), "paid");
	assert_string_equal(jstr(r.json, "state_label"), "已支付");
	resp_free(&r);
	/* the other case figures */
	assert_int_equal(
	        reqf(&CU1.c, "GET", NULL, &r, "/api/cases?type=mutual_aid_claim&state=approved&org=%" PRId64, U1), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 2); /* A and C */
	resp_free(&r);
}

static int64_t audit_count(const char *action)
{
	struct resp r;
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/audit?action=%s&limit=1", action), 0);
	expect_status(&r, 200);
	int64_t n = jint(r.json, "total");
	resp_free(&r);
	return n;
}

static void test_sensitive(void **state)
{
	(void)state;
	struct resp r;
	int64_t before = audit_count("case.reveal");
	/* the handling cadre reads it, on the record */
	assert_int_equal(reqf(&CU1.c, "GET", NULL, &r, "/api/cases/%" PRId64 "?reveal=1", CLAIM_A), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "sensitive.hospital"), HOSPITAL);
	assert_string_equal(jstr(r.json, "sensitive.diagnosis"), DIAGNOSIS);
	resp_free(&r);
	assert_int_equal(audit_count("case.reveal"), before + 1);
	/* the member reads their own */
	assert_int_equal(reqf(&W1, "GET", NULL, &r, "/api/cases/%" PRId64 "?reveal=1", CLAIM_A), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "sensitive.diagnosis"), DIAGNOSIS);
	resp_free(&r);
	assert_int_equal(audit_count("case.reveal"), before + 2);
	/* roles without sensitive.read see the case, not the health data, and nothing is recorded */
	assert_int_equal(reqf(&PU1.c, "GET", NULL, &r, "/api/cases/%" PRId64 "?reveal=1", CLAIM_A), 0);
	expect_error(&r, 403, "forbidden", "reveal");
	resp_free(&r);
	assert_int_equal(reqf(&AGY.c, "GET", NULL, &r, "/api/cases/%" PRId64 "?reveal=1", CLAIM_A), 0);
	expect_error(&r, 403, "forbidden", "reveal");
	resp_free(&r);
	assert_int_equal(reqf(&AGY.c, "GET", NULL, &r, "/api/cases/%" PRId64, CLAIM_A), 0);
	expect_status(&r, 200);
	assert_null(jget(r.json, "sensitive"));
	assert_null(strstr(r.body, HOSPITAL));
	assert_int_equal(jint(r.json, "payload.benefit_fen"), 4115);
	resp_free(&r);
	assert_int_equal(reqf(&CU2.c, "GET", NULL, &r, "/api/cases/%" PRId64 "?reveal=1", CLAIM_A), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(audit_count("case.reveal"), before + 2);
	/* never in clear in the store or the log */
	char where[256];
	assert_false(srv_files_hold(&S, HOSPITAL, where, sizeof(where)));
	assert_false(srv_files_hold(&S, DIAGNOSIS, where, sizeof(where)));
}

static void test_figures(void **state)
{
	(void)state;
	struct ma_figs f;
	ma_figs(&CU1.c, U1, &f);
	/* B paid (20,000 yuan); A and C approved (4,115 + 495,885 fen) */
	assert_int_equal(f.paid, BASE_PAID + 1);
	assert_int_equal(f.paid_fen, BASE_PAID_FEN + 2000000);
	assert_int_equal(f.approved_fen, BASE_APPROVED_FEN + 2000000 + 4115 + 495885);
	/* the same through the organisation's figures, up to the county */
	struct resp r;
	assert_int_equal(reqf(&FGY.c, "GET", NULL, &r, "/api/orgs/%" PRId64 "/stats", U1), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "cases.mutual_aid_claim.claims_paid"), f.paid);
	assert_int_equal(jint(r.json, "cases.mutual_aid_claim.paid_fen"), f.paid_fen);
	resp_free(&r);
	struct ma_figs g;
	ma_figs(&FGY.c, GY, &g);
	assert_true(g.paid >= f.paid && g.paid_fen >= f.paid_fen && g.approved_fen >= f.approved_fen);
	ma_figs(&A, QK, &g);
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/mutual-aid/stats?org=%" PRId64 "&year=2025", U1), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "enrolments"), 0);
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* A union moving in the tree takes its plans, enrolments and claims along (the path movers). */
static void test_union_moves(void **state)
{
	(void)state;
	int64_t zw = org_by_division(&A, "320707101");
	assert_true(zw > 0);
	struct ma_figs before_qk, before_zw, after_qk, after_zw, u1;
	ma_figs(&A, QK, &before_qk);
	ma_figs(&A, zw, &before_zw);
	ma_figs(&A, U1, &u1);
	struct resp r;
	char body[128];
	snprintf(body, sizeof(body), "{\"parent_id\":%" PRId64 ",\"division_code\":\"320707101\"}", zw);
	assert_int_equal(reqf(&FGY.c, "POST", body, &r, "/api/orgs/%" PRId64 "/move", U1), 0);
	expect_status(&r, 200);
	resp_free(&r);
	ma_figs(&A, QK, &after_qk);
	ma_figs(&A, zw, &after_zw);
	assert_int_equal(after_qk.enrolments, before_qk.enrolments - u1.enrolments);
	assert_int_equal(after_zw.enrolments, before_zw.enrolments + u1.enrolments);
	assert_int_equal(after_zw.paid_fen, before_zw.paid_fen + u1.paid_fen);
	/* the union's own plan is seen from its new town, not from the old one */
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/mutual-aid/plans?org=%" PRId64, zw), 0);
	bool seen = false;
	for (size_t i = 0; i < json_array_size(jget(r.json, "items")); i++)
		seen = seen || jint(json_array_get(jget(r.json, "items"), i), "id") == PLAN_U1;
	assert_true(seen);
	resp_free(&r);
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/mutual-aid/plans?org=%" PRId64, QK), 0);
	for (size_t i = 0; i < json_array_size(jget(r.json, "items")); i++)
		assert_int_not_equal(jint(json_array_get(jget(r.json, "items"), i), "id"), PLAN_U1);
	resp_free(&r);
	/* the cadre still sees and lists the union's enrolments */
	assert_int_equal(enrolled_count(&CU1.c, PLAN), 2);
	assert_int_equal(srv_stats_verify(&S), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_plan_create),
	        cmocka_unit_test(test_plan_validation),
	        cmocka_unit_test(test_plan_visibility),
	        cmocka_unit_test(test_enrol),
	        cmocka_unit_test(test_enrolment_lists),
	        cmocka_unit_test(test_claim_refusals),
	        cmocka_unit_test(test_claim_benefit_and_cap),
	        cmocka_unit_test(test_claim_transitions),
	        cmocka_unit_test(test_sensitive),
	        cmocka_unit_test(test_figures),
	        cmocka_unit_test(test_union_moves),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
