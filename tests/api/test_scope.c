/*
 * API: the data scope matrix. Accounts of five roles (federation_staff, cadre, party_officer,
 * auditor, admin) bound at seven places — the national root, 江苏省 (32), 连云港市 (3207),
 * 赣榆区 (320707), 青口镇 (320707100), a grassroots union under 青口镇 and, beside them,
 * 东海县 (320722) — read and write organisations, employers, accounts and the audit log of
 * every place. Looped as a table (account × place × action):
 *   - an object inside the account's subtree answers 200; beside or above it, 404 (never 403);
 *     lists and searches never include it (青口 searched from 东海县 finds nothing;
 *     division=320707 from 东海县 has total 0);
 *   - a write the role may not do answers 403 forbidden wherever the target is; a write the
 *     role may do answers 404 outside the subtree; afterwards exactly the allowed writes
 *     happened (counts, fields), and `gonghui stats verify` is clean.
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

/* The places; parent[] gives the tree among them. */
enum { P_ROOT, P_JS, P_LYG, P_GY, P_QK, P_GR, P_DH, N_PLACES };
static const char *const place_name[N_PLACES] = {"root", "js", "lyg", "gy", "qk", "gr", "dh"};
static const char *const place_code[N_PLACES] = {"000000000000", "32", "3207", "320707", "320707100", NULL, "320722"};
static const int parent[N_PLACES] = {-1, P_ROOT, P_JS, P_LYG, P_GY, P_QK, P_LYG};

enum { R_FED, R_CADRE, R_PARTY, R_AUDITOR, R_ADMIN, N_ROLES };
static const char *const role_name[N_ROLES] = {"federation_staff", "cadre", "party_officer", "auditor", "admin"};

/* What each role may do (CONTRACT.md roles, docs/api-sketch.md capabilities). */
enum {
	C_ORG_CREATE = 1,
	C_ORG_EDIT = 2,
	C_ORG_MOVE = 4,
	C_EMP_WRITE = 8,
	C_USER_READ = 16,
	C_USER_WRITE = 32,
	C_AUDIT = 64
};
static const unsigned role_caps[N_ROLES] = {
        [R_FED] = C_ORG_CREATE | C_ORG_EDIT | C_ORG_MOVE | C_EMP_WRITE | C_USER_READ,
        [R_CADRE] = C_ORG_EDIT | C_EMP_WRITE,
        [R_PARTY] = 0,
        [R_AUDITOR] = 0,
        [R_ADMIN] = C_ORG_CREATE | C_ORG_EDIT | C_ORG_MOVE | C_EMP_WRITE | C_USER_READ | C_USER_WRITE | C_AUDIT,
};

struct account {
	int place, role;
	char user[48];
	int64_t id;
	struct client c;
};

static struct srv S;
static struct client A; /* the national admin of the template */
static int64_t ORG[N_PLACES], EMP[N_PLACES], MOVER, ZW, DHT;
static struct account ACC[N_PLACES * N_ROLES];
static const int N_ACC = N_PLACES * N_ROLES;
static unsigned long seq = 91000;
static int mismatches;

static bool contains(int p, int q)
{
	for (int x = q; x >= 0; x = parent[x])
		if (x == p)
			return true;
	return false;
}

static bool can(const struct account *a, unsigned cap)
{
	return (role_caps[a->role] & cap) != 0;
}

static struct account *acc(int place, int role)
{
	return &ACC[place * N_ROLES + role];
}

static int64_t post_id(struct client *c, const char *path, json_t *body, const char *id_path)
{
	struct resp r;
	if (reqj(c, "POST", path, body, &r) < 0)
		return 0;
	int64_t id = r.status == 201 ? jint(r.json, id_path) : 0;
	if (r.status != 201)
		fprintf(stderr, "setup: POST %s: %ld %s\n", path, r.status, r.body);
	resp_free(&r);
	return id > 0 ? id : 0;
}

static int setup(void **state)
{
	if (srv_start(&S, false) < 0)
		return -1;
	client_init(&A, &S);
	if (login(&A, "admin", S.admin_pw) != 200)
		return -1;
	for (int p = 0; p < N_PLACES; p++)
		if (place_code[p] && !(ORG[p] = org_by_division(&A, place_code[p])))
			return -1;
	ZW = org_by_division(&A, "320707101");
	DHT = org_by_division(&A, "320722001");
	if (!ZW || !DHT)
		return -1;
	/* the grassroots union under 青口镇, and a union to move about */
	char code[19];
	uscc_make(code, "320707", seq++, true);
	ORG[P_GR] = post_id(&A, "/api/orgs",
	                    json_pack("{s:I, s:s, s:s, s:{s:s, s:s}, s:i}", "parent_id", (json_int_t)ORG[P_QK], "name",
	                              "范围测试工会", "kind", "enterprise", "employer", "name", "范围测试单位gr",
	                              "credit_code", code, "headcount", 40),
	                    "id");
	struct resp r;
	if (!ORG[P_GR] || reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64, ORG[P_GR]) < 0)
		return -1;
	EMP[P_GR] = jint(r.json, "employer.id");
	resp_free(&r);
	uscc_make(code, "320707", seq++, true);
	MOVER = post_id(&A, "/api/orgs",
	                json_pack("{s:I, s:s, s:s, s:{s:s, s:s}, s:i}", "parent_id", (json_int_t)ORG[P_QK], "name",
	                          "范围移动工会", "kind", "enterprise", "employer", "name", "范围移动单位",
	                          "credit_code", code, "headcount", 10),
	                "id");
	if (EMP[P_GR] <= 0 || !MOVER)
		return -1;
	/* an employer registered with each place */
	for (int p = 0; p < N_PLACES; p++) {
		if (p == P_GR)
			continue;
		char name[64];
		snprintf(name, sizeof(name), "范围测试单位%s", place_name[p]);
		uscc_make(code, "320707", seq++, true);
		EMP[p] = post_id(&A, "/api/employers",
		                 json_pack("{s:I, s:s, s:s, s:i}", "org_id", (json_int_t)ORG[p], "name", name,
		                           "credit_code", code, "headcount", 10 + p),
		                 "id");
		if (!EMP[p])
			return -1;
	}
	/* the accounts, logged in */
	for (int p = 0; p < N_PLACES; p++)
		for (int ro = 0; ro < N_ROLES; ro++) {
			struct account *a = acc(p, ro);
			a->place = p;
			a->role = ro;
			snprintf(a->user, sizeof(a->user), "sc.%s.%s", place_name[p], role_name[ro]);
			a->id = make_user_id(&S, ORG[p], role_name[ro], a->user, TEST_PASSWORD);
			if (a->id <= 0) {
				fprintf(stderr, "setup: cannot create %s\n", a->user);
				return -1;
			}
			client_init(&a->c, &S);
			if (login(&a->c, a->user, TEST_PASSWORD) != 200)
				return -1;
		}
	return 0;
}

static int teardown(void **state)
{
	for (int i = 0; i < N_ACC; i++)
		client_release(&ACC[i].c);
	client_release(&A);
	srv_stop(&S);
	return 0;
}

/* Compares an answer with the expected status (403 must say forbidden, 404 not_found);
 * reports and counts a mismatch instead of stopping, so one run shows the whole matrix. */
static bool check(const char *what, const struct account *a, int q, const struct resp *r, long want)
{
	const char *code = jstr(r->json, "error.code");
	const char *want_code = want == 403 ? "forbidden" : want == 404 ? "not_found" : NULL;
	bool ok = r->status == want && (!want_code || (code && !strcmp(code, want_code)));
	if (!ok) {
		print_error("%s by %s on %s: want %ld, got %ld %.200s\n", what, a->user, q >= 0 ? place_name[q] : "-",
		            want, r->status, r->body ? r->body : "");
		mismatches++;
	}
	return ok;
}

static bool in_items(json_t *list, int64_t id, const char *key)
{
	json_t *items = jget(list, "items");
	for (size_t i = 0; i < json_array_size(items); i++)
		if (jint(json_array_get(items, i), key) == id)
			return true;
	return false;
}

/* GET /api/orgs/{id}, /children, /path, /stats of every place, by every account. */
static void test_read_orgs(void **state)
{
	mismatches = 0;
	for (int i = 0; i < N_ACC; i++) {
		struct account *a = &ACC[i];
		for (int q = 0; q < N_PLACES; q++) {
			long want = contains(a->place, q) ? 200 : 404;
			static const char *const suffix[] = {"", "/children", "/path", "/stats"};
			for (int s = 0; s < 4; s++) {
				struct resp r;
				assert_int_equal(
				        reqf(&a->c, "GET", NULL, &r, "/api/orgs/%" PRId64 "%s", ORG[q], suffix[s]), 0);
				char what[64];
				snprintf(what, sizeof(what), "GET org%s", suffix[s]);
				if (check(what, a, q, &r, want) && want == 200 && s == 2) {
					/* the path runs from the account's own organisation down to the target */
					json_t *items = jget(r.json, "items");
					size_t n = json_array_size(items);
					if (n == 0 || jint(json_array_get(items, 0), "id") != ORG[a->place] ||
					    jint(json_array_get(items, n - 1), "id") != ORG[q]) {
						print_error("path by %s to %s: %.300s\n", a->user, place_name[q],
						            r.body);
						mismatches++;
					}
				}
				if (want == 200 && s == 0 && jint(r.json, "id") != ORG[q])
					mismatches++;
				resp_free(&r);
			}
		}
	}
	assert_int_equal(mismatches, 0);
}

/* Searches by name and by division code list only what lies in scope. */
static void test_search_scope(void **state)
{
	mismatches = 0;
	for (int i = 0; i < N_ACC; i++) {
		struct account *a = &ACC[i];
		struct resp r;
		/* the grassroots union by its name */
		assert_int_equal(req(&a->c, "GET", "/api/orgs?q=%E8%8C%83%E5%9B%B4%E6%B5%8B%E8%AF%95", NULL, &r),
		                 0); /* 范围测试 */
		if (!check("search 范围测试", a, -1, &r, 200) ||
		    jint(r.json, "total") != (contains(a->place, P_GR) ? 1 : 0)) {
			print_error("search 范围测试 by %s: %.300s\n", a->user, r.body);
			mismatches++;
		}
		resp_free(&r);
		/* 青口: every hit is visible to the account; 青口镇 is among them exactly when in scope */
		assert_int_equal(req(&a->c, "GET", "/api/orgs?q=%E9%9D%92%E5%8F%A3&limit=200", NULL, &r), 0); /* 青口 */
		check("search 青口", a, -1, &r, 200);
		json_t *items = jget(r.json, "items");
		if (in_items(r.json, ORG[P_QK], "id") != contains(a->place, P_QK) ||
		    (int64_t)json_array_size(items) != jint(r.json, "total")) {
			print_error("search 青口 by %s: %.300s\n", a->user, r.body);
			mismatches++;
		}
		for (size_t k = 0; k < json_array_size(items); k++) {
			struct resp r2;
			int64_t id = jint(json_array_get(items, k), "id");
			assert_int_equal(reqf(&a->c, "GET", NULL, &r2, "/api/orgs/%" PRId64, id), 0);
			if (r2.status != 200) {
				print_error("search 青口 by %s listed %" PRId64 " it cannot read\n", a->user, id);
				mismatches++;
			}
			resp_free(&r2);
		}
		if (a->place == P_DH && jint(r.json, "total") != 0) {
			print_error("search 青口 from 东海县 (%s) found %.300s\n", a->user, r.body);
			mismatches++;
		}
		resp_free(&r);
		/* each place by its division code */
		for (int q = 0; q < N_PLACES; q++) {
			if (!place_code[q])
				continue;
			assert_int_equal(reqf(&a->c, "GET", NULL, &r, "/api/orgs?division=%s&limit=200", place_code[q]),
			                 0);
			check("search division", a, q, &r, 200);
			if (in_items(r.json, ORG[q], "id") != contains(a->place, q)) {
				print_error("division=%s by %s: %.300s\n", place_code[q], a->user, r.body);
				mismatches++;
			}
			/* nothing listed lies outside the account's subtree */
			if (!contains(a->place, q) && a->place != P_GR && jint(r.json, "total") != 0) {
				print_error("division=%s by %s: total %" PRId64 "\n", place_code[q], a->user,
				            jint(r.json, "total"));
				mismatches++;
			}
			resp_free(&r);
		}
		if (a->place == P_DH) {
			assert_int_equal(req(&a->c, "GET", "/api/orgs?division=320707", NULL, &r), 0);
			if (r.status != 200 || jint(r.json, "total") != 0) {
				print_error("division=320707 from 东海县: %.300s\n", r.body);
				mismatches++;
			}
			resp_free(&r);
		}
	}
	assert_int_equal(mismatches, 0);
}

static void test_read_employers(void **state)
{
	mismatches = 0;
	for (int i = 0; i < N_ACC; i++) {
		struct account *a = &ACC[i];
		int expect_n = 0;
		for (int q = 0; q < N_PLACES; q++) {
			long want = contains(a->place, q) ? 200 : 404;
			expect_n += want == 200;
			struct resp r;
			assert_int_equal(reqf(&a->c, "GET", NULL, &r, "/api/employers/%" PRId64, EMP[q]), 0);
			check("GET employer", a, q, &r, want);
			resp_free(&r);
			assert_int_equal(reqf(&a->c, "GET", NULL, &r, "/api/employers?org=%" PRId64, ORG[q]), 0);
			check("GET employers?org", a, q, &r, want);
			resp_free(&r);
		}
		/* the default list is the account's subtree: exactly the employers in scope */
		struct resp r;
		assert_int_equal(
		        req(&a->c, "GET", "/api/employers?q=%E8%8C%83%E5%9B%B4%E6%B5%8B%E8%AF%95&limit=200", NULL, &r),
		        0);
		check("GET employers?q", a, -1, &r, 200);
		bool ok = jint(r.json, "total") == expect_n;
		for (int q = 0; q < N_PLACES; q++)
			ok = ok && in_items(r.json, EMP[q], "id") == contains(a->place, q);
		if (!ok) {
			print_error("employers list by %s: want %d, got %.400s\n", a->user, expect_n, r.body);
			mismatches++;
		}
		resp_free(&r);
	}
	assert_int_equal(mismatches, 0);
}

static void test_read_users(void **state)
{
	mismatches = 0;
	for (int i = 0; i < N_ACC; i++) {
		struct account *a = &ACC[i];
		bool may = can(a, C_USER_READ);
		int expect_n = 0;
		for (int q = 0; q < N_PLACES; q++) {
			long want = !may ? 403 : contains(a->place, q) ? 200 : 404;
			expect_n += contains(a->place, q) ? N_ROLES : 0;
			struct resp r;
			assert_int_equal(reqf(&a->c, "GET", NULL, &r, "/api/users/%" PRId64, acc(q, R_AUDITOR)->id), 0);
			check("GET user", a, q, &r, want);
			resp_free(&r);
			assert_int_equal(reqf(&a->c, "GET", NULL, &r, "/api/users?org=%" PRId64, ORG[q]), 0);
			check("GET users?org", a, q, &r, want);
			resp_free(&r);
		}
		struct resp r;
		assert_int_equal(req(&a->c, "GET", "/api/users?q=sc.&limit=200", NULL, &r), 0);
		if (check("GET users?q", a, -1, &r, may ? 200 : 403) && may) {
			bool ok = jint(r.json, "total") == expect_n;
			for (int k = 0; k < N_ACC; k++)
				ok = ok && in_items(r.json, ACC[k].id, "id") == contains(a->place, ACC[k].place);
			if (!ok) {
				print_error("users list by %s: want %d, got total %" PRId64 "\n", a->user, expect_n,
				            jint(r.json, "total"));
				mismatches++;
			}
		}
		resp_free(&r);
		/* the account itself, always in its own scope */
		assert_int_equal(reqf(&a->c, "GET", NULL, &r, "/api/users/%" PRId64, a->id), 0);
		check("GET own user", a, a->place, &r, may ? 200 : 403);
		resp_free(&r);
	}
	assert_int_equal(mismatches, 0);
}

static void test_read_audit(void **state)
{
	mismatches = 0;
	for (int i = 0; i < N_ACC; i++) {
		struct account *a = &ACC[i];
		bool may = can(a, C_AUDIT);
		struct resp r;
		assert_int_equal(req(&a->c, "GET", "/api/audit?action=employer.create&limit=200", NULL, &r), 0);
		if (check("GET audit", a, -1, &r, may ? 200 : 403) && may) {
			for (int q = 0; q < N_PLACES; q++) {
				if (q == P_GR)
					continue; /* its employer came with the union (org.create) */
				if (in_items(r.json, EMP[q], "object_id") != contains(a->place, q)) {
					print_error("audit employer.create of %s by %s: %.300s\n", place_name[q],
					            a->user, r.body);
					mismatches++;
				}
			}
		}
		resp_free(&r);
		assert_int_equal(req(&a->c, "GET", "/api/audit?action=org.create&limit=200", NULL, &r), 0);
		if (check("GET audit", a, -1, &r, may ? 200 : 403) && may &&
		    in_items(r.json, ORG[P_GR], "object_id") != contains(a->place, P_GR)) {
			print_error("audit org.create of gr by %s: %.300s\n", a->user, r.body);
			mismatches++;
		}
		resp_free(&r);
		/* the logins of accounts outside the subtree are not shown */
		assert_int_equal(req(&a->c, "GET", "/api/audit?action=session.login&limit=200", NULL, &r), 0);
		if (check("GET audit", a, -1, &r, may ? 200 : 403) && may) {
			for (int k = 0; k < N_ACC; k++)
				if (in_items(r.json, ACC[k].id, "object_id") != contains(a->place, ACC[k].place)) {
					print_error("audit login of %s by %s\n", ACC[k].user, a->user);
					mismatches++;
				}
		}
		resp_free(&r);
	}
	assert_int_equal(mismatches, 0);
}

/* ---- writes ---- */

static int64_t root_figure(const char *key)
{
	struct resp r;
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64 "/stats", ORG[P_ROOT]), 0);
	int64_t v = jint(r.json, key);
	resp_free(&r);
	return v;
}

static int64_t user_count(void)
{
	struct resp r;
	assert_int_equal(req(&A, "GET", "/api/users?limit=1", NULL, &r), 0);
	int64_t v = jint(r.json, "total");
	resp_free(&r);
	return v;
}

static long want_for(const struct account *a, unsigned cap, bool in_scope, long ok)
{
	return !can(a, cap) ? 403 : in_scope ? ok : 404;
}

static void test_write_create_union(void **state)
{
	mismatches = 0;
	int64_t before = root_figure("grassroots");
	int made = 0;
	for (int i = 0; i < N_ACC; i++) {
		struct account *a = &ACC[i];
		for (int q = 0; q < N_PLACES; q++) {
			if (q == P_GR)
				continue; /* an enterprise union cannot hang under one */
			char code[19], name[96];
			uscc_make(code, "320707", seq++, true);
			snprintf(name, sizeof(name), "范围新建%s%s工会", a->user, place_name[q]);
			json_t *b = json_pack("{s:I, s:s, s:s, s:{s:s, s:s}, s:i}", "parent_id", (json_int_t)ORG[q],
			                      "name", name, "kind", "enterprise", "employer", "name", name,
			                      "credit_code", code, "headcount", 3);
			struct resp r;
			assert_int_equal(reqj(&a->c, "POST", "/api/orgs", b, &r), 0);
			long want = want_for(a, C_ORG_CREATE, contains(a->place, q), 201);
			check("POST org", a, q, &r, want);
			made += r.status == 201;
			resp_free(&r);
		}
	}
	assert_int_equal(mismatches, 0);
	assert_int_equal(root_figure("grassroots") - before, made);
	assert_int_equal(srv_stats_verify(&S), 0);
}

static void test_write_patch_org(void **state)
{
	mismatches = 0;
	int n = 0;
	for (int i = 0; i < N_ACC; i++) {
		struct account *a = &ACC[i];
		for (int q = 0; q < N_PLACES; q++) {
			char chair[32];
			snprintf(chair, sizeof(chair), "主席%d", n++);
			json_t *b = json_pack("{s:s}", "chair", chair);
			char path[64];
			snprintf(path, sizeof(path), "/api/orgs/%" PRId64, ORG[q]);
			struct resp r;
			assert_int_equal(reqj(&a->c, "PATCH", path, b, &r), 0);
			long want = want_for(a, C_ORG_EDIT, contains(a->place, q), 200);
			check("PATCH org", a, q, &r, want);
			resp_free(&r);
			/* a refused edit left the chair as it was */
			assert_int_equal(req(&A, "GET", path, NULL, &r), 0);
			const char *now = jstr(r.json, "chair");
			bool written = now && !strcmp(now, chair);
			if (written != (want == 200)) {
				print_error("PATCH org by %s on %s: chair %s\n", a->user, place_name[q],
				            now ? now : "null");
				mismatches++;
			}
			resp_free(&r);
		}
	}
	assert_int_equal(mismatches, 0);
}

static void test_write_move(void **state)
{
	mismatches = 0;
	struct {
		int64_t parent;
		const char *division;
		int place; /* the place whose subtree holds the target */
	} targets[] = {{ZW, "320707101", P_GY}, {DHT, "320722001", P_DH}};
	char path[80];
	snprintf(path, sizeof(path), "/api/orgs/%" PRId64 "/move", MOVER);
	for (int i = 0; i < N_ACC; i++) {
		struct account *a = &ACC[i];
		for (size_t t = 0; t < 2; t++) {
			json_t *b = json_pack("{s:I, s:s}", "parent_id", (json_int_t)targets[t].parent, "division_code",
			                      targets[t].division);
			struct resp r;
			assert_int_equal(reqj(&a->c, "POST", path, b, &r), 0);
			/* the union lies under 青口镇: the account must see it and the new parent */
			bool in_scope =
			        contains(a->place, P_QK) && a->place != P_GR && contains(a->place, targets[t].place);
			long want = want_for(a, C_ORG_MOVE, in_scope, 200);
			check("POST move", a, targets[t].place, &r, want);
			resp_free(&r);
			struct resp g;
			assert_int_equal(reqf(&A, "GET", NULL, &g, "/api/orgs/%" PRId64, MOVER), 0);
			int64_t now = jint(g.json, "parent_id");
			resp_free(&g);
			if ((now == targets[t].parent) != (want == 200)) {
				print_error("move by %s: parent now %" PRId64 "\n", a->user, now);
				mismatches++;
			}
			if (now != ORG[P_QK]) { /* back home */
				b = json_pack("{s:I, s:s}", "parent_id", (json_int_t)ORG[P_QK], "division_code",
				              "320707100");
				assert_int_equal(reqj(&A, "POST", path, b, &g), 0);
				expect_status(&g, 200);
				resp_free(&g);
			}
		}
	}
	assert_int_equal(mismatches, 0);
	assert_int_equal(srv_stats_verify(&S), 0);
}

static void test_write_create_employer(void **state)
{
	mismatches = 0;
	int64_t before = root_figure("employers");
	int made = 0;
	for (int i = 0; i < N_ACC; i++) {
		struct account *a = &ACC[i];
		for (int q = 0; q < N_PLACES; q++) {
			char code[19], name[96];
			uscc_make(code, "320707", seq++, true);
			snprintf(name, sizeof(name), "范围单位%s%s", a->user, place_name[q]);
			json_t *b = json_pack("{s:I, s:s, s:s, s:i}", "org_id", (json_int_t)ORG[q], "name", name,
			                      "credit_code", code, "headcount", 2);
			struct resp r;
			assert_int_equal(reqj(&a->c, "POST", "/api/employers", b, &r), 0);
			long want = want_for(a, C_EMP_WRITE, contains(a->place, q), 201);
			check("POST employer", a, q, &r, want);
			made += r.status == 201;
			resp_free(&r);
		}
	}
	assert_int_equal(mismatches, 0);
	assert_int_equal(root_figure("employers") - before, made);
	assert_int_equal(srv_stats_verify(&S), 0);
}

static void test_write_patch_employer(void **state)
{
	mismatches = 0;
	int n = 100;
	for (int i = 0; i < N_ACC; i++) {
		struct account *a = &ACC[i];
		for (int q = 0; q < N_PLACES; q++) {
			int hc = n++;
			char body[64], path[64];
			snprintf(body, sizeof(body), "{\"headcount\":%d}", hc);
			snprintf(path, sizeof(path), "/api/employers/%" PRId64, EMP[q]);
			struct resp r;
			assert_int_equal(req(&a->c, "PATCH", path, body, &r), 0);
			long want = want_for(a, C_EMP_WRITE, contains(a->place, q), 200);
			check("PATCH employer", a, q, &r, want);
			resp_free(&r);
			assert_int_equal(req(&A, "GET", path, NULL, &r), 0);
			if ((jint(r.json, "headcount") == hc) != (want == 200)) {
				print_error("PATCH employer by %s on %s: headcount %" PRId64 "\n", a->user,
				            place_name[q], jint(r.json, "headcount"));
				mismatches++;
			}
			resp_free(&r);
		}
	}
	assert_int_equal(mismatches, 0);
	assert_int_equal(srv_stats_verify(&S), 0);
}

static void test_write_create_user(void **state)
{
	mismatches = 0;
	int64_t before = user_count();
	int made = 0;
	for (int i = 0; i < N_ACC; i++) {
		struct account *a = &ACC[i];
		for (int q = 0; q < N_PLACES; q++) {
			char uname[64];
			snprintf(uname, sizeof(uname), "new.%d.%s", i, place_name[q]);
			json_t *b =
			        json_pack("{s:s, s:s, s:s, s:s, s:I}", "username", uname, "name", "新账号", "password",
			                  TEST_PASSWORD, "role", "auditor", "org_id", (json_int_t)ORG[q]);
			struct resp r;
			assert_int_equal(reqj(&a->c, "POST", "/api/users", b, &r), 0);
			long want = want_for(a, C_USER_WRITE, contains(a->place, q), 201);
			check("POST user", a, q, &r, want);
			made += r.status == 201;
			resp_free(&r);
		}
	}
	assert_int_equal(mismatches, 0);
	assert_int_equal(user_count() - before, made);
}

static void test_write_patch_user(void **state)
{
	mismatches = 0;
	int n = 0;
	for (int i = 0; i < N_ACC; i++) {
		struct account *a = &ACC[i];
		for (int q = 0; q < N_PLACES; q++) {
			char name[32], path[64];
			snprintf(name, sizeof(name), "改名%d", n++);
			snprintf(path, sizeof(path), "/api/users/%" PRId64, acc(q, R_AUDITOR)->id);
			json_t *b = json_pack("{s:s}", "name", name);
			struct resp r;
			assert_int_equal(reqj(&a->c, "PATCH", path, b, &r), 0);
			long want = want_for(a, C_USER_WRITE, contains(a->place, q), 200);
			check("PATCH user", a, q, &r, want);
			resp_free(&r);
			assert_int_equal(req(&A, "GET", path, NULL, &r), 0);
			const char *now = jstr(r.json, "name");
			if ((now && !strcmp(now, name)) != (want == 200)) {
				print_error("PATCH user by %s on %s: name %s\n", a->user, place_name[q],
				            now ? now : "null");
				mismatches++;
			}
			resp_free(&r);
		}
	}
	assert_int_equal(mismatches, 0);
}

/* After every write of the matrix the counters still match the base tables and every
 * account's session survived the edits of names. */
static void test_after_all(void **state)
{
	assert_int_equal(srv_stats_verify(&S), 0);
	struct resp r;
	assert_int_equal(req(&A, "GET", "/api/audit/verify", NULL, &r), 0);
	assert_true(json_is_true(jget(r.json, "ok")));
	resp_free(&r);
	for (int i = 0; i < N_ACC; i++) {
		assert_int_equal(req(&ACC[i].c, "GET", "/api/me", NULL, &r), 0);
		expect_status(&r, 200);
		assert_int_equal(jint(r.json, "user.org_id"), ORG[ACC[i].place]);
		resp_free(&r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_read_orgs),
	        cmocka_unit_test(test_search_scope),
	        cmocka_unit_test(test_read_employers),
	        cmocka_unit_test(test_read_users),
	        cmocka_unit_test(test_read_audit),
	        cmocka_unit_test(test_write_create_union),
	        cmocka_unit_test(test_write_patch_org),
	        cmocka_unit_test(test_write_move),
	        cmocka_unit_test(test_write_create_employer),
	        cmocka_unit_test(test_write_patch_employer),
	        cmocka_unit_test(test_write_create_user),
	        cmocka_unit_test(test_write_patch_user),
	        cmocka_unit_test(test_after_all),
	};
	curl_global_init(CURL_GLOBAL_DEFAULT);
	int rc = cmocka_run_group_tests(tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
