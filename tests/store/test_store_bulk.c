/*
 * The whole-table part of store.h on every backend (SQLite file; PostgreSQL when GH_TEST_DB_URL
 * names a server, as in the contract suite): the catalogue (tables, columns), scans, counts, and
 * the bulk load (COPY on PostgreSQL, multi-row INSERT on SQLite) with every byte value in a blob,
 * NULLs, Chinese text, tabs, newlines, carriage returns and backslashes in text, integer and
 * floating extremes; its failures (a duplicate key, a short row, a missing table), the load mode
 * (rows before the rows they refer to) with the check of every reference after, and identity columns continuing after a load.
 */
#include <math.h>
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
static bool pg;

static int setup(void **state)
{
	snprintf(dir, sizeof(dir), "/tmp/gh-bulk-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	const char *base = getenv("GH_TEST_DB_URL");
	pg = base && *base;
	if (pg) {
		char name[64];
		snprintf(name, sizeof(name), "gh_bulk_%ld", (long)getpid());
		pg_url(url, sizeof(url), base, name);
	} else {
		snprintf(url, sizeof(url), "%s/bulk.db", dir);
	}
	struct store *s;
	struct gh_fail f = {0};
	if (store_open(url, true, &s, &f) < 0)
		return -1;
	store_close(s);
	return 0;
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

/* CREATE TABLE in the backend's dialect: %B is the blob type, %R the floating type. */
static void make_table(struct store *s, const char *sql)
{
	char out[1024];
	size_t k = 0;
	for (const char *p = sql; *p && k < sizeof(out) - 32; p++) {
		if (p[0] == '%' && (p[1] == 'B' || p[1] == 'R')) {
			const char *t = p[1] == 'B' ? (pg ? "BYTEA" : "BLOB") : (pg ? "DOUBLE PRECISION" : "REAL");
			k += (size_t)snprintf(out + k, sizeof(out) - k, "%s", t);
			p++;
		} else {
			out[k++] = *p;
		}
	}
	out[k] = 0;
	assert_int_equal(store_exec(s, out), 0);
}

static struct store_names names_of(int n, const char *const *v)
{
	struct store_names out = {.n = n, .v = calloc((size_t)n, sizeof(char *))};
	for (int i = 0; i < n; i++)
		out.v[i] = strdup(v[i]);
	return out;
}

static const char awkward[] = "工会\tA\\B\nC\r\\N \\\\ 职工之家 \"'; --";

/* The row i of the round trip: some values NULL, the rest awkward. */
static void load_row(struct store *s, int i, const unsigned char *all_bytes)
{
	assert_int_equal(store_bulk_i64(s, i), 0);
	if (i % 7 == 3)
		assert_int_equal(store_bulk_null(s), 0);
	else if (i % 7 == 4)
		assert_int_equal(store_bulk_text(s, "", 0), 0);
	else
		assert_int_equal(store_bulk_text(s, awkward, strlen(awkward)), 0);
	if (i % 5 == 2)
		assert_int_equal(store_bulk_null(s), 0);
	else
		assert_int_equal(store_bulk_blob(s, all_bytes, (size_t)(i % 2 ? 256 : i % 256)), 0);
	assert_int_equal(i % 11 == 5 ? store_bulk_null(s) : store_bulk_double(s, i * 0.1 - 3.25e-7), 0);
	int64_t big = i % 2 ? INT64_MAX - i : INT64_MIN + i;
	assert_int_equal(i % 13 == 6 ? store_bulk_null(s) : store_bulk_i64(s, big), 0);
	assert_int_equal(store_bulk_row(s), 0);
}

static void check_row(struct stmt *st, int i, const unsigned char *all_bytes)
{
	int64_t id = store_col_i64(st, 0);
	assert_int_equal(id, i);
	if (i % 7 == 3) {
		assert_int_equal(store_col_type(st, 1), STORE_T_NULL);
	} else {
		assert_int_equal(store_col_type(st, 1), STORE_T_TEXT);
		assert_string_equal(store_col_text(st, 1), i % 7 == 4 ? "" : awkward);
	}
	size_t n;
	const void *b = store_col_blob(st, 2, &n);
	if (i % 5 == 2) {
		assert_int_equal(store_col_type(st, 2), STORE_T_NULL);
	} else {
		assert_int_equal(store_col_type(st, 2), STORE_T_BLOB);
		assert_int_equal(n, (size_t)(i % 2 ? 256 : i % 256));
		if (n)
			assert_memory_equal(b, all_bytes, n);
	}
	if (i % 11 == 5) {
		assert_int_equal(store_col_type(st, 3), STORE_T_NULL);
	} else {
		assert_int_equal(store_col_type(st, 3), STORE_T_REAL);
		assert_true(store_col_double(st, 3) == i * 0.1 - 3.25e-7);
	}
	if (i % 13 == 6) {
		assert_int_equal(store_col_type(st, 4), STORE_T_NULL);
	} else {
		assert_int_equal(store_col_type(st, 4), STORE_T_INT);
		assert_true(store_col_i64(st, 4) == (i % 2 ? INT64_MAX - i : INT64_MIN + i));
	}
}

#define ROWS 257 /* more than one SQLite batch, and a remainder */

static void test_round_trip(void **state)
{
	struct store *s = open_store();
	make_table(s, "CREATE TABLE bulk_rt(id BIGINT PRIMARY KEY, t TEXT, b %B, r %R, n BIGINT)");
	unsigned char all_bytes[256];
	for (int i = 0; i < 256; i++)
		all_bytes[i] = (unsigned char)i;
	static const char *const colv[] = {"id", "t", "b", "r", "n"};
	struct store_names cols = names_of(5, colv);
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_bulk_begin(s, "bulk_rt", &cols), 0);
	for (int i = 0; i < ROWS; i++)
		load_row(s, i, all_bytes);
	assert_int_equal(store_bulk_end(s), 0);
	assert_int_equal(store_commit(s), 0);

	/* the catalogue sees the table and its columns in order */
	struct store_names t, c;
	assert_int_equal(store_tables(s, &t), 0);
	assert_true(store_names_has(&t, "bulk_rt"));
	store_names_free(&t);
	assert_int_equal(store_columns(s, "bulk_rt", &c), 0);
	assert_int_equal(c.n, 5);
	for (int i = 0; i < 5; i++)
		assert_string_equal(c.v[i], colv[i]);
	store_names_free(&c);
	int64_t n = 0;
	assert_int_equal(store_count(s, "bulk_rt", &n), 0);
	assert_int_equal(n, ROWS);

	/* read back, outside and inside a transaction (a cursor on PostgreSQL) */
	for (int pass = 0; pass < 2; pass++) {
		if (pass)
			assert_int_equal(store_begin_read(s), 0);
		struct stmt *st = store_scan(s, "bulk_rt", &cols);
		assert_non_null(st);
		bool seen[ROWS] = {0};
		int got = 0;
		while (store_step(st) == STORE_ROW) {
			int i = (int)store_col_i64(st, 0);
			assert_true(i >= 0 && i < ROWS && !seen[i]);
			seen[i] = true;
			check_row(st, i, all_bytes);
			got++;
		}
		assert_int_equal(got, ROWS);
		store_scan_end(st);
		if (pass)
			store_rollback(s);
	}
	store_names_free(&cols);
	store_close(s);
}

static void test_failures(void **state)
{
	struct store *s = open_store();
	make_table(s, "CREATE TABLE bulk_fail(id BIGINT PRIMARY KEY, t TEXT NOT NULL)");
	static const char *const colv[] = {"id", "t"};
	struct store_names cols = names_of(2, colv);
	/* a duplicate key fails the load, and the transaction rolls back to nothing */
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_bulk_begin(s, "bulk_fail", &cols), 0);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(store_bulk_i64(s, 1), 0);
		assert_int_equal(store_bulk_text(s, "x", 1), 0);
		store_bulk_row(s); /* SQLite may only see it at the end */
	}
	assert_int_equal(store_bulk_end(s), -1);
	store_rollback(s);
	int64_t n = -1;
	assert_int_equal(store_count(s, "bulk_fail", &n), 0);
	assert_int_equal(n, 0);

	/* a row with too few values is refused */
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_bulk_begin(s, "bulk_fail", &cols), 0);
	assert_int_equal(store_bulk_i64(s, 2), 0);
	assert_int_equal(store_bulk_row(s), -1);
	assert_int_equal(store_bulk_end(s), -1);
	store_rollback(s);

	/* a NULL where the column is NOT NULL */
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_bulk_begin(s, "bulk_fail", &cols), 0);
	assert_int_equal(store_bulk_i64(s, 3), 0);
	assert_int_equal(store_bulk_null(s), 0);
	store_bulk_row(s);
	assert_int_equal(store_bulk_end(s), -1);
	store_rollback(s);

	/* no such table, and no such column */
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_bulk_begin(s, "bulk_none", &cols), -1);
	assert_int_equal(store_bulk_end(s), -1);
	store_rollback(s);
	struct store_names c;
	assert_int_equal(store_columns(s, "bulk_none", &c), -1);
	assert_int_equal(store_count(s, "bulk_none", &n), -1);
	static const char *const badv[] = {"id", "nope"};
	struct store_names bad = names_of(2, badv);
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_bulk_begin(s, "bulk_fail", &bad), -1);
	store_bulk_end(s);
	store_rollback(s);
	assert_null(store_scan(s, "bulk_fail", &bad));
	store_names_free(&bad);

	/* the connection is fine afterwards */
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_bulk_begin(s, "bulk_fail", &cols), 0);
	assert_int_equal(store_bulk_i64(s, 4), 0);
	assert_int_equal(store_bulk_text(s, "ok", 2), 0);
	assert_int_equal(store_bulk_row(s), 0);
	assert_int_equal(store_bulk_end(s), 0);
	assert_int_equal(store_commit(s), 0);
	assert_int_equal(store_count(s, "bulk_fail", &n), 0);
	assert_int_equal(n, 1);
	store_names_free(&cols);
	store_close(s);
}

/* A NUL byte cannot be in PostgreSQL text: the load fails there; SQLite keeps it. */
static void test_nul_in_text(void **state)
{
	struct store *s = open_store();
	make_table(s, "CREATE TABLE bulk_nul(id BIGINT PRIMARY KEY, t TEXT)");
	static const char *const colv[] = {"id", "t"};
	struct store_names cols = names_of(2, colv);
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_bulk_begin(s, "bulk_nul", &cols), 0);
	assert_int_equal(store_bulk_i64(s, 1), 0);
	assert_int_equal(store_bulk_text(s, "a\0b", 3), pg ? -1 : 0);
	if (pg) {
		assert_int_equal(store_bulk_end(s), -1);
		store_rollback(s);
	} else {
		assert_int_equal(store_bulk_row(s), 0);
		assert_int_equal(store_bulk_end(s), 0);
		assert_int_equal(store_commit(s), 0);
	}
	store_names_free(&cols);
	store_close(s);
}

/* Rows that refer to rows loaded after them go in under the load mode. */
static void test_load_mode(void **state)
{
	struct store *s = open_store();
	make_table(s, "CREATE TABLE bulk_tree(id BIGINT PRIMARY KEY, parent_id BIGINT REFERENCES bulk_tree(id))");
	static const char *const colv[] = {"id", "parent_id"};
	struct store_names cols = names_of(2, colv);
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_load_mode(s), 0);
	assert_int_equal(store_bulk_begin(s, "bulk_tree", &cols), 0);
	for (int i = 1; i <= 3; i++) { /* each row's parent comes after it */
		assert_int_equal(store_bulk_i64(s, i), 0);
		assert_int_equal(i == 3 ? store_bulk_null(s) : store_bulk_i64(s, i + 1), 0);
		assert_int_equal(store_bulk_row(s), 0);
	}
	assert_int_equal(store_bulk_end(s), 0);
	char what[256];
	assert_int_equal(store_check_references(s, what, sizeof(what)), 0);
	assert_int_equal(store_commit(s), 0);
	int64_t n = 0;
	assert_int_equal(store_count(s, "bulk_tree", &n), 0);
	assert_int_equal(n, 3);

	/* a reference to no row goes in under the load mode, and the check finds it */
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_load_mode(s), 0);
	assert_int_equal(store_bulk_begin(s, "bulk_tree", &cols), 0);
	assert_int_equal(store_bulk_i64(s, 10), 0);
	assert_int_equal(store_bulk_i64(s, 99), 0);
	assert_int_equal(store_bulk_row(s), 0);
	assert_int_equal(store_bulk_end(s), 0);
	assert_int_equal(store_check_references(s, what, sizeof(what)), 1);
	assert_non_null(strstr(what, "bulk_tree"));
	store_rollback(s);
	assert_int_equal(store_count(s, "bulk_tree", &n), 0);
	assert_int_equal(n, 3);
	store_names_free(&cols);
	store_close(s);
}

/* After a load with explicit ids, new rows take ids after the highest. */
static void test_ids_follow(void **state)
{
	struct store *s = open_store();
	make_table(s, pg ? "CREATE TABLE bulk_ev(id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v TEXT)"
	                 : "CREATE TABLE bulk_ev(id INTEGER PRIMARY KEY, v TEXT)");
	static const char *const colv[] = {"id", "v"};
	struct store_names cols = names_of(2, colv);
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_bulk_begin(s, "bulk_ev", &cols), 0);
	for (int i = 1; i <= 5; i++) {
		assert_int_equal(store_bulk_i64(s, i * 10), 0);
		assert_int_equal(store_bulk_text(s, "事件", strlen("事件")), 0);
		assert_int_equal(store_bulk_row(s), 0);
	}
	assert_int_equal(store_bulk_end(s), 0);
	assert_int_equal(store_ids_follow(s, "bulk_ev"), 0);
	assert_int_equal(store_commit(s), 0);
	assert_int_equal(store_exec(s, "INSERT INTO bulk_ev(v) VALUES('new')"), 0);
	static const char *const idv[] = {"id"};
	struct store_names ids = names_of(1, idv);
	struct stmt *st = store_scan(s, "bulk_ev", &ids);
	assert_non_null(st);
	int64_t most = 0;
	while (store_step(st) == STORE_ROW)
		if (store_col_i64(st, 0) > most)
			most = store_col_i64(st, 0);
	store_scan_end(st);
	assert_int_equal(most, 51);
	store_names_free(&ids);
	store_names_free(&cols);
	store_close(s);
}

/* A target written "table(column, …)" (sql.h's SQB_*): parsed into the table and its columns;
 * a target that is not of that shape is refused before the store sees it. Bulk loads are COPY on
 * PostgreSQL only (store_bulk_copies: the import chooses COPY there). */
static void test_into(void **state)
{
	struct store *s = open_store();
	assert_int_equal(store_bulk_copies(s), pg);
	make_table(s, "CREATE TABLE bulk_into(id BIGINT PRIMARY KEY, name TEXT, n BIGINT)");
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(store_bulk_into(s, "bulk_into(id, name, n)"), 0);
	for (int i = 1; i <= 3; i++) {
		assert_int_equal(store_bulk_i64(s, i), 0);
		assert_int_equal(store_bulk_text(s, "王秀英", strlen("王秀英")), 0);
		assert_int_equal(store_bulk_i64(s, 10 * i), 0);
		assert_int_equal(store_bulk_row(s), 0);
	}
	assert_int_equal(store_bulk_end(s), 0);
	/* a subset of the columns, in another order */
	assert_int_equal(store_bulk_into(s, "bulk_into(n,id)"), 0);
	assert_int_equal(store_bulk_i64(s, 40), 0);
	assert_int_equal(store_bulk_i64(s, 4), 0);
	assert_int_equal(store_bulk_row(s), 0);
	assert_int_equal(store_bulk_end(s), 0);
	assert_int_equal(store_commit(s), 0);
	int64_t n = -1;
	assert_int_equal(store_count(s, "bulk_into", &n), 0);
	assert_int_equal(n, 4);
	static const char *const colv[] = {"id", "name", "n"};
	struct store_names cols = names_of(3, colv);
	struct stmt *st = store_scan(s, "bulk_into", &cols);
	assert_non_null(st);
	int64_t sum = 0, named = 0;
	while (store_step(st) == STORE_ROW) {
		sum += store_col_i64(st, 0) * store_col_i64(st, 2);
		named += !strcmp(store_col_text(st, 1), "王秀英");
	}
	store_scan_end(st);
	assert_int_equal(sum, 10 + 40 + 90 + 160);
	assert_int_equal(named, 3);
	store_names_free(&cols);

	static const char *const bad[] = {"bulk_into",    "bulk_into(",  "(id)",
	                                  "bulk_into(id", "bulk_into()", "bulk_into(nope)"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(store_begin(s), 0);
		assert_int_equal(store_bulk_into(s, bad[i]), -1);
		store_bulk_end(s);
		store_rollback(s);
	}
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_round_trip),  cmocka_unit_test(test_failures),
	        cmocka_unit_test(test_nul_in_text), cmocka_unit_test(test_load_mode),
	        cmocka_unit_test(test_ids_follow),  cmocka_unit_test(test_into),
	};
	const char *u = getenv("GH_TEST_DB_URL");
	return cmocka_run_group_tests_name(u && *u ? "store-bulk/postgresql" : "store-bulk/sqlite", tests, setup,
	                                   teardown);
}
