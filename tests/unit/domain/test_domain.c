/*
 * Unit tests of src/domain and src/auth over a real SQLite store loaded with a small division
 * fixture (tests/data/division-mini): the tree rules and naming, scope, creating, editing and
 * moving unions with exact counters (stats_verify), and the audit chain catching a changed, an
 * inserted and a deleted row, the last one included.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "auth/audit.h"
#include "auth/keys.h"
#include "auth/scope.h"
#include "domain/org.h"
#include "domain/stats.h"
#include "domain/tree.h"
#include "domain/user.h"

static char dir[64];
static char dbpath[128];
static struct store *db;
static struct arena ar;

static const struct actor cli = {.id = 0, .name = "cli", .role = ROLE_ADMIN, .org_id = 0, .path = "/"};

static struct ctx mkctx(const struct actor *who)
{
	struct ctx c = {.db = db, .a = &ar, .who = who, .ip = "test", .zh = true};
	return c;
}

static int setup(void **state)
{
	snprintf(dir, sizeof(dir), "/tmp/gh-unit-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(dbpath, sizeof(dbpath), "%s/gonghui.db", dir);
	char keys[128];
	snprintf(keys, sizeof(keys), "%s/keys", dir);
	struct gh_fail f = {0};
	if (keys_create(keys, &f) < 0 || keys_load(keys, &keys_current, &f) < 0)
		return -1;
	if (store_open(dbpath, true, &db, &f) < 0 || store_migrate(db, &f) < 0)
		return -1;
	if (store_begin(db) < 0 || store_run(db, SQ_META_SET, "tt", "id_next", "1099511627776") != 0 ||
	    store_commit(db) < 0)
		return -1;
	arena_init(&ar, 0);
	char data[512];
	const char *src = getenv("GH_SOURCE_DIR");
	snprintf(data, sizeof(data), "%s/tests/data/division-mini", src ? src : ".");
	struct ctx c = mkctx(&cli);
	struct tree_counts n;
	return tree_load(&c, data, &n) == GH_OK && n.federations == 15 ? 0 : -1;
}

static int teardown(void **state)
{
	store_close(db);
	arena_release(&ar);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static struct org find(const char *division)
{
	struct ctx c = mkctx(&cli);
	struct org_list l;
	assert_int_equal(org_search(&c, NULL, division, 0, 5, &l), GH_OK);
	assert_int_equal(l.n, 1);
	return l.items[0];
}

static void test_naming(void **state)
{
	char out[128];
	tree_federation_name("江苏省", out, sizeof(out));
	assert_string_equal(out, "江苏省总工会");
	tree_federation_name("南磨房地区", out, sizeof(out));
	assert_string_equal(out, "南磨房地区总工会");
	tree_federation_name("乌拉盖管理区管委会", out, sizeof(out));
	assert_string_equal(out, "乌拉盖管理区总工会");
	tree_federation_name("庆北办事处", out, sizeof(out));
	assert_string_equal(out, "庆北总工会");
}

static void test_tree_shape(void **state)
{
	struct org root = find("000000000000"), bj = find("11"), cy = find("110105"), dg = find("4419"),
	           dc = find("441900003");
	assert_string_equal(root.name, "中华全国总工会");
	assert_int_equal(cy.parent_id, bj.id); /* 市辖区 is no federation */
	assert_int_equal(cy.depth, 2);
	assert_int_equal(dc.parent_id, dg.id); /* the county 东莞市 repeats the city */
	struct org shh = find("441900401");
	assert_string_equal(shh.name, "松山湖总工会");
	struct org qk = find("320707100");
	assert_string_equal(qk.name, "青口镇总工会");
	assert_int_equal(qk.depth, 4);
	int64_t s[STAT__MAX];
	assert_int_equal(stats_read(db, root.id, s), 0);
	assert_int_equal(s[STAT_ORGS], 15);
	assert_int_equal(s[STAT_FEDERATIONS], 15);
	assert_int_equal(stats_verify(db, stderr), 0);
}

static void test_scope(void **state)
{
	struct org gy = find("320707"), dh = find("320722"), qk = find("320707100");
	struct actor a = {.id = 99, .name = "dh", .role = ROLE_FEDERATION_STAFF, .org_id = dh.id, .path = dh.path};
	struct ctx c = mkctx(&a);
	struct org o;
	assert_int_equal(org_get(&c, gy.id, &o), GH_ENOTFOUND);
	assert_int_equal(org_get(&c, qk.id, &o), GH_ENOTFOUND);
	assert_int_equal(org_get(&c, dh.id, &o), GH_OK);
	struct org_list l;
	assert_int_equal(org_search(&c, "青口", NULL, 0, 10, &l), GH_OK);
	assert_int_equal(l.total, 0);
	assert_int_equal(org_search(&c, "牛山", NULL, 0, 10, &l), GH_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(org_search(&c, NULL, "320707100", 0, 10, &l), GH_OK);
	assert_int_equal(l.total, 0);
	assert_true(scope_contains(gy.path, qk.path));
	assert_false(scope_contains(qk.path, gy.path));
	assert_string_equal(scope_hi(&ar, "/1/32/"), "/1/320");
}

static void test_create_move_counts(void **state)
{
	struct org gy = find("320707"), qk = find("320707100"), zw = find("320707101"), root = find("000000000000");
	struct actor a = {.id = 7, .name = "gy", .role = ROLE_FEDERATION_STAFF, .org_id = gy.id, .path = gy.path};
	struct ctx c = mkctx(&a);
	struct employer_input emp = {
	        .name = "连云港测试机械有限公司", .credit_code = "91310115MA1K3BTP2B", .headcount = 120};
	struct org_input in = {.set = ORG_SET_HEADCOUNT,
	                       .parent_id = qk.id,
	                       .name = "连云港测试机械有限公司工会委员会",
	                       .kind = KIND_ENTERPRISE,
	                       .headcount = 120,
	                       .founded_on = "2020-02-29",
	                       .term_years = 5,
	                       .employers = &emp,
	                       .n_employers = 1};
	struct org u;
	struct warning w[ORG_MAX_WARNINGS];
	int nw;
	assert_int_equal(org_create(&c, &in, &u, w, &nw), GH_OK);
	assert_string_equal(u.term_ends_on, "2025-02-28");
	assert_int_equal(u.n_employers, 1);
	assert_int_equal(stats_verify(db, stderr), 0);
	int64_t s[STAT__MAX];
	stats_read(db, root.id, s);
	assert_int_equal(s[STAT_GRASSROOTS], 1);
	assert_int_equal(s[STAT_EMPLOYEES], 120);
	/* the same credit code again: duplicate, and nothing was written */
	assert_int_equal(org_create(&c, &in, &u, w, &nw), GH_EDUP);
	stats_read(db, root.id, s);
	assert_int_equal(s[STAT_ORGS], 16);
	assert_int_equal(stats_verify(db, stderr), 0);
	/* a headcount change moves the employees figure */
	struct org_input up = {.set = ORG_SET_HEADCOUNT, .headcount = 200};
	assert_int_equal(org_update(&c, u.id, &up, &u), GH_OK);
	stats_read(db, gy.id, s);
	assert_int_equal(s[STAT_EMPLOYEES], 200);
	/* moving to 柘汪镇 needs a place inside it */
	assert_int_equal(org_move(&c, u.id, zw.id, NULL, &u), GH_EINVAL);
	assert_int_equal(org_move(&c, u.id, zw.id, "320707101", &u), GH_OK);
	assert_int_equal(u.parent_id, zw.id);
	assert_string_equal(u.division, "320707101000");
	stats_read(db, qk.id, s);
	assert_int_equal(s[STAT_GRASSROOTS], 0);
	stats_read(db, zw.id, s);
	assert_int_equal(s[STAT_GRASSROOTS], 1);
	assert_int_equal(s[STAT_EMPLOYEES], 200);
	assert_int_equal(stats_verify(db, stderr), 0);
	/* geographic federations do not move */
	assert_int_equal(org_move(&c, qk.id, zw.id, NULL, &u), GH_ECONFLICT);
	/* a user of 东海县 cannot see or move it */
	struct org dh = find("320722");
	struct actor b = {.id = 8, .name = "dh", .role = ROLE_FEDERATION_STAFF, .org_id = dh.id, .path = dh.path};
	struct ctx c2 = mkctx(&b);
	assert_int_equal(org_move(&c2, u.id, dh.id, "320722", &u), GH_ENOTFOUND);
}

static int exec_sql(const char *sql)
{
	sqlite3 *h;
	if (sqlite3_open(dbpath, &h) != SQLITE_OK)
		return -1;
	int rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
	sqlite3_close(h);
	return rc == SQLITE_OK ? 0 : -1;
}

static int64_t verify_first_bad(void)
{
	struct audit_report r;
	assert_int_equal(audit_verify(db, &keys_current, &r), 0);
	return r.ok ? 0 : r.first_bad;
}

static void test_audit_chain(void **state)
{
	struct audit_report r;
	assert_int_equal(audit_verify(db, &keys_current, &r), 0);
	assert_true(r.ok);
	assert_true(r.rows >= 4);
	long long last = (long long)r.rows;
	char sql[256];
	assert_int_equal(exec_sql("CREATE TABLE keep AS SELECT * FROM audit"), 0);
	const char *restore = "DELETE FROM audit; INSERT INTO audit SELECT * FROM keep";
	/* a changed row */
	assert_int_equal(exec_sql("UPDATE audit SET detail = '{\"x\":1}' WHERE id = 2"), 0);
	assert_int_equal(verify_first_bad(), 2);
	assert_int_equal(exec_sql(restore), 0);
	assert_int_equal(verify_first_bad(), 0);
	/* a forged row appended (the forger lacks the key) */
	snprintf(sql, sizeof(sql),
	         "INSERT INTO audit SELECT id + 1, at, actor_id, actor, ip, action, object_type, object_id, path, "
	         "detail, mac "
	         "FROM audit WHERE id = %lld",
	         last);
	assert_int_equal(exec_sql(sql), 0);
	assert_int_equal(verify_first_bad(), last + 1);
	assert_int_equal(exec_sql(restore), 0);
	/* a row deleted in the middle: the gap shows at the next row */
	assert_int_equal(exec_sql("DELETE FROM audit WHERE id = 2"), 0);
	assert_int_equal(verify_first_bad(), 3);
	assert_int_equal(exec_sql(restore), 0);
	/* the last row deleted: the head kept outside the database names it */
	snprintf(sql, sizeof(sql), "DELETE FROM audit WHERE id = %lld", last);
	assert_int_equal(exec_sql(sql), 0);
	assert_int_equal(verify_first_bad(), last);
	assert_int_equal(exec_sql(restore), 0);
	assert_int_equal(verify_first_bad(), 0);
	/* after a deletion at the end, the next row does not reuse the id: the gap stays visible */
	assert_int_equal(exec_sql(sql), 0);
	struct org gy = find("320707");
	struct ctx c = mkctx(&cli);
	struct employer_input e = {.org_id = gy.id,
	                           .name = "连云港海头测试有限公司",
	                           .credit_code = "91350100M000100Y43",
	                           .headcount = 12};
	struct employer out;
	struct warning w[2];
	int nw;
	assert_int_equal(employer_create(&c, &e, &out, w, &nw), GH_OK);
	assert_int_equal(verify_first_bad(), last + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_naming),      cmocka_unit_test(test_tree_shape),
	        cmocka_unit_test(test_scope),       cmocka_unit_test(test_create_move_counts),
	        cmocka_unit_test(test_audit_chain),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
