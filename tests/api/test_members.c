/*
 * API: the real-name roster (issue #3). A cadre adds a member directly (POST /api/members) with
 * particulars checked and normalised (GB 11643 ID number, 15-digit numbers stored as 18, 16 or
 * older on the day of joining, sex against the number, vocabularies, a mainland mobile or a
 * landline with its area code); one current membership per person in the whole country (409,
 * and the message never names a union outside the caller's scope). The
 * roster (GET /api/members?org=&q=&status=) pages in name order within the caller's scope; a
 * member outside it is 404 everywhere — GET /api/members/{id}, lists, POST /api/members/lookup.
 * ID and phone numbers answer masked; ?reveal=1 (or "reveal": true in a lookup) needs pii.reveal
 * and writes a member.reveal audit row. Status changes (在会 ↔ 保留会籍, 退会 with a reason, 去世;
 * nothing leaves a terminal status) move the counters: members, retained, women, migrant,
 * new-form and party members, the joins and leavings of the month. `gonghui stats verify` stays
 * clean, and at the end no ID or phone number is in the store or the log in clear.
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
#define AREA  "320705"
#define T0    "2026-03-10T10:00:00+08:00"
#define MONTH 202603

#define BIRTH_METRIC(y) (100 + (y)-1900)
#define MONTH_JOINS     1
#define MONTH_LEAVES    2

static struct srv S;
static struct client A; /* the national admin */
static int64_t ROOT, LYG, GY, QK, ZW, DH, DHT, U1, U2, V1;

static struct staff CU1 = {.user = "mb.cadre.u1"};
static struct staff CU2 = {.user = "mb.cadre.u2"};
static struct staff FGY = {.user = "mb.fed.gy"};
static struct staff FDH = {.user = "mb.fed.dh"};
static struct staff PGY = {.user = "mb.party.gy"};

static int seq = 500, phone_seq = 0;
static char used[96][64];
static int n_used;

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
	snprintf(out, 12, "1870707%04d", ++phone_seq);
	remember(out);
}

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
	if (srv_start(&S, true) < 0)
		return -1;
	client_init(&A, &S);
	if (set_clock(&A, T0) != 204 || login(&A, "admin", S.admin_pw) != 200)
		return -1;
	ROOT = org_by_division(&A, "000000000000");
	LYG = org_by_division(&A, "3207");
	GY = org_by_division(&A, "320707");
	QK = org_by_division(&A, "320707100");
	ZW = org_by_division(&A, "320707101");
	DH = org_by_division(&A, "320722");
	DHT = org_by_division(&A, "320722001");
	int64_t qk[2], zw[1];
	if (!ROOT || !LYG || !GY || !QK || !ZW || !DH || !DHT || demo_unions(QK, qk, 2) != 2 ||
	    demo_unions(ZW, zw, 1) != 1)
		return -1;
	U1 = qk[0];
	U2 = qk[1];
	V1 = zw[0];
	const struct staff_spec accounts[] = {
	        {&CU1, U1, "cadre"},
	        {&CU2, U2, "cadre"},
	        {&FGY, GY, "federation_staff"},
	        {&FDH, DH, "federation_staff"},
	        {&PGY, GY, "party_officer"},
	};
	if (staff_make(&S, accounts, sizeof(accounts) / sizeof(accounts[0])) < 0)
		return -1;
	return 0;
}

static int teardown(void **state)
{
	client_release(&A);
	struct staff *all[] = {&CU1, &CU2, &FGY, &FDH, &PGY};
	staff_release(all, sizeof(all) / sizeof(all[0]));
	srv_stop(&S);
	return 0;
}

/* ---- helpers ---- */

static void post_member(struct client *c, json_t *body, struct resp *r)
{
	assert_int_equal(reqj(c, "POST", "/api/members", body, r), 0);
}

/* Adds a member with the least particulars; returns the membership's id. */
static int64_t add_member(struct client *c, int64_t org, const char *idn, const char *name, const char *joined_on)
{
	struct resp r;
	post_member(c,
	            json_pack("{s:I, s:s, s:s, s:s}", "org_id", (json_int_t)org, "id_number", idn, "name", name,
	                      "joined_on", joined_on),
	            &r);
	expect_status(&r, 201);
	int64_t id = jint(r.json, "id");
	resp_free(&r);
	assert_true(id > 0);
	return id;
}

static void get_member(struct client *c, int64_t id, bool reveal, struct resp *r)
{
	assert_int_equal(reqf(c, "GET", NULL, r, "/api/members/%" PRId64 "%s", id, reveal ? "?reveal=1" : ""), 0);
}

static void lookup(struct client *c, const char *idn, bool reveal, struct resp *r)
{
	json_t *b = json_pack("{s:s}", "id_number", idn);
	if (reveal)
		json_object_set_new(b, "reveal", json_true());
	assert_int_equal(reqj(c, "POST", "/api/members/lookup", b, r), 0);
}

static void set_status(struct client *c, int64_t id, const char *status, const char *reason, const char *on,
                       struct resp *r)
{
	json_t *b = json_object();
	if (status)
		json_object_set_new(b, "status", json_string(status));
	if (reason)
		json_object_set_new(b, "reason", json_string(reason));
	if (on)
		json_object_set_new(b, "on", json_string(on));
	char path[64];
	snprintf(path, sizeof(path), "/api/members/%" PRId64 "/status", id);
	assert_int_equal(reqj(c, "POST", path, b, r), 0);
}

static int64_t audit_count(const char *action)
{
	struct resp r;
	if (action)
		assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/audit?limit=1&action=%s", action), 0);
	else
		assert_int_equal(req(&A, "GET", "/api/audit?limit=1", NULL, &r), 0);
	expect_status(&r, 200);
	int64_t n = jint(r.json, "total");
	resp_free(&r);
	return n;
}

static void assert_masked(const char *got, const char *idn)
{
	assert_non_null(got);
	assert_int_equal(strlen(got), 18);
	assert_memory_equal(got, idn, 4);
	assert_memory_equal(got + 4, "**********", 10);
	assert_memory_equal(got + 14, idn + 14, 4);
}

/* "187****0001" */
static void assert_phone_masked(const char *got, const char *phone)
{
	assert_non_null(got);
	assert_int_equal(strlen(got), 11);
	assert_memory_equal(got, phone, 3);
	assert_memory_equal(got + 3, "****", 4);
	assert_memory_equal(got + 7, phone + 7, 4);
}

static void org_name(int64_t id, char *out, size_t cap)
{
	struct resp r;
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64, id), 0);
	expect_status(&r, 200);
	snprintf(out, cap, "%s", jstr(r.json, "name"));
	resp_free(&r);
}

struct mf {
	int64_t members, women, migrant, new_form, party, retained;
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
	figs_free(&g);
	assert_true(f->members >= 0 && f->women >= 0 && f->migrant >= 0 && f->new_form >= 0 && f->party >= 0 &&
	            f->retained >= 0);
}

#define assert_mf_moved(b, a, d_members, d_women, d_migrant, d_new_form, d_party, d_retained) \
	do {                                                                                  \
		assert_int_equal((a).members - (b).members, (d_members));                     \
		assert_int_equal((a).women - (b).women, (d_women));                           \
		assert_int_equal((a).migrant - (b).migrant, (d_migrant));                     \
		assert_int_equal((a).new_form - (b).new_form, (d_new_form));                  \
		assert_int_equal((a).party - (b).party, (d_party));                           \
		assert_int_equal((a).retained - (b).retained, (d_retained));                  \
	} while (0)

/* The counters of U1, 青口镇, 赣榆区 and the root. */
static const int64_t *chain(void)
{
	static int64_t c[4];
	c[0] = U1;
	c[1] = QK;
	c[2] = GY;
	c[3] = ROOT;
	return c;
}

/* ---- tests ---- */

static void test_member_create(void **state)
{
	const int64_t *orgs = chain();
	struct mf b[4], a[4];
	int64_t joins0[4], births0[4], api_joins0[4], band0[4];
	for (int i = 0; i < 4; i++) {
		mf_get(orgs[i], &b[i]);
		joins0[i] = srv_stat_month(&S, orgs[i], 202506, MONTH_JOINS);
		births0[i] = srv_stat(&S, orgs[i], BIRTH_METRIC(1992));
		api_joins0[i] = figs_month(&A, orgs[i], "2025-06", "joins");
		band0[i] = figs_band(&A, orgs[i], "26-35"); /* 34 in 2026 */
		assert_true(api_joins0[i] >= 0 && band0[i] >= 0);
	}
	int64_t audit0 = audit_count("member.create");
	char idn[19], phone[12];
	new_id(idn, 1992, 7, 15, 'F');
	new_phone(phone);
	json_t *body =
	        json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "org_id", (json_int_t)U1,
	                  "id_number", idn, "name", "李娜", "sex", "女", "ethnicity", "汉族", "political",
	                  "中共预备党员", "education", "大专", "household", "农业户口", "employment", "新就业形态",
	                  "new_form", "外卖骑手", "skill", "中级工", "phone", phone, "joined_on", "2025-06-01");
	struct resp r;
	post_member(&CU1.c, body, &r);
	expect_status(&r, 201);
	int64_t id = jint(r.json, "id");
	assert_true(id > 0);
	assert_true(jint(r.json, "person_id") > 0);
	assert_string_equal(jstr(r.json, "name"), "李娜");
	assert_string_equal(jstr(r.json, "sex"), "F");
	assert_string_equal(jstr(r.json, "birth_date"), "1992-07-15");
	assert_masked(jstr(r.json, "id_number"), idn);
	assert_phone_masked(jstr(r.json, "phone"), phone);
	assert_true(json_is_false(jget(r.json, "revealed")));
	assert_string_equal(jstr(r.json, "ethnicity"), "汉族");
	assert_string_equal(jstr(r.json, "political"), "cpc_probationary");
	assert_string_equal(jstr(r.json, "political_label"), "中共预备党员");
	assert_string_equal(jstr(r.json, "education"), "college");
	assert_string_equal(jstr(r.json, "household"), "agricultural");
	assert_true(json_is_true(jget(r.json, "migrant")));
	assert_string_equal(jstr(r.json, "employment"), "new_form");
	assert_string_equal(jstr(r.json, "new_form"), "food_delivery");
	assert_string_equal(jstr(r.json, "skill"), "level4");
	assert_int_equal(jint(r.json, "org_id"), U1);
	assert_string_equal(jstr(r.json, "joined_on"), "2025-06-01");
	assert_string_equal(jstr(r.json, "status"), "active");
	assert_string_equal(jstr(r.json, "status_label"), "在会");
	assert_string_equal(jstr(r.json, "via"), "cadre");
	assert_non_null(jstr(r.json, "member_no"));
	assert_memory_equal(jstr(r.json, "member_no"), "M322025", 7);
	assert_null(strstr(r.body, idn));
	assert_null(strstr(r.body, phone));
	resp_free(&r);
	/* the same through GET, with its first event */
	get_member(&CU1.c, id, false, &r);
	expect_status(&r, 200);
	assert_masked(jstr(r.json, "id_number"), idn);
	assert_int_equal(json_array_size(jget(r.json, "events")), 1);
	assert_string_equal(jstr(r.json, "events.0.to"), "active");
	assert_string_equal(jstr(r.json, "events.0.on"), "2025-06-01");
	resp_free(&r);

	for (int i = 0; i < 4; i++) {
		mf_get(orgs[i], &a[i]);
		assert_mf_moved(b[i], a[i], 1, 1, 1, 1, 1, 0);
		assert_int_equal(srv_stat_month(&S, orgs[i], 202506, MONTH_JOINS) - joins0[i], 1);
		assert_int_equal(srv_stat(&S, orgs[i], BIRTH_METRIC(1992)) - births0[i], 1);
		assert_int_equal(figs_month(&A, orgs[i], "2025-06", "joins") - api_joins0[i], 1);
		assert_int_equal(figs_band(&A, orgs[i], "26-35") - band0[i], 1);
	}
	assert_int_equal(audit_count("member.create") - audit0, 1);
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* A 15-digit legacy number is stored as 18 digits; a landline with its area code is a phone. */
static void test_member_15_digits_landline(void **state)
{
	int s = seq++;
	if (s % 2 == 0)
		s = seq++;
	char old[16], idn[19];
	idn_make15(old, AREA, 1968, 10, 1, s);
	idn_make(idn, AREA, 1968, 10, 1, s);
	remember(old);
	remember(idn);
	remember("0518-85551234");
	remember("85551234");
	struct resp r;
	post_member(&CU1.c,
	            json_pack("{s:I, s:s, s:s, s:s, s:s}", "org_id", (json_int_t)U1, "id_number", old, "name", "老张",
	                      "phone", "0518-85551234", "joined_on", "2001-07-01"),
	            &r);
	expect_status(&r, 201);
	int64_t id = jint(r.json, "id");
	assert_string_equal(jstr(r.json, "sex"), "M");
	assert_string_equal(jstr(r.json, "birth_date"), "1968-10-01");
	assert_masked(jstr(r.json, "id_number"), idn);
	const char *ph = jstr(r.json, "phone");
	assert_non_null(ph);
	assert_memory_equal(ph, "0518-", 5);
	assert_non_null(strchr(ph, '*'));
	assert_string_equal(ph + strlen(ph) - 4, "1234");
	assert_null(strstr(r.body, "85551234"));
	resp_free(&r);
	get_member(&A, id, true, &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "id_number"), idn);
	assert_string_equal(jstr(r.json, "phone"), "0518-85551234");
	resp_free(&r);
	/* the 18-digit form is the same person */
	post_member(&CU1.c,
	            json_pack("{s:I, s:s, s:s, s:s}", "org_id", (json_int_t)U1, "id_number", idn, "name", "老张",
	                      "joined_on", "2001-07-01"),
	            &r);
	expect_status(&r, 409);
	resp_free(&r);
	lookup(&CU1.c, old, false, &r);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "id"), id);
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* Every refusal of POST /api/members: status, code and field; nothing written. */
static void test_member_create_refusals(void **state)
{
	char good[19], badchk[19], young[19], man[19], phone[12];
	new_id(good, 1988, 4, 1, 'M');
	snprintf(badchk, sizeof(badchk), "%s", good);
	badchk[17] = badchk[17] == '1' ? '2' : '1';
	remember(badchk);
	new_id(young, 2010, 1, 1, 'F'); /* 16 on 2026-01-01 */
	new_id(man, 1979, 9, 9, 'M');
	char leap[19];
	new_id(leap, 2008, 2, 29, 'M'); /* 16 on 2024-02-29 */
	new_phone(phone);
	const long long u1 = (long long)U1, u2 = (long long)U2;
	struct {
		struct client *c;
		char body[600];
		long status;
		const char *code, *field;
	} cases[28];
	int n = 0;
#define CASE(cl, st, cd, fl, ...)                                            \
	do {                                                                 \
		cases[n].c = (cl);                                           \
		snprintf(cases[n].body, sizeof(cases[n].body), __VA_ARGS__); \
		cases[n].status = (st);                                      \
		cases[n].code = (cd);                                        \
		cases[n].field = (fl);                                       \
		n++;                                                         \
	} while (0)
	struct client *c = &CU1.c;
	CASE(c, 400, "missing_field", "id_number", "{\"org_id\":%lld,\"name\":\"错例\",\"joined_on\":\"2025-01-01\"}",
	     u1);
	CASE(c, 400, "invalid_field", "id_number",
	     "{\"org_id\":%lld,\"id_number\":\"%s\",\"name\":\"错例\",\"joined_on\":\"2025-01-01\"}", u1, badchk);
	CASE(c, 400, "invalid_field", "id_number",
	     "{\"org_id\":%lld,\"id_number\":\"%s\",\"name\":\"错例\",\"joined_on\":\"2025-12-31\"}", u1, young);
	CASE(c, 400, "invalid_field", "id_number",
	     "{\"org_id\":%lld,\"id_number\":\"%s\",\"name\":\"错例\",\"joined_on\":\"2024-02-28\"}", u1, leap);
	CASE(c, 400, "invalid_field", "sex",
	     "{\"org_id\":%lld,\"id_number\":\"%s\",\"name\":\"错例\",\"sex\":\"女\",\"joined_on\":\"2025-01-01\"}", u1,
	     man);
	CASE(c, 400, "invalid_field", "political",
	     "{\"org_id\":%lld,\"id_number\":\"%s\",\"name\":\"错例\",\"political\":\"哈哈\",\"joined_on\":"
	     "\"2025-01-01\"}",
	     u1, good);
	CASE(c, 400, "invalid_field", "new_form",
	     "{\"org_id\":%lld,\"id_number\":\"%s\",\"name\":\"错例\",\"employment\":\"全日制\",\"new_form\":"
	     "\"快递员\","
	     "\"joined_on\":\"2025-01-01\"}",
	     u1, good);
	CASE(c, 400, "invalid_field", "phone",
	     "{\"org_id\":%lld,\"id_number\":\"%s\",\"name\":\"错例\",\"phone\":\"1230707\",\"joined_on\":"
	     "\"2025-01-01\"}",
	     u1, good);
	CASE(c, 400, "missing_field", "name", "{\"org_id\":%lld,\"id_number\":\"%s\",\"joined_on\":\"2025-01-01\"}", u1,
	     good);
	CASE(c, 400, "invalid_field", "joined_on",
	     "{\"org_id\":%lld,\"id_number\":\"%s\",\"name\":\"错例\",\"joined_on\":\"2026-03-11\"}", u1, good);
	CASE(c, 400, "invalid_field", "joined_on",
	     "{\"org_id\":%lld,\"id_number\":\"%s\",\"name\":\"错例\",\"joined_on\":\"2025-02-30\"}", u1, good);
	CASE(c, 400, "missing_field", "org_id", "{\"id_number\":\"%s\",\"name\":\"错例\",\"joined_on\":\"2025-01-01\"}",
	     good);
	CASE(c, 404, "not_found", "org_id",
	     "{\"org_id\":%lld,\"id_number\":\"%s\",\"name\":\"错例\",\"joined_on\":\"2025-01-01\"}", u2, good);
	CASE(&FDH.c, 404, "not_found", "org_id",
	     "{\"org_id\":%lld,\"id_number\":\"%s\",\"name\":\"错例\",\"joined_on\":\"2025-01-01\"}", u1, good);
	CASE(&A, 400, "invalid_field", "org_id",
	     "{\"org_id\":%lld,\"id_number\":\"%s\",\"name\":\"错例\",\"joined_on\":\"2025-01-01\"}", (long long)LYG,
	     good);
	CASE(&PGY.c, 403, "forbidden", NULL,
	     "{\"org_id\":%lld,\"id_number\":\"%s\",\"name\":\"错例\",\"joined_on\":\"2025-01-01\"}", u1, good);
#undef CASE
	const int64_t *orgs = chain();
	struct mf b[4], a[4];
	for (int i = 0; i < 4; i++)
		mf_get(orgs[i], &b[i]);
	int64_t audit0 = audit_count(NULL);
	for (int i = 0; i < n; i++) {
		struct resp r;
		assert_int_equal(req(cases[i].c, "POST", "/api/members", cases[i].body, &r), 0);
		if (r.status != cases[i].status)
			print_error("case %d: %s\n", i, cases[i].body);
		expect_error(&r, cases[i].status, cases[i].code, cases[i].field);
		resp_free(&r);
	}
	for (int i = 0; i < 4; i++) {
		mf_get(orgs[i], &a[i]);
		assert_mf_moved(b[i], a[i], 0, 0, 0, 0, 0, 0);
	}
	assert_int_equal(audit_count(NULL), audit0);
	struct resp r;
	lookup(&A, good, false, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	/* nothing was kept: the young woman joins on her 16th birthday, the good particulars join too */
	add_member(&CU1.c, U1, young, "小燕", "2026-01-01");
	add_member(&CU1.c, U1, leap, "闰年", "2024-02-29");
	add_member(&CU1.c, U1, good, "错例", "2025-01-01");
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* One membership per person in the whole country; the 409 never names a union out of scope. */
static void test_member_elsewhere(void **state)
{
	char idn[19], dht_name[256], dh_name[256];
	new_id(idn, 1983, 3, 3, 'F');
	org_name(DHT, dht_name, sizeof(dht_name));
	org_name(DH, dh_name, sizeof(dh_name));
	add_member(&A, DHT, idn, "唐敏", "2024-09-01");
	struct mf u1b, u1a, dhb, dha;
	mf_get(U1, &u1b);
	mf_get(DH, &dhb);
	int64_t audit0 = audit_count(NULL);
	struct client *callers[] = {&FGY.c, &CU1.c};
	const char *langs[] = {NULL, "en"};
	for (int i = 0; i < 2; i++)
		for (int l = 0; l < 2; l++) {
			struct resp r;
			callers[i]->lang = langs[l];
			post_member(callers[i],
			            json_pack("{s:I, s:s, s:s, s:s}", "org_id", (json_int_t)U1, "id_number", idn,
			                      "name", "唐敏", "joined_on", "2025-01-01"),
			            &r);
			callers[i]->lang = NULL;
			expect_status(&r, 409);
			const char *msg = jstr(r.json, "error.message");
			assert_non_null(msg);
			if (strstr(r.body, dht_name) || strstr(r.body, dh_name) || strstr(r.body, "东海"))
				print_error("names a union out of scope: %s\n", r.body);
			assert_null(strstr(r.body, dht_name));
			assert_null(strstr(r.body, dh_name));
			assert_null(strstr(r.body, "东海"));
			assert_null(strstr(r.body, "Donghai"));
			resp_free(&r);
		}
	/* the admin sees both: still 409; the same union again: 409 */
	struct resp r;
	post_member(&A,
	            json_pack("{s:I, s:s, s:s, s:s}", "org_id", (json_int_t)U1, "id_number", idn, "name", "唐敏",
	                      "joined_on", "2025-01-01"),
	            &r);
	expect_status(&r, 409);
	resp_free(&r);
	post_member(&A,
	            json_pack("{s:I, s:s, s:s, s:s}", "org_id", (json_int_t)DHT, "id_number", idn, "name", "唐敏",
	                      "joined_on", "2025-01-01"),
	            &r);
	expect_status(&r, 409);
	resp_free(&r);
	mf_get(U1, &u1a);
	mf_get(DH, &dha);
	assert_mf_moved(u1b, u1a, 0, 0, 0, 0, 0, 0);
	assert_mf_moved(dhb, dha, 0, 0, 0, 0, 0, 0);
	assert_int_equal(audit_count(NULL), audit0);
	assert_int_equal(srv_stats_verify(&S), 0);
}

static bool member_listed(struct client *c, const char *query, int64_t id)
{
	return api_list_holds(c, "/api/members", query, id);
}

#define MINGCE "&q=%E5%90%8D%E5%86%8C" /* 名册: the names of test_member_list */

static int64_t list_total(struct client *c, const char *query)
{
	struct resp r;
	assert_int_equal(reqf(c, "GET", NULL, &r, "/api/members?limit=1%s", query), 0);
	expect_status(&r, 200);
	int64_t n = jint(r.json, "total");
	resp_free(&r);
	return n;
}

static void test_member_list(void **state)
{
	static const char *const names[] = {"名册戊五", "名册甲一", "名册丁四", "名册乙二", "名册丙三"};
	int64_t ids[5];
	char idns[5][19];
	int64_t base = list_total(&CU2.c, ""); /* the demo members of U2 */
	for (int i = 0; i < 5; i++) {
		new_id(idns[i], 1980 + i, 1 + i, 10 + i, i % 2 ? 'M' : 'F');
		ids[i] = add_member(&CU2.c, U2, idns[i], names[i], "2025-03-01");
	}
	struct resp r;
	/* the cadre's own roster: five more, in name order, masked */
	assert_int_equal(req(&CU2.c, "GET", "/api/members?limit=200", NULL, &r), 0);
	expect_status(&r, 200);
	int64_t total = jint(r.json, "total");
	assert_int_equal(total, base + 5);
	assert_true(total <= 200);
	assert_int_equal(jint(r.json, "offset"), 0);
	assert_int_equal(jint(r.json, "limit"), 200);
	json_t *items = jget(r.json, "items");
	assert_int_equal(json_array_size(items), total);
	int64_t order[3];
	int seen = 0;
	for (size_t i = 0; i < json_array_size(items); i++) {
		json_t *it = json_array_get(items, i);
		if (i < 3)
			order[i] = jint(it, "id");
		for (int k = 0; k < 5; k++)
			seen += jint(it, "id") == ids[k];
		assert_int_equal(jint(it, "org_id"), U2);
		assert_non_null(strchr(jstr(it, "id_number"), '*'));
		if (i)
			assert_true(strcmp(jstr(json_array_get(items, i - 1), "name"), jstr(it, "name")) <= 0);
	}
	assert_int_equal(seen, 5);
	for (int k = 0; k < 5; k++)
		assert_null(strstr(r.body, idns[k]));
	resp_free(&r);
	/* paging: 20 by default; offset and limit */
	assert_int_equal(req(&CU2.c, "GET", "/api/members", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "limit"), 20);
	assert_int_equal(jint(r.json, "offset"), 0);
	assert_int_equal(jint(r.json, "total"), total);
	assert_int_equal(json_array_size(jget(r.json, "items")), total < 20 ? total : 20);
	resp_free(&r);
	assert_int_equal(req(&CU2.c, "GET", "/api/members?offset=1&limit=2", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), total);
	assert_int_equal(jint(r.json, "offset"), 1);
	assert_int_equal(jint(r.json, "limit"), 2);
	assert_int_equal(json_array_size(jget(r.json, "items")), 2);
	assert_int_equal(jint(r.json, "items.0.id"), order[1]);
	assert_int_equal(jint(r.json, "items.1.id"), order[2]);
	resp_free(&r);
	/* by name: 名册 finds the five, in name order */
	assert_int_equal(reqf(&CU2.c, "GET", NULL, &r, "/api/members?limit=200%s", MINGCE), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 5);
	items = jget(r.json, "items");
	for (size_t i = 1; i < json_array_size(items); i++)
		assert_true(strcmp(jstr(json_array_get(items, i - 1), "name"), jstr(json_array_get(items, i), "name")) <
		            0);
	resp_free(&r);
	/* the search is a prefix of the name: 名册乙 finds 名册乙二, and so does the full name */
	assert_int_equal(req(&CU2.c, "GET", "/api/members?q=%E5%90%8D%E5%86%8C%E4%B9%99", NULL, &r), 0); /* 名册乙 */
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 1);
	assert_int_equal(jint(r.json, "items.0.id"), ids[3]);
	resp_free(&r);
	assert_int_equal(list_total(&CU2.c, "&q=%E5%90%8D%E5%86%8C%E4%B9%99%E4%BA%8C"), 1);          /* 名册乙二 */
	assert_int_equal(list_total(&CU2.c, "&q=%E5%90%8D%E5%86%8C%E4%B9%99%E4%BA%8C%E4%BA%8C"), 0); /* 名册乙二二 */
	/* or the start of the given name (the name after its first character) */
	assert_int_equal(list_total(&CU2.c, "&q=%E5%86%8C%E4%B9%99"), 1); /* 册乙 */
	assert_true(member_listed(&CU2.c, "&q=%E5%86%8C%E4%B9%99", ids[3]));
	assert_int_equal(list_total(&CU2.c, "&q=%E5%86%8C"), 5); /* 册 */
	/* not the middle of a name (ranges of the name indexes, not a scan of the scope) */
	assert_int_equal(list_total(&CU2.c, "&q=%E4%B9%99%E4%BA%8C"), 0); /* 乙二 */
	/* a search pages by cursor too: two at a time through the five, then nothing */
	int64_t after = 0, got = 0;
	const int order5[] = {2, 4, 3, 0, 1}; /* 丁 丙 乙 戊 甲 in code point order */
	for (int page = 0; page < 4; page++) {
		char cur[40] = "";
		if (after)
			snprintf(cur, sizeof(cur), "&after=%" PRId64, after);
		assert_int_equal(reqf(&CU2.c, "GET", NULL, &r, "/api/members?limit=2&status=all%s%s", MINGCE, cur), 0);
		expect_status(&r, 200);
		assert_int_equal(jint(r.json, "total"), 5);
		items = jget(r.json, "items");
		for (size_t i = 0; i < json_array_size(items) && got < 5; i++, got++)
			assert_int_equal(jint(json_array_get(items, i), "id"), ids[order5[got]]);
		json_t *next = jget(r.json, "next_after");
		after = json_is_integer(next) ? json_integer_value(next) : 0;
		resp_free(&r);
		if (!after)
			break;
	}
	assert_int_equal(got, 5);
	/* the county sees them, under org= and in its own scope */
	assert_int_equal(reqf(&FGY.c, "GET", NULL, &r, "/api/members?org=%" PRId64, U2), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), total);
	resp_free(&r);
	assert_int_equal(list_total(&FGY.c, MINGCE), 5);
	assert_true(member_listed(&FGY.c, MINGCE, ids[0]));
	/* by status: one withdraws */
	set_status(&CU2.c, ids[4], "withdrawn", "调离本单位", NULL, &r);
	expect_status(&r, 200);
	resp_free(&r);
	const struct {
		const char *q;
		int64_t total;
	} st[] = {{"", 4},
	          {"&status=current", 4},
	          {"&status=all", 5},
	          {"&status=withdrawn", 1},
	          {"&status=%E9%80%80%E4%BC%9A", 1} /* 退会 */,
	          {"&status=active", 4},
	          {"&status=retained", 0}};
	for (size_t i = 0; i < sizeof(st) / sizeof(st[0]); i++) {
		assert_int_equal(reqf(&CU2.c, "GET", NULL, &r, "/api/members?limit=200%s%s", MINGCE, st[i].q), 0);
		expect_status(&r, 200);
		if (jint(r.json, "total") != st[i].total)
			print_error("status filter %s\n", st[i].q);
		assert_int_equal(jint(r.json, "total"), st[i].total);
		resp_free(&r);
	}
	assert_true(member_listed(&CU2.c, "&status=withdrawn", ids[4]));
	assert_false(member_listed(&CU2.c, "", ids[4]));

	/* another county: 404 for the union and the member, absent from lists and lookups */
	assert_int_equal(reqf(&FDH.c, "GET", NULL, &r, "/api/members?org=%" PRId64, U2), 0);
	expect_error(&r, 404, "not_found", "org");
	resp_free(&r);
	assert_int_equal(req(&FDH.c, "GET", "/api/members?q=%E5%90%8D%E5%86%8C&status=all", NULL, &r), 0);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "total"), 0);
	resp_free(&r);
	assert_int_equal(list_total(&FDH.c, MINGCE "&status=all"), 0);
	for (int i = 0; i < 5; i++)
		assert_false(member_listed(&FDH.c, "&status=all", ids[i]));
	get_member(&FDH.c, ids[0], false, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	lookup(&FDH.c, idns[0], false, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	/* a sibling union too */
	get_member(&CU1.c, ids[0], false, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(reqf(&CU1.c, "GET", NULL, &r, "/api/members?org=%" PRId64, U2), 0);
	expect_error(&r, 404, "not_found", "org");
	resp_free(&r);
	assert_int_equal(list_total(&CU1.c, MINGCE "&status=all"), 0);
	/* bad parameters */
	assert_int_equal(req(&CU2.c, "GET", "/api/members?limit=201", NULL, &r), 0);
	expect_error(&r, 400, "invalid_field", "limit");
	resp_free(&r);
	assert_int_equal(req(&CU2.c, "GET", "/api/members?status=sleeping", NULL, &r), 0);
	expect_error(&r, 400, "invalid_field", "status");
	resp_free(&r);
	/* the cursor: a number of a membership; one that does not exist is refused */
	const char *bad_after[] = {"/api/members?after=abc", "/api/members?after=0", "/api/members?after=-3",
	                           "/api/members?after=999999999999"};
	for (size_t i = 0; i < sizeof(bad_after) / sizeof(bad_after[0]); i++) {
		assert_int_equal(req(&CU2.c, "GET", bad_after[i], NULL, &r), 0);
		expect_error(&r, 400, "invalid_field", "after");
		resp_free(&r);
	}
	/* a search text that is not UTF-8, or too long */
	assert_int_equal(req(&CU2.c, "GET", "/api/members?q=%FF%FE", NULL, &r), 0);
	expect_error(&r, 400, "invalid_field", "q");
	resp_free(&r);
	char longq[300];
	snprintf(longq, sizeof(longq), "/api/members?q=%0201d", 0);
	assert_int_equal(req(&CU2.c, "GET", longq, NULL, &r), 0);
	expect_error(&r, 400, "invalid_field", "q");
	resp_free(&r);
}

/* An ID number with X as its check character, born in the 1980s (so a 15-digit form exists). */
static void new_id_x(char out[19], char old[16], int y, int m, int d)
{
	for (;;) {
		int s = seq++;
		idn_make(out, AREA, y, m, d, s);
		if (out[17] == 'X') {
			idn_make15(old, AREA, y, m, d, s);
			break;
		}
	}
	remember(out);
	remember(old);
}

static void test_lookup(void **state)
{
	char idn[19], old[16], phone[12];
	new_id_x(idn, old, 1986, 6, 16);
	new_phone(phone);
	struct resp r;
	post_member(&CU1.c,
	            json_pack("{s:I, s:s, s:s, s:s, s:s}", "org_id", (json_int_t)U1, "id_number", idn, "name", "韩雪",
	                      "phone", phone, "joined_on", "2025-08-01"),
	            &r);
	expect_status(&r, 201);
	int64_t id = jint(r.json, "id");
	resp_free(&r);
	/* masked by default; any spelling of the number finds the person */
	char lower[19], fw[128];
	snprintf(lower, sizeof(lower), "%s", idn);
	lower[17] = 'x';
	size_t k = 0;
	for (const char *p = idn; *p && k + 4 < sizeof(fw); p++) {
		if (*p == 'X') {
			memcpy(fw + k, "\xEF\xBC\xB8", 3);
			k += 3;
		} else {
			fw[k++] = (char)0xEF;
			fw[k++] = (char)0xBC;
			fw[k++] = (char)(0x90 + (*p - '0'));
		}
	}
	fw[k] = 0;
	remember(lower);
	remember(fw);
	const char *forms[] = {idn, lower, fw, old};
	for (int i = 0; i < 4; i++) {
		lookup(&CU1.c, forms[i], false, &r);
		if (r.status != 200)
			print_error("form %d\n", i);
		expect_status(&r, 200);
		assert_int_equal(jint(r.json, "id"), id);
		assert_masked(jstr(r.json, "id_number"), idn);
		assert_phone_masked(jstr(r.json, "phone"), phone);
		assert_true(json_is_false(jget(r.json, "revealed")));
		assert_null(strstr(r.body, idn));
		resp_free(&r);
	}
	/* scope */
	lookup(&FGY.c, idn, false, &r);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "id"), id);
	resp_free(&r);
	lookup(&PGY.c, idn, false, &r);
	expect_status(&r, 200);
	resp_free(&r);
	lookup(&CU2.c, idn, false, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	lookup(&FDH.c, idn, false, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	/* revealing needs pii.reveal; the admin's reveal is audited */
	int64_t audit0 = audit_count("member.reveal");
	lookup(&CU1.c, idn, true, &r);
	expect_error(&r, 403, "forbidden", "reveal");
	resp_free(&r);
	lookup(&FGY.c, idn, true, &r);
	expect_error(&r, 403, "forbidden", "reveal");
	resp_free(&r);
	assert_int_equal(audit_count("member.reveal"), audit0);
	lookup(&A, lower, true, &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "id_number"), idn);
	assert_string_equal(jstr(r.json, "phone"), phone);
	assert_true(json_is_true(jget(r.json, "revealed")));
	resp_free(&r);
	assert_int_equal(audit_count("member.reveal") - audit0, 1);
	/* nobody, a bad number, no number */
	char nobody[19];
	new_id(nobody, 1966, 6, 6, 'M');
	lookup(&A, nobody, false, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	char bad[19];
	snprintf(bad, sizeof(bad), "%s", nobody);
	bad[17] = bad[17] == '1' ? '2' : '1';
	remember(bad);
	lookup(&A, bad, false, &r);
	expect_error(&r, 400, "invalid_field", "id_number");
	resp_free(&r);
	assert_int_equal(reqj(&A, "POST", "/api/members/lookup", json_object(), &r), 0);
	expect_error(&r, 400, "missing_field", "id_number");
	resp_free(&r);
}

static void test_reveal(void **state)
{
	char idn[19], phone[12];
	new_id(idn, 1975, 5, 5, 'M');
	new_phone(phone);
	struct resp r;
	post_member(&CU1.c,
	            json_pack("{s:I, s:s, s:s, s:s, s:s}", "org_id", (json_int_t)U1, "id_number", idn, "name", "曹勇",
	                      "phone", phone, "joined_on", "2025-08-01"),
	            &r);
	expect_status(&r, 201);
	int64_t id = jint(r.json, "id");
	resp_free(&r);
	int64_t audit0 = audit_count("member.reveal");
	/* masked: no audit */
	get_member(&A, id, false, &r);
	expect_status(&r, 200);
	assert_masked(jstr(r.json, "id_number"), idn);
	assert_phone_masked(jstr(r.json, "phone"), phone);
	resp_free(&r);
	assert_int_equal(audit_count("member.reveal"), audit0);
	/* roles without pii.reveal: 403; out of scope: 404; nothing audited */
	struct client *no[] = {&CU1.c, &FGY.c, &PGY.c};
	for (int i = 0; i < 3; i++) {
		get_member(no[i], id, true, &r);
		expect_error(&r, 403, "forbidden", "reveal");
		assert_null(strstr(r.body, idn));
		resp_free(&r);
	}
	get_member(&FDH.c, id, true, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	assert_int_equal(audit_count("member.reveal"), audit0);
	/* the admin */
	get_member(&A, id, true, &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "id_number"), idn);
	assert_string_equal(jstr(r.json, "phone"), phone);
	assert_true(json_is_true(jget(r.json, "revealed")));
	resp_free(&r);
	assert_int_equal(audit_count("member.reveal") - audit0, 1);
	assert_int_equal(req(&A, "GET", "/api/audit?action=member.reveal&limit=1", NULL, &r), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "items.0.action"), "member.reveal");
	assert_int_equal(jint(r.json, "items.0.object_id"), id);
	assert_string_equal(jstr(r.json, "items.0.actor_name"), "admin");
	assert_null(strstr(r.body, idn));
	resp_free(&r);
}

static void test_status(void **state)
{
	char idn[19], idn2[19];
	new_id(idn, 1991, 11, 11, 'F');
	new_id(idn2, 1960, 1, 1, 'M');
	struct resp r;
	post_member(&CU1.c,
	            json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "org_id", (json_int_t)U1, "id_number", idn, "name",
	                      "蒋琳", "political", "中共党员", "household", "农业户口", "joined_on", "2025-01-01"),
	            &r);
	expect_status(&r, 201);
	int64_t id = jint(r.json, "id");
	resp_free(&r);
	const int64_t *orgs = chain();
	struct mf b[4], a[4];
	int64_t leaves0[4], api_leaves0[4];
	for (int i = 0; i < 4; i++) {
		mf_get(orgs[i], &b[i]);
		leaves0[i] = srv_stat_month(&S, orgs[i], MONTH, MONTH_LEAVES);
		api_leaves0[i] = figs_month(&A, orgs[i], "2026-03", "leaves");
		assert_true(api_leaves0[i] >= 0);
	}
	/* 在会 → 保留会籍 */
	set_status(&CU1.c, id, "retained", NULL, NULL, &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "status"), "retained");
	assert_string_equal(jstr(r.json, "status_label"), "保留会籍");
	assert_string_equal(jstr(r.json, "status_on"), "2026-03-10");
	resp_free(&r);
	for (int i = 0; i < 4; i++) {
		mf_get(orgs[i], &a[i]);
		assert_mf_moved(b[i], a[i], -1, -1, -1, 0, -1, 1);
	}
	set_status(&CU1.c, id, "retained", NULL, NULL, &r);
	expect_error(&r, 409, "conflict", "status");
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);
	/* back to 在会 */
	set_status(&CU1.c, id, "在会", NULL, NULL, &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "status"), "active");
	resp_free(&r);
	for (int i = 0; i < 4; i++) {
		mf_get(orgs[i], &a[i]);
		assert_mf_moved(b[i], a[i], 0, 0, 0, 0, 0, 0);
	}
	/* 退会 needs a reason */
	set_status(&CU1.c, id, "withdrawn", NULL, NULL, &r);
	expect_error(&r, 400, "missing_field", "reason");
	resp_free(&r);
	set_status(&CU1.c, id, "withdrawn", "个人申请退会", "2026-03-11", &r);
	expect_error(&r, 400, "invalid_field", "on");
	resp_free(&r);
	set_status(&CU1.c, id, "withdrawn", "个人申请退会", "2024-12-31", &r);
	expect_error(&r, 400, "invalid_field", "on");
	resp_free(&r);
	/* who may not */
	set_status(&PGY.c, id, "withdrawn", "个人申请退会", NULL, &r);
	expect_error(&r, 403, "forbidden", NULL);
	resp_free(&r);
	set_status(&FDH.c, id, "withdrawn", "个人申请退会", NULL, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	set_status(&CU2.c, id, "withdrawn", "个人申请退会", NULL, &r);
	expect_error(&r, 404, "not_found", NULL);
	resp_free(&r);
	/* bad statuses */
	set_status(&CU1.c, id, "transferred", NULL, NULL, &r);
	expect_error(&r, 400, "invalid_field", "status");
	resp_free(&r);
	set_status(&CU1.c, id, "sleeping", NULL, NULL, &r);
	expect_error(&r, 400, "invalid_field", "status");
	resp_free(&r);
	set_status(&CU1.c, id, NULL, NULL, NULL, &r);
	expect_error(&r, 400, "missing_field", "status");
	resp_free(&r);
	for (int i = 0; i < 4; i++) {
		mf_get(orgs[i], &a[i]);
		assert_mf_moved(b[i], a[i], 0, 0, 0, 0, 0, 0);
	}
	set_status(&CU1.c, id, "withdrawn", "个人申请退会", NULL, &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "status"), "withdrawn");
	assert_string_equal(jstr(r.json, "status_reason"), "个人申请退会");
	assert_string_equal(jstr(r.json, "status_on"), "2026-03-10");
	resp_free(&r);
	for (int i = 0; i < 4; i++) {
		mf_get(orgs[i], &a[i]);
		assert_mf_moved(b[i], a[i], -1, -1, -1, 0, -1, 0);
		assert_int_equal(srv_stat_month(&S, orgs[i], MONTH, MONTH_LEAVES) - leaves0[i], 1);
		assert_int_equal(figs_month(&A, orgs[i], "2026-03", "leaves") - api_leaves0[i], 1);
	}
	/* terminal: nothing leaves it, nothing changes */
	const char *after[] = {"active", "retained", "deceased", "withdrawn", "expelled"};
	for (int i = 0; i < 5; i++) {
		set_status(&CU1.c, id, after[i], "再改", NULL, &r);
		if (r.status != 409)
			print_error("withdrawn -> %s\n", after[i]);
		expect_error(&r, 409, "conflict", "status");
		resp_free(&r);
	}
	for (int i = 0; i < 4; i++) {
		mf_get(orgs[i], &a[i]);
		assert_mf_moved(b[i], a[i], -1, -1, -1, 0, -1, 0);
		assert_int_equal(srv_stat_month(&S, orgs[i], MONTH, MONTH_LEAVES) - leaves0[i], 1);
	}
	/* the events */
	get_member(&CU1.c, id, false, &r);
	expect_status(&r, 200);
	json_t *ev = jget(r.json, "events");
	assert_int_equal(json_array_size(ev), 4);
	const char *to[] = {"active", "retained", "active", "withdrawn"};
	for (int i = 0; i < 4; i++)
		assert_string_equal(jstr(json_array_get(ev, (size_t)i), "to"), to[i]);
	assert_string_equal(jstr(json_array_get(ev, 3), "from"), "active");
	assert_string_equal(jstr(json_array_get(ev, 3), "reason"), "个人申请退会");
	resp_free(&r);
	assert_int_equal(srv_stats_verify(&S), 0);

	/* 去世, from 在会, without a reason; terminal as well */
	int64_t id2 = add_member(&CU1.c, U1, idn2, "沈国强", "2020-05-01");
	set_status(&CU1.c, id2, "deceased", NULL, NULL, &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "status"), "deceased");
	resp_free(&r);
	set_status(&CU1.c, id2, "withdrawn", "补录", NULL, &r);
	expect_error(&r, 409, "conflict", "status");
	resp_free(&r);
	set_status(&CU1.c, id2, "active", NULL, NULL, &r);
	expect_error(&r, 409, "conflict", "status");
	resp_free(&r);

	/* after 退会 the person may join again: a new episode */
	int64_t again = add_member(&CU1.c, U1, idn, "蒋琳", "2026-03-10");
	assert_true(again != id);
	lookup(&CU1.c, idn, false, &r);
	expect_status(&r, 200);
	assert_int_equal(jint(r.json, "id"), again);
	resp_free(&r);
	get_member(&CU1.c, id, false, &r);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "status"), "withdrawn");
	resp_free(&r);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_member_create),
	        cmocka_unit_test(test_member_15_digits_landline),
	        cmocka_unit_test(test_member_create_refusals),
	        cmocka_unit_test(test_member_elsewhere),
	        cmocka_unit_test(test_member_list),
	        cmocka_unit_test(test_lookup),
	        cmocka_unit_test(test_reveal),
	        cmocka_unit_test(test_status),
	        cmocka_unit_test(test_numbers_not_in_clear),
	};
	curl_global_init(CURL_GLOBAL_DEFAULT);
	int rc = cmocka_run_group_tests(tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
