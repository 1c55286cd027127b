/*
 * The store contract suite: what every backend of store.h must do. It runs on SQLite (a file in a
 * temporary folder) and, when GH_TEST_DB_URL names a PostgreSQL server (CTest starts a throwaway
 * cluster with scripts/pg-cluster.sh), on a fresh database of that server.
 * Statements, binding, columns, transactions, unique violations, visibility of another
 * connection's commits (data_version), per-thread connections, backup and migration, byte order
 * of the subtree ranges.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "pg_url.h"
#include "store/store.h"

static char dir[64];
static char url[512];
static bool pg; /* the PostgreSQL run */

static int setup(void **state)
{
	snprintf(dir, sizeof(dir), "/tmp/gh-store-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	const char *base = getenv("GH_TEST_DB_URL");
	pg = base && *base;
	if (pg) {
		char name[64];
		snprintf(name, sizeof(name), "gh_contract_%ld", (long)getpid());
		pg_url(url, sizeof(url), base, name);
	} else {
		snprintf(url, sizeof(url), "%s/contract.db", dir);
	}
	struct store *s;
	struct gh_fail f = {0};
	if (store_open(url, true, &s, &f) < 0)
		return -1;
	int rc = store_migrate(s, &f);
	store_close(s);
	return rc;
}

static int teardown(void **state)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static struct store *open_store(void)
{
	struct store *s = NULL;
	struct gh_fail f = {0};
	assert_int_equal(store_open(url, false, &s, &f), 0);
	return s;
}

static void test_open_missing(void **state)
{
	struct store *s = NULL;
	struct gh_fail f = {0};
	char missing[160];
	snprintf(missing, sizeof(missing), "%s/none.db", dir);
	assert_int_equal(store_open(missing, false, &s, &f), -1);
	assert_int_equal(f.code, GH_EIO);
#ifdef GH_HAVE_PG
	/* no server there: cannot open */
	assert_int_equal(store_open("postgresql:///x?host=/nonexistent-gh", false, &s, &f), -1);
	assert_int_equal(f.code, GH_EIO);
	if (pg) { /* a database that does not exist is not created without create */
		char none[512];
		pg_url(none, sizeof(none), getenv("GH_TEST_DB_URL"), "gh_contract_none");
		assert_int_equal(store_open(none, false, &s, &f), -1);
		assert_int_equal(f.code, GH_EIO);
	}
#else
	assert_int_equal(store_open("postgresql://localhost/x", false, &s, &f), -1);
	assert_int_equal(f.code, GH_EINVAL);
#endif
}

static void test_migrate_idempotent(void **state)
{
	struct store *s = open_store();
	struct gh_fail f = {0};
	assert_int_equal(store_migrate(s, &f), 0);
	struct stmt *st = store_query(s, SQ_META_GET, "t", "schema_version");
	assert_non_null(st);
	assert_int_equal(store_step(st), STORE_ROW);
	assert_int_equal(strtol(store_col_text(st, 0), NULL, 10), SCHEMA_VERSION);
	store_reset(st);
	store_close(s);
}

static void test_bind_and_columns(void **state)
{
	struct store *s = open_store();
	assert_int_equal(store_begin(s), 0);
	assert_true(store_in_tx(s));
	assert_int_equal(store_run(s, SQ_META_SET, "tt", "k1", "值一"), 0);
	assert_int_equal(store_run(s, SQ_META_SET, "tt", "k1", "值二"), 0); /* upsert */
	assert_int_equal(store_commit(s), 0);
	assert_false(store_in_tx(s));
	struct stmt *st = store_query(s, SQ_META_GET, "t", "k1");
	assert_int_equal(store_step(st), STORE_ROW);
	assert_string_equal(store_col_text(st, 0), "值二");
	assert_false(store_col_null(st, 0));
	assert_int_equal(store_step(st), STORE_DONE);
	store_reset(st);
	st = store_query(s, SQ_META_GET, "t", "absent");
	assert_int_equal(store_step(st), STORE_DONE);
	store_reset(st);
	int64_t v = -1;
	assert_int_equal(store_one_i64(s, &v, SQ_PLACE_COUNT, ""), 1);
	assert_int_equal(v, 0);
	/* blobs and NULL */
	assert_int_equal(store_begin(s), 0);
	const unsigned char mac[4] = {0, 1, 2, 255};
	assert_int_equal(store_run(s, SQ_AUDIT_INSERT, "iiittttittb", (int64_t)1, (int64_t)2, (int64_t)0, "a", NULL,
	                           "x", "t", (int64_t)0, "/", NULL, (const void *)mac, sizeof(mac)),
	                 0);
	assert_int_equal(store_commit(s), 0);
	st = store_query(s, SQ_AUDIT_ALL, "ii", (int64_t)0, (int64_t)10);
	assert_int_equal(store_step(st), STORE_ROW);
	assert_true(store_col_null(st, 4));
	assert_string_equal(store_col_text(st, 4), "");
	size_t n;
	const unsigned char *b = store_col_blob(st, 10, &n);
	assert_int_equal(n, 4);
	assert_memory_equal(b, mac, 4);
	store_reset(st);
	store_close(s);
}

static void test_rollback_and_unique(void **state)
{
	struct store *s = open_store();
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_run(s, SQ_META_SET, "tt", "gone", "1"), 0);
	store_rollback(s);
	struct stmt *st = store_query(s, SQ_META_GET, "t", "gone");
	assert_int_equal(store_step(st), STORE_DONE);
	store_reset(st);
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_run(s, SQ_PLACE_INSERT, "tti", "320707000000", "赣榆区", (int64_t)3), 0);
	assert_int_equal(store_commit(s), 0);
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_run(s, SQ_FAIL_INSERT, "ti", "k", (int64_t)1), 0);
	assert_int_equal(store_run(s, SQ_SESSION_INSERT, "bitit", (const void *)"12345678901234567890123456789012",
	                           (size_t)32, (int64_t)999, "c", (int64_t)1, "ip"),
	                 -1); /* foreign key: no such account */
	store_rollback(s);
	store_close(s);
}

static void test_visibility(void **state)
{
	struct store *a = open_store(), *b = open_store();
	uint64_t v0 = store_data_version(a);
	assert_int_equal(store_begin(b), 0);
	assert_int_equal(store_run(b, SQ_META_SET, "tt", "seen", "yes"), 0);
	assert_int_equal(store_commit(b), 0);
	assert_true(store_data_version(a) != v0);
	struct stmt *st = store_query(a, SQ_META_GET, "t", "seen");
	assert_int_equal(store_step(st), STORE_ROW);
	assert_string_equal(store_col_text(st, 0), "yes");
	store_reset(st);
	store_close(a);
	store_close(b);
}

static void *thread_main(void *p)
{
	struct store **out = p;
	out[0] = store_thread(url);
	out[1] = store_thread(url);
	return NULL;
}

static void test_thread_connections(void **state)
{
	struct store *r1[2], *r2[2];
	pthread_t t1, t2;
	pthread_create(&t1, NULL, thread_main, r1);
	pthread_join(t1, NULL);
	pthread_create(&t2, NULL, thread_main, r2);
	pthread_join(t2, NULL);
	assert_non_null(r1[0]);
	assert_ptr_equal(r1[0], r1[1]); /* one connection per thread, reused */
	assert_non_null(r2[0]);
}

static void test_backup(void **state)
{
	struct store *s = open_store();
	char copy[200];
	snprintf(copy, sizeof(copy), "%s/copy.db", dir);
	if (pg) { /* pg_dump's job: refused, and the connection stays usable */
		assert_int_equal(store_backup(s, copy), -1);
		int64_t v = -1;
		assert_int_equal(store_one_i64(s, &v, SQ_PLACE_COUNT, ""), 1);
		store_close(s);
		return;
	}
	assert_int_equal(store_backup(s, copy), 0);
	store_close(s);
	struct store *c = NULL;
	struct gh_fail f = {0};
	assert_int_equal(store_open(copy, false, &c, &f), 0);
	struct stmt *st = store_query(c, SQ_META_GET, "t", "k1");
	assert_int_equal(store_step(st), STORE_ROW);
	assert_string_equal(store_col_text(st, 0), "值二");
	store_reset(st);
	store_close(c);
}

/* An organisation row at path (parent NULL; only the path matters here). */
static void put_org(struct store *s, int64_t id, const char *path, const char *kind)
{
	assert_int_equal(store_run(s, SQ_ORG_INSERT, "intitttiiiittitittiii", id, path, (int64_t)1, kind, "名",
	                           "320000000000", (int64_t)0, (int64_t)0, (int64_t)0, (int64_t)0, "active", NULL,
	                           (int64_t)0, NULL, (int64_t)0, NULL, NULL, (int64_t)0, (int64_t)1, (int64_t)1),
	                 0);
}

/* A subtree is the range [lo, hi) with hi = lo with its last '/' made '0', compared byte by byte:
 * "/1/320/" is not under "/1/32/" although it sorts between them in many linguistic orders. */
static void test_subtree_byte_order(void **state)
{
	struct store *s = open_store();
	assert_int_equal(store_begin(s), 0);
	put_org(s, 9001, "/9/", "national");
	put_org(s, 9002, "/9/32/", "provincial");
	put_org(s, 9003, "/9/32/3207/", "county");
	put_org(s, 9004, "/9/320/", "provincial");
	put_org(s, 9005, "/9/32-/", "city");
	put_org(s, 9006, "/9/3/", "city");
	assert_int_equal(store_commit(s), 0);
	struct stmt *st = store_query(s, SQ_ORG_SUBTREE_KINDS, "tt", "/9/32/", "/9/320");
	int64_t n = 0;
	while (store_step(st) == STORE_ROW)
		n += store_col_i64(st, 1);
	store_reset(st);
	assert_int_equal(n, 2); /* /9/32/ and /9/32/3207/ */
	store_close(s);
}

/* Inside a transaction, a unique violation answers STORE_DUPLICATE and the transaction goes on
 * (an import rejects the row and continues). */
static void test_duplicate_keeps_tx(void **state)
{
	struct store *s = open_store();
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_run(s, SQ_STAT_SET, "iii", (int64_t)1, (int64_t)1, (int64_t)5), 0);
	assert_int_equal(store_run(s, SQ_STAT_SET, "iii", (int64_t)1, (int64_t)1, (int64_t)6), GH_EDUP);
	assert_int_equal(store_run(s, SQ_STAT_SET, "iii", (int64_t)1, (int64_t)2, (int64_t)7), 0);
	assert_int_equal(store_changes(s), 1);
	assert_int_equal(store_commit(s), 0);
	struct stmt *st = store_query(s, SQ_STAT_GET, "i", (int64_t)1);
	int64_t sum = 0, rows = 0;
	while (store_step(st) == STORE_ROW)
		sum += store_col_i64(st, 1), rows++;
	store_reset(st);
	assert_int_equal(rows, 2);
	assert_int_equal(sum, 12);
	/* upsert adds */
	assert_int_equal(store_run(s, SQ_STAT_ADD, "iii", (int64_t)1, (int64_t)1, (int64_t)-2), 0);
	st = store_query(s, SQ_STAT_GET, "i", (int64_t)1);
	sum = 0;
	while (store_step(st) == STORE_ROW)
		sum += store_col_i64(st, 1);
	store_reset(st);
	assert_int_equal(sum, 10);
	assert_int_equal(store_run(s, SQ_STAT_CLEAR, ""), 0);
	store_close(s);
}

/* The same statement with NULL, then a value, then NULL again in one parameter; comparisons
 * answered as 0/1 integers. */
static void test_null_then_value(void **state)
{
	struct store *s = open_store();
	const unsigned char mac[2] = {7, 0};
	for (int64_t i = 10; i < 13; i++)
		assert_int_equal(store_run(s, SQ_AUDIT_INSERT, "iiittttittb", i, (int64_t)5, (int64_t)0,
		                           i == 11 ? "bob" : "al", NULL, i == 12 ? "y" : "x", "t", (int64_t)0, "/9/32/",
		                           NULL, (const void *)mac, sizeof(mac)),
		                 0);
	int64_t n = -1;
	assert_int_equal(store_one_i64(s, &n, SQ_AUDIT_LIST_COUNT, "ttnn", "/9/", "/90"), 1);
	assert_int_equal(n, 3);
	assert_int_equal(store_one_i64(s, &n, SQ_AUDIT_LIST_COUNT, "tttn", "/9/", "/90", "x"), 1);
	assert_int_equal(n, 2);
	assert_int_equal(store_one_i64(s, &n, SQ_AUDIT_LIST_COUNT, "ttnt", "/9/", "/90", "bob"), 1);
	assert_int_equal(n, 1);
	assert_int_equal(store_one_i64(s, &n, SQ_AUDIT_LIST_COUNT, "ttnn", "/9/", "/90"), 1);
	assert_int_equal(n, 3);
	/* a 0/1 comparison among the columns (EXISTS), and the blob back byte for byte */
	struct stmt *st = store_query(s, SQ_AUDIT_ALL, "ii", (int64_t)11, (int64_t)1);
	assert_int_equal(store_step(st), STORE_ROW);
	size_t len;
	const unsigned char *b = store_col_blob(st, 10, &len);
	assert_int_equal(len, 2);
	assert_memory_equal(b, mac, 2);
	assert_int_equal(store_col_i64(st, 0), 12);
	assert_true(store_col_null(st, 9));
	store_reset(st);
	store_close(s);
}

/* data_version never goes back and moves with every commit of another connection. */
static void test_data_version_monotonic(void **state)
{
	struct store *a = open_store(), *b = open_store();
	uint64_t last = store_data_version(a);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(store_begin(b), 0);
		const char *val[] = {"a", "b", "c"};
		assert_int_equal(store_run(b, SQ_META_SET, "tt", "dv", val[i]), 0);
		assert_int_equal(store_commit(b), 0);
		uint64_t now = store_data_version(a);
		assert_true(now > last);
		last = now;
	}
	store_close(a);
	store_close(b);
}

/* A whole-table scan read inside a read transaction, longer than PostgreSQL's fetch batch
 * (10,000 rows), with another statement run between its rows. */
static void test_long_scan(void **state)
{
	struct store *s = open_store();
	assert_int_equal(store_run(s, SQ_STAT_CLEAR, ""), 0);
	assert_int_equal(store_begin(s), 0);
	for (int64_t i = 0; i < 10005; i++)
		assert_int_equal(store_run(s, SQ_STAT_SET, "iii", 100 + i / 7, i % 7, i), 0);
	assert_int_equal(store_commit(s), 0);
	assert_int_equal(store_begin_read(s), 0);
	struct stmt *st = store_query(s, SQ_STAT_ALL, "");
	assert_non_null(st);
	int64_t rows = 0, sum = 0;
	int r;
	while ((r = store_step(st)) == STORE_ROW) {
		rows++;
		sum += store_col_i64(st, 2);
		if (rows == 9999 || rows == 10001) {
			struct stmt *m = store_query(s, SQ_META_GET, "t", "schema_version");
			assert_int_equal(store_step(m), STORE_ROW);
			store_reset(m);
		}
	}
	assert_int_equal(r, STORE_DONE);
	store_reset(st);
	assert_int_equal(store_commit(s), 0);
	assert_int_equal(rows, 10005);
	assert_int_equal(sum, 10004 * 10005 / 2);
	assert_int_equal(store_run(s, SQ_STAT_CLEAR, ""), 0);
	store_close(s);
}

/* PostgreSQL: a connection the server dropped (a restart, an idle cut) is made again on the next
 * statement outside a transaction, with its statements prepared again. */
static void test_reconnect(void **state)
{
	if (!pg)
		return;
	struct store *s = open_store();
	int64_t v = -1;
	assert_int_equal(store_one_i64(s, &v, SQ_PLACE_COUNT, ""), 1);
	store_exec(s, "SELECT pg_terminate_backend(pg_backend_pid())"); /* the server drops us */
	assert_int_equal(store_one_i64(s, &v, SQ_PLACE_COUNT, ""), 1);
	struct stmt *st = store_query(s, SQ_META_GET, "t", "schema_version");
	assert_int_equal(store_step(st), STORE_ROW);
	store_reset(st);
	store_exec(s, "SELECT pg_terminate_backend(pg_backend_pid())"); /* and again, before a transaction */
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_run(s, SQ_META_SET, "tt", "after", "reconnect"), 0);
	assert_int_equal(store_commit(s), 0);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_open_missing),
	        cmocka_unit_test(test_migrate_idempotent),
	        cmocka_unit_test(test_bind_and_columns),
	        cmocka_unit_test(test_rollback_and_unique),
	        cmocka_unit_test(test_visibility),
	        cmocka_unit_test(test_thread_connections),
	        cmocka_unit_test(test_backup),
	        cmocka_unit_test(test_subtree_byte_order),
	        cmocka_unit_test(test_duplicate_keeps_tx),
	        cmocka_unit_test(test_null_then_value),
	        cmocka_unit_test(test_data_version_monotonic),
	        cmocka_unit_test(test_long_scan),
	        cmocka_unit_test(test_reconnect),
	};
	const char *u = getenv("GH_TEST_DB_URL");
	return cmocka_run_group_tests_name(u && *u ? "store/postgresql" : "store/sqlite", tests, setup, teardown);
}
