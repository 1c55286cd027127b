/*
 * API: the 12351 hotline case type (POST /api/cases {"type":"hotline"}, the actions of
 * CONTRACT.md, GET/PUT /api/hotline/tiers, GET /api/hotline/places) against the real server.
 * Intake by an operator (phone) and by a worker (web), with every refusal next to its field;
 * routing to the employer's union (found by credit code or by exact name within the place) and
 * otherwise to the deepest federation of the place — town, county, city, province; passing a case
 * down (assign) and the refusals outside the caller's subtree; every transition (accept, assign,
 * reply, rate, reopen, close, withdraw) with its 403 (party, role), 409 (state) and 404 (scope)
 * changing nothing; the deadlines of each tier and of 信访投诉 in calendar days, and an
 * installation's own tiers; an overdue case marked 督办 and handed up on the very next read, seen
 * by the federation above in ?overdue=1; an anonymous worker unknown to every handler (view,
 * history, ?reveal=1) but not to themself; the caller's phone never in clear in the store or log;
 * the counters (cases.hotline) recomputed from the cases, and `gonghui stats verify` clean.
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
#define PASSWORD "worker pass phrase 2026"

static struct srv S;
static struct client A; /* the national admin */
static int64_t ROOT, JS, LYG, GY, QK, ZW, DH, U1, U2;
static char E1_NAME[256], E1_CODE[32], E1_DIV[16]; /* U1's employer */
static int64_t E1;
static char NE_NAME[64] = "连云港热线测试无工会贸易有限公司", NE_CODE[19]; /* an employer without a union */
static char VILLAGE[16];                                                   /* a village of 青口镇 */

static struct staff OP = {.user = "hl.operator.gy"}; /* the 12351 operator of 赣榆区 */
static struct staff FGY = {.user = "hl.fed.gy"};
static struct staff FQK = {.user = "hl.fed.qk"};
static struct staff FDH = {.user = "hl.fed.dh"};
static struct staff CU1 = {.user = "hl.cadre.u1"};
static struct staff CU2 = {.user = "hl.cadre.u2"};
static struct staff PU1 = {.user = "hl.party.u1"};
static struct staff AGY = {.user = "hl.auditor.gy"};
static struct staff *const ALL_STAFF[] = {&OP, &FGY, &FQK, &FDH, &CU1, &CU2, &PU1, &AGY};

struct worker {
	char idn[19], phone[12], name[32];
	struct client c;
	int64_t account;
};
static struct worker W1, W2;

static char used[32][64]; /* callers' phones and names that must never be in clear */
static int n_used;

static void remember(const char *s)
{
	if (n_used < (int)(sizeof(used) / sizeof(used[0])))
		snprintf(used[n_used++], sizeof(used[0]), "%s", s);
}

static int worker_init(struct worker *w, const char *name, int seq, const char *phone)
{
	idn_make(w->idn, "320724", 1990, 4, 12, seq);
	snprintf(w->phone, sizeof(w->phone), "%s", phone);
	snprintf(w->name, sizeof(w->name), "%s", name);
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

static int setup_employers(void)
{
	struct resp r;
	if (reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64, U1) < 0 || r.status != 200 || !jget(r.json, "employer"))
		return -1;
	E1 = jint(r.json, "employer.id");
	snprintf(E1_NAME, sizeof(E1_NAME), "%s", jstr(r.json, "employer.name"));
	snprintf(E1_CODE, sizeof(E1_CODE), "%s", jstr(r.json, "employer.credit_code"));
	snprintf(E1_DIV, sizeof(E1_DIV), "%s", jstr(r.json, "employer.division_code"));
	resp_free(&r);
	uscc_make(NE_CODE, "320707", 770001, true);
	json_t *b = json_pack("{s:I, s:s, s:s, s:s, s:i}", "org_id", (json_int_t)QK, "name", NE_NAME, "credit_code",
	                      NE_CODE, "division_code", "320707100", "headcount", 40);
	if (reqj(&A, "POST", "/api/employers", b, &r) < 0 || r.status != 201) {
		fprintf(stderr, "setup: employer: %ld %s\n", r.status, r.body);
		return -1;
	}
	resp_free(&r);
	if (req(&A, "GET", "/api/hotline/places?parent=320707100", NULL, &r) < 0 || r.status != 200 ||
	    !jstr(r.json, "items.0.code"))
		return -1;
	snprintf(VILLAGE, sizeof(VILLAGE), "%s", jstr(r.json, "items.0.code"));
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
	ROOT = org_by_division(&A, "000000000000");
	JS = org_by_division(&A, "32");
	LYG = org_by_division(&A, "3207");
	GY = org_by_division(&A, "320707");
	QK = org_by_division(&A, "320707100");
	ZW = org_by_division(&A, "320707101");
	DH = org_by_division(&A, "320722");
	int64_t qk[2];
	if (!ROOT || !JS || !LYG || !GY || !QK || !ZW || !DH || demo_unions(QK, qk, 2) != 2)
		return -1;
	U1 = qk[0];
	U2 = qk[1];
	if (setup_employers() < 0)
		return -1;
	const struct staff_spec accounts[] = {
	        {&OP, GY, "federation_staff"},
	        {&FGY, GY, "federation_staff"},
	        {&FQK, QK, "federation_staff"},
	        {&FDH, DH, "federation_staff"},
	        {&CU1, U1, "cadre"},
	        {&CU2, U2, "cadre"},
	        {&PU1, U1, "party_officer"},
	        {&AGY, GY, "auditor"},
	};
	if (staff_make(&S, accounts, sizeof(accounts) / sizeof(accounts[0])) < 0)
		return -1;
	return worker_init(&W1, "吴秀兰", 512, "15807071201") || worker_init(&W2, "郑国强", 531, "15807071202") ? -1
	                                                                                                        : 0;
}

static int teardown(void **state)
{
	(void)state;
	client_release(&A);
	staff_release(ALL_STAFF, sizeof(ALL_STAFF) / sizeof(ALL_STAFF[0]));
	client_release(&W1.c);
	client_release(&W2.c);
	srv_stop(&S);
	return 0;
}

/* Moves the clock and logs everyone in again (sessions end after 30 idle minutes). */
static void clock_to(const char *iso)
{
	assert_int_equal(set_clock(&A, iso), 204);
	assert_int_equal(login(&A, "admin", S.admin_pw), 200);
	staff_relogin(ALL_STAFF, sizeof(ALL_STAFF) / sizeof(ALL_STAFF[0]));
	assert_int_equal(login(&W1.c, W1.phone, PASSWORD), 200);
	assert_int_equal(login(&W2.c, W2.phone, PASSWORD), 200);
}

/* ---- requests ---- */

/* An intake body: a wage-arrears request about employer (name, credit code or NULL) at division. */
static json_t *intake(const char *channel, const char *division, const char *name, const char *credit)
{
	json_t *em = json_pack("{s:s}", "name", name);
	if (credit)
		json_object_set_new(em, "credit_code", json_string(credit));
	return json_pack("{s:s, s:s, s:s, s:s, s:o, s:i, s:s, s:s}", "type", "hotline", "demand_type", "help",
	                 "category", "wage_arrears", "division", division, "employer", em, "workers_affected", 3,
	                 "summary", "单位拖欠工资两个月，希望工会帮助协调", "channel", channel);
}

static void post_case(struct client *c, json_t *body, struct resp *r)
{
	assert_int_equal(reqj(c, "POST", "/api/cases", body, r), 0);
}

/* Opens a case and checks where it went; returns its id. */
static int64_t open_case(struct client *c, json_t *body, int64_t org)
{
	struct resp r;
	post_case(c, body, &r);
	expect_status(&r, 201);
	int64_t id = jint(r.json, "id"), at = jint(r.json, "org_id");
	assert_string_equal(jstr(r.json, "state"), "received");
	resp_free(&r);
	assert_true(id > 0);
	assert_int_equal(at, org);
	return id;
}

static void get_case(struct client *c, int64_t id, struct resp *r)
{
	assert_int_equal(reqf(c, "GET", NULL, r, "/api/cases/%" PRId64, id), 0);
}

/* Takes an action: body (stolen, may be NULL) gets "action". */
static void act(struct client *c, int64_t id, const char *action, json_t *body, struct resp *r)
{
	json_t *b = body ? body : json_object();
	if (action)
		json_object_set_new(b, "action", json_string(action));
	char path[64];
	snprintf(path, sizeof(path), "/api/cases/%" PRId64 "/actions", id);
	assert_int_equal(reqj(c, "POST", path, b, r), 0);
}

static void act_ok(struct client *c, int64_t id, const char *action, json_t *body, const char *state)
{
	struct resp r;
	act(c, id, action, body, &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state"), state);
	resp_free(&r);
}

static void act_err(struct client *c, int64_t id, const char *action, json_t *body, long status, const char *code,
                    const char *field)
{
	struct resp r;
	act(c, id, action, body, &r);
	expect_error(&r, status, code, field);
	resp_free(&r);
}

static json_t *with_text(const char *text)
{
	return json_pack("{s:s}", "text", text);
}

static json_t *with_rating(const char *s)
{
	return json_pack("{s:s}", "satisfaction", s);
}

static json_t *with_org(int64_t org)
{
	return json_pack("{s:I}", "org_id", (json_int_t)org);
}

/* A field of a case as the admin sees it (a copy in out). */
static void case_field(int64_t id, const char *path, char *out, size_t cap)
{
	struct resp r;
	get_case(&A, id, &r);
	expect_status(&r, 200);
	json_t *v = jget(r.json, path);
	if (json_is_string(v))
		snprintf(out, cap, "%s", json_string_value(v));
	else if (json_is_integer(v))
		snprintf(out, cap, "%" PRId64, (int64_t)json_integer_value(v));
	else if (json_is_true(v) || json_is_false(v))
		snprintf(out, cap, "%s", json_is_true(v) ? "true" : "false");
	else
		snprintf(out, cap, "null");
	resp_free(&r);
}

static void assert_field(int64_t id, const char *path, const char *want)
{
	char got[256];
	case_field(id, path, got, sizeof(got));
	if (strcmp(got, want))
		print_error("case %" PRId64 " %s: %s, not %s\n", id, path, got, want);
	assert_string_equal(got, want);
}

/* The state, history length, org, deadline and updated time of a case (the admin's view). */
struct snap {
	char state[32], updated[40], deadline[40];
	size_t events;
	int64_t org;
};

static void snap(int64_t id, struct snap *s)
{
	struct resp r;
	get_case(&A, id, &r);
	expect_status(&r, 200);
	snprintf(s->state, sizeof(s->state), "%s", jstr(r.json, "state"));
	snprintf(s->updated, sizeof(s->updated), "%s", jstr(r.json, "updated_at"));
	snprintf(s->deadline, sizeof(s->deadline), "%s", jstr(r.json, "deadline") ? jstr(r.json, "deadline") : "");
	s->events = json_array_size(jget(r.json, "history"));
	s->org = jint(r.json, "org_id");
	resp_free(&r);
}

static void assert_unchanged(int64_t id, const struct snap *before)
{
	struct snap now;
	snap(id, &now);
	assert_string_equal(now.state, before->state);
	assert_string_equal(now.updated, before->updated);
	assert_string_equal(now.deadline, before->deadline);
	assert_int_equal(now.events, before->events);
	assert_int_equal(now.org, before->org);
}

static bool list_holds(struct client *c, const char *query, int64_t id)
{
	char q[256];
	snprintf(q, sizeof(q), "&type=hotline%s", query);
	return case_list_holds(c, q, id);
}

static int64_t hotline_total(void)
{
	struct resp r;
	assert_int_equal(req(&A, "GET", "/api/cases?type=hotline&limit=1", NULL, &r), 0);
	expect_status(&r, 200);
	int64_t n = jint(r.json, "total");
	resp_free(&r);
	return n;
}

/* cases.hotline of an organisation's figures. */
struct hf {
	int64_t open, closed, overdue, satisfied, basically, dissatisfied, reopened;
};

static void hf_get(int64_t org, struct hf *f)
{
	struct figs g;
	assert_int_equal(figs_get(&A, org, &g), 200);
	json_t *h = jget(g.raw, "cases.hotline");
	assert_non_null(h);
	f->open = jint(h, "open");
	f->closed = jint(h, "closed");
	f->overdue = jint(h, "overdue");
	f->satisfied = jint(h, "satisfied");
	f->basically = jint(h, "basically_satisfied");
	f->dissatisfied = jint(h, "dissatisfied");
	f->reopened = jint(h, "reopened");
	figs_free(&g);
}

/* ---- intake and routing ---- */

static void test_routing_to_the_employers_union(void **state)
{
	(void)state;
	/* by credit code, whatever name the caller gives */
	json_t *b = intake("phone", E1_DIV, "他们厂", E1_CODE);
	json_object_set_new(b, "caller", json_pack("{s:s, s:s}", "name", "钱热线", "phone", "13951001001"));
	remember("13951001001");
	remember("钱热线");
	int64_t k = open_case(&OP.c, b, U1);
	struct resp r;
	get_case(&OP.c, k, &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "payload.routing"), "employer_union");
	assert_int_equal(jint(r.json, "payload.employer.id"), E1);
	assert_string_equal(jstr(r.json, "payload.employer.name"), E1_NAME);
	assert_true(json_is_true(jget(r.json, "payload.employer.registered")));
	assert_string_equal(jstr(r.json, "payload.channel"), "phone");
	assert_string_equal(jstr(r.json, "payload.tier"), "normal");
	assert_string_equal(jstr(r.json, "payload.caller_phone_masked"), "139****1001");
	assert_null(jget(r.json, "payload.caller"));
	assert_true(json_is_true(jget(r.json, "has_sensitive")));
	/* 10 March, one calendar day: the period ends at 24:00 on 11 March */
	assert_string_equal(jstr(r.json, "deadline"), "2026-03-12T00:00:00+08:00");
	assert_string_equal(jstr(r.json, "deadline_kind"), "first_response");
	assert_false(json_is_true(jget(r.json, "overdue")));
	assert_string_equal(jstr(r.json, "labels.category"), "欠薪");
	assert_int_equal(json_array_size(jget(r.json, "history")), 1);
	resp_free(&r);
	/* by the exact name within the place, with no credit code */
	open_case(&OP.c, intake("phone", "320707", E1_NAME, NULL), U1);
	/* an unknown credit code falls back on the name */
	char other[19];
	uscc_make(other, "320707", 880002, true);
	open_case(&OP.c, intake("phone", "320707", E1_NAME, other), U1);
	/* the same name in another county is another employer: the place's federation takes it */
	open_case(&A, intake("phone", "320722", E1_NAME, NULL), DH);
	/* a worker on the member pages reaches the union too, whoever they are */
	open_case(&W1.c, intake("web", "320707", E1_NAME, NULL), U1);
	assert_int_equal(srv_stats_verify(&S), 0);
}

static void test_routing_by_place(void **state)
{
	(void)state;
	/* a registered employer without a union: the federation of the place */
	int64_t k = open_case(&OP.c, intake("phone", "320707100", "随便写", NE_CODE), QK);
	assert_field(k, "payload.routing", "place_federation");
	assert_field(k, "payload.employer.registered", "true");
	assert_field(k, "payload.employer.union_id", "null");
	/* an employer entered new: kept in the case only, never registered by a phone call */
	int64_t before = 0;
	struct resp r;
	assert_int_equal(req(&A, "GET", "/api/employers?q=%E6%9C%AA%E7%99%BB%E8%AE%B0&limit=1", NULL, &r), 0);
	before = jint(r.json, "total");
	resp_free(&r);
	k = open_case(&OP.c, intake("phone", VILLAGE, "未登记的小作坊", NULL), QK); /* village → its town */
	assert_field(k, "payload.employer.registered", "false");
	assert_field(k, "payload.employer.id", "null");
	assert_field(k, "payload.division", VILLAGE);
	assert_int_equal(req(&A, "GET", "/api/employers?q=%E6%9C%AA%E7%99%BB%E8%AE%B0&limit=1", NULL, &r), 0);
	assert_int_equal(jint(r.json, "total"), before);
	resp_free(&r);
	open_case(&OP.c, intake("phone", "320707101", "未登记的小作坊", NULL), ZW); /* town */
	open_case(&OP.c, intake("phone", "320707", "未登记的小作坊", NULL), GY);    /* county */
	open_case(&A, intake("phone", "3207", "未登记的小作坊", NULL), LYG);        /* city */
	open_case(&A, intake("phone", "32", "未登记的小作坊", NULL), JS);           /* province */
	open_case(&A, intake("phone", "320722000000", "未登记的小作坊", NULL), DH); /* 12 digits */
	/* the division codes stored as 12 digits */
	k = open_case(&W2.c, intake("web", "3207", "未登记的小作坊", NULL), LYG);
	assert_field(k, "payload.division", "320700000000");
	/* the places below a place: provinces, then down; a bad code is refused */
	assert_int_equal(req(&W2.c, "GET", "/api/hotline/places", NULL, &r), 0);
	expect_status(&r, 200);
	assert_true(jint(r.json, "total") >= 31);
	resp_free(&r);
	assert_int_equal(req(&W2.c, "GET", "/api/hotline/places?parent=320707", NULL, &r), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "items.0.code"), "320707100000");
	assert_string_equal(jstr(r.json, "items.0.name"), "青口镇");
	assert_false(json_is_true(jget(r.json, "items.0.leaf")));
	resp_free(&r);
	assert_int_equal(reqf(&W2.c, "GET", NULL, &r, "/api/hotline/places?parent=%s", VILLAGE), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 0);
	resp_free(&r);
	assert_int_equal(req(&W2.c, "GET", "/api/hotline/places?parent=123", NULL, &r), 0);
	expect_error(&r, 400, "invalid_field", "parent");
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* One refused intake: nothing is written. */
static void refused(struct client *c, json_t *body, long status, const char *code, const char *field)
{
	int64_t before = hotline_total();
	struct resp r;
	post_case(c, body, &r);
	expect_error(&r, status, code, field);
	resp_free(&r);
	assert_int_equal(hotline_total(), before);
}

/* An intake body with key set to value (stolen; NULL removes the key). */
static json_t *with(const char *channel, const char *key, json_t *value)
{
	json_t *b = intake(channel, "320707", "未登记的小作坊", NULL);
	if (value)
		json_object_set_new(b, key, value);
	else
		json_object_del(b, key);
	return b;
}

static json_t *with_employer(json_t *em)
{
	return with("phone", "employer", em);
}

static void test_intake_refusals(void **state)
{
	(void)state;
	const char *required[] = {"channel",  "demand_type",      "category", "division",
	                          "employer", "workers_affected", "summary"};
	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		refused(&OP.c, with("phone", required[i], NULL), 400, "missing_field", required[i]);
	refused(&OP.c, with("phone", "summary", json_string("   ")), 400, "missing_field", "summary");
	refused(&OP.c, with_employer(json_object()), 400, "missing_field", "employer.name");
	refused(&OP.c, with_employer(json_string("某公司")), 400, "invalid_field", "employer");
	refused(&OP.c, with_employer(json_pack("{s:s}", "name", "某")), 400, "invalid_field", "employer.name");
	char bad[19];
	uscc_make(bad, "320707", 770003, true);
	bad[17] = bad[17] == '0' ? '1' : '0'; /* a wrong check character */
	refused(&OP.c, with_employer(json_pack("{s:s, s:s}", "name", "某某公司", "credit_code", bad)), 400,
	        "invalid_field", "employer.credit_code");
	refused(&OP.c, with_employer(json_pack("{s:s, s:i}", "name", "某某公司", "credit_code", 12)), 400,
	        "invalid_field", "employer.credit_code");
	refused(&OP.c, with("phone", "channel", json_string("fax")), 400, "invalid_field", "channel");
	refused(&OP.c, with("web", "channel", json_string("web")), 400, "invalid_field", "channel"); /* staff: phone */
	refused(&W1.c, with("phone", "channel", json_string("phone")), 400, "invalid_field",
	        "channel"); /* worker: web */
	refused(&OP.c, with("phone", "demand_type", json_string("praise")), 400, "invalid_field", "demand_type");
	refused(&OP.c, with("phone", "demand_type", json_integer(1)), 400, "invalid_field", "demand_type");
	refused(&OP.c, with("phone", "category", json_string("wages")), 400, "invalid_field", "category");
	refused(&OP.c, with("phone", "tier", json_string("urgent")), 400, "invalid_field", "tier");
	refused(&OP.c, with("phone", "tier", json_string("complaint")), 400, "invalid_field", "tier");
	refused(&OP.c, with("phone", "division", json_string("32070")), 400, "invalid_field", "division");
	refused(&OP.c, with("phone", "division", json_string("320799")), 400, "invalid_field",
	        "division"); /* no such */
	refused(&OP.c, with("phone", "division", json_integer(320707)), 400, "invalid_field", "division");
	refused(&OP.c, with("phone", "workers_affected", json_integer(0)), 400, "invalid_field", "workers_affected");
	refused(&OP.c, with("phone", "workers_affected", json_string("3")), 400, "invalid_field", "workers_affected");
	char *long_text = malloc(2001 * 3 + 1);
	assert_non_null(long_text);
	for (int i = 0; i < 2001; i++)
		memcpy(long_text + 3 * i, "欠", 3);
	long_text[2001 * 3] = 0;
	refused(&OP.c, with("phone", "summary", json_string(long_text)), 400, "invalid_field", "summary");
	free(long_text);
	refused(&OP.c, with("phone", "anonymous", json_string("yes")), 400, "invalid_field", "anonymous");
	refused(&OP.c, with("phone", "caller", json_string("张三")), 400, "invalid_field", "caller");
	refused(&OP.c, with("phone", "caller", json_pack("{s:s}", "phone", "12345")), 400, "invalid_field",
	        "caller.phone");
	refused(&OP.c,
	        with("phone", "caller",
	             json_pack("{s:s}", "name",
	                       "张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张张"
	                       "张张张张张张张张")),
	        400, "invalid_field", "caller.name");
	/* roles that handle no cases register none */
	refused(&PU1.c, with("phone", "type", json_string("hotline")), 403, "forbidden", "type");
	refused(&AGY.c, with("phone", "type", json_string("hotline")), 403, "forbidden", "type");
	/* an operator's area: another county's calls go to that county's line */
	refused(&OP.c, with("phone", "division", json_string("320722")), 404, "not_found", "division");
	refused(&CU1.c, with("phone", "division", json_string("320707")), 404, "not_found", "division");
	/* not logged in */
	struct client anon;
	client_init(&anon, &S);
	struct resp r;
	assert_int_equal(reqj(&anon, "POST", "/api/cases", with("web", "type", json_string("hotline")), &r), 0);
	assert_int_equal(r.status, 401);
	resp_free(&r);
	client_release(&anon);
}

/* ---- transitions ---- */

static void test_whole_cycle(void **state)
{
	(void)state;
	struct hf u0, q0, g0, r0, u1, q1, g1, r1;
	hf_get(U1, &u0);
	hf_get(QK, &q0);
	hf_get(GY, &g0);
	hf_get(ROOT, &r0);
	int64_t k = open_case(&W1.c, intake("web", "320707", E1_NAME, NULL), U1);
	hf_get(U1, &u1);
	assert_int_equal(u1.open, u0.open + 1);
	assert_field(k, "payload.channel", "web");
	struct resp r;
	get_case(&W1.c, k, &r);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "applicant_id"), W1.account);
	resp_free(&r);
	assert_true(list_holds(&W1.c, "", k));
	assert_false(list_holds(&W2.c, "", k)); /* another worker's own list */
	act_ok(&CU1.c, k, "accept", NULL, "handling");
	/* signed for on 10 March: seven calendar days, to 24:00 on 17 March */
	assert_field(k, "deadline", "2026-03-18T00:00:00+08:00");
	assert_field(k, "deadline_kind", "resolution");
	act_ok(&CU1.c, k, "reply", with_text("已与单位协商，工资将于本周五前补发。"), "replied");
	assert_field(k, "deadline", "null");
	assert_field(k, "payload.reply", "已与单位协商，工资将于本周五前补发。");
	assert_field(k, "payload.replied_late", "false");
	act_ok(&W1.c, k, "rate", with_rating("basically_satisfied"), "rated");
	assert_field(k, "payload.satisfaction", "basically_satisfied");
	assert_field(k, "payload.rated_by", "applicant");
	act_ok(&FQK.c, k, "close", json_pack("{s:s}", "note", "质检通过"), "closed");
	get_case(&W1.c, k, &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state_label"), "已办结");
	assert_non_null(jstr(r.json, "closed_at"));
	json_t *h = jget(r.json, "history");
	const char *want[] = {"create", "accept", "reply", "rate", "close"};
	assert_int_equal(json_array_size(h), 5);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(jstr(json_array_get(h, i), "action"), want[i]);
	assert_string_equal(jstr(json_array_get(h, 2), "note"), "已与单位协商，工资将于本周五前补发。");
	assert_string_equal(jstr(json_array_get(h, 4), "note"), "质检通过");
	resp_free(&r);
	/* the counters of the union and of each level above */
	hf_get(U1, &u1);
	hf_get(QK, &q1);
	hf_get(GY, &g1);
	hf_get(ROOT, &r1);
	assert_int_equal(u1.open, u0.open);
	assert_int_equal(u1.closed, u0.closed + 1);
	assert_int_equal(u1.basically, u0.basically + 1);
	assert_int_equal(q1.basically, q0.basically + 1);
	assert_int_equal(g1.basically, g0.basically + 1);
	assert_int_equal(r1.basically, r0.basically + 1);
	assert_int_equal(r1.closed, r0.closed + 1);
	assert_int_equal(r1.satisfied, r0.satisfied);
	/* closed is closed */
	act_err(&FQK.c, k, "reopen", json_pack("{s:s}", "reason", "再看看"), 409, "conflict", "action");
	assert_int_equal(srv_stats_verify(&S), 0);
}

static void test_dissatisfied_reopens(void **state)
{
	(void)state;
	json_t *b = intake("phone", "320707", E1_NAME, NULL);
	json_object_set_new(b, "caller", json_pack("{s:s, s:s}", "name", "冯回访", "phone", "13951001002"));
	remember("13951001002");
	remember("冯回访");
	int64_t k = open_case(&OP.c, b, U1);
	struct hf f0, f1;
	hf_get(U1, &f0);
	act_ok(&CU1.c, k, "accept", NULL, "handling");
	act_ok(&CU1.c, k, "reply", with_text("已转劳动监察。"), "replied");
	/* the handler records the call-back: 不满意 sends it back to handling with a fresh period */
	act_ok(&CU1.c, k, "rate", with_rating("dissatisfied"), "handling");
	assert_field(k, "payload.rated_by", "callback");
	assert_field(k, "payload.reopened", "1");
	assert_field(k, "deadline", "2026-03-18T00:00:00+08:00");
	hf_get(U1, &f1);
	assert_int_equal(f1.dissatisfied, f0.dissatisfied + 1);
	assert_int_equal(f1.reopened, f0.reopened + 1);
	act_ok(&CU1.c, k, "reply", with_text("工资已补发到位。"), "replied");
	act_ok(&CU1.c, k, "rate", with_rating("satisfied"), "rated");
	hf_get(U1, &f1);
	assert_int_equal(f1.dissatisfied, f0.dissatisfied); /* a case counts by its latest rating */
	assert_int_equal(f1.satisfied, f0.satisfied + 1);
	/* the quality check may send it back, with a reason */
	act_err(&FQK.c, k, "reopen", NULL, 400, "missing_field", "reason");
	act_ok(&FQK.c, k, "reopen", json_pack("{s:s}", "reason", "回访记录不完整"), "handling");
	assert_field(k, "payload.reopened", "2");
	act_ok(&CU1.c, k, "reply", with_text("补充了回访记录。"), "replied");
	act_ok(&OP.c, k, "rate", with_rating("satisfied"), "rated");
	act_ok(&FGY.c, k, "close", NULL, "closed");
	hf_get(U1, &f1);
	assert_int_equal(f1.reopened, f0.reopened + 2);
	assert_int_equal(f1.closed, f0.closed + 1);
	assert_int_equal(srv_stats_verify(&S), 0);
}

static void test_withdraw(void **state)
{
	(void)state;
	int64_t k = open_case(&W1.c, intake("web", "320707", E1_NAME, NULL), U1);
	act_err(&CU1.c, k, "withdraw", NULL, 403, "forbidden", "action"); /* the applicant's, not the handler's */
	act_ok(&W1.c, k, "withdraw", NULL, "withdrawn");
	assert_field(k, "deadline", "null");
	k = open_case(&W1.c, intake("web", "320707", E1_NAME, NULL), U1);
	act_ok(&CU1.c, k, "accept", NULL, "handling");
	act_ok(&W1.c, k, "withdraw", NULL, "withdrawn");
	/* the operator withdraws a call's case for the caller */
	k = open_case(&OP.c, intake("phone", "320707", E1_NAME, NULL), U1);
	act_ok(&OP.c, k, "withdraw", NULL, "withdrawn");
	/* after the reply it is too late */
	k = open_case(&W1.c, intake("web", "320707", E1_NAME, NULL), U1);
	act_ok(&CU1.c, k, "accept", NULL, "handling");
	act_ok(&CU1.c, k, "reply", with_text("已答复"), "replied");
	act_err(&W1.c, k, "withdraw", NULL, 409, "conflict", "action");
	assert_int_equal(srv_stats_verify(&S), 0);
}

static void test_who_may_act(void **state)
{
	(void)state;
	int64_t k = open_case(&W1.c, intake("web", "320707", E1_NAME, NULL), U1);
	struct snap s;
	snap(k, &s);
	/* outside the scope: 404, to read and to act */
	struct client *outside[] = {&CU2.c, &FDH.c, &W2.c};
	for (size_t i = 0; i < sizeof(outside) / sizeof(outside[0]); i++) {
		struct resp r;
		get_case(outside[i], k, &r);
		expect_error(&r, 404, "not_found", NULL);
		resp_free(&r);
		act_err(outside[i], k, "accept", NULL, 404, "not_found", NULL);
	}
	/* in sight, but not theirs to take: 403 */
	act_err(&W1.c, k, "accept", NULL, 403, "forbidden", "action");
	act_err(&PU1.c, k, "accept", NULL, 403, "forbidden", "action");
	act_err(&AGY.c, k, "accept", NULL, 403, "forbidden", "action");
	act_err(&W1.c, k, "assign", with_org(U1), 403, "forbidden", "action");
	/* the state does not allow it: 409 */
	act_err(&CU1.c, k, "reply", with_text("答复"), 409, "conflict", "action");
	act_err(&CU1.c, k, "rate", with_rating("satisfied"), 409, "conflict", "action");
	act_err(&FQK.c, k, "close", NULL, 409, "conflict", "action");
	act_err(&FQK.c, k, "reopen", json_pack("{s:s}", "reason", "重办"), 409, "conflict", "action");
	act_err(&CU1.c, k, "approve", NULL, 409, "conflict", "action"); /* not a hotline action */
	/* bad bodies: 400 next to the field */
	act_err(&CU1.c, k, NULL, NULL, 400, "missing_field", "action");
	act_err(&CU1.c, k, "accept", json_pack("{s:s}", "tier", "urgent"), 400, "invalid_field", "tier");
	act_err(&CU1.c, k, "accept", json_pack("{s:s}", "tier", "complaint"), 400, "invalid_field", "tier");
	act_err(&FQK.c, k, "assign", NULL, 400, "missing_field", "org_id");
	act_err(&FQK.c, k, "assign", json_pack("{s:s}", "org_id", "U1"), 400, "invalid_field", "org_id");
	assert_unchanged(k, &s);
	act_ok(&CU1.c, k, "accept", json_pack("{s:s}", "tier", "difficult"), "handling");
	assert_field(k, "payload.tier", "difficult");
	assert_field(k, "deadline", "2026-03-26T00:00:00+08:00"); /* 15 days */
	snap(k, &s);
	act_err(&CU1.c, k, "accept", NULL, 409, "conflict", "action");
	act_err(&CU1.c, k, "reply", NULL, 400, "missing_field", "text");
	act_err(&CU1.c, k, "reply", with_text("  "), 400, "missing_field", "text");
	act_err(&CU1.c, k, "reply", json_pack("{s:i}", "text", 5), 400, "invalid_field", "text");
	assert_unchanged(k, &s);
	act_ok(&CU1.c, k, "reply", with_text("已处理"), "replied");
	snap(k, &s);
	act_err(&W1.c, k, "rate", NULL, 400, "missing_field", "satisfaction");
	act_err(&W1.c, k, "rate", with_rating("happy"), 400, "invalid_field", "satisfaction");
	act_err(&W2.c, k, "rate", with_rating("satisfied"), 404, "not_found", NULL);
	act_err(&FQK.c, k, "close", NULL, 409, "conflict", "action"); /* only after a rating */
	assert_unchanged(k, &s);
	act_ok(&W1.c, k, "rate", with_rating("satisfied"), "rated");
	snap(k, &s);
	/* the quality check is a federation's, not the handling union's */
	act_err(&CU1.c, k, "close", NULL, 403, "forbidden", "action");
	act_err(&CU1.c, k, "reopen", json_pack("{s:s}", "reason", "重办"), 403, "forbidden", "action");
	act_err(&W1.c, k, "close", NULL, 403, "forbidden", "action");
	act_err(&W1.c, k, "rate", with_rating("dissatisfied"), 409, "conflict", "action"); /* rated once */
	assert_unchanged(k, &s);
	act_ok(&FQK.c, k, "close", NULL, "closed");
	assert_int_equal(srv_stats_verify(&S), 0);
}

static void test_assign_down(void **state)
{
	(void)state;
	int64_t k = open_case(&OP.c, intake("phone", "320707", "未登记的小作坊", NULL), GY);
	/* the district passes it to the town: the town signs for it within the first-response limit */
	act_ok(&FGY.c, k, "assign", with_org(QK), "received");
	char at[32];
	case_field(k, "org_id", at, sizeof(at));
	assert_int_equal(strtoll(at, NULL, 10), QK);
	assert_field(k, "deadline_kind", "first_response");
	assert_field(k, "deadline", "2026-03-12T00:00:00+08:00");
	act_ok(&FQK.c, k, "accept", NULL, "handling");
	/* sideways, up, to itself or to nowhere: refused as outside the caller's subtree */
	struct snap s;
	snap(k, &s);
	act_err(&FQK.c, k, "assign", with_org(ZW), 404, "not_found", "org_id");
	act_err(&FQK.c, k, "assign", with_org(GY), 404, "not_found", "org_id");
	act_err(&FQK.c, k, "assign", with_org(QK), 404, "not_found", "org_id");
	act_err(&FQK.c, k, "assign", with_org(999999999), 404, "not_found", "org_id");
	act_err(&CU1.c, k, "assign", with_org(U1), 404, "not_found", NULL); /* the case is above the union */
	assert_unchanged(k, &s);
	/* and on down to the enterprise union, even after signing for it */
	act_ok(&FQK.c, k, "assign", with_org(U1), "received");
	case_field(k, "org_id", at, sizeof(at));
	assert_int_equal(strtoll(at, NULL, 10), U1);
	assert_field(k, "payload.accepted_at", "null");
	snap(k, &s);
	act_err(&FQK.c, k, "assign", with_org(U1), 400, "invalid_field", "org_id"); /* there already */
	act_err(&CU1.c, k, "assign", with_org(U2), 404, "not_found", "org_id");     /* not below the union */
	assert_unchanged(k, &s);
	act_ok(&CU1.c, k, "accept", NULL, "handling");
	struct resp r;
	get_case(&A, k, &r);
	json_t *h = jget(r.json, "history");
	assert_int_equal(json_array_size(h), 5);
	assert_string_equal(jstr(json_array_get(h, 1), "action"), "assign");
	assert_int_equal(jint(json_array_get(h, 1), "org_id"), QK);
	assert_string_equal(jstr(json_array_get(h, 3), "action"), "assign");
	assert_int_equal(jint(json_array_get(h, 3), "org_id"), U1);
	resp_free(&r);
	/* the district still sees it; the other town does not */
	assert_true(list_holds(&FGY.c, "", k));
	assert_false(list_holds(&CU2.c, "", k));
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* ---- time limits ---- */

static json_t *tiered(const char *tier, const char *demand)
{
	json_t *b = intake("phone", "320707", "未登记的小作坊", NULL);
	if (tier)
		json_object_set_new(b, "tier", json_string(tier));
	if (demand)
		json_object_set_new(b, "demand_type", json_string(demand));
	return b;
}

static void test_deadlines_per_tier(void **state)
{
	(void)state;
	struct {
		const char *tier, *demand, *first, *resolve;
	} want[] = {
	        {"normal", NULL, "2026-03-12T00:00:00+08:00", "2026-03-18T00:00:00+08:00"},
	        {"difficult", NULL, "2026-03-12T00:00:00+08:00", "2026-03-26T00:00:00+08:00"},
	        {"complex", NULL, "2026-03-12T00:00:00+08:00", "2026-04-10T00:00:00+08:00"},
	        /* 信访投诉: 15 days to acknowledge, 60 to handle, whatever the tier */
	        {"complex", "complaint", "2026-03-26T00:00:00+08:00", "2026-05-10T00:00:00+08:00"},
	        {NULL, "complaint", "2026-03-26T00:00:00+08:00", "2026-05-10T00:00:00+08:00"},
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		int64_t k = open_case(&OP.c, tiered(want[i].tier, want[i].demand), GY);
		assert_field(k, "deadline", want[i].first);
		act_ok(&FGY.c, k, "accept", NULL, "handling");
		assert_field(k, "deadline", want[i].resolve);
	}
	/* a day later the resolution counts from the acceptance */
	int64_t k = open_case(&OP.c, tiered("normal", NULL), GY);
	clock_to("2026-03-11T16:30:00+08:00");
	act_ok(&FGY.c, k, "accept", NULL, "handling");
	assert_field(k, "deadline", "2026-03-19T00:00:00+08:00");
	clock_to(T0 /* back for the tests that follow */);
}

static void put_tiers(struct client *c, json_t *items, struct resp *r)
{
	assert_int_equal(reqj(c, "PUT", "/api/hotline/tiers", json_pack("{s:o}", "items", items), r), 0);
}

static void tiers_refused(json_t *items, long status, const char *code, const char *field)
{
	struct resp r;
	put_tiers(&A, items, &r);
	expect_error(&r, status, code, field);
	resp_free(&r);
}

static void test_tiers_per_installation(void **state)
{
	(void)state;
	struct resp r;
	assert_int_equal(req(&CU1.c, "GET", "/api/hotline/tiers", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 4);
	assert_string_equal(jstr(r.json, "items.0.tier"), "normal");
	assert_string_equal(jstr(r.json, "items.0.label"), "一般");
	assert_int_equal(jint(r.json, "items.0.first_days"), 1);
	assert_int_equal(jint(r.json, "items.0.resolve_days"), 7);
	assert_int_equal(jint(r.json, "items.2.resolve_days"), 30);
	assert_string_equal(jstr(r.json, "items.3.tier"), "complaint");
	assert_int_equal(jint(r.json, "items.3.first_days"), 15);
	assert_int_equal(jint(r.json, "items.3.resolve_days"), 60);
	resp_free(&r);
	assert_int_equal(req(&W1.c, "GET", "/api/hotline/tiers", NULL, &r), 0);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
	/* only an administrator changes them */
	put_tiers(&FGY.c, json_pack("[{s:s, s:i, s:i}]", "tier", "normal", "first_days", 2, "resolve_days", 10), &r);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
	put_tiers(&W1.c, json_pack("[{s:s, s:i, s:i}]", "tier", "normal", "first_days", 2, "resolve_days", 10), &r);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
	tiers_refused(json_pack("[{s:s, s:i, s:i}]", "tier", "normal", "first_days", 0, "resolve_days", 10), 400,
	              "invalid_field", "items.0.first_days");
	tiers_refused(json_pack("[{s:s, s:i, s:i}]", "tier", "normal", "first_days", 5, "resolve_days", 3), 400,
	              "invalid_field", "items.0.resolve_days");
	tiers_refused(json_pack("[{s:s, s:i, s:i}]", "tier", "normal", "first_days", 1, "resolve_days", 400), 400,
	              "invalid_field", "items.0.resolve_days");
	tiers_refused(json_pack("[{s:s, s:i, s:i}]", "tier", "urgent", "first_days", 1, "resolve_days", 3), 400,
	              "invalid_field", "items.0.tier");
	tiers_refused(json_pack("[{s:i, s:i}]", "first_days", 1, "resolve_days", 3), 400, "missing_field",
	              "items.0.tier");
	tiers_refused(json_pack("[{s:s, s:i}]", "tier", "normal", "first_days", 1), 400, "missing_field",
	              "items.0.resolve_days");
	tiers_refused(json_pack("[{s:s, s:i, s:i}, {s:s, s:i, s:i}]", "tier", "normal", "first_days", 1, "resolve_days",
	                        3, "tier", "normal", "first_days", 1, "resolve_days", 4),
	              400, "invalid_field", "items.1.tier");
	tiers_refused(json_pack("[s]", "normal"), 400, "invalid_field", "items.0");
	tiers_refused(json_array(), 400, "missing_field", "items");
	tiers_refused(json_pack("[{s:s, s:i, s:i}, {s:s, s:i, s:i}, {s:s, s:i, s:i}, {s:s, s:i, s:i}, {s:s, s:i, s:i}]",
	                        "tier", "normal", "first_days", 1, "resolve_days", 7, "tier", "difficult", "first_days",
	                        1, "resolve_days", 15, "tier", "complex", "first_days", 1, "resolve_days", 30, "tier",
	                        "complaint", "first_days", 15, "resolve_days", 60, "tier", "normal", "first_days", 1,
	                        "resolve_days", 7),
	              400, "invalid_field", "items");
	assert_int_equal(reqj(&A, "PUT", "/api/hotline/tiers", json_pack("{s:s}", "items", "normal"), &r), 0);
	expect_error(&r, 400, "invalid_field", "items");
	resp_free(&r);
	struct client anon;
	client_init(&anon, &S);
	assert_int_equal(req(&anon, "GET", "/api/hotline/tiers", NULL, &r), 0);
	assert_int_equal(r.status, 401);
	resp_free(&r);
	assert_int_equal(req(&anon, "GET", "/api/hotline/places", NULL, &r), 0);
	assert_int_equal(r.status, 401);
	resp_free(&r);
	client_release(&anon);
	assert_int_equal(reqj(&A, "PUT", "/api/hotline/tiers", json_object(), &r), 0);
	expect_error(&r, 400, "missing_field", "items");
	resp_free(&r);
	/* nothing of a refused change was kept */
	assert_int_equal(req(&A, "GET", "/api/hotline/tiers", NULL, &r), 0);
	assert_int_equal(jint(r.json, "items.0.resolve_days"), 7);
	resp_free(&r);
	put_tiers(&A,
	          json_pack("[{s:s, s:i, s:i}, {s:s, s:i, s:i}]", "tier", "normal", "first_days", 2, "resolve_days", 10,
	                    "tier", "complaint", "first_days", 10, "resolve_days", 45),
	          &r);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "items.0.first_days"), 2);
	assert_int_equal(jint(r.json, "items.0.resolve_days"), 10);
	assert_int_equal(jint(r.json, "items.0.default_resolve_days"), 7);
	assert_int_equal(jint(r.json, "items.1.resolve_days"), 15); /* untouched */
	assert_int_equal(jint(r.json, "items.3.resolve_days"), 45);
	assert_string_equal(jstr(r.json, "items.0.updated_at"), T0);
	resp_free(&r);
	/* each change is on the record, where the administrator reads it */
	assert_int_equal(req(&A, "GET", "/api/audit?action=hotline.tiers&limit=5", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 2);
	resp_free(&r);
	/* new deadlines follow the installation's limits */
	int64_t k = open_case(&OP.c, tiered("normal", NULL), GY);
	assert_field(k, "deadline", "2026-03-13T00:00:00+08:00");
	act_ok(&FGY.c, k, "accept", NULL, "handling");
	assert_field(k, "deadline", "2026-03-21T00:00:00+08:00");
	k = open_case(&OP.c, tiered(NULL, "complaint"), GY);
	assert_field(k, "deadline", "2026-03-21T00:00:00+08:00");
	/* back to the defaults */
	put_tiers(&A,
	          json_pack("[{s:s, s:i, s:i}, {s:s, s:i, s:i}]", "tier", "normal", "first_days", 1, "resolve_days", 7,
	                    "tier", "complaint", "first_days", 15, "resolve_days", 60),
	          &r);
	expect_status(&r, 200);
	resp_free(&r);
}

/* ---- anonymity and the sealed caller ---- */

static void reveal(struct client *c, int64_t id, struct resp *r)
{
	assert_int_equal(reqf(c, "GET", NULL, r, "/api/cases/%" PRId64 "?reveal=1", id), 0);
}

static void test_anonymous(void **state)
{
	(void)state;
	json_t *b = intake("web", "320707", E1_NAME, NULL);
	json_object_set_new(b, "anonymous", json_true());
	json_object_set_new(b, "caller", json_pack("{s:s, s:s}", "name", "蒋匿名", "phone", "13951001003"));
	remember("13951001003");
	remember("蒋匿名");
	int64_t k = open_case(&W2.c, b, U1);
	act_ok(&CU1.c, k, "accept", NULL, "handling");
	act_ok(&CU1.c, k, "reply", with_text("已处理"), "replied");
	act_ok(&W2.c, k, "rate", with_rating("satisfied"), "rated");
	/* the worker sees their own, sealed part included */
	struct resp r;
	reveal(&W2.c, k, &r);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "applicant_id"), W2.account);
	assert_string_equal(jstr(r.json, "sensitive.caller.phone"), "13951001003");
	assert_string_equal(jstr(r.json, "sensitive.caller.name"), "蒋匿名");
	resp_free(&r);
	/* no handler, at any level, learns who they are */
	struct client *handlers[] = {&CU1.c, &FQK.c, &FGY.c, &OP.c, &A};
	for (size_t i = 0; i < sizeof(handlers) / sizeof(handlers[0]); i++) {
		get_case(handlers[i], k, &r);
		expect_status(&r, 200);
		assert_true(json_is_true(jget(r.json, "anonymous")));
		assert_true(json_is_null(jget(r.json, "applicant_id")));
		assert_true(json_is_null(jget(r.json, "person_id")));
		assert_null(jget(r.json, "payload.caller_phone_masked"));
		assert_null(jget(r.json, "sensitive"));
		json_t *h = jget(r.json, "history");
		assert_int_equal(json_array_size(h), 4);
		for (size_t e = 0; e < json_array_size(h); e++) {
			json_t *ev = json_array_get(h, e);
			const char *action = jstr(ev, "action");
			if (!strcmp(action, "create") || !strcmp(action, "rate")) {
				assert_true(json_is_null(jget(ev, "actor_id")));
				assert_string_equal(jstr(ev, "actor"), "匿名职工");
			}
		}
		assert_true(strstr(r.body, W2.phone) == NULL && strstr(r.body, W2.name) == NULL);
		resp_free(&r);
		reveal(handlers[i], k, &r);
		expect_error(&r, 403, "forbidden", "reveal");
		resp_free(&r);
		assert_int_equal(reqf(handlers[i], "GET", NULL, &r, "/api/cases?type=hotline&limit=200"), 0);
		json_t *items = jget(r.json, "items");
		for (size_t j = 0; j < json_array_size(items); j++)
			if (jint(json_array_get(items, j), "id") == k)
				assert_true(json_is_null(jget(json_array_get(items, j), "applicant_id")));
		resp_free(&r);
	}
	/* an anonymous call: the operator who took it may see the caller; the handlers may not */
	b = intake("phone", "320707", E1_NAME, NULL);
	json_object_set_new(b, "anonymous", json_true());
	json_object_set_new(b, "caller", json_pack("{s:s}", "phone", "13951001004"));
	remember("13951001004");
	k = open_case(&OP.c, b, U1);
	reveal(&OP.c, k, &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "sensitive.caller.phone"), "13951001004");
	resp_free(&r);
	reveal(&CU1.c, k, &r);
	expect_error(&r, 403, "forbidden", "reveal");
	resp_free(&r);
	reveal(&FGY.c, k, &r);
	expect_error(&r, 403, "forbidden", "reveal");
	resp_free(&r);
	assert_field(k, "payload.caller_phone_masked", "null");
}

static void test_named_caller_revealed_on_record(void **state)
{
	(void)state;
	json_t *b = intake("phone", "320707", E1_NAME, NULL);
	json_object_set_new(b, "caller", json_pack("{s:s, s:s}", "name", "褚实名", "phone", "0518-86201234"));
	remember("86201234");
	remember("褚实名");
	int64_t k = open_case(&OP.c, b, U1);
	struct resp r;
	assert_int_equal(req(&A, "GET", "/api/audit?action=case.reveal&limit=1", NULL, &r), 0);
	int64_t before = jint(r.json, "total");
	resp_free(&r);
	reveal(&CU1.c, k, &r); /* the handling union, holding the capability */
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "sensitive.caller.name"), "褚实名");
	assert_string_equal(jstr(r.json, "sensitive.caller.phone"), "0518-86201234");
	resp_free(&r);
	get_case(&CU1.c, k, &r); /* without ?reveal=1 the sealed part stays sealed */
	assert_null(jget(r.json, "sensitive"));
	assert_string_equal(jstr(r.json, "payload.caller_phone_masked"), "0518-****1234");
	resp_free(&r);
	reveal(&PU1.c, k, &r); /* in scope, without the capability */
	expect_error(&r, 403, "forbidden", "reveal");
	resp_free(&r);
	reveal(&CU2.c, k, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(req(&A, "GET", "/api/audit?action=case.reveal&limit=1", NULL, &r), 0);
	assert_int_equal(jint(r.json, "total"), before + 1);
	resp_free(&r);
}

/* ---- overdue: 督办 and up one level, on the very next read ---- */

static void test_overdue_escalates(void **state)
{
	(void)state;
	int64_t x = open_case(&OP.c, intake("phone", "320707", E1_NAME, NULL), U1);             /* not signed for */
	int64_t y = open_case(&OP.c, intake("phone", "320707", E1_NAME, NULL), U1);             /* signed for */
	int64_t z = open_case(&OP.c, intake("phone", "320707101", "未登记的小作坊", NULL), ZW); /* at a town */
	act_ok(&CU1.c, y, "accept", NULL, "handling");
	clock_to("2026-03-11T23:59:59+08:00");
	assert_field(x, "overdue", "false");
	assert_false(list_holds(&FQK.c, "&overdue=1", x));
	clock_to("2026-03-12T00:00:01+08:00");
	/* the very first read after the deadline: the town sees it overdue and supervised */
	struct resp r;
	assert_int_equal(req(&FQK.c, "GET", "/api/cases?type=hotline&overdue=1&limit=200", NULL, &r), 0);
	expect_status(&r, 200);
	bool seen = false;
	json_t *items = jget(r.json, "items");
	for (size_t i = 0; i < json_array_size(items); i++) {
		json_t *it = json_array_get(items, i);
		if (jint(it, "id") != x)
			continue;
		seen = true;
		assert_int_equal(jint(it, "org_id"), QK);
		assert_true(json_is_true(jget(it, "supervised")));
		assert_true(json_is_true(jget(it, "overdue")));
		assert_string_equal(jstr(it, "state"), "received");
	}
	resp_free(&r);
	assert_true(seen);
	assert_true(list_holds(&FGY.c, "&overdue=1", x)); /* and every federation above */
	assert_true(list_holds(&A, "&overdue=1&supervised=1", x));
	assert_true(list_holds(&FGY.c, "&overdue=1", z)); /* the town's case went up to the district */
	char at[32];
	case_field(z, "org_id", at, sizeof(at));
	assert_int_equal(strtoll(at, NULL, 10), GY);
	assert_false(list_holds(&FQK.c, "&overdue=1", y)); /* its resolution period runs to the 18th */
	assert_false(list_holds(&FDH.c, "&overdue=1", x)); /* another county's federation */
	get_case(&CU1.c, x, &r); /* the union that had it keeps sight of it, no longer the handling */
	expect_status(&r, 200);
	resp_free(&r);
	act_err(&CU1.c, x, "accept", NULL, 403, "forbidden", "action");
	get_case(&A, x, &r);
	json_t *h = jget(r.json, "history");
	json_t *last = json_array_get(h, json_array_size(h) - 1);
	assert_string_equal(jstr(last, "action"), "escalate");
	assert_int_equal(jint(last, "org_id"), QK);
	assert_int_equal(jint(r.json, "escalations"), 1);
	assert_string_equal(jstr(r.json, "deadline_kind"), "first_response");
	resp_free(&r);
	struct hf f;
	hf_get(QK, &f);
	assert_true(f.overdue >= 1);
	/* the federation signs for it: a resolution period, still under supervision */
	act_ok(&FQK.c, x, "accept", NULL, "handling");
	assert_field(x, "overdue", "false");
	assert_field(x, "supervised", "true");
	/* the signed-for case runs out on the 18th and goes up too, on the next action */
	clock_to("2026-03-18T00:00:01+08:00");
	act_err(&CU1.c, y, "reply", with_text("晚了"), 403, "forbidden", "action");
	assert_field(y, "supervised", "true");
	case_field(y, "org_id", at, sizeof(at));
	assert_int_equal(strtoll(at, NULL, 10), QK);
	act_ok(&FQK.c, y, "reply", with_text("已督办解决"), "replied");
	assert_field(y, "payload.replied_late", "true");
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* ---- figures ---- */

static void test_counters_match_the_cases(void **state)
{
	(void)state;
	/* every hotline case, as the national admin lists them, against the root's counters */
	int64_t open = 0, closed = 0, sat = 0, basic = 0, dis = 0, reopened = 0, total = 0;
	for (int64_t off = 0;; off += 200) {
		struct resp r;
		assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/cases?type=hotline&limit=200&offset=%" PRId64, off),
		                 0);
		expect_status(&r, 200);
		json_t *items = jget(r.json, "items");
		total = jint(r.json, "total");
		for (size_t i = 0; i < json_array_size(items); i++) {
			json_t *it = json_array_get(items, i);
			const char *st = jstr(it, "state");
			if (!strcmp(st, "closed") || !strcmp(st, "withdrawn"))
				closed++;
			else
				open++;
			const char *s = jstr(it, "payload.satisfaction");
			sat += s && !strcmp(s, "satisfied");
			basic += s && !strcmp(s, "basically_satisfied");
			dis += s && !strcmp(s, "dissatisfied");
			reopened += jint(it, "payload.reopened");
		}
		size_t n = json_array_size(items);
		resp_free(&r);
		if (off + 200 >= total || n == 0)
			break;
	}
	struct hf f;
	hf_get(ROOT, &f);
	assert_int_equal(f.open, open);
	assert_int_equal(f.closed, closed);
	assert_int_equal(f.satisfied, sat);
	assert_int_equal(f.basically, basic);
	assert_int_equal(f.dissatisfied, dis);
	assert_int_equal(f.reopened, reopened);
	assert_true(sat >= 2 && basic >= 1 && reopened >= 2);
	assert_int_equal(srv_stats_verify(&S), 0);
}

static void test_callers_not_in_clear(void **state)
{
	(void)state;
	int leaks = 0;
	for (int i = 0; i < n_used; i++) {
		char where[512];
		if (srv_files_hold(&S, used[i], where, sizeof(where))) {
			print_error("%s is in clear in %s\n", used[i], where);
			leaks++;
		}
	}
	assert_true(n_used >= 8);
	assert_int_equal(leaks, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_routing_to_the_employers_union),
	        cmocka_unit_test(test_routing_by_place),
	        cmocka_unit_test(test_intake_refusals),
	        cmocka_unit_test(test_whole_cycle),
	        cmocka_unit_test(test_dissatisfied_reopens),
	        cmocka_unit_test(test_withdraw),
	        cmocka_unit_test(test_who_may_act),
	        cmocka_unit_test(test_assign_down),
	        cmocka_unit_test(test_deadlines_per_tier),
	        cmocka_unit_test(test_tiers_per_installation),
	        cmocka_unit_test(test_anonymous),
	        cmocka_unit_test(test_named_caller_revealed_on_record),
	        cmocka_unit_test(test_overdue_escalates),
	        cmocka_unit_test(test_counters_match_the_cases),
	        cmocka_unit_test(test_callers_not_in_clear),
	};
	curl_global_init(CURL_GLOBAL_DEFAULT);
	int rc = cmocka_run_group_tests(tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
