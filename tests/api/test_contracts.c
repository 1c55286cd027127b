/*
 * API: collective contracts (/api/contracts). A grassroots cadre registers the contracts of their
 * union (the employer defaults to the union's own), federation staff above see them, a party
 * officer reads but cannot write (403), anyone outside the scope gets 404; every invalid field
 * is a 400 naming that field and writes nothing; a terminated contract cannot change (409) and an
 * expired one cannot be terminated (409). The 90-day expiry window follows the test clock: a
 * contract enters the list exactly 90 days before its end, stays through its last day, and
 * leaves the day after (then expired). Figures of the subtree (in force, workers covered,
 * expiring) move with each contract, and a union moved to another town takes its contracts
 * along (the path mover). Every write leaves an audit row.
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

#define T0 "2026-03-10T10:00:00+08:00"

static struct srv S;
static struct client A;
static int64_t GY, QK, ZW, DH, U1, U2, V1, E1, E2;

static struct staff CU1 = {.user = "ct.cadre.u1"};
static struct staff CV1 = {.user = "ct.cadre.v1"};
static struct staff FGY = {.user = "ct.fed.gy"};
static struct staff FDH = {.user = "ct.fed.dh"};
static struct staff PU1 = {.user = "ct.party.u1"};
static struct staff *const ALL[] = {&CU1, &CV1, &FGY, &FDH, &PU1};

/* Up to n demo enterprise unions under org. */
static int demo_unions(int64_t org, int64_t *ids, int n)
{
	struct resp r;
	if (reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64 "/children?limit=200", org) < 0)
		return 0;
	int k = 0;
	json_t *items = jget(r.json, "items");
	for (size_t i = 0; k < n && i < json_array_size(items); i++) {
		json_t *it = json_array_get(items, i);
		if (json_is_true(jget(it, "demo")) && !strcmp(jstr(it, "kind"), "enterprise"))
			ids[k++] = jint(it, "id");
	}
	resp_free(&r);
	return k;
}

static int64_t employer_of(int64_t org)
{
	struct resp r;
	if (reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64, org) < 0)
		return 0;
	int64_t id = r.status == 200 ? jint(r.json, "employer.id") : 0;
	resp_free(&r);
	return id;
}

static void relogin(void)
{
	assert_int_equal(login(&A, "admin", S.admin_pw), 200);
	staff_relogin(ALL, sizeof(ALL) / sizeof(ALL[0]));
}

/* Moves the test clock (sessions lapse after 30 idle minutes: everyone logs in again). */
static void clock_to(const char *iso)
{
	assert_int_equal(set_clock(&A, iso), 204);
	relogin();
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
	int64_t qk[2], zw[1];
	if (!GY || !QK || !ZW || !DH || demo_unions(QK, qk, 2) != 2 || demo_unions(ZW, zw, 1) != 1)
		return -1;
	U1 = qk[0];
	U2 = qk[1];
	V1 = zw[0];
	E1 = employer_of(U1);
	E2 = employer_of(U2);
	if (!E1 || !E2)
		return -1;
	const struct staff_spec acc[] = {{&CU1, U1, "cadre"},
	                                 {&CV1, V1, "cadre"},
	                                 {&FGY, GY, "federation_staff"},
	                                 {&FDH, DH, "federation_staff"},
	                                 {&PU1, U1, "party_officer"}};
	if (staff_make(&S, acc, sizeof(acc) / sizeof(acc[0])) < 0)
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	client_release(&A);
	staff_release(ALL, sizeof(ALL) / sizeof(ALL[0]));
	srv_stop(&S);
	return 0;
}

/* ---- helpers ---- */

/* A valid body for U1: collective, signed 2026-01-05, 2026-01-10 … 2028-12-31, 120 workers. */
static json_t *body_u1(void)
{
	return json_pack("{s:s, s:I, s:s, s:s, s:s, s:i}", "kind", "collective", "org_id", (json_int_t)U1, "signed_on",
	                 "2026-01-05", "starts_on", "2026-01-10", "ends_on", "2028-12-31", "workers_covered", 120);
}

static void post(struct client *c, json_t *body, struct resp *r)
{
	assert_int_equal(reqj(c, "POST", "/api/contracts", body, r), 0);
}

static int64_t create_ok(struct client *c, json_t *body)
{
	struct resp r;
	post(c, body, &r);
	expect_status(&r, 201);
	int64_t id = jint(r.json, "id");
	resp_free(&r);
	assert_true(id > 0);
	return id;
}

static void patch(struct client *c, int64_t id, json_t *body, struct resp *r)
{
	char path[64];
	snprintf(path, sizeof(path), "/api/contracts/%" PRId64, id);
	assert_int_equal(reqj(c, "PATCH", path, body, r), 0);
}

static int64_t total_of(struct client *c, const char *query)
{
	struct resp r;
	assert_int_equal(reqf(c, "GET", NULL, &r, "/api/contracts?limit=1%s", query), 0);
	expect_status(&r, 200);
	int64_t n = jint(r.json, "total");
	resp_free(&r);
	return n;
}

/* The position of id in the list answered for query (-1: absent). */
static int position(struct client *c, const char *query, int64_t id)
{
	struct resp r;
	assert_int_equal(reqf(c, "GET", NULL, &r, "/api/contracts?limit=200%s", query), 0);
	expect_status(&r, 200);
	int pos = -1;
	json_t *items = jget(r.json, "items");
	for (size_t i = 0; i < json_array_size(items); i++)
		if (jint(json_array_get(items, i), "id") == id)
			pos = (int)i;
	resp_free(&r);
	return pos;
}

static int64_t audit_count(const char *action)
{
	struct resp r;
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/audit?limit=1&action=%s", action), 0);
	expect_status(&r, 200);
	int64_t n = jint(r.json, "total");
	resp_free(&r);
	return n;
}

static void get_contract(struct client *c, int64_t id, struct resp *r)
{
	assert_int_equal(reqf(c, "GET", NULL, r, "/api/contracts/%" PRId64, id), 0);
}

static const char *status_of(int64_t id)
{
	static char buf[32];
	struct resp r;
	get_contract(&A, id, &r);
	expect_status(&r, 200);
	snprintf(buf, sizeof(buf), "%s", jstr(r.json, "status"));
	resp_free(&r);
	return buf;
}

struct cfig {
	int64_t total, in_force, workers, expiring;
};

static void figures(struct client *c, int64_t org, struct cfig *f)
{
	struct resp r;
	assert_int_equal(reqf(c, "GET", NULL, &r, "/api/contracts/figures?org=%" PRId64, org), 0);
	expect_status(&r, 200);
	f->total = jint(r.json, "total");
	f->in_force = jint(r.json, "in_force");
	f->workers = jint(r.json, "workers_covered");
	f->expiring = jint(r.json, "expiring");
	assert_int_equal(jint(r.json, "expiring_within"), 90);
	assert_int_equal(json_array_size(jget(r.json, "kinds")), 3);
	resp_free(&r);
}

/* ---- tests ---- */

static void test_create_and_read(void **state)
{
	(void)state;
	int64_t audits = audit_count("contract.create");
	struct resp r;
	post(&CU1.c, body_u1(), &r);
	expect_status(&r, 201);
	int64_t id = jint(r.json, "id");
	assert_string_equal(jstr(r.json, "kind"), "collective");
	assert_string_equal(jstr(r.json, "kind_label"), "集体合同");
	assert_int_equal(jint(r.json, "org_id"), U1);
	assert_int_equal(jint(r.json, "employer_id"), E1); /* the union's own employer by default */
	assert_non_null(jstr(r.json, "employer_name"));
	assert_string_equal(jstr(r.json, "status"), "active");
	assert_string_equal(jstr(r.json, "status_label"), "履行中");
	assert_int_equal(jint(r.json, "workers_covered"), 120);
	assert_true(json_is_null(jget(r.json, "wage_increase_bp")));
	assert_true(json_is_false(jget(r.json, "expiring")));
	assert_int_equal(json_array_size(jget(r.json, "warnings")), 0);
	resp_free(&r);
	assert_int_equal(audit_count("contract.create"), audits + 1);

	/* who sees it: the union, the federations above, a party officer of the union */
	struct client *readers[] = {&CU1.c, &FGY.c, &PU1.c, &A};
	for (size_t i = 0; i < sizeof(readers) / sizeof(readers[0]); i++) {
		get_contract(readers[i], id, &r);
		expect_status(&r, 200);
		assert_int_equal(jint(r.json, "id"), id);
		resp_free(&r);
	}
	/* outside the scope: 404, never 403 */
	get_contract(&CV1.c, id, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	get_contract(&FDH.c, id, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/contracts/%d", 999999), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_true(position(&FGY.c, "", id) >= 0);
	assert_int_equal(position(&CV1.c, "", id), -1);

	/* a wage agreement with its increase, given by the employer's id */
	json_t *b = json_pack("{s:s, s:I, s:I, s:s, s:s, s:s, s:i, s:i, s:s}", "kind", "wage_special", "org_id",
	                      (json_int_t)U1, "employer_id", (json_int_t)E1, "signed_on", "2026-02-01", "starts_on",
	                      "2026-02-01", "ends_on", "2027-01-31", "workers_covered", 118, "wage_increase_bp", 350,
	                      "registered_on", "2026-02-10");
	post(&FGY.c, b, &r);
	expect_status(&r, 201);
	assert_int_equal(jint(r.json, "wage_increase_bp"), 350);
	assert_string_equal(jstr(r.json, "registered_on"), "2026-02-10");
	assert_string_equal(jstr(r.json, "kind_label"), "工资专项集体合同");
	resp_free(&r);
	/* English labels */
	A.lang = "en";
	get_contract(&A, id, &r);
	assert_string_equal(jstr(r.json, "kind_label"), "collective contract");
	assert_string_equal(jstr(r.json, "status_label"), "in force");
	resp_free(&r);
	A.lang = NULL;
	/* a term over three years is accepted with a warning */
	b = body_u1();
	json_object_set_new(b, "kind", json_string("women_special"));
	json_object_set_new(b, "ends_on", json_string("2030-06-30"));
	post(&CU1.c, b, &r);
	expect_status(&r, 201);
	assert_string_equal(jstr(r.json, "warnings.0.code"), "term_over_3_years");
	assert_string_equal(jstr(r.json, "warnings.0.field"), "ends_on");
	resp_free(&r);
}

/* A POST that must fail with status, code and field, writing nothing. */
static void refused(struct client *c, json_t *body, long status, const char *code, const char *field)
{
	int64_t before = total_of(&A, "");
	int64_t audits = audit_count("contract.create");
	struct resp r;
	post(c, body, &r);
	expect_error(&r, status, code, field);
	resp_free(&r);
	assert_int_equal(total_of(&A, ""), before);
	assert_int_equal(audit_count("contract.create"), audits);
}

static json_t *with(json_t *b, const char *key, json_t *v)
{
	if (v)
		json_object_set_new(b, key, v);
	else
		json_object_del(b, key);
	return b;
}

static void test_create_refusals(void **state)
{
	(void)state;
	refused(&CU1.c, with(body_u1(), "kind", NULL), 400, "missing_field", "kind");
	refused(&CU1.c, with(body_u1(), "kind", json_string("labour")), 400, "invalid_field", "kind");
	refused(&CU1.c, with(body_u1(), "org_id", NULL), 400, "missing_field", "org_id");
	refused(&CU1.c, with(body_u1(), "org_id", json_string("x")), 400, "invalid_field", "org_id");
	/* a federation of a place does not sign collective contracts */
	refused(&FGY.c, with(body_u1(), "org_id", json_integer(GY)), 400, "invalid_field", "org_id");
	/* another union's employer */
	refused(&FGY.c, with(body_u1(), "employer_id", json_integer(E2)), 400, "invalid_field", "employer_id");
	refused(&CU1.c, with(body_u1(), "employer_id", json_integer(E2)), 404, "not_found", "employer_id");
	refused(&CU1.c, with(body_u1(), "signed_on", NULL), 400, "missing_field", "signed_on");
	refused(&CU1.c, with(body_u1(), "starts_on", NULL), 400, "missing_field", "starts_on");
	refused(&CU1.c, with(body_u1(), "ends_on", NULL), 400, "missing_field", "ends_on");
	refused(&CU1.c, with(body_u1(), "signed_on", json_string("2026-02-30")), 400, "invalid_field", "signed_on");
	refused(&CU1.c, with(body_u1(), "starts_on", json_string("2026/01/10")), 400, "invalid_field", "starts_on");
	refused(&CU1.c, with(body_u1(), "ends_on", json_string("2026-01-10")), 400, "invalid_field", "ends_on");
	refused(&CU1.c, with(body_u1(), "ends_on", json_string("2025-12-31")), 400, "invalid_field", "ends_on");
	refused(&CU1.c, with(body_u1(), "signed_on", json_string("2026-03-11")), 400, "invalid_field", "signed_on");
	refused(&CU1.c, with(body_u1(), "workers_covered", NULL), 400, "missing_field", "workers_covered");
	refused(&CU1.c, with(body_u1(), "workers_covered", json_integer(0)), 400, "invalid_field", "workers_covered");
	refused(&CU1.c, with(body_u1(), "kind", json_string("wage_special")), 400, "missing_field", "wage_increase_bp");
	refused(&CU1.c, with(body_u1(), "wage_increase_bp", json_integer(20000)), 400, "invalid_field",
	        "wage_increase_bp");
	refused(&CU1.c, with(body_u1(), "registered_on", json_string("2026-01-01")), 400, "invalid_field",
	        "registered_on");
	refused(&CU1.c, with(body_u1(), "registered_on", json_string("2026-04-01")), 400, "invalid_field",
	        "registered_on");
	refused(&CU1.c, with(body_u1(), "note", json_integer(3)), 400, "invalid_field", "note");
	/* a union with an employer: a contract is with that employer, not one named freely */
	json_t *b = with(body_u1(), "employer_name", json_string("某某公司"));
	refused(&CU1.c, b, 400, "missing_field", "employer_id");
	/* outside the scope */
	refused(&CV1.c, body_u1(), 404, "not_found", "org_id");
	refused(&FDH.c, body_u1(), 404, "not_found", "org_id");
	/* the role */
	refused(&PU1.c, body_u1(), 403, "forbidden", NULL);
	/* no session */
	struct client anon;
	client_init(&anon, &S);
	refused(&anon, body_u1(), 401, "unauthenticated", NULL);
	client_release(&anon);
	/* not JSON */
	struct resp r;
	assert_int_equal(req(&CU1.c, "POST", "/api/contracts", "{kind:", &r), 0);
	expect_error(&r, 400, "invalid_json", NULL);
	resp_free(&r);
}

static void test_regional_federation_by_name(void **state)
{
	(void)state;
	/* A regional federation signs a 区域性 contract with an employers' body named by its code. */
	json_t *o = json_pack("{s:I, s:s, s:s}", "parent_id", (json_int_t)QK, "name", "青口镇区域性工会联合会", "kind",
	                      "regional_federation");
	struct resp r;
	assert_int_equal(reqj(&FGY.c, "POST", "/api/orgs", o, &r), 0);
	expect_status(&r, 201);
	int64_t reg = jint(r.json, "id");
	resp_free(&r);
	char code[19];
	uscc_make(code, "320707", 4242, true);
	json_t *b =
	        with(with(body_u1(), "org_id", json_integer(reg)), "employer_name", json_string("青口镇企业联合会"));
	refused(&FGY.c, json_deep_copy(b), 400, "missing_field", "employer_credit_code");
	refused(&FGY.c, with(json_deep_copy(b), "employer_credit_code", json_string("91320707ABCDEFGHIJ")), 400,
	        "invalid_field", "employer_credit_code");
	refused(&FGY.c, with(json_deep_copy(b), "employer_name", json_string("青")), 400, "invalid_field",
	        "employer_name");
	with(b, "employer_credit_code", json_string(code));
	post(&FGY.c, b, &r);
	expect_status(&r, 201);
	assert_true(json_is_null(jget(r.json, "employer_id")));
	assert_string_equal(jstr(r.json, "employer_credit_code"), code);
	int64_t id = jint(r.json, "id");
	resp_free(&r);
	/* the name can be corrected while no registered employer is behind it */
	patch(&FGY.c, id, json_pack("{s:s}", "employer_name", "青口镇企业家协会"), &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "employer_name"), "青口镇企业家协会");
	resp_free(&r);
}

static void test_patch_and_terminate(void **state)
{
	(void)state;
	int64_t id = create_ok(&CU1.c, body_u1());
	struct resp r;
	patch(&CU1.c, id,
	      json_pack("{s:i, s:s, s:s}", "workers_covered", 130, "registered_on", "2026-01-20", "note",
	                "已报人社局审查"),
	      &r);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "workers_covered"), 130);
	assert_string_equal(jstr(r.json, "registered_on"), "2026-01-20");
	assert_string_equal(jstr(r.json, "note"), "已报人社局审查");
	resp_free(&r);
	/* refusals that change nothing */
	patch(&CU1.c, id, json_object(), &r);
	expect_error(&r, 400, "bad_request", NULL);
	resp_free(&r);
	patch(&CU1.c, id, json_pack("{s:i}", "colour", 3), &r);
	expect_error(&r, 400, "bad_request", NULL);
	resp_free(&r);
	patch(&CU1.c, id, json_pack("{s:s}", "ends_on", "2025-12-01"), &r);
	expect_error(&r, 400, "invalid_field", "ends_on");
	resp_free(&r);
	patch(&CU1.c, id, json_pack("{s:i}", "workers_covered", -3), &r);
	expect_error(&r, 400, "invalid_field", "workers_covered");
	resp_free(&r);
	patch(&CU1.c, id, json_pack("{s:s}", "employer_name", "别的公司"), &r);
	expect_error(&r, 400, "invalid_field", "employer_name");
	resp_free(&r);
	patch(&CU1.c, id, json_pack("{s:s}", "terminated_reason", "企业关闭"), &r);
	expect_error(&r, 400, "missing_field", "terminated_on");
	resp_free(&r);
	patch(&CU1.c, id, json_pack("{s:s}", "terminated_on", "2026-03-01"), &r);
	expect_error(&r, 400, "missing_field", "terminated_reason");
	resp_free(&r);
	patch(&CU1.c, id, json_pack("{s:s, s:s}", "terminated_on", "2026-03-20", "terminated_reason", "企业关闭"), &r);
	expect_error(&r, 400, "invalid_field", "terminated_on");
	resp_free(&r);
	patch(&CV1.c, id, json_pack("{s:i}", "workers_covered", 99), &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	patch(&PU1.c, id, json_pack("{s:i}", "workers_covered", 99), &r);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
	get_contract(&A, id, &r);
	assert_int_equal(jint(r.json, "workers_covered"), 130);
	assert_string_equal(jstr(r.json, "status"), "active");
	resp_free(&r);
	/* termination */
	int64_t audits = audit_count("contract.terminate");
	patch(&CU1.c, id,
	      json_pack("{s:s, s:s}", "terminated_on", "2026-03-01", "terminated_reason", "企业改制，双方协商解除"),
	      &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "status"), "terminated");
	assert_string_equal(jstr(r.json, "terminated_on"), "2026-03-01");
	resp_free(&r);
	assert_int_equal(audit_count("contract.terminate"), audits + 1);
	/* a terminated contract cannot change */
	patch(&CU1.c, id, json_pack("{s:i}", "workers_covered", 99), &r);
	expect_error(&r, 409, "conflict", NULL);
	resp_free(&r);
	assert_int_equal(position(&CU1.c, "&status=terminated", id) >= 0, 1);
	assert_int_equal(position(&CU1.c, "&status=active", id), -1);
	/* an expired one cannot be terminated */
	json_t *b = body_u1();
	with(b, "signed_on", json_string("2023-01-01"));
	with(b, "starts_on", json_string("2023-01-01"));
	with(b, "ends_on", json_string("2025-12-31"));
	int64_t old = create_ok(&CU1.c, b);
	assert_string_equal(status_of(old), "expired");
	patch(&CU1.c, old, json_pack("{s:s, s:s}", "terminated_on", "2025-06-01", "terminated_reason", "补登终止"), &r);
	expect_error(&r, 409, "conflict", "terminated_on");
	resp_free(&r);
	assert_string_equal(status_of(old), "expired");
	/* a contract that has not started yet is pending */
	b = body_u1();
	with(b, "starts_on", json_string("2026-04-01"));
	int64_t later = create_ok(&CU1.c, b);
	assert_string_equal(status_of(later), "pending");
	assert_true(position(&CU1.c, "&status=pending", later) >= 0);
}

static void test_list_filters(void **state)
{
	(void)state;
	struct resp r;
	const char *bad[][2] = {{"kind=x", "kind"},
	                        {"status=open", "status"},
	                        {"expiring_within=0", "expiring_within"},
	                        {"expiring_within=abc", "expiring_within"},
	                        {"org=abc", "org"},
	                        {"limit=0", "limit"}};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(reqf(&CU1.c, "GET", NULL, &r, "/api/contracts?%s", bad[i][0]), 0);
		expect_error(&r, 400, "invalid_field", bad[i][1]);
		resp_free(&r);
	}
	assert_int_equal(reqf(&CU1.c, "GET", NULL, &r, "/api/contracts?org=%" PRId64, V1), 0);
	expect_error(&r, 404, "not_found", "org");
	resp_free(&r);
	assert_int_equal(reqf(&CU1.c, "GET", NULL, &r, "/api/contracts/figures?org=%" PRId64, GY), 0);
	expect_error(&r, 404, "not_found", "org");
	resp_free(&r);
	struct client anon;
	client_init(&anon, &S);
	assert_int_equal(req(&anon, "GET", "/api/contracts", NULL, &r), 0);
	expect_error(&r, 401, "unauthenticated", NULL);
	resp_free(&r);
	client_release(&anon);
	/* kind and employer filters, and the org subtree */
	int64_t v =
	        create_ok(&CV1.c, json_pack("{s:s, s:I, s:s, s:s, s:s, s:i, s:i}", "kind", "wage_special", "org_id",
	                                    (json_int_t)V1, "signed_on", "2026-03-01", "starts_on", "2026-03-01",
	                                    "ends_on", "2027-02-28", "workers_covered", 40, "wage_increase_bp", 280));
	assert_true(position(&FGY.c, "&kind=wage_special", v) >= 0);
	assert_int_equal(position(&FGY.c, "&kind=collective", v), -1);
	char q[600];
	snprintf(q, sizeof(q), "&org=%" PRId64, ZW);
	assert_true(position(&FGY.c, q, v) >= 0);
	snprintf(q, sizeof(q), "&org=%" PRId64, QK);
	assert_int_equal(position(&FGY.c, q, v), -1);
	struct resp g;
	get_contract(&CV1.c, v, &g);
	char name[256];
	snprintf(name, sizeof(name), "%s", jstr(g.json, "employer_name"));
	resp_free(&g);
	char *esc = curl_easy_escape(NULL, name, 0);
	snprintf(q, sizeof(q), "&employer=%s", esc);
	curl_free(esc);
	assert_true(position(&FGY.c, q, v) >= 0);
	assert_int_equal(position(&FGY.c, "&employer=%E6%97%A0%E6%AD%A4%E5%8D%95%E4%BD%8D", v), -1);
	/* a list of the party officer, who reads */
	assert_true(total_of(&PU1.c, "") > 0);
}

static void test_expiry_window(void **state)
{
	(void)state;
	/* Ends 2026-09-30: 90 days before it is 2026-07-02. */
	json_t *b = body_u1();
	with(b, "ends_on", json_string("2026-09-30"));
	int64_t id = create_ok(&CU1.c, b);
	b = body_u1();
	with(b, "ends_on", json_string("2026-08-15"));
	int64_t sooner = create_ok(&CU1.c, b);
	b = body_u1();
	with(b, "ends_on", json_string("2026-08-20"));
	int64_t ended = create_ok(&CU1.c, b);
	struct resp r;
	patch(&CU1.c, ended, json_pack("{s:s, s:s}", "terminated_on", "2026-03-05", "terminated_reason", "企业注销"),
	      &r);
	expect_status(&r, 200);
	resp_free(&r);
	char q[64];
	snprintf(q, sizeof(q), "&expiring_within=90&org=%" PRId64, U1);
	assert_int_equal(position(&CU1.c, q, id), -1);
	struct cfig f0, f1, f2, f3;

	clock_to("2026-07-01T12:00:00+08:00");
	figures(&FGY.c, U1, &f0);
	assert_int_equal(position(&CU1.c, q, id), -1);
	assert_true(position(&CU1.c, q, sooner) >= 0);
	assert_int_equal(position(&CU1.c, q, ended), -1); /* terminated: never expiring */

	clock_to("2026-07-02T09:00:00+08:00");
	figures(&FGY.c, U1, &f1);
	assert_int_equal(f1.expiring, f0.expiring + 1);
	int p_sooner = position(&CU1.c, q, sooner), p_id = position(&CU1.c, q, id);
	assert_true(p_id >= 0);
	assert_true(p_sooner >= 0 && p_sooner < p_id); /* by end date */
	get_contract(&CU1.c, id, &r);
	assert_true(json_is_true(jget(r.json, "expiring")));
	assert_int_equal(jint(r.json, "days_left"), 90);
	resp_free(&r);
	/* the federation above sees it in its own window too */
	assert_true(position(&FGY.c, "&expiring_within=90", id) >= 0);
	assert_int_equal(position(&CV1.c, "&expiring_within=90", id), -1);

	clock_to("2026-09-30T23:00:00+08:00");
	assert_true(position(&CU1.c, q, id) >= 0);
	assert_string_equal(status_of(id), "active");
	figures(&FGY.c, U1, &f2);

	clock_to("2026-10-01T00:30:00+08:00");
	assert_int_equal(position(&CU1.c, q, id), -1);
	assert_string_equal(status_of(id), "expired");
	assert_true(position(&CU1.c, "&status=expired", id) >= 0);
	figures(&FGY.c, U1, &f3);
	assert_int_equal(f3.in_force, f2.in_force - 1);
	assert_int_equal(f3.workers, f2.workers - 120);
	assert_int_equal(f3.total, f2.total);
	clock_to(T0);
}

static void test_figures(void **state)
{
	(void)state;
	struct cfig before_u, before_gy, after_u, after_gy, other;
	figures(&CU1.c, U1, &before_u);
	figures(&FGY.c, GY, &before_gy);
	figures(&CV1.c, V1, &other);
	json_t *b = body_u1();
	with(b, "workers_covered", json_integer(77));
	with(b, "ends_on", json_string("2026-05-31")); /* within 90 days of 2026-03-10 */
	create_ok(&CU1.c, b);
	figures(&CU1.c, U1, &after_u);
	figures(&FGY.c, GY, &after_gy);
	assert_int_equal(after_u.total, before_u.total + 1);
	assert_int_equal(after_u.in_force, before_u.in_force + 1);
	assert_int_equal(after_u.workers, before_u.workers + 77);
	assert_int_equal(after_u.expiring, before_u.expiring + 1);
	assert_int_equal(after_gy.in_force, before_gy.in_force + 1);
	assert_int_equal(after_gy.workers, before_gy.workers + 77);
	struct cfig other_after;
	figures(&CV1.c, V1, &other_after);
	assert_int_equal(other_after.total, other.total);
	/* without org: the caller's own scope */
	struct resp r;
	assert_int_equal(req(&CU1.c, "GET", "/api/contracts/figures", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "in_force"), after_u.in_force);
	resp_free(&r);
	assert_int_equal(req(&CU1.c, "GET", "/api/contracts/figures?expiring_within=9999", NULL, &r), 0);
	expect_error(&r, 400, "invalid_field", "expiring_within");
	resp_free(&r);
}

static void test_union_moves_with_its_contracts(void **state)
{
	(void)state;
	int64_t id = create_ok(&FGY.c, json_pack("{s:s, s:I, s:s, s:s, s:s, s:i}", "kind", "collective", "org_id",
	                                         (json_int_t)U2, "signed_on", "2026-01-05", "starts_on", "2026-01-10",
	                                         "ends_on", "2028-12-31", "workers_covered", 50));
	struct resp r;
	get_contract(&CV1.c, id, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	/* the union's notice and service item move with it too */
	assert_int_equal(reqj(&FGY.c, "POST", "/api/supervision-notices",
	                      json_pack("{s:s, s:I, s:s, s:s}", "kind", "opinion", "org_id", (json_int_t)U2, "subject",
	                                "未签订劳动合同", "content", "请与全体职工依法签订书面劳动合同。"),
	                      &r),
	                 0);
	expect_status(&r, 201);
	int64_t notice = jint(r.json, "id");
	resp_free(&r);
	assert_int_equal(reqj(&FGY.c, "POST", "/api/service-items",
	                      json_pack("{s:I, s:s, s:s, s:s}", "org_id", (json_int_t)U2, "title", "职工书屋",
	                                "category", "other", "description", "午休时间开放借阅。"),
	                      &r),
	                 0);
	expect_status(&r, 201);
	int64_t item = jint(r.json, "id");
	resp_free(&r);
	char path[64];
	snprintf(path, sizeof(path), "/api/orgs/%" PRId64 "/move", U2);
	assert_int_equal(reqj(&FGY.c, "POST", path,
	                      json_pack("{s:I, s:s}", "parent_id", (json_int_t)ZW, "division_code", "320707101"), &r),
	                 0);
	expect_status(&r, 200);
	resp_free(&r);
	/* the town federation of 柘汪 now sees it; the union's own range moved with it */
	char q[64];
	snprintf(q, sizeof(q), "&org=%" PRId64, ZW);
	assert_true(position(&FGY.c, q, id) >= 0);
	snprintf(q, sizeof(q), "&org=%" PRId64, QK);
	assert_int_equal(position(&FGY.c, q, id), -1);
	/* the cadre of 柘汪's union sees none of them (another union), 柘汪's federation all */
	get_contract(&CV1.c, id, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(reqf(&FGY.c, "GET", NULL, &r, "/api/supervision-notices?limit=200&org=%" PRId64, ZW), 0);
	expect_status(&r, 200);
	bool found = false;
	for (size_t i = 0; i < json_array_size(jget(r.json, "items")); i++)
		found |= jint(json_array_get(jget(r.json, "items"), i), "id") == notice;
	resp_free(&r);
	assert_true(found);
	assert_int_equal(reqf(&FGY.c, "GET", NULL, &r, "/api/service-items?limit=200&org=%" PRId64, ZW), 0);
	expect_status(&r, 200);
	found = false;
	for (size_t i = 0; i < json_array_size(jget(r.json, "items")); i++)
		found |= jint(json_array_get(jget(r.json, "items"), i), "id") == item;
	resp_free(&r);
	assert_true(found);
	assert_int_equal(reqf(&FGY.c, "GET", NULL, &r, "/api/service-items?limit=200&org=%" PRId64, QK), 0);
	for (size_t i = 0; i < json_array_size(jget(r.json, "items")); i++)
		assert_true(jint(json_array_get(jget(r.json, "items"), i), "id") != item);
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_create_and_read),
	        cmocka_unit_test(test_create_refusals),
	        cmocka_unit_test(test_regional_federation_by_name),
	        cmocka_unit_test(test_patch_and_terminate),
	        cmocka_unit_test(test_list_filters),
	        cmocka_unit_test(test_expiry_window),
	        cmocka_unit_test(test_figures),
	        cmocka_unit_test(test_union_moves_with_its_contracts),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
