/*
 * The store contract suite: what every backend of store.h must do, run against each backend
 * that is built (SQLite now; PostgreSQL joins with issue 5 by adding its URL to `backends`).
 * Statements, binding, columns, transactions, unique violations, visibility of another
 * connection's commits (data_version), per-thread connections, backup and migration.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store/store.h"

static char dir[64];
static char url[128];

static int setup(void **state)
{
	snprintf(dir, sizeof(dir), "/tmp/gh-store-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(url, sizeof(url), "%s/contract.db", dir);
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
	assert_int_equal(store_open("postgresql://localhost/x", false, &s, &f), -1);
	assert_int_equal(f.code, GH_EINVAL);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_open_missing),     cmocka_unit_test(test_migrate_idempotent),
	        cmocka_unit_test(test_bind_and_columns), cmocka_unit_test(test_rollback_and_unique),
	        cmocka_unit_test(test_visibility),       cmocka_unit_test(test_thread_connections),
	        cmocka_unit_test(test_backup),
	};
	return cmocka_run_group_tests_name("store/sqlite", tests, setup, teardown);
}
