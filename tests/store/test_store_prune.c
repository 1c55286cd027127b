/*
 * The statements that read or write one person or membership carry its province (docs/decisions/
 * 0010-province-partitions.md): on PostgreSQL the partition key, so each reads one partition of
 * person, membership and flow_case, and one hash partition of a registry. Through postgres_fdw
 * (bench/cluster) a statement that lost its province asks every shard, one round trip per
 * province: this suite asks the server for each statement's plan (store_explain) with the values
 * bound as the domain binds them and fails when a plan names more than one partition of a table.
 * The statements by id alone (SQ_PERSON_PROVINCE, SQ_MEMBER_GET_ANY, SQ_CASE_GET_ANY) are the
 * control: their plans name every partition. On SQLite (no partitions, no plans through the store) it is skipped.
 */
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

static char url[512];
static struct store *db;

static int setup(void **state)
{
	const char *base = getenv("GH_TEST_DB_URL");
	if (!base || !*base)
		return 0; /* SQLite: nothing to plan */
	char name[64];
	snprintf(name, sizeof(name), "gh_prune_%ld", (long)getpid());
	pg_url(url, sizeof(url), base, name);
	struct gh_fail f = {0};
	if (store_open(url, true, &db, &f) < 0)
		return -1;
	return store_migrate(db, &f);
}

static int teardown(void **state)
{
	if (db)
		store_close(db);
	return 0;
}

/* How many distinct partitions of table the plan names: <table>_p<NN>, <table>_pdefault (province)
 * or <table>_h<N> (hash). */
static int partitions(const char *plan, const char *table)
{
	char seen[64][32];
	int n = 0;
	size_t tl = strlen(table);
	for (const char *p = plan; *p; p++) {
		if ((p != plan && (p[-1] == '_' || (p[-1] >= 'a' && p[-1] <= 'z'))) || strncmp(p, table, tl) ||
		    p[tl] != '_' || (p[tl + 1] != 'p' && p[tl + 1] != 'h'))
			continue;
		const char *e = p + tl + 2;
		size_t k = 0;
		while ((e[k] >= '0' && e[k] <= '9') || (e[k] >= 'a' && e[k] <= 'z'))
			k++;
		bool digits = k > 0 && e[0] >= '0' && e[0] <= '9';
		if (!(digits || (k == 7 && !strncmp(e, "default", 7))) || e[k] == '_' || k + tl + 3 > 31)
			continue; /* not a partition (membership_claim, person_p32_pkey) */
		char part[32];
		snprintf(part, sizeof(part), "%.*s", (int)(tl + 2 + k), p);
		bool dup = false;
		for (int i = 0; i < n && !dup; i++)
			dup = !strcmp(seen[i], part);
		if (!dup && n < 64)
			snprintf(seen[n++], sizeof(seen[0]), "%s", part);
	}
	return n;
}

static const char *const tables[] = {"person", "membership", "flow_case", "id_registry", "membership_claim"};

/* The plan of st, bound; the statement is reset. */
static const char *plan_of(struct stmt *st, enum sq id, char *buf, size_t cap)
{
	assert_non_null(st);
	int rc = store_explain(st, buf, cap);
	if (rc < 0)
		fprintf(stderr, "%s: %s\n", sql_name(id), store_errmsg(db));
	store_reset(st);
	assert_int_equal(rc, 0);
	return buf;
}

/* Asserts that the plan of st (bound) reads at most one partition of every partitioned table. */
static void one_partition(struct stmt *st, enum sq id)
{
	static char buf[1 << 16];
	const char *plan = plan_of(st, id, buf, sizeof(buf));
	if (getenv("GH_PRUNE_SHOW")) /* to read the plans: GH_PRUNE_SHOW=1 */
		fprintf(stderr, "-- %s\n%s", sql_name(id), plan);
	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++) {
		int n = partitions(plan, tables[t]);
		if (n > 1)
			fprintf(stderr, "%s reads %d partitions of %s:\n%s", sql_name(id), n, tables[t], plan);
		assert_in_range(n, 0, 1);
	}
}

static const unsigned char idx[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

/* Binds the statement's parameters from 1 to n to NULL, for the statements with many columns. */
static struct stmt *prepare_nulls(enum sq id, int n)
{
	struct stmt *st = store_prepare(db, id);
	assert_non_null(st);
	for (int i = 1; i <= n; i++)
		store_bind_null(st, i);
	return st;
}

#define SKIP_ON_SQLITE()        \
	do {                    \
		if (!db)        \
			skip(); \
	} while (0)

/* What a lookup, a join, a status change and a transfer read and write of a person. */
static void test_person_statements(void **state)
{
	SKIP_ON_SQLITE();
	struct stmt *st = store_prepare(db, SQ_PERSON_BY_INDEX);
	store_bind_blob(st, 1, idx, sizeof(idx));
	one_partition(st, SQ_PERSON_BY_INDEX);
	st = store_prepare(db, SQ_PERSON_FLAGS);
	store_bind_i64(st, 1, 1099511627777);
	store_bind_i64(st, 2, 32);
	one_partition(st, SQ_PERSON_FLAGS);
	st = store_prepare(db, SQ_PERSON_SEALED);
	store_bind_i64(st, 1, 1099511627777);
	store_bind_i64(st, 2, 32);
	one_partition(st, SQ_PERSON_SEALED);
	st = prepare_nulls(SQ_PERSON_UPDATE, 15);
	store_bind_i64(st, 1, 1099511627777);
	store_bind_text(st, 2, "王秀英");
	store_bind_i64(st, 14, 1);
	store_bind_i64(st, 15, 32);
	one_partition(st, SQ_PERSON_UPDATE);
	st = prepare_nulls(SQ_PERSON_INSERT, 21);
	store_bind_i64(st, 1, 1099511627777);
	store_bind_blob(st, 2, idx, sizeof(idx));
	store_bind_i64(st, 21, 32);
	one_partition(st, SQ_PERSON_INSERT);
	st = store_prepare(db, SQ_PERSON_SET_PROVINCE);
	store_bind_i64(st, 1, 1099511627777);
	store_bind_i64(st, 2, 0);
	store_bind_i64(st, 3, 32);
	store_bind_blob(st, 4, idx, sizeof(idx));
	one_partition(st, SQ_PERSON_SET_PROVINCE);
	st = store_prepare(db, SQ_ID_CLAIM);
	store_bind_blob(st, 1, idx, sizeof(idx));
	store_bind_i64(st, 2, 1099511627777);
	store_bind_i64(st, 3, 1);
	one_partition(st, SQ_ID_CLAIM);
}

static void test_membership_statements(void **state)
{
	SKIP_ON_SQLITE();
	struct stmt *st = store_prepare(db, SQ_MEMBERSHIP_CURRENT);
	store_bind_i64(st, 1, 1099511627777);
	store_bind_i64(st, 2, 32);
	one_partition(st, SQ_MEMBERSHIP_CURRENT);
	st = store_prepare(db, SQ_MEMBER_GET);
	store_bind_i64(st, 1, 1099511627778);
	store_bind_i64(st, 2, 32);
	one_partition(st, SQ_MEMBER_GET);
	st = store_prepare(db, SQ_MEMBERSHIP_SET_STATUS);
	store_bind_i64(st, 1, 1099511627778);
	store_bind_text(st, 2, "withdrawn");
	store_bind_text(st, 3, "2026-01-01");
	store_bind_text(st, 4, "moved away");
	store_bind_i64(st, 5, 1);
	store_bind_i64(st, 6, 32);
	one_partition(st, SQ_MEMBERSHIP_SET_STATUS);
	st = store_prepare(db, SQ_MEMBERSHIP_CLAIM);
	store_bind_i64(st, 1, 1099511627777);
	store_bind_i64(st, 2, 1099511627778);
	one_partition(st, SQ_MEMBERSHIP_CLAIM);
	st = store_prepare(db, SQ_MEMBERSHIP_RELEASE);
	store_bind_i64(st, 1, 1099511627777);
	store_bind_i64(st, 2, 1099511627778);
	one_partition(st, SQ_MEMBERSHIP_RELEASE);
}

/* What a case action (a join's approval, a transfer's acceptance) reads and writes of its case. */
static void test_case_statements(void **state)
{
	SKIP_ON_SQLITE();
	struct stmt *st = store_prepare(db, SQ_CASE_GET);
	store_bind_i64(st, 1, 1099511627779);
	store_bind_i64(st, 2, 32);
	one_partition(st, SQ_CASE_GET);
	st = store_prepare(db, SQ_CASE_SET_STATE);
	store_bind_i64(st, 1, 1099511627779);
	store_bind_text(st, 2, "approved");
	store_bind_i64(st, 3, 1);
	store_bind_i64(st, 4, 1);
	store_bind_null(st, 5);
	store_bind_i64(st, 6, 32);
	one_partition(st, SQ_CASE_SET_STATE);
	st = store_prepare(db, SQ_CASE_SET_PAYLOAD);
	store_bind_i64(st, 1, 1099511627779);
	store_bind_text(st, 2, "{}");
	store_bind_i64(st, 3, 32);
	one_partition(st, SQ_CASE_SET_PAYLOAD);
	st = store_prepare(db, SQ_CASE_SET_SECRET);
	store_bind_i64(st, 1, 1099511627779);
	store_bind_blob(st, 2, idx, sizeof(idx));
	store_bind_i64(st, 3, 32);
	one_partition(st, SQ_CASE_SET_SECRET);
	st = store_prepare(db, SQ_CASE_ROUTE);
	store_bind_i64(st, 1, 1099511627779);
	store_bind_i64(st, 2, 1);
	store_bind_text(st, 3, "/1/");
	store_bind_i64(st, 4, 11);
	store_bind_i64(st, 5, 32);
	one_partition(st, SQ_CASE_ROUTE);
	st = store_prepare(db, SQ_CASE_ESCALATE);
	store_bind_i64(st, 1, 1099511627779);
	store_bind_i64(st, 2, 1);
	store_bind_text(st, 3, "/1/");
	store_bind_i64(st, 4, 1);
	store_bind_i64(st, 5, 1);
	store_bind_i64(st, 6, 32);
	store_bind_i64(st, 7, 32);
	one_partition(st, SQ_CASE_ESCALATE);
}

/* The control: a person by id alone is looked for in every province, so the count above would see
 * a statement that lost its province. */
static void test_control_reads_every_partition(void **state)
{
	SKIP_ON_SQLITE();
	static char buf[1 << 16];
	struct stmt *st = store_prepare(db, SQ_PERSON_PROVINCE);
	store_bind_i64(st, 1, 1099511627777);
	assert_int_equal(partitions(plan_of(st, SQ_PERSON_PROVINCE, buf, sizeof(buf)), "person"), 35);
	st = store_prepare(db, SQ_MEMBER_GET_ANY);
	store_bind_i64(st, 1, 1099511627778);
	const char *plan = plan_of(st, SQ_MEMBER_GET_ANY, buf, sizeof(buf));
	assert_int_equal(partitions(plan, "membership"), 35);
	assert_int_equal(partitions(plan, "membership_claim"), 0);
	st = store_prepare(db, SQ_CASE_GET_ANY);
	store_bind_i64(st, 1, 1099511627779);
	assert_int_equal(partitions(plan_of(st, SQ_CASE_GET_ANY, buf, sizeof(buf)), "flow_case"), 35);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_person_statements),
	        cmocka_unit_test(test_membership_statements),
	        cmocka_unit_test(test_case_statements),
	        cmocka_unit_test(test_control_reads_every_partition),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
