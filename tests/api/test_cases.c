/*
 * API: the case engine with its first two types (issue #3). Join applications: a worker applies
 * to a union found in the directory (POST /api/cases {"type":"join_application"}); staff cannot
 * apply for anyone; one open application per person, none for a member; the union approves (the
 * membership is created and the subtree counters of the union, the town, the county and the root
 * move by the particulars: members, women, migrant workers, party members, the birth year and its
 * age band, the joins of the month) or rejects with a reason; the applicant withdraws and sees the
 * state at any time. Who may act (CONTRACT.md): outside the scope a case is 404, in the scope
 * without the right 403, from a state that does not allow it 409, and none of them changes
 * anything. Transfers started by the member and by the sending union: the receiving union accepts
 * (old episode 已转出, a new 在会 episode, history kept, counters on both sides) or refuses with a
 * reason; a retained membership moves, an ended one cannot. Escalation: past the 30-day deadline
 * a case goes to the federation above, supervised and overdue, with an "escalate" event — seen by
 * the first request after the deadline, a read or an action. `gonghui stats verify` stays clean
 * throughout, and no ID or phone number is in the store or the log in clear at the end.
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

/* The place of birth of this suite's people: not 赣榆区 (320707), where the demo people are born,
 * so that no synthetic number is a demo person's. */
#define AREA     "320724"
#define T0       "2026-03-10T10:00:00+08:00"
#define MONTH    202603
#define PASSWORD "worker pass phrase 2026"

/* org_stat metrics (domain/stats.h): members by birth year, joins and leavings by month */
#define BIRTH_METRIC(y) (100 + (y)-1900)
#define MONTH_JOINS     1
#define MONTH_LEAVES    2

static struct srv S;
static struct client A; /* the national admin */
static int64_t ROOT, JS, GY, QK, ZW, DH, U1, U2, V1;
static char V1_NAME[256];

static struct staff CU1 = {.user = "cs.cadre.u1"};
static struct staff CU2 = {.user = "cs.cadre.u2"};
static struct staff CV1 = {.user = "cs.cadre.v1"};
static struct staff FQK = {.user = "cs.fed.qk"};
static struct staff FGY = {.user = "cs.fed.gy"};
static struct staff FDH = {.user = "cs.fed.dh"};
static struct staff PU1 = {.user = "cs.party.u1"};
static struct staff *const ALL_STAFF[] = {&CU1, &CU2, &CV1, &FQK, &FGY, &FDH, &PU1};

struct worker {
	char idn[19], phone[12], name[32];
	int birth_year;
	int64_t account;
	struct client c;
};
static struct worker W1, W2, W3, W4, W5, W7, W8;
static struct worker *const ALL_WORKERS[] = {&W1, &W2, &W3, &W4, &W5, &W7, &W8};

static int seq = 300, phone_seq = 0;
static char used[64][32]; /* every ID and phone number sent */
static int n_used;
static int64_t W1_MID;      /* W1's membership at U1 (test_join_approve) */
static int64_t W1_TRANSFER; /* W1's transfer from U1 to V1 (test_transfer_by_member) */
static int64_t KE1, KE2;    /* the cases escalated (test_escalation) */

static void remember(const char *s)
{
	if (n_used < (int)(sizeof(used) / sizeof(used[0])))
		snprintf(used[n_used++], sizeof(used[0]), "%s", s);
}

static void new_id(char out[19], int y, int m, int d, char sex)
{
	int s = seq++;
	if ((s % 2 == 1) != (sex == 'M'))
		s = seq++;
	idn_make(out, AREA, y, m, d, s);
	remember(out);
}

static void new_phone(char out[12])
{
	snprintf(out, 12, "1580707%04u", (unsigned)(++phone_seq) % 10000u);
	remember(out);
}

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
		if (json_is_true(jget(it, "demo")) && jstr(it, "kind") && !strcmp(jstr(it, "kind"), "enterprise"))
			ids[k++] = jint(it, "id");
	}
	resp_free(&r);
	return k;
}

/* Registers a worker (a person, a member account, no membership) and logs them in. */
static int worker_init(struct worker *w, const char *name, int y, int m, int d, char sex)
{
	new_id(w->idn, y, m, d, sex);
	new_phone(w->phone);
	snprintf(w->name, sizeof(w->name), "%s", name);
	w->birth_year = y;
	client_init(&w->c, &S);
	json_t *b = json_pack("{s:s, s:s, s:s, s:s}", "phone", w->phone, "id_number", w->idn, "name", name, "password",
	                      PASSWORD);
	struct resp r;
	if (reqj(&w->c, "POST", "/api/register", b, &r) < 0 || r.status != 201) {
		fprintf(stderr, "setup: register %s: %ld %s\n", name, r.status, r.body);
		return -1;
	}
	w->account = jint(r.json, "user.id");
	resp_free(&r);
	return login(&w->c, w->phone, PASSWORD) == 200 ? 0 : -1;
}

static int setup(void **state)
{
	if (srv_start(&S, true) < 0)
		return -1;
	client_init(&A, &S);
	if (set_clock(&A, T0) != 204 || login(&A, "admin", S.admin_pw) != 200)
		return -1;
	ROOT = org_by_division(&A, "000000000000");
	JS = org_by_division(&A, "32");
	GY = org_by_division(&A, "320707");
	QK = org_by_division(&A, "320707100");
	ZW = org_by_division(&A, "320707101");
	DH = org_by_division(&A, "320722");
	int64_t qk[2], zw[1];
	if (!ROOT || !JS || !GY || !QK || !ZW || !DH || demo_unions(QK, qk, 2) != 2 || demo_unions(ZW, zw, 1) != 1)
		return -1;
	U1 = qk[0];
	U2 = qk[1];
	V1 = zw[0];
	struct resp r;
	if (reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64, V1) < 0 || r.status != 200)
		return -1;
	snprintf(V1_NAME, sizeof(V1_NAME), "%s", jstr(r.json, "name"));
	resp_free(&r);
	const struct staff_spec accounts[] = {
	        {&CU1, U1, "cadre"},
	        {&CU2, U2, "cadre"},
	        {&CV1, V1, "cadre"},
	        {&FQK, QK, "federation_staff"},
	        {&FGY, GY, "federation_staff"},
	        {&FDH, DH, "federation_staff"},
	        {&PU1, U1, "party_officer"},
	};
	if (staff_make(&S, accounts, sizeof(accounts) / sizeof(accounts[0])) < 0)
		return -1;
	if (worker_init(&W1, "刘芳", 1990, 5, 17, 'F') || worker_init(&W2, "陈刚", 1986, 3, 3, 'M') ||
	    worker_init(&W3, "杨洋", 1999, 12, 1, 'M') || worker_init(&W4, "黄丽", 1984, 8, 8, 'F') ||
	    worker_init(&W5, "周杰", 1977, 2, 28, 'M') || worker_init(&W7, "徐静", 1993, 6, 6, 'F') ||
	    worker_init(&W8, "马超", 1989, 10, 10, 'M'))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	client_release(&A);
	staff_release(ALL_STAFF, sizeof(ALL_STAFF) / sizeof(ALL_STAFF[0]));
	for (size_t i = 0; i < sizeof(ALL_WORKERS) / sizeof(ALL_WORKERS[0]); i++)
		client_release(&ALL_WORKERS[i]->c);
	srv_stop(&S);
	return 0;
}

/* Logs everyone in again (after the clock jumped past their sessions). */
static void relogin_all(void)
{
	assert_int_equal(login(&A, "admin", S.admin_pw), 200);
	staff_relogin(ALL_STAFF, sizeof(ALL_STAFF) / sizeof(ALL_STAFF[0]));
	for (size_t i = 0; i < sizeof(ALL_WORKERS) / sizeof(ALL_WORKERS[0]); i++)
		assert_int_equal(login(&ALL_WORKERS[i]->c, ALL_WORKERS[i]->phone, PASSWORD), 200);
}

/* ---- cases ---- */

static void case_post(struct client *c, json_t *body, struct resp *r)
{
	assert_int_equal(reqj(c, "POST", "/api/cases", body, r), 0);
}

/* A join application of w to org with w's particulars (extra: more of them, stolen, may be NULL). */
static void apply(struct worker *w, int64_t org, json_t *extra, struct resp *r)
{
	json_t *p = json_pack("{s:s}", "name", w->name);
	if (extra) {
		json_object_update(p, extra);
		json_decref(extra);
	}
	case_post(&w->c,
	          json_pack("{s:s, s:I, s:o}", "type", "join_application", "org_id", (json_int_t)org, "particulars", p),
	          r);
}

static int64_t apply_ok(struct worker *w, int64_t org, json_t *extra)
{
	struct resp r;
	apply(w, org, extra, &r);
	expect_status(&r, 201);
	int64_t id = jint(r.json, "id");
	resp_free(&r);
	assert_true(id > 0);
	return id;
}

static void act(struct client *c, int64_t id, const char *action, const char *reason, struct resp *r)
{
	json_t *b = json_object();
	if (action)
		json_object_set_new(b, "action", json_string(action));
	if (reason)
		json_object_set_new(b, "reason", json_string(reason));
	char path[64];
	snprintf(path, sizeof(path), "/api/cases/%" PRId64 "/actions", id);
	assert_int_equal(reqj(c, "POST", path, b, r), 0);
}

static void act_ok(struct client *c, int64_t id, const char *action, const char *reason, const char *state)
{
	struct resp r;
	act(c, id, action, reason, &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state"), state);
	resp_free(&r);
}

static void get_case(struct client *c, int64_t id, struct resp *r)
{
	assert_int_equal(reqf(c, "GET", NULL, r, "/api/cases/%" PRId64, id), 0);
}

/* The state, the history's length and updated_at of a case, as the admin sees it. */
struct case_snap {
	char state[32], updated[40];
	size_t events;
	int64_t org;
};

static void case_snap(int64_t id, struct case_snap *s)
{
	struct resp r;
	get_case(&A, id, &r);
	expect_status(&r, 200);
	snprintf(s->state, sizeof(s->state), "%s", jstr(r.json, "state"));
	snprintf(s->updated, sizeof(s->updated), "%s", jstr(r.json, "updated_at"));
	s->events = json_array_size(jget(r.json, "history"));
	s->org = jint(r.json, "org_id");
	resp_free(&r);
}

static void assert_case_same(const struct case_snap *a, const struct case_snap *b)
{
	assert_string_equal(a->state, b->state);
	assert_string_equal(a->updated, b->updated);
	assert_int_equal(a->events, b->events);
	assert_int_equal(a->org, b->org);
}

static bool list_holds(struct client *c, const char *query, int64_t id)
{
	return case_list_holds(c, query, id);
}

static int64_t audit_total(void)
{
	struct resp r;
	assert_int_equal(req(&A, "GET", "/api/audit?limit=1", NULL, &r), 0);
	expect_status(&r, 200);
	int64_t n = jint(r.json, "total");
	resp_free(&r);
	return n;
}

/* ---- figures ---- */

struct mf {
	int64_t members, women, migrant, new_form, party, retained, open;
};

static void mf_get(int64_t org, struct mf *f)
{
	struct figs g;
	assert_int_equal(figs_get(&A, org, &g), 200);
	f->members = jint(g.raw, "members");
	f->women = jint(g.raw, "women");
	f->migrant = jint(g.raw, "migrant_workers");
	f->new_form = jint(g.raw, "new_form_workers");
	f->party = jint(g.raw, "party_members");
	f->retained = jint(g.raw, "retained");
	f->open = jint(g.raw, "open_cases");
	figs_free(&g);
	assert_true(f->members >= 0 && f->women >= 0 && f->migrant >= 0 && f->new_form >= 0 && f->party >= 0 &&
	            f->retained >= 0 && f->open >= 0);
}

#define assert_mf_moved(b, a, d_members, d_women, d_migrant, d_new_form, d_party) \
	do {                                                                      \
		assert_int_equal((a).members - (b).members, (d_members));         \
		assert_int_equal((a).women - (b).women, (d_women));               \
		assert_int_equal((a).migrant - (b).migrant, (d_migrant));         \
		assert_int_equal((a).new_form - (b).new_form, (d_new_form));      \
		assert_int_equal((a).party - (b).party, (d_party));               \
	} while (0)

/* ---- tests ---- */

static void test_join_approve(void **state)
{
	int64_t orgs[4] = {U1, QK, GY, ROOT};
	struct mf b[4], a[4];
	int64_t joins0[4], births0[4], api_joins0[4], band0[4];
	for (int i = 0; i < 4; i++) {
		mf_get(orgs[i], &b[i]);
		joins0[i] = srv_stat_month(&S, orgs[i], MONTH, MONTH_JOINS);
		births0[i] = srv_stat(&S, orgs[i], BIRTH_METRIC(1990));
		api_joins0[i] = figs_month(&A, orgs[i], "2026-03", "joins");
		band0[i] = figs_band(&A, orgs[i], "36-45"); /* 36 in 2026 */
		assert_true(api_joins0[i] >= 0 && band0[i] >= 0);
	}
	struct resp r;
	apply(&W1, U1,
	      json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "sex", "女", "political", "中共党员", "household", "农业户口",
	                "ethnicity", "汉族", "education", "本科", "phone", W1.phone),
	      &r);
	expect_status(&r, 201);
	int64_t kid = jint(r.json, "id");
	assert_true(kid > 0);
	assert_string_equal(jstr(r.json, "type"), "join_application");
	assert_string_equal(jstr(r.json, "state"), "submitted");
	assert_int_equal(jint(r.json, "org_id"), U1);
	assert_int_equal(jint(r.json, "applicant_id"), W1.account);
	assert_string_equal(jstr(r.json, "deadline"), "2026-04-09T10:00:00+08:00");
	assert_true(json_is_false(jget(r.json, "overdue")));
	assert_true(json_is_false(jget(r.json, "supervised")));
	assert_null(strstr(r.body, W1.idn));
	assert_null(strstr(r.body, W1.phone));
	resp_free(&r);
	struct mf open;
	mf_get(U1, &open);
	assert_int_equal(open.open - b[0].open, 1);

	/* the applicant sees it, with its history; the union finds it in its list */
	get_case(&W1.c, kid, &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state"), "submitted");
	assert_int_equal(json_array_size(jget(r.json, "history")), 1);
	assert_string_equal(jstr(r.json, "history.0.action"), "create");
	assert_string_equal(jstr(r.json, "history.0.to"), "submitted");
	resp_free(&r);
	assert_true(list_holds(&W1.c, "", kid));
	assert_true(list_holds(&CU1.c, "&type=join_application&state=submitted", kid));

	act(&CU1.c, kid, "approve", NULL, &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state"), "approved");
	assert_non_null(jstr(r.json, "closed_at"));
	assert_true(jint(r.json, "payload.membership_id") > 0);
	resp_free(&r);
	get_case(&W1.c, kid, &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state"), "approved");
	assert_int_equal(json_array_size(jget(r.json, "history")), 2);
	assert_string_equal(jstr(r.json, "history.1.action"), "approve");
	assert_string_equal(jstr(r.json, "history.1.from"), "submitted");
	assert_string_equal(jstr(r.json, "history.1.to"), "approved");
	resp_free(&r);

	/* the membership, as the member sees it */
	assert_int_equal(req(&W1.c, "GET", "/api/my/membership", NULL, &r), 0);
	expect_status(&r, 200);
	W1_MID = jint(r.json, "current.id");
	assert_true(W1_MID > 0);
	assert_int_equal(jint(r.json, "current.org_id"), U1);
	assert_string_equal(jstr(r.json, "current.status"), "active");
	assert_string_equal(jstr(r.json, "current.via"), "join");
	assert_string_equal(jstr(r.json, "current.joined_on"), "2026-03-10");
	assert_string_equal(jstr(r.json, "current.sex"), "F");
	assert_string_equal(jstr(r.json, "current.birth_date"), "1990-05-17");
	assert_string_equal(jstr(r.json, "current.political"), "cpc_member");
	assert_true(json_is_true(jget(r.json, "current.migrant")));
	assert_int_equal(jint(r.json, "history.total"), 1);
	assert_null(strstr(r.body, W1.idn));
	assert_null(strstr(r.body, W1.phone));
	resp_free(&r);

	/* the counters of the union, the town, the county and the root */
	for (int i = 0; i < 4; i++) {
		mf_get(orgs[i], &a[i]);
		assert_mf_moved(b[i], a[i], 1, 1, 1, 0, 1);
		assert_int_equal(a[i].open, b[i].open);
		assert_int_equal(srv_stat_month(&S, orgs[i], MONTH, MONTH_JOINS) - joins0[i], 1);
		assert_int_equal(srv_stat(&S, orgs[i], BIRTH_METRIC(1990)) - births0[i], 1);
		/* and as GET /api/orgs/{id}/stats answers them */
		assert_int_equal(figs_month(&A, orgs[i], "2026-03", "joins") - api_joins0[i], 1);
		assert_int_equal(figs_band(&A, orgs[i], "36-45") - band0[i], 1);
	}
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* Who may open a join application, and when. Nothing is written by a refusal. */
static void test_join_create_refusals(void **state)
{
	int64_t audit0 = audit_total();
	struct resp r;
	/* staff do not apply for anyone */
	struct client *staff[] = {&CU1.c, &FGY.c, &A};
	for (size_t i = 0; i < 3; i++) {
		case_post(staff[i],
		          json_pack("{s:s, s:I, s:{s:s}}", "type", "join_application", "org_id", (json_int_t)U1,
		                    "particulars", "name", W3.name),
		          &r);
		expect_status(&r, 403);
		assert_string_equal(jstr(r.json, "error.code"), "forbidden");
		resp_free(&r);
	}
	/* a member already */
	apply(&W1, U2, NULL, &r);
	expect_status(&r, 409);
	resp_free(&r);
	/* bad bodies */
	case_post(&W3.c, json_pack("{s:s}", "type", "join_application"), &r);
	expect_error(&r, 400, "missing_field", "org_id");
	resp_free(&r);
	apply(&W3, JS, NULL, &r);
	expect_error(&r, 400, "invalid_field", "org_id");
	resp_free(&r);
	apply(&W3, 999999, NULL, &r);
	expect_error(&r, 404, "not_found", "org_id");
	resp_free(&r);
	apply(&W3, U1, json_pack("{s:s}", "sex", "女"), &r);
	expect_error(&r, 400, "invalid_field", "particulars.sex");
	resp_free(&r);
	case_post(&W3.c, json_pack("{s:s, s:I}", "type", "lottery", "org_id", (json_int_t)U1), &r);
	expect_error(&r, 400, "invalid_field", "type");
	resp_free(&r);
	case_post(&W3.c, json_pack("{s:I}", "org_id", (json_int_t)U1), &r);
	expect_error(&r, 400, "missing_field", "type");
	resp_free(&r);
	assert_int_equal(audit_total(), audit0);
	assert_int_equal(req(&W3.c, "GET", "/api/cases", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 0);
	resp_free(&r);

	/* one open application per person */
	int64_t k = apply_ok(&W2, U2, NULL);
	apply(&W2, U1, NULL, &r);
	expect_status(&r, 409);
	resp_free(&r);
	act_ok(&W2.c, k, "withdraw", NULL, "withdrawn");
}

static void test_join_reject_and_withdraw(void **state)
{
	struct mf b, a;
	mf_get(U2, &b);
	int64_t k = apply_ok(&W2, U2, NULL);
	struct resp r;
	/* a rejection needs a reason */
	act(&CU2.c, k, "reject", NULL, &r);
	expect_error(&r, 400, "missing_field", "reason");
	resp_free(&r);
	act(&CU2.c, k, "reject", "", &r);
	expect_error(&r, 400, "missing_field", "reason");
	resp_free(&r);
	get_case(&W2.c, k, &r);
	assert_string_equal(jstr(r.json, "state"), "submitted");
	resp_free(&r);
	act_ok(&CU2.c, k, "reject", "不在本单位就业", "rejected");
	get_case(&W2.c, k, &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state"), "rejected");
	json_t *h = jget(r.json, "history");
	assert_int_equal(json_array_size(h), 2);
	assert_string_equal(jstr(json_array_get(h, 1), "action"), "reject");
	assert_string_equal(jstr(json_array_get(h, 1), "note"), "不在本单位就业");
	resp_free(&r);
	assert_int_equal(req(&W2.c, "GET", "/api/my/membership", NULL, &r), 0);
	assert_true(json_is_null(jget(r.json, "current")));
	resp_free(&r);

	/* applying again; only the applicant withdraws */
	int64_t k2 = apply_ok(&W2, U2, NULL);
	act(&CU2.c, k2, "withdraw", NULL, &r);
	expect_error(&r, 403, "forbidden", "action");
	resp_free(&r);
	act_ok(&W2.c, k2, "withdraw", NULL, "withdrawn");
	act(&W2.c, k2, "withdraw", NULL, &r);
	expect_error(&r, 409, "conflict", "action");
	resp_free(&r);
	act(&CU2.c, k2, "approve", NULL, &r);
	expect_error(&r, 409, "conflict", "action");
	resp_free(&r);
	mf_get(U2, &a);
	assert_mf_moved(b, a, 0, 0, 0, 0, 0);
	assert_int_equal(a.open, b.open);
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* Outside the scope 404, in it without the right 403, a closed case 409: nothing changes. */
static void test_join_who_may_act(void **state)
{
	int64_t k = apply_ok(&W4, U1, json_pack("{s:s}", "sex", "女"));
	struct case_snap s0, s1;
	case_snap(k, &s0);
	struct mf b, a;
	mf_get(U1, &b);
	int64_t audit0 = audit_total();
	struct resp r;
	/* not visible: cadres of other unions (same town, other town), another county, another member */
	struct client *outside[] = {&CU2.c, &CV1.c, &FDH.c, &W1.c};
	for (size_t i = 0; i < 4; i++) {
		get_case(outside[i], k, &r);
		expect_error(&r, 404, "not_found", NULL);
		resp_free(&r);
		act(outside[i], k, "approve", NULL, &r);
		expect_error(&r, 404, "not_found", NULL);
		resp_free(&r);
		act(outside[i], k, "reject", "不符合条件", &r);
		expect_error(&r, 404, "not_found", NULL);
		resp_free(&r);
		assert_false(list_holds(outside[i], "", k));
	}
	/* visible but not theirs to decide: the union's party officer, the applicant */
	get_case(&PU1.c, k, &r);
	expect_status(&r, 200);
	resp_free(&r);
	act(&PU1.c, k, "approve", NULL, &r);
	expect_error(&r, 403, "forbidden", "action");
	resp_free(&r);
	act(&W4.c, k, "approve", NULL, &r);
	expect_error(&r, 403, "forbidden", "action");
	resp_free(&r);
	act(&W4.c, k, "reject", "我不想等了", &r);
	expect_error(&r, 403, "forbidden", "action");
	resp_free(&r);
	act(&CU1.c, k, NULL, NULL, &r);
	expect_error(&r, 400, "missing_field", "action");
	resp_free(&r);
	case_snap(k, &s1);
	assert_case_same(&s0, &s1);
	mf_get(U1, &a);
	assert_mf_moved(b, a, 0, 0, 0, 0, 0);
	assert_int_equal(audit_total(), audit0);
	/* the federation above sees it */
	get_case(&FQK.c, k, &r);
	expect_status(&r, 200);
	resp_free(&r);
	assert_true(list_holds(&FGY.c, "&type=join_application", k));

	act_ok(&CU1.c, k, "approve", NULL, "approved");
	case_snap(k, &s0);
	mf_get(U1, &b);
	audit0 = audit_total();
	/* a closed case: 409 for each action, whoever may take it */
	act(&CU1.c, k, "approve", NULL, &r);
	expect_error(&r, 409, "conflict", "action");
	resp_free(&r);
	act(&CU1.c, k, "reject", "重复", &r);
	expect_error(&r, 409, "conflict", "action");
	resp_free(&r);
	act(&W4.c, k, "withdraw", NULL, &r);
	expect_error(&r, 409, "conflict", "action");
	resp_free(&r);
	case_snap(k, &s1);
	assert_case_same(&s0, &s1);
	mf_get(U1, &a);
	assert_mf_moved(b, a, 0, 0, 0, 0, 0);
	assert_int_equal(audit_total(), audit0);
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* The applicant became a member elsewhere meanwhile: approving is impossible (409), the message
 * does not name the other union (outside the approver's scope), and nothing changes. */
static void test_join_approve_conflict(void **state)
{
	int64_t k = apply_ok(&W5, U1, NULL);
	json_t *b = json_pack("{s:I, s:s, s:s, s:s}", "org_id", (json_int_t)V1, "id_number", W5.idn, "name", W5.name,
	                      "joined_on", "2026-03-01");
	struct resp r;
	assert_int_equal(reqj(&CV1.c, "POST", "/api/members", b, &r), 0);
	expect_status(&r, 201);
	resp_free(&r);
	struct case_snap s0, s1;
	case_snap(k, &s0);
	struct mf m0, m1;
	mf_get(U1, &m0);
	act(&CU1.c, k, "approve", NULL, &r);
	expect_status(&r, 409);
	const char *msg = jstr(r.json, "error.message");
	assert_non_null(msg);
	assert_null(strstr(msg, V1_NAME));
	assert_null(strstr(msg, "柘汪"));
	resp_free(&r);
	CU1.c.lang = "en";
	act(&CU1.c, k, "approve", NULL, &r);
	CU1.c.lang = NULL;
	expect_status(&r, 409);
	assert_null(strstr(r.body, V1_NAME));
	resp_free(&r);
	case_snap(k, &s1);
	assert_case_same(&s0, &s1);
	mf_get(U1, &m1);
	assert_mf_moved(m0, m1, 0, 0, 0, 0, 0);
	act_ok(&CU1.c, k, "reject", "已在其他工会入会", "rejected");
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* W1 (in U1, 青口镇) moves to V1 (柘汪镇) on their own request. */
static void test_transfer_by_member(void **state)
{
	assert_true(W1_MID > 0);
	struct resp r;
	case_post(&W1.c,
	          json_pack("{s:s, s:I, s:s}", "type", "transfer", "to_org_id", (json_int_t)V1, "reason", "换了工作"),
	          &r);
	expect_status(&r, 201);
	int64_t k = jint(r.json, "id");
	assert_string_equal(jstr(r.json, "type"), "transfer");
	assert_string_equal(jstr(r.json, "state"), "requested");
	assert_int_equal(jint(r.json, "org_id"), V1);
	assert_int_equal(jint(r.json, "payload.from_org_id"), U1);
	assert_int_equal(jint(r.json, "payload.membership_id"), W1_MID);
	resp_free(&r);
	W1_TRANSFER = k;
	/* one at a time */
	case_post(&W1.c, json_pack("{s:s, s:I}", "type", "transfer", "to_org_id", (json_int_t)U2), &r);
	expect_status(&r, 409);
	resp_free(&r);
	/* the sending union sees it but does not decide; others do not see it */
	get_case(&CU1.c, k, &r);
	expect_status(&r, 200);
	resp_free(&r);
	assert_true(list_holds(&CU1.c, "&type=transfer", k));
	act(&CU1.c, k, "approve", NULL, &r);
	expect_error(&r, 403, "forbidden", "action");
	resp_free(&r);
	get_case(&CU2.c, k, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);

	int64_t orgs[6] = {U1, V1, QK, ZW, GY, ROOT};
	struct mf b[6], a[6];
	for (int i = 0; i < 6; i++)
		mf_get(orgs[i], &b[i]);
	int64_t leaves0 = srv_stat_month(&S, U1, MONTH, MONTH_LEAVES);
	int64_t joins0 = srv_stat_month(&S, V1, MONTH, MONTH_JOINS);
	int64_t api_leaves0 = figs_month(&A, U1, "2026-03", "leaves");
	int64_t api_joins0 = figs_month(&A, V1, "2026-03", "joins");
	int64_t band_u1 = figs_band(&A, U1, "36-45"), band_v1 = figs_band(&A, V1, "36-45");
	act(&CV1.c, k, "approve", NULL, &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state"), "completed");
	int64_t new_mid = jint(r.json, "payload.new_membership_id");
	assert_true(new_mid > 0 && new_mid != W1_MID);
	resp_free(&r);

	/* the member: a new 在会 episode at V1, the old one 已转出 */
	assert_int_equal(req(&W1.c, "GET", "/api/my/membership", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "current.id"), new_mid);
	assert_int_equal(jint(r.json, "current.org_id"), V1);
	assert_string_equal(jstr(r.json, "current.status"), "active");
	assert_string_equal(jstr(r.json, "current.via"), "transfer");
	assert_int_equal(jint(r.json, "history.total"), 2);
	json_t *items = jget(r.json, "history.items");
	bool old_seen = false;
	for (size_t i = 0; i < json_array_size(items); i++) {
		json_t *it = json_array_get(items, i);
		if (jint(it, "id") == W1_MID) {
			old_seen = true;
			assert_string_equal(jstr(it, "status"), "transferred");
			assert_int_equal(jint(it, "org_id"), U1);
		}
	}
	assert_true(old_seen);
	resp_free(&r);
	/* the old episode's events */
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/members/%" PRId64, W1_MID), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "status"), "transferred");
	assert_string_equal(jstr(r.json, "status_label"), "已转出");
	json_t *ev = jget(r.json, "events");
	assert_int_equal(json_array_size(ev), 2);
	assert_string_equal(jstr(json_array_get(ev, 0), "to"), "active");
	assert_string_equal(jstr(json_array_get(ev, 1), "from"), "active");
	assert_string_equal(jstr(json_array_get(ev, 1), "to"), "transferred");
	resp_free(&r);
	/* each union sees its own episode only */
	assert_int_equal(reqf(&CU1.c, "GET", NULL, &r, "/api/members/%" PRId64, W1_MID), 0);
	expect_status(&r, 200);
	resp_free(&r);
	assert_int_equal(reqf(&CU1.c, "GET", NULL, &r, "/api/members/%" PRId64, new_mid), 0);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(reqf(&CV1.c, "GET", NULL, &r, "/api/members/%" PRId64, new_mid), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "org_id"), V1);
	resp_free(&r);

	/* counters: out of U1 and 青口镇, into V1 and 柘汪镇; the county and the root keep her */
	for (int i = 0; i < 6; i++)
		mf_get(orgs[i], &a[i]);
	assert_mf_moved(b[0], a[0], -1, -1, -1, 0, -1);
	assert_mf_moved(b[1], a[1], 1, 1, 1, 0, 1);
	assert_mf_moved(b[2], a[2], -1, -1, -1, 0, -1);
	assert_mf_moved(b[3], a[3], 1, 1, 1, 0, 1);
	assert_mf_moved(b[4], a[4], 0, 0, 0, 0, 0);
	assert_mf_moved(b[5], a[5], 0, 0, 0, 0, 0);
	assert_int_equal(srv_stat_month(&S, U1, MONTH, MONTH_LEAVES) - leaves0, 1);
	assert_int_equal(srv_stat_month(&S, V1, MONTH, MONTH_JOINS) - joins0, 1);
	assert_int_equal(figs_month(&A, U1, "2026-03", "leaves") - api_leaves0, 1);
	assert_int_equal(figs_month(&A, V1, "2026-03", "joins") - api_joins0, 1);
	assert_int_equal(figs_band(&A, U1, "36-45") - band_u1, -1);
	assert_int_equal(figs_band(&A, V1, "36-45") - band_v1, 1);
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* A member of U2's roster is moved to V1 by U2's cadre: refused once, withdrawn once, then done. */
static void test_transfer_by_sender(void **state)
{
	char idn[19];
	new_id(idn, 1985, 1, 9, 'M');
	json_t *b = json_pack("{s:I, s:s, s:s, s:s}", "org_id", (json_int_t)U2, "id_number", idn, "name", "郭亮",
	                      "joined_on", "2025-01-01");
	struct resp r;
	assert_int_equal(reqj(&CU2.c, "POST", "/api/members", b, &r), 0);
	expect_status(&r, 201);
	int64_t mid = jint(r.json, "id");
	resp_free(&r);
	/* not theirs to send: another union's cadre (404), a party officer (403); not to itself */
	case_post(&CU1.c,
	          json_pack("{s:s, s:I, s:I}", "type", "transfer", "membership_id", (json_int_t)mid, "to_org_id",
	                    (json_int_t)V1),
	          &r);
	expect_error(&r, 404, "not_found", "membership_id");
	resp_free(&r);
	case_post(&PU1.c,
	          json_pack("{s:s, s:I, s:I}", "type", "transfer", "membership_id", (json_int_t)mid, "to_org_id",
	                    (json_int_t)V1),
	          &r);
	expect_status(&r, 403);
	resp_free(&r);
	case_post(&CU2.c,
	          json_pack("{s:s, s:I, s:I}", "type", "transfer", "membership_id", (json_int_t)mid, "to_org_id",
	                    (json_int_t)U2),
	          &r);
	expect_error(&r, 400, "invalid_field", "to_org_id");
	resp_free(&r);
	case_post(&CU2.c, json_pack("{s:s, s:I}", "type", "transfer", "to_org_id", (json_int_t)V1), &r);
	expect_error(&r, 400, "missing_field", "membership_id");
	resp_free(&r);

	/* refused with a reason */
	json_t *body = json_pack("{s:s, s:I, s:I}", "type", "transfer", "membership_id", (json_int_t)mid, "to_org_id",
	                         (json_int_t)V1);
	case_post(&CU2.c, json_incref(body), &r);
	expect_status(&r, 201);
	int64_t k1 = jint(r.json, "id");
	assert_int_equal(jint(r.json, "org_id"), V1);
	resp_free(&r);
	act(&CV1.c, k1, "reject", NULL, &r);
	expect_error(&r, 400, "missing_field", "reason");
	resp_free(&r);
	act_ok(&CV1.c, k1, "reject", "本单位无此职工", "rejected");
	assert_int_equal(reqf(&CU2.c, "GET", NULL, &r, "/api/members/%" PRId64, mid), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "status"), "active");
	assert_int_equal(jint(r.json, "org_id"), U2);
	resp_free(&r);
	/* withdrawn by the sending union */
	case_post(&CU2.c, json_incref(body), &r);
	expect_status(&r, 201);
	int64_t k2 = jint(r.json, "id");
	resp_free(&r);
	act_ok(&CU2.c, k2, "withdraw", NULL, "withdrawn");
	/* accepted */
	case_post(&CU2.c, body, &r);
	expect_status(&r, 201);
	int64_t k3 = jint(r.json, "id");
	resp_free(&r);
	int64_t orgs[5] = {U2, V1, QK, ZW, GY};
	struct mf b5[5], a5[5];
	for (int i = 0; i < 5; i++)
		mf_get(orgs[i], &b5[i]);
	act(&CV1.c, k3, "accept", NULL, &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state"), "completed");
	int64_t new_mid = jint(r.json, "payload.new_membership_id");
	resp_free(&r);
	assert_int_equal(reqf(&CU2.c, "GET", NULL, &r, "/api/members/%" PRId64, mid), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "status"), "transferred");
	resp_free(&r);
	assert_int_equal(reqf(&CV1.c, "GET", NULL, &r, "/api/members/%" PRId64, new_mid), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "status"), "active");
	assert_string_equal(jstr(r.json, "via"), "transfer");
	resp_free(&r);
	for (int i = 0; i < 5; i++)
		mf_get(orgs[i], &a5[i]);
	assert_mf_moved(b5[0], a5[0], -1, 0, 0, 0, 0);
	assert_mf_moved(b5[1], a5[1], 1, 0, 0, 0, 0);
	assert_mf_moved(b5[2], a5[2], -1, 0, 0, 0, 0);
	assert_mf_moved(b5[3], a5[3], 1, 0, 0, 0, 0);
	assert_mf_moved(b5[4], a5[4], 0, 0, 0, 0, 0);
	/* the membership has ended: no second transfer */
	case_post(&CU2.c,
	          json_pack("{s:s, s:I, s:I}", "type", "transfer", "membership_id", (json_int_t)mid, "to_org_id",
	                    (json_int_t)U1),
	          &r);
	expect_error(&r, 409, "conflict", "membership_id");
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* A retained membership moves too; a membership that ended while the transfer waited cannot move
 * (409, nothing changes); a worker without a membership has nothing to transfer. */
static void test_transfer_edges(void **state)
{
	char idn[19], idn2[19];
	new_id(idn, 1982, 2, 2, 'F');
	new_id(idn2, 1983, 3, 3, 'M');
	struct resp r;
	json_t *b = json_pack("{s:I, s:s, s:s, s:s}", "org_id", (json_int_t)U2, "id_number", idn, "name", "彭丽",
	                      "joined_on", "2025-01-01");
	assert_int_equal(reqj(&CU2.c, "POST", "/api/members", b, &r), 0);
	expect_status(&r, 201);
	int64_t m1 = jint(r.json, "id");
	resp_free(&r);
	b = json_pack("{s:s}", "status", "retained");
	char path[96];
	snprintf(path, sizeof(path), "/api/members/%" PRId64 "/status", m1);
	assert_int_equal(reqj(&CU2.c, "POST", path, b, &r), 0);
	expect_status(&r, 200);
	resp_free(&r);
	case_post(&CU2.c,
	          json_pack("{s:s, s:I, s:I}", "type", "transfer", "membership_id", (json_int_t)m1, "to_org_id",
	                    (json_int_t)V1),
	          &r);
	expect_status(&r, 201);
	int64_t k1 = jint(r.json, "id");
	resp_free(&r);
	struct mf u2b, u2a, v1b, v1a;
	mf_get(U2, &u2b);
	mf_get(V1, &v1b);
	act_ok(&CV1.c, k1, "approve", NULL, "completed");
	mf_get(U2, &u2a);
	mf_get(V1, &v1a);
	assert_int_equal(u2a.retained - u2b.retained, -1);
	assert_mf_moved(u2b, u2a, 0, 0, 0, 0, 0);
	assert_mf_moved(v1b, v1a, 1, 1, 0, 0, 0);
	assert_int_equal(srv_stats_verify(&S), 0);

	/* the membership ends while the transfer waits */
	b = json_pack("{s:I, s:s, s:s, s:s}", "org_id", (json_int_t)U2, "id_number", idn2, "name", "曾强", "joined_on",
	              "2025-01-01");
	assert_int_equal(reqj(&CU2.c, "POST", "/api/members", b, &r), 0);
	expect_status(&r, 201);
	int64_t m2 = jint(r.json, "id");
	resp_free(&r);
	case_post(&CU2.c,
	          json_pack("{s:s, s:I, s:I}", "type", "transfer", "membership_id", (json_int_t)m2, "to_org_id",
	                    (json_int_t)V1),
	          &r);
	expect_status(&r, 201);
	int64_t k2 = jint(r.json, "id");
	resp_free(&r);
	b = json_pack("{s:s, s:s}", "status", "withdrawn", "reason", "离职");
	snprintf(path, sizeof(path), "/api/members/%" PRId64 "/status", m2);
	assert_int_equal(reqj(&CU2.c, "POST", path, b, &r), 0);
	expect_status(&r, 200);
	resp_free(&r);
	struct case_snap s0, s1;
	case_snap(k2, &s0);
	mf_get(V1, &v1b);
	act(&CV1.c, k2, "approve", NULL, &r);
	expect_status(&r, 409);
	resp_free(&r);
	case_snap(k2, &s1);
	assert_case_same(&s0, &s1);
	mf_get(V1, &v1a);
	assert_mf_moved(v1b, v1a, 0, 0, 0, 0, 0);
	act_ok(&CV1.c, k2, "reject", "会籍已终止", "rejected");

	/* nothing to transfer; not to a province */
	case_post(&W3.c, json_pack("{s:s, s:I}", "type", "transfer", "to_org_id", (json_int_t)V1), &r);
	expect_status(&r, 409);
	resp_free(&r);
	case_post(&W7.c, json_pack("{s:s, s:I}", "type", "transfer", "to_org_id", (json_int_t)JS), &r);
	expect_status(&r, 409); /* W7 has no membership yet either */
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);
}

static void test_case_lists(void **state)
{
	struct resp r;
	/* a cadre's list: its union's cases only */
	assert_int_equal(req(&CU1.c, "GET", "/api/cases?type=join_application&limit=200", NULL, &r), 0);
	expect_status(&r, 200);
	json_t *items = jget(r.json, "items");
	assert_true(json_array_size(items) >= 3);
	assert_int_equal(jint(r.json, "total"), json_array_size(items));
	for (size_t i = 0; i < json_array_size(items); i++) {
		assert_int_equal(jint(json_array_get(items, i), "org_id"), U1);
		assert_string_equal(jstr(json_array_get(items, i), "type"), "join_application");
	}
	resp_free(&r);
	/* the county's: both towns; filtered to U1 with org= */
	assert_int_equal(req(&FGY.c, "GET", "/api/cases?type=join_application&limit=200", NULL, &r), 0);
	expect_status(&r, 200);
	int64_t county_total = jint(r.json, "total");
	resp_free(&r);
	assert_int_equal(
	        reqf(&FGY.c, "GET", NULL, &r, "/api/cases?type=join_application&org=%" PRId64 "&limit=200", U1), 0);
	expect_status(&r, 200);
	items = jget(r.json, "items");
	assert_true(jint(r.json, "total") < county_total);
	for (size_t i = 0; i < json_array_size(items); i++)
		assert_int_equal(jint(json_array_get(items, i), "org_id"), U1);
	resp_free(&r);
	assert_int_equal(req(&FGY.c, "GET", "/api/cases?state=rejected&limit=200", NULL, &r), 0);
	expect_status(&r, 200);
	items = jget(r.json, "items");
	assert_true(json_array_size(items) >= 2);
	for (size_t i = 0; i < json_array_size(items); i++)
		assert_string_equal(jstr(json_array_get(items, i), "state"), "rejected");
	resp_free(&r);
	/* another county sees none of them, and may not name U1 */
	assert_int_equal(req(&FDH.c, "GET", "/api/cases", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 0);
	resp_free(&r);
	assert_int_equal(reqf(&FDH.c, "GET", NULL, &r, "/api/cases?org=%" PRId64, U1), 0);
	expect_status(&r, 404);
	resp_free(&r);
	/* nothing is overdue yet */
	assert_int_equal(req(&A, "GET", "/api/cases?overdue=1", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 0);
	resp_free(&r);
	/* a member's list: their own cases */
	assert_int_equal(req(&W2.c, "GET", "/api/cases?limit=200", NULL, &r), 0);
	expect_status(&r, 200);
	items = jget(r.json, "items");
	assert_true(json_array_size(items) >= 2);
	for (size_t i = 0; i < json_array_size(items); i++)
		assert_int_equal(jint(json_array_get(items, i), "applicant_id"), W2.account);
	resp_free(&r);
	/* no such case */
	get_case(&A, 999999, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	act(&A, 999999, "approve", NULL, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	/* bad filters */
	assert_int_equal(req(&CU1.c, "GET", "/api/cases?type=lottery", NULL, &r), 0);
	expect_error(&r, 400, "invalid_field", "type");
	resp_free(&r);
	assert_int_equal(req(&CU1.c, "GET", "/api/cases?overdue=maybe", NULL, &r), 0);
	expect_error(&r, 400, "invalid_field", "overdue");
	resp_free(&r);
	assert_int_equal(req(&CU1.c, "GET", "/api/cases?supervised=maybe", NULL, &r), 0);
	expect_error(&r, 400, "invalid_field", "supervised");
	resp_free(&r);
	struct client anon;
	client_init(&anon, &S);
	assert_int_equal(req(&anon, "GET", "/api/cases", NULL, &r), 0);
	expect_error(&r, 401, "unauthenticated", NULL);
	resp_free(&r);
	client_release(&anon);
}

/* Past the 30-day deadline a case is handled by the federation above, supervised, with an
 * "escalate" event; the federation above may decide it. */
static void test_escalation(void **state)
{
	KE1 = apply_ok(&W7, U2, json_pack("{s:s}", "sex", "女"));
	KE2 = apply_ok(&W8, U1, NULL);
	struct mf b;
	mf_get(U2, &b);
	/* a second before the deadline nothing happens */
	assert_int_equal(set_clock(&A, "2026-04-09T09:59:59+08:00"), 204);
	relogin_all();
	struct resp r;
	get_case(&W7.c, KE1, &r);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "org_id"), U2);
	assert_true(json_is_false(jget(r.json, "overdue")));
	assert_true(json_is_false(jget(r.json, "supervised")));
	resp_free(&r);
	/* a minute past it */
	assert_int_equal(set_clock(&A, "2026-04-09T10:01:00+08:00"), 204);
	get_case(&W7.c, KE1, &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state"), "submitted");
	assert_int_equal(jint(r.json, "org_id"), QK);
	assert_true(json_is_true(jget(r.json, "supervised")));
	assert_int_equal(jint(r.json, "escalations"), 1);
	json_t *h = jget(r.json, "history");
	json_t *last = json_array_get(h, json_array_size(h) - 1);
	assert_string_equal(jstr(last, "action"), "escalate");
	assert_int_equal(jint(last, "org_id"), QK);
	resp_free(&r);
	get_case(&W8.c, KE2, &r);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "org_id"), QK);
	assert_true(json_is_true(jget(r.json, "supervised")));
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);
	/* the town decides: the member joins U2, the union applied to */
	get_case(&FQK.c, KE1, &r);
	expect_status(&r, 200);
	resp_free(&r);
	act_ok(&FQK.c, KE1, "approve", NULL, "approved");
	assert_int_equal(req(&W7.c, "GET", "/api/my/membership", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "current.org_id"), U2);
	resp_free(&r);
	struct mf a;
	mf_get(U2, &a);
	assert_mf_moved(b, a, 1, 1, 0, 0, 0);
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* An escalated case that is still open is overdue, and the federation above finds it with
 * ?overdue=1. */
static void test_escalated_case_is_overdue(void **state)
{
	assert_true(KE2 > 0);
	struct resp r;
	get_case(&W8.c, KE2, &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state"), "submitted");
	bool overdue = json_is_true(jget(r.json, "overdue"));
	if (!overdue)
		print_error("escalated, still open, deadline %s: %s\n", jstr(r.json, "deadline"), r.body);
	resp_free(&r);
	assert_true(overdue);
	assert_true(list_holds(&FQK.c, "&overdue=1", KE2));
	assert_true(list_holds(&FGY.c, "&overdue=1&type=join_application", KE2));
	assert_false(list_holds(&FQK.c, "&overdue=0", KE2));
	/* the supervision view: escalated cases are supervised (督办) */
	assert_true(list_holds(&FQK.c, "&supervised=1", KE2));
	assert_true(list_holds(&FGY.c, "&supervised=1&overdue=1", KE2));
	assert_false(list_holds(&FQK.c, "&supervised=0", KE2));
	/* and the figures by type count it where it is handled now, overdue included */
	struct figs g;
	assert_int_equal(figs_get(&A, QK, &g), 200);
	assert_true(jint(g.raw, "cases.join_application.overdue") >= 1);
	assert_true(jint(g.raw, "cases.join_application.open") >= jint(g.raw, "cases.join_application.overdue"));
	assert_true(json_is_integer(jget(g.raw, "cases.transfer.closed")));
	figs_free(&g);
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* Past the deadline, an action is taken on the escalated case even when nobody read it first: the
 * union the case has left cannot decide it any more (it answers what a GET would: 404), the
 * federation above can. */
static void test_action_after_deadline(void **state)
{
	int64_t k = apply_ok(&W3, U1, NULL);
	struct resp r;
	get_case(&W3.c, k, &r);
	expect_status(&r, 200);
	char deadline[40];
	snprintf(deadline, sizeof(deadline), "%s", jstr(r.json, "deadline"));
	resp_free(&r);
	assert_string_equal(deadline, "2026-05-09T10:01:00+08:00");
	assert_int_equal(set_clock(&A, "2026-05-09T10:02:00+08:00"), 204);
	relogin_all();
	/* the first request after the deadline is the union's approval: the case has gone up, the
	 * union still sees it (it was theirs) but may no longer act on it */
	act(&CU1.c, k, "approve", NULL, &r);
	long st = r.status;
	if (st != 403)
		print_error("approval by the union after the deadline, before any read: %ld %.300s\n", st, r.body);
	resp_free(&r);
	get_case(&A, k, &r);
	expect_status(&r, 200);
	if (st != 403)
		print_error("the case then: %.600s\n", r.body);
	bool ok = !strcmp(jstr(r.json, "state"), "submitted") && jint(r.json, "org_id") == QK &&
	          json_is_true(jget(r.json, "supervised"));
	resp_free(&r);
	assert_int_equal(st, 403);
	assert_true(ok);
	get_case(&CU1.c, k, &r);
	expect_status(&r, 200); /* the union that handled it first keeps sight of it */
	resp_free(&r);
	act_ok(&FQK.c, k, "approve", NULL, "approved");
	assert_int_equal(srv_stats_verify(&S), 0);
}

static void test_numbers_not_in_clear(void **state)
{
	int leaks = 0;
	for (int i = 0; i < n_used; i++) {
		char where[512];
		if (srv_files_hold(&S, used[i], where, sizeof(where))) {
			print_error("%s is in clear in %s\n", used[i], where);
			leaks++;
		}
	}
	assert_int_equal(leaks, 0);
}

/* The sending union moves to another town: the transfer it sent moves with it (related_path), so
 * its cadre still sees the case and the town it left no longer does. */
static void test_sender_moves(void **state)
{
	(void)state;
	assert_true(W1_TRANSFER > 0);
	struct resp r;
	get_case(&FQK.c, W1_TRANSFER, &r); /* 青口's federation: the sender is in its subtree */
	expect_status(&r, 200);
	resp_free(&r);
	char path[64];
	snprintf(path, sizeof(path), "/api/orgs/%" PRId64 "/move", U1);
	assert_int_equal(reqj(&FGY.c, "POST", path,
	                      json_pack("{s:I, s:s}", "parent_id", (json_int_t)ZW, "division_code", "320707101"), &r),
	                 0);
	expect_status(&r, 200);
	resp_free(&r);
	staff_relogin(ALL_STAFF, sizeof(ALL_STAFF) / sizeof(ALL_STAFF[0]));
	get_case(&CU1.c, W1_TRANSFER, &r);
	expect_status(&r, 200);
	resp_free(&r);
	assert_true(list_holds(&CU1.c, "&type=transfer", W1_TRANSFER));
	get_case(&FQK.c, W1_TRANSFER, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_join_approve),
	        cmocka_unit_test(test_join_create_refusals),
	        cmocka_unit_test(test_join_reject_and_withdraw),
	        cmocka_unit_test(test_join_who_may_act),
	        cmocka_unit_test(test_join_approve_conflict),
	        cmocka_unit_test(test_transfer_by_member),
	        cmocka_unit_test(test_transfer_by_sender),
	        cmocka_unit_test(test_transfer_edges),
	        cmocka_unit_test(test_case_lists),
	        cmocka_unit_test(test_escalation),
	        cmocka_unit_test(test_escalated_case_is_overdue),
	        cmocka_unit_test(test_action_after_deadline),
	        cmocka_unit_test(test_numbers_not_in_clear),
	        cmocka_unit_test(test_sender_moves),
	};
	curl_global_init(CURL_GLOBAL_DEFAULT);
	int rc = cmocka_run_group_tests(tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
