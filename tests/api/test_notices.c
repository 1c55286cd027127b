/*
 * API: labour-law supervision notices (/api/supervision-notices). A union issues an opinion or a
 * suggestion to its employer (by default), a federation to any employer in its scope or one named
 * with its credit code; the employer's answer is recorded, then the notice is closed with the
 * outcome of the follow-up. Every invalid field is a 400 naming it, a party officer may read but
 * not write (403), outside the scope is 404, and a state that forbids the step is 409 (answering
 * twice, editing after the answer, closing twice, closing an unanswered notice as rectified).
 * Overdue follows the test clock: not on the due date, overdue the day after, and no longer once
 * answered. Every write leaves an audit row; failures write nothing.
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
static int64_t GY, QK, ZW, DH, U1, V1, E1, EV1;

static struct staff CU1 = {.user = "nt.cadre.u1"};
static struct staff CV1 = {.user = "nt.cadre.v1"};
static struct staff FGY = {.user = "nt.fed.gy"};
static struct staff FDH = {.user = "nt.fed.dh"};
static struct staff PU1 = {.user = "nt.party.u1"};
static struct staff *const ALL[] = {&CU1, &CV1, &FGY, &FDH, &PU1};

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

static int64_t employer_of(int64_t org)
{
	struct resp r;
	if (reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64, org) < 0)
		return 0;
	int64_t id = r.status == 200 ? jint(r.json, "employer.id") : 0;
	resp_free(&r);
	return id;
}

static void clock_to(const char *iso)
{
	assert_int_equal(set_clock(&A, iso), 204);
	assert_int_equal(login(&A, "admin", S.admin_pw), 200);
	staff_relogin(ALL, sizeof(ALL) / sizeof(ALL[0]));
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
	if (!GY || !QK || !ZW || !DH || !(U1 = first_demo_union(QK)) || !(V1 = first_demo_union(ZW)) ||
	    !(E1 = employer_of(U1)) || !(EV1 = employer_of(V1)))
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

static json_t *body_u1(void)
{
	return json_pack("{s:s, s:I, s:s, s:s, s:s, s:s}", "kind", "opinion", "org_id", (json_int_t)U1, "issued_on",
	                 "2026-03-09", "subject", "未按时足额支付加班工资", "content",
	                 "经核查，贵单位存在安排职工延长工作时间但未支付加班工资的情况，请依法整改。", "legal_basis",
	                 "《劳动法》第四十四条");
}

static json_t *with(json_t *b, const char *key, json_t *v)
{
	if (v)
		json_object_set_new(b, key, v);
	else
		json_object_del(b, key);
	return b;
}

static void post(struct client *c, json_t *body, struct resp *r)
{
	assert_int_equal(reqj(c, "POST", "/api/supervision-notices", body, r), 0);
}

static int64_t create_ok(struct client *c, json_t *body)
{
	struct resp r;
	post(c, body, &r);
	expect_status(&r, 201);
	int64_t id = jint(r.json, "id");
	resp_free(&r);
	return id;
}

static void step(struct client *c, int64_t id, const char *what, json_t *body, struct resp *r)
{
	char path[96];
	snprintf(path, sizeof(path), "/api/supervision-notices/%" PRId64 "%s", id, what);
	assert_int_equal(reqj(c, *what ? "POST" : "PATCH", path, body, r), 0);
}

static void get_notice(struct client *c, int64_t id, struct resp *r)
{
	assert_int_equal(reqf(c, "GET", NULL, r, "/api/supervision-notices/%" PRId64, id), 0);
}

static int64_t total_of(const char *query)
{
	struct resp r;
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/supervision-notices?limit=1%s", query), 0);
	expect_status(&r, 200);
	int64_t n = jint(r.json, "total");
	resp_free(&r);
	return n;
}

static bool listed(struct client *c, const char *query, int64_t id)
{
	return api_list_holds(c, "/api/supervision-notices", query, id);
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

/* The state and updated_at of a notice, to show a refused step changed nothing. */
static void snap(int64_t id, char state[16], char updated[40])
{
	struct resp r;
	get_notice(&A, id, &r);
	expect_status(&r, 200);
	snprintf(state, 16, "%s", jstr(r.json, "state"));
	snprintf(updated, 40, "%s", jstr(r.json, "updated_at"));
	resp_free(&r);
}

/* A step that must fail with status, code and field and change nothing. */
static void step_refused(struct client *c, int64_t id, const char *what, json_t *body, long status, const char *code,
                         const char *field)
{
	char s0[16], u0[40], s1[16], u1[40];
	snap(id, s0, u0);
	struct resp r;
	step(c, id, what, body, &r);
	expect_error(&r, status, code, field);
	resp_free(&r);
	snap(id, s1, u1);
	assert_string_equal(s0, s1);
	assert_string_equal(u0, u1);
}

/* ---- tests ---- */

static void test_issue_and_read(void **state)
{
	(void)state;
	int64_t audits = audit_count("notice.create");
	struct resp r;
	post(&CU1.c, body_u1(), &r);
	expect_status(&r, 201);
	int64_t id = jint(r.json, "id");
	assert_string_equal(jstr(r.json, "state"), "issued");
	assert_string_equal(jstr(r.json, "state_label"), "已发出");
	assert_string_equal(jstr(r.json, "kind_label"), "劳动法律监督意见书");
	assert_int_equal(jint(r.json, "employer_id"), E1);               /* the union's own employer */
	assert_string_equal(jstr(r.json, "reply_due_on"), "2026-04-08"); /* 30 days by default */
	assert_true(json_is_false(jget(r.json, "overdue")));
	assert_true(json_is_null(jget(r.json, "answer")));
	resp_free(&r);
	assert_int_equal(audit_count("notice.create"), audits + 1);
	struct client *readers[] = {&CU1.c, &FGY.c, &PU1.c, &A};
	for (size_t i = 0; i < sizeof(readers) / sizeof(readers[0]); i++) {
		get_notice(readers[i], id, &r);
		expect_status(&r, 200);
		resp_free(&r);
	}
	get_notice(&CV1.c, id, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	get_notice(&FDH.c, id, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_true(listed(&FGY.c, "", id));
	assert_false(listed(&CV1.c, "", id));

	/* the county federation: to a registered employer in its scope, and to one named by code */
	json_t *b = with(with(body_u1(), "org_id", json_integer(GY)), "employer_id", json_integer(EV1));
	with(b, "kind", json_string("suggestion"));
	with(b, "reply_due_on", json_string("2026-03-24"));
	post(&FGY.c, b, &r);
	expect_status(&r, 201);
	assert_int_equal(jint(r.json, "employer_id"), EV1);
	assert_string_equal(jstr(r.json, "kind_label"), "劳动法律监督建议书");
	assert_string_equal(jstr(r.json, "reply_due_on"), "2026-03-24");
	assert_string_equal(jstr(r.json, "org_name"), "赣榆区总工会");
	resp_free(&r);
	char code[19];
	uscc_make(code, "320707", 777, true);
	b = with(with(body_u1(), "org_id", json_integer(GY)), "employer_name", json_string("赣榆某物流有限公司"));
	with(b, "employer_credit_code", json_string(code));
	post(&FGY.c, b, &r);
	expect_status(&r, 201);
	assert_true(json_is_null(jget(r.json, "employer_id")));
	assert_string_equal(jstr(r.json, "employer_credit_code"), code);
	resp_free(&r);
}

static void refused(struct client *c, json_t *body, long status, const char *code, const char *field)
{
	int64_t before = total_of("");
	struct resp r;
	post(c, body, &r);
	expect_error(&r, status, code, field);
	resp_free(&r);
	assert_int_equal(total_of(""), before);
}

static void test_issue_refusals(void **state)
{
	(void)state;
	refused(&CU1.c, with(body_u1(), "kind", NULL), 400, "missing_field", "kind");
	refused(&CU1.c, with(body_u1(), "kind", json_string("order")), 400, "invalid_field", "kind");
	refused(&CU1.c, with(body_u1(), "org_id", NULL), 400, "missing_field", "org_id");
	refused(&CU1.c, with(body_u1(), "subject", NULL), 400, "missing_field", "subject");
	refused(&CU1.c, with(body_u1(), "subject", json_string("欠")), 400, "invalid_field", "subject");
	refused(&CU1.c, with(body_u1(), "content", NULL), 400, "missing_field", "content");
	refused(&CU1.c, with(body_u1(), "content", json_string("请整改")), 400, "invalid_field", "content");
	refused(&CU1.c, with(body_u1(), "issued_on", json_string("2026-03-11")), 400, "invalid_field", "issued_on");
	refused(&CU1.c, with(body_u1(), "issued_on", json_string("9.3.2026")), 400, "invalid_field", "issued_on");
	refused(&CU1.c, with(body_u1(), "reply_due_on", json_string("2026-03-09")), 400, "invalid_field",
	        "reply_due_on");
	refused(&CU1.c, with(body_u1(), "reply_due_on", json_string("2027-06-01")), 400, "invalid_field",
	        "reply_due_on");
	refused(&CU1.c, with(body_u1(), "legal_basis", json_integer(44)), 400, "invalid_field", "legal_basis");
	/* an employer outside the caller's scope is not found */
	refused(&CU1.c, with(body_u1(), "employer_id", json_integer(EV1)), 404, "not_found", "employer_id");
	/* a federation without its own employer must name one, with a valid code */
	json_t *b = with(body_u1(), "org_id", json_integer(GY));
	refused(&FGY.c, json_deep_copy(b), 400, "missing_field", "employer_name");
	with(b, "employer_name", json_string("赣榆某物流有限公司"));
	refused(&FGY.c, json_deep_copy(b), 400, "missing_field", "employer_credit_code");
	refused(&FGY.c, with(b, "employer_credit_code", json_string("913207070000000000")), 400, "invalid_field",
	        "employer_credit_code");
	refused(&CV1.c, body_u1(), 404, "not_found", "org_id");
	refused(&FDH.c, body_u1(), 404, "not_found", "org_id");
	refused(&PU1.c, body_u1(), 403, "forbidden", NULL);
	struct client anon;
	client_init(&anon, &S);
	refused(&anon, body_u1(), 401, "unauthenticated", NULL);
	client_release(&anon);
}

static void test_edit_answer_close(void **state)
{
	(void)state;
	int64_t id = create_ok(&CU1.c, body_u1());
	struct resp r;
	/* corrections while issued */
	step(&CU1.c, id, "",
	     json_pack("{s:s, s:s}", "subject", "延长工作时间未支付加班工资", "reply_due_on", "2026-03-30"), &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "subject"), "延长工作时间未支付加班工资");
	assert_string_equal(jstr(r.json, "reply_due_on"), "2026-03-30");
	resp_free(&r);
	step_refused(&CU1.c, id, "", json_object(), 400, "bad_request", NULL);
	step_refused(&CU1.c, id, "", json_pack("{s:s}", "reply_due_on", "2026-03-01"), 400, "invalid_field",
	             "reply_due_on");
	step_refused(&CV1.c, id, "", json_pack("{s:s}", "subject", "别的事由"), 404, "not_found", NULL);
	step_refused(&PU1.c, id, "", json_pack("{s:s}", "subject", "别的事由"), 403, "forbidden", NULL);
	/* closing an unanswered notice as rectified: the union cannot know */
	step_refused(&CU1.c, id, "/close", json_pack("{s:s}", "outcome", "rectified"), 409, "conflict", "outcome");
	/* the answer */
	step_refused(&CU1.c, id, "/answer", json_object(), 400, "missing_field", "answer");
	step_refused(&CU1.c, id, "/answer", json_pack("{s:s}", "answer", "好"), 400, "invalid_field", "answer");
	step_refused(&CU1.c, id, "/answer",
	             json_pack("{s:s, s:s}", "answer", "已整改完毕", "answered_on", "2026-03-08"), 400, "invalid_field",
	             "answered_on");
	step_refused(&CU1.c, id, "/answer",
	             json_pack("{s:s, s:s}", "answer", "已整改完毕", "answered_on", "2026-03-12"), 400, "invalid_field",
	             "answered_on");
	step_refused(&CV1.c, id, "/answer", json_pack("{s:s}", "answer", "已整改完毕"), 404, "not_found", NULL);
	step_refused(&PU1.c, id, "/answer", json_pack("{s:s}", "answer", "已整改完毕"), 403, "forbidden", NULL);
	int64_t audits = audit_count("notice.answer");
	step(&CU1.c, id, "/answer", json_pack("{s:s}", "answer", "已补发加班工资并调整排班。"), &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state"), "answered");
	assert_string_equal(jstr(r.json, "answer"), "已补发加班工资并调整排班。");
	assert_string_equal(jstr(r.json, "answered_on"), "2026-03-10");
	resp_free(&r);
	assert_int_equal(audit_count("notice.answer"), audits + 1);
	/* no second answer, no edits after it */
	step_refused(&CU1.c, id, "/answer", json_pack("{s:s}", "answer", "再次答复内容"), 409, "conflict", NULL);
	step_refused(&CU1.c, id, "", json_pack("{s:s}", "subject", "改一下事由"), 409, "conflict", NULL);
	/* closing */
	step_refused(&CU1.c, id, "/close", json_object(), 400, "missing_field", "outcome");
	step_refused(&CU1.c, id, "/close", json_pack("{s:s}", "outcome", "done"), 400, "invalid_field", "outcome");
	step_refused(&CU1.c, id, "/close", json_pack("{s:s, s:s}", "outcome", "rectified", "closed_on", "2026-03-01"),
	             400, "invalid_field", "closed_on");
	audits = audit_count("notice.close");
	step(&FGY.c, id, "/close", json_pack("{s:s, s:s}", "outcome", "rectified", "follow_up", "回访职工确认已补发。"),
	     &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state"), "closed");
	assert_string_equal(jstr(r.json, "outcome"), "rectified");
	assert_string_equal(jstr(r.json, "outcome_label"), "已整改");
	assert_string_equal(jstr(r.json, "follow_up"), "回访职工确认已补发。");
	assert_string_equal(jstr(r.json, "closed_on"), "2026-03-10");
	resp_free(&r);
	assert_int_equal(audit_count("notice.close"), audits + 1);
	step_refused(&CU1.c, id, "/close", json_pack("{s:s}", "outcome", "rectified"), 409, "conflict", NULL);
	step_refused(&CU1.c, id, "/answer", json_pack("{s:s}", "answer", "补充答复内容"), 409, "conflict", NULL);
	/* an employer that never answers: closed as not rectified */
	int64_t silent = create_ok(&CU1.c, body_u1());
	step(&CU1.c, silent, "/close",
	     json_pack("{s:s, s:s}", "outcome", "not_rectified", "follow_up", "已移送劳动监察"), &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state"), "closed");
	assert_true(json_is_null(jget(r.json, "answer")));
	resp_free(&r);
	assert_true(listed(&CU1.c, "&state=closed", silent));
	assert_false(listed(&CU1.c, "&state=issued", silent));
	/* unknown notices */
	step_refused(&CU1.c, id, "", json_pack("{s:s}", "subject", "x"), 409, "conflict", NULL);
	assert_int_equal(reqj(&CU1.c, "POST", "/api/supervision-notices/99999/answer",
	                      json_pack("{s:s}", "answer", "已整改完毕"), &r),
	                 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
}

static void test_overdue_with_clock(void **state)
{
	(void)state;
	int64_t id = create_ok(&CU1.c, with(body_u1(), "reply_due_on", json_string("2026-03-25")));
	int64_t answered = create_ok(&CU1.c, with(body_u1(), "reply_due_on", json_string("2026-03-25")));
	struct resp r;
	clock_to("2026-03-25T18:00:00+08:00");
	get_notice(&CU1.c, id, &r);
	assert_true(json_is_false(jget(r.json, "overdue")));
	resp_free(&r);
	assert_false(listed(&CU1.c, "&overdue=1", id));
	assert_true(listed(&CU1.c, "&overdue=0", id));
	step(&CU1.c, answered, "/answer", json_pack("{s:s}", "answer", "已按要求整改并书面答复。"), &r);
	expect_status(&r, 200);
	resp_free(&r);

	clock_to("2026-03-26T08:00:00+08:00");
	get_notice(&CU1.c, id, &r);
	assert_true(json_is_true(jget(r.json, "overdue")));
	assert_int_equal(jint(r.json, "days_overdue"), 1);
	resp_free(&r);
	assert_true(listed(&CU1.c, "&overdue=1", id));
	assert_true(listed(&FGY.c, "&overdue=1", id));
	assert_false(listed(&CU1.c, "&overdue=1", answered)); /* answered in time */
	assert_false(listed(&CU1.c, "&overdue=0", id));

	clock_to("2026-04-05T08:00:00+08:00");
	get_notice(&CU1.c, id, &r);
	assert_int_equal(jint(r.json, "days_overdue"), 11);
	resp_free(&r);
	/* a late answer ends the overdue mark */
	step(&CU1.c, id, "/answer",
	     json_pack("{s:s, s:s}", "answer", "逾期答复：已整改。", "answered_on", "2026-04-03"), &r);
	expect_status(&r, 200);
	assert_true(json_is_false(jget(r.json, "overdue")));
	resp_free(&r);
	assert_false(listed(&CU1.c, "&overdue=1", id));
	clock_to(T0);
}

static void test_list_filters(void **state)
{
	(void)state;
	struct resp r;
	const char *bad[][2] = {{"kind=x", "kind"},
	                        {"state=open", "state"},
	                        {"overdue=2", "overdue"},
	                        {"org=abc", "org"},
	                        {"offset=-1", "offset"}};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(reqf(&CU1.c, "GET", NULL, &r, "/api/supervision-notices?%s", bad[i][0]), 0);
		expect_error(&r, 400, "invalid_field", bad[i][1]);
		resp_free(&r);
	}
	assert_int_equal(reqf(&CU1.c, "GET", NULL, &r, "/api/supervision-notices?org=%" PRId64, GY), 0);
	expect_error(&r, 404, "not_found", "org");
	resp_free(&r);
	int64_t s =
	        create_ok(&CV1.c, with(with(body_u1(), "org_id", json_integer(V1)), "kind", json_string("suggestion")));
	assert_true(listed(&FGY.c, "&kind=suggestion", s));
	assert_false(listed(&FGY.c, "&kind=opinion", s));
	char q[64];
	snprintf(q, sizeof(q), "&org=%" PRId64, ZW);
	assert_true(listed(&FGY.c, q, s));
	snprintf(q, sizeof(q), "&org=%" PRId64, QK);
	assert_false(listed(&FGY.c, q, s));
	assert_true(listed(&PU1.c, "", create_ok(&CU1.c, body_u1())));
	/* newest issued first */
	int64_t older = create_ok(&CU1.c, with(body_u1(), "issued_on", json_string("2026-01-05")));
	assert_int_equal(reqf(&CU1.c, "GET", NULL, &r, "/api/supervision-notices?limit=200"), 0);
	json_t *items = jget(r.json, "items");
	assert_int_equal(jint(json_array_get(items, json_array_size(items) - 1), "id"), older);
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_issue_and_read),    cmocka_unit_test(test_issue_refusals),
	        cmocka_unit_test(test_edit_answer_close), cmocka_unit_test(test_overdue_with_clock),
	        cmocka_unit_test(test_list_filters),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
