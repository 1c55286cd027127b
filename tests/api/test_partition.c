/*
 * Province partitions and the national registries (issue 5, docs/decisions/0010-province-partitions.md),
 * on both backends: every person, membership and case lands in its province (on PostgreSQL the
 * partition <table>_p<NN>, read from tableoid; on SQLite the province column, named the same way),
 * a cross-province transfer moves the person, a second current membership in another province is
 * refused (on PostgreSQL by the membership_claim registry alone, which a per-province unique index
 * cannot do), the ID registry claim is idempotent (a re-import changes nothing), `stats verify`
 * notices a row in the wrong province, and (SQLite) a store of schema 4 migrates forward with its
 * provinces filled in.
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

#define AREA "320706" /* the birthplace of this suite's people (not that of the demo people) */
#define T0   "2026-03-10T10:00:00+08:00"

static struct srv S;
static struct client A; /* the national admin */
static int64_t GY, QK, U1, U2, BJ;
static int seq = 700;
static bool pg;

static void new_id(char out[19], int y)
{
	idn_make(out, AREA, y, 4, 5, seq++);
}

/* The first line of the answer of one SQL text (asserts it ran), in a static buffer. */
static const char *sql1(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static const char *sql1(const char *fmt, ...)
{
	static char line[256];
	char q[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(q, sizeof(q), fmt, ap);
	va_end(ap);
	char *out = NULL;
	int rc = srv_sql(&S, q, &out);
	if (rc != 0)
		fail_msg("SQL failed (%d): %s", rc, q);
	snprintf(line, sizeof(line), "%s", out ? out : "");
	free(out);
	line[strcspn(line, "\r\n")] = 0;
	return line;
}

static int64_t sql_int(const char *q)
{
	return strtoll(sql1("%s", q), NULL, 10);
}

/* Where row `id` of table lives: its partition on PostgreSQL ("membership_p32"), and the same name
 * made from its province column on SQLite; "" when there is no such row. */
static const char *where(const char *table, int64_t id)
{
	static char name[96];
	if (pg) {
		snprintf(name, sizeof(name), "%s",
		         sql1("SELECT tableoid::regclass FROM %s WHERE id = %" PRId64, table, id));
		return name;
	}
	const char *p = sql1("SELECT province FROM %s WHERE id = %" PRId64, table, id);
	if (!*p)
		snprintf(name, sizeof(name), "%s", "");
	else if (!strcmp(p, "0"))
		snprintf(name, sizeof(name), "%s_pdefault", table);
	else
		snprintf(name, sizeof(name), "%s_p%s", table, p);
	return name;
}

static int64_t person_of(int64_t membership)
{
	struct resp r;
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/members/%" PRId64, membership), 0);
	expect_status(&r, 200);
	int64_t p = jint(r.json, "person_id");
	resp_free(&r);
	return p;
}

/* POST /api/members; returns the status, *id the new membership's id on 201. */
static long add_member(int64_t org, const char *idn, const char *name, int64_t *id)
{
	struct resp r;
	json_t *b = json_pack("{s:I, s:s, s:s, s:s}", "org_id", (json_int_t)org, "id_number", idn, "name", name,
	                      "joined_on", "2025-06-01");
	assert_int_equal(reqj(&A, "POST", "/api/members", b, &r), 0);
	long st = r.status;
	if (id)
		*id = st == 201 ? jint(r.json, "id") : 0;
	if (st != 201 && st != 409)
		print_error("POST /api/members: %ld %s\n", st, r.body);
	resp_free(&r);
	return st;
}

/* The number of claims of person p in membership_claim (PostgreSQL). */
static int64_t claims_of(int64_t p)
{
	char q[128];
	snprintf(q, sizeof(q), "SELECT count(*) FROM membership_claim WHERE person_id = %" PRId64, p);
	return sql_int(q);
}

/* The n-th (from 0) demo enterprise union under org, or 0. */
static int64_t demo_union(int64_t org, int n)
{
	struct resp r;
	if (reqf(&A, "GET", NULL, &r, "/api/orgs/%" PRId64 "/children?limit=200", org) < 0)
		return 0;
	int64_t id = 0;
	json_t *items = jget(r.json, "items");
	for (size_t i = 0; !id && i < json_array_size(items); i++) {
		json_t *it = json_array_get(items, i);
		if (json_is_true(jget(it, "demo")) && jstr(it, "kind") && !strcmp(jstr(it, "kind"), "enterprise") &&
		    n-- == 0)
			id = jint(it, "id");
	}
	resp_free(&r);
	return id;
}

static int setup(void **state)
{
	if (srv_start(&S, true) < 0)
		return -1;
	pg = S.pgdb[0] != 0;
	client_init(&A, &S);
	if (set_clock(&A, T0) != 204 || login(&A, "admin", S.admin_pw) != 200)
		return -1;
	GY = org_by_division(&A, "320707");
	QK = org_by_division(&A, "320707100");
	BJ = org_by_division(&A, "110101"); /* 东城区总工会, Beijing: members may join a county federation */
	U1 = demo_union(QK, 0);
	U2 = demo_union(QK, 1);
	return GY && QK && BJ && U1 && U2 ? 0 : -1;
}

static int teardown(void **state)
{
	client_release(&A);
	srv_stop(&S);
	return 0;
}

/* The partitions and registries exist with the names bench/cluster builds on, and the demo store
 * (赣榆区, Jiangsu) sits in province 32 with every person and current membership claimed. */
static void test_layout(void **state)
{
	if (pg) {
		const char *tables[] = {"person", "membership", "flow_case"};
		for (int i = 0; i < 3; i++) {
			char q[256];
			snprintf(q, sizeof(q), "SELECT count(*) FROM pg_inherits WHERE inhparent = '%s'::regclass",
			         tables[i]);
			assert_int_equal(sql_int(q), 35); /* 34 province codes and the default */
			assert_string_equal(sql1("SELECT to_regclass('%s_p32') IS NOT NULL AND to_regclass('%s_p82') "
			                         "IS NOT NULL AND to_regclass('%s_pdefault') IS NOT NULL",
			                         tables[i], tables[i], tables[i]),
			                    "t");
			assert_string_equal(sql1("SELECT partstrat FROM pg_partitioned_table WHERE partrelid = "
			                         "'%s'::regclass",
			                         tables[i]),
			                    "l");
		}
		assert_int_equal(sql_int("SELECT count(*) FROM pg_inherits WHERE inhparent = 'id_registry'::regclass "
		                         "AND inhrelid::regclass::text ~ '^id_registry_h[0-7]$'"),
		                 8);
		assert_int_equal(sql_int("SELECT count(*) FROM pg_inherits WHERE inhparent = "
		                         "'membership_claim'::regclass"),
		                 8);
		assert_string_equal(sql1("SELECT partstrat FROM pg_partitioned_table WHERE partrelid = "
		                         "'id_registry'::regclass"),
		                    "h");
		/* every person claimed once, by their own id; every current membership claimed */
		assert_int_equal(sql_int("SELECT count(*) FROM person p JOIN id_registry r ON r.id_index = p.id_index "
		                         "AND r.person_id = p.id"),
		                 sql_int("SELECT count(*) FROM person"));
		assert_int_equal(sql_int("SELECT count(*) FROM id_registry"), sql_int("SELECT count(*) FROM person"));
		assert_int_equal(sql_int("SELECT count(*) FROM membership m JOIN membership_claim c ON c.membership_id "
		                         "= m.id AND c.person_id = m.person_id"),
		                 sql_int("SELECT count(*) FROM membership WHERE status IN ('active', 'retained')"));
		assert_int_equal(sql_int("SELECT count(*) FROM membership_p32"),
		                 sql_int("SELECT count(*) FROM membership"));
	}
	/* the demo: every membership and case in Jiangsu, and so every member */
	assert_int_equal(sql_int("SELECT count(*) FROM membership WHERE province <> 32"), 0);
	assert_int_equal(sql_int("SELECT count(*) FROM flow_case WHERE province <> 32"), 0);
	assert_true(sql_int("SELECT count(*) FROM membership") > 1000);
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* A member added in Jiangsu: person and membership in _p32; the ID number claimed once. */
static void test_member_lands_in_province(void **state)
{
	char idn[19];
	new_id(idn, 1981);
	int64_t mid;
	assert_int_equal(add_member(U1, idn, "分区甲", &mid), 201);
	int64_t p = person_of(mid);
	assert_string_equal(where("membership", mid), "membership_p32");
	assert_string_equal(where("person", p), "person_p32");
	if (pg) {
		char q[128];
		snprintf(q, sizeof(q), "SELECT count(*) FROM id_registry WHERE person_id = %" PRId64, p);
		assert_int_equal(sql_int(q), 1);
		assert_int_equal(claims_of(p), 1);
	}
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* Jiangsu -> Beijing through a transfer case: the old membership stays in Jiangsu (transferred),
 * the new one and the person are in Beijing, the case follows its handling union; the claim moves
 * to the new membership. */
static void test_transfer_moves_rows(void **state)
{
	char idn[19];
	new_id(idn, 1982);
	int64_t mid;
	assert_int_equal(add_member(U1, idn, "分区乙", &mid), 201);
	int64_t p = person_of(mid);
	struct resp r;
	json_t *b = json_pack("{s:s, s:I, s:I}", "type", "transfer", "membership_id", (json_int_t)mid, "to_org_id",
	                      (json_int_t)BJ);
	assert_int_equal(reqj(&A, "POST", "/api/cases", b, &r), 0);
	expect_status(&r, 201);
	int64_t k = jint(r.json, "id");
	resp_free(&r);
	assert_string_equal(where("flow_case", k), "flow_case_p11"); /* handled by the receiving union */
	char path[64];
	snprintf(path, sizeof(path), "/api/cases/%" PRId64 "/actions", k);
	assert_int_equal(reqj(&A, "POST", path, json_pack("{s:s}", "action", "accept"), &r), 0);
	expect_status(&r, 200);
	assert_string_equal(jstr(r.json, "state"), "completed");
	int64_t nmid = jint(r.json, "payload.new_membership_id");
	resp_free(&r);
	assert_string_equal(where("membership", mid), "membership_p32");
	assert_string_equal(where("membership", nmid), "membership_p11");
	assert_string_equal(where("person", p), "person_p11");
	assert_string_equal(sql1("SELECT status FROM membership WHERE id = %" PRId64, mid), "transferred");
	if (pg) {
		assert_int_equal(claims_of(p), 1);
		assert_int_equal(
		        strtoll(sql1("SELECT membership_id FROM membership_claim WHERE person_id = %" PRId64, p), NULL,
		                10),
		        nmid);
		/* the person row is in Beijing's partition only */
		char q[128];
		snprintf(q, sizeof(q), "SELECT count(*) FROM person_p32 WHERE id = %" PRId64, p);
		assert_int_equal(sql_int(q), 0);
	}
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* One current membership per person in the whole country. */
static void test_second_membership_refused(void **state)
{
	char idn[19];
	new_id(idn, 1983);
	int64_t mid;
	assert_int_equal(add_member(U1, idn, "分区丙", &mid), 201);
	int64_t p = person_of(mid);
	assert_int_equal(add_member(BJ, idn, "分区丙", NULL), 409);
	assert_string_equal(sql1("SELECT count(*) FROM membership WHERE person_id = %" PRId64, p), "1");
	if (pg)
		assert_int_equal(claims_of(p), 1);
	/* withdrawn: the claim is given up */
	struct resp r;
	char path[64];
	snprintf(path, sizeof(path), "/api/members/%" PRId64 "/status", mid);
	assert_int_equal(
	        reqj(&A, "POST", path,
	             json_pack("{s:s, s:s, s:s}", "status", "withdrawn", "reason", "本人申请", "on", "2026-03-01"), &r),
	        0);
	expect_status(&r, 200);
	resp_free(&r);
	if (pg) {
		assert_int_equal(claims_of(p), 0);
		/* a current membership that no partition shows here (another writer's, a shard's) still
		 * refuses: the registry alone decides */
		char q[160];
		snprintf(q, sizeof(q), "INSERT INTO membership_claim(person_id, membership_id) VALUES(%" PRId64 ", 1)",
		         p);
		sql1("%s", q);
		assert_int_equal(add_member(BJ, idn, "分区丙", NULL), 409);
		assert_string_equal(sql1("SELECT count(*) FROM membership WHERE person_id = %" PRId64, p), "1");
		sql1("DELETE FROM membership_claim WHERE person_id = %" PRId64, p);
	}
	/* free again: joins in Beijing, and the person moves there */
	int64_t bmid;
	assert_int_equal(add_member(BJ, idn, "分区丙", &bmid), 201);
	assert_string_equal(where("membership", bmid), "membership_p11");
	assert_string_equal(where("person", p), "person_p11");
	assert_string_equal(where("membership", mid), "membership_p32");
	if (pg) {
		assert_int_equal(claims_of(p), 1);
		/* and the per-partition index would not have stopped a second one in Jiangsu: the claim does */
		assert_int_equal(add_member(U1, idn, "分区丙", NULL), 409);
	}
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* A roster imported twice: the second time changes nothing (no person, claim or membership). */
static void test_reimport_idempotent(void **state)
{
	char ids[5][19];
	char csv[1024] = "姓名,身份证号,入会时间\n";
	for (int i = 0; i < 5; i++) {
		new_id(ids[i], 1990 + i);
		size_t n = strlen(csv);
		snprintf(csv + n, sizeof(csv) - n, "分区名册%d,%s,2024-05-01\n", i, ids[i]);
	}
	char file[512];
	snprintf(file, sizeof(file), "%s/partition.csv", S.dir);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fputs(csv, f);
	fclose(f);
	char orgs[32];
	snprintf(orgs, sizeof(orgs), "%" PRId64, U1);
	const char *args[] = {"import", "members", "--org", orgs, file, NULL};
	char *out = NULL;
	assert_int_equal(srv_cli(&S, &out, args), 0);
	json_t *j = json_loads(out, JSON_DISABLE_EOF_CHECK, NULL);
	free(out);
	assert_int_equal(jint(j, "accepted"), 5);
	json_decref(j);
	int64_t persons = sql_int("SELECT count(*) FROM person");
	int64_t members = sql_int("SELECT count(*) FROM membership");
	int64_t registry = pg ? sql_int("SELECT count(*) FROM id_registry") : 0;
	int64_t claims = pg ? sql_int("SELECT count(*) FROM membership_claim") : 0;
	assert_int_equal(sql_int("SELECT count(*) FROM membership WHERE via = 'import' AND name LIKE '分区名册%' "
	                         "AND province = 32"),
	                 5);
	if (pg)
		assert_int_equal(sql_int("SELECT count(*) FROM membership_p32 WHERE name LIKE '分区名册%'"), 5);
	assert_int_equal(srv_cli(&S, &out, args), 0);
	j = json_loads(out, JSON_DISABLE_EOF_CHECK, NULL);
	free(out);
	assert_int_equal(jint(j, "accepted"), 0);
	json_decref(j);
	assert_int_equal(sql_int("SELECT count(*) FROM person"), persons);
	assert_int_equal(sql_int("SELECT count(*) FROM membership"), members);
	if (pg) {
		assert_int_equal(sql_int("SELECT count(*) FROM id_registry"), registry);
		assert_int_equal(sql_int("SELECT count(*) FROM membership_claim"), claims);
		assert_int_equal(registry, persons);
	}
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* stats verify counts a membership filed under another province than its union's. */
static void test_verify_sees_misplaced_rows(void **state)
{
	int64_t mid = sql_int("SELECT min(id) FROM membership WHERE province = 32 AND status = 'active'");
	assert_true(mid > 0);
	sql1("UPDATE membership SET province = 11 WHERE id = %" PRId64, mid);
	assert_string_equal(where("membership", mid), "membership_p11");
	assert_int_not_equal(srv_stats_verify(&S), 0);
	sql1("UPDATE membership SET province = 32 WHERE id = %" PRId64, mid);
	assert_string_equal(where("membership", mid), "membership_p32");
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* A union that moves to a place in another province takes its memberships, cases and current
 * members' persons with it. */
static void test_org_move_follows(void **state)
{
	char q[256];
	snprintf(q, sizeof(q), "SELECT count(*) FROM membership WHERE org_id = %" PRId64, U2);
	int64_t n = sql_int(q);
	assert_true(n > 0);
	struct resp r;
	char path[64];
	snprintf(path, sizeof(path), "/api/orgs/%" PRId64 "/move", U2);
	assert_int_equal(reqj(&A, "POST", path,
	                      json_pack("{s:I, s:s}", "parent_id", (json_int_t)BJ, "division_code", "110101"), &r),
	                 0);
	expect_status(&r, 200);
	resp_free(&r);
	snprintf(q, sizeof(q), "SELECT count(*) FROM membership WHERE org_id = %" PRId64 " AND province = 11", U2);
	assert_int_equal(sql_int(q), n);
	snprintf(q, sizeof(q),
	         "SELECT count(*) FROM membership m JOIN person p ON p.id = m.person_id WHERE m.org_id = %" PRId64
	         " AND m.status IN ('active', 'retained') AND p.province <> 11",
	         U2);
	assert_int_equal(sql_int(q), 0);
	if (pg) {
		snprintf(q, sizeof(q), "SELECT count(*) FROM membership_p11 WHERE org_id = %" PRId64, U2);
		assert_int_equal(sql_int(q), n);
		snprintf(q, sizeof(q), "SELECT count(*) FROM membership_p32 WHERE org_id = %" PRId64, U2);
		assert_int_equal(sql_int(q), 0);
	}
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* SQLite: a store of schema 4 (this one with the columns of migration 5 taken off) migrates forward
 * when a newer binary opens it, its provinces filled from the organisations. */
static void test_migrate_from_v4(void **state)
{
	if (pg)
		skip(); /* the PostgreSQL migration runs in every PostgreSQL template build (pg/template) */
	srv_kill(&S);
	sql1("ALTER TABLE person DROP COLUMN province; ALTER TABLE membership DROP COLUMN province; "
	     "ALTER TABLE flow_case DROP COLUMN province; UPDATE meta SET value = '4' WHERE key = 'schema_version'");
	assert_int_equal(srv_stats_verify(&S), 0); /* opens, migrates, verifies (provinces included) */
	assert_string_equal(sql1("SELECT value FROM meta WHERE key = 'schema_version'"), "5");
	assert_int_equal(sql_int("SELECT count(*) FROM membership WHERE province = 0"), 0);
	assert_true(sql_int("SELECT count(*) FROM membership WHERE province = 11") >= 2);
	assert_true(sql_int("SELECT count(*) FROM person WHERE province = 11") >= 2);
	assert_true(sql_int("SELECT count(*) FROM flow_case WHERE province = 11") >= 1);
	assert_int_equal(sql_int("SELECT count(*) FROM membership m JOIN person p ON p.id = m.person_id WHERE "
	                         "m.status IN ('active', 'retained') AND p.province <> m.province"),
	                 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_layout),
	        cmocka_unit_test(test_member_lands_in_province),
	        cmocka_unit_test(test_transfer_moves_rows),
	        cmocka_unit_test(test_second_membership_refused),
	        cmocka_unit_test(test_reimport_idempotent),
	        cmocka_unit_test(test_verify_sees_misplaced_rows),
	        cmocka_unit_test(test_org_move_follows),
	        cmocka_unit_test(test_migrate_from_v4),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
