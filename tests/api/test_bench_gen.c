/*
 * The benchmark suite's fixtures and baselines, checked for what they claim (never for speed):
 * `gonghui bench gen` adds exactly the members asked for, spread over several provinces, counted
 * exactly (stats verify clean), readable through the API like any other; `gonghui bench baseline`
 * exits 0 only when the counters, the path COUNT and the recursive CTE agree; `gonghui bench
 * import` adds new people to a store gen filled (on PostgreSQL only --in-place); `gonghui bench
 * chart` draws an SVG of a results file; bad usage exits 2.
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

#include "harness.h"

static struct srv S;
static struct client A;

static int setup(void **state)
{
	if (srv_start(&S, false) < 0)
		return -1;
	client_init(&A, &S);
	return login(&A, "admin", S.admin_pw) == 200 ? 0 : -1;
}

static int teardown(void **state)
{
	client_release(&A);
	srv_stop(&S);
	return 0;
}

static int64_t members_of(const char *division)
{
	struct figs g;
	int64_t org = org_by_division(&A, division);
	assert_true(org > 0);
	assert_int_equal(figs_get(&A, org, &g), 200);
	int64_t n = jint(g.raw, "members");
	figs_free(&g);
	return n;
}

static void test_gen_adds_exactly_and_counts_exactly(void **state)
{
	int64_t before = members_of("000000000000");
	char *out = NULL;
	/* enough for the country's roster to pass MEMBER_TOTAL_CAP (10,000): its pages then walk the
	 * name index (test_large_roster_pages) */
	const char *const args[] = {"bench", "gen", "--members", "8000", "--per-union", "400", "--seed", "7", NULL};
	assert_int_equal(srv_cli(&S, &out, args), 0);
	assert_non_null(strstr(out, "8000 members"));
	free(out);
	assert_int_equal(members_of("000000000000") - before, 8000);
	assert_int_equal(srv_stats_verify(&S), 0);
	/* spread over the country, not piled in one place: no province holds them all */
	struct resp r;
	int64_t root = org_by_division(&A, "000000000000");
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/orgs/%lld/children?limit=50", (long long)root), 0);
	json_t *items = jget(r.json, "items");
	int provinces_with_members = 0;
	for (size_t i = 0; i < json_array_size(items); i++) {
		struct figs g;
		assert_int_equal(figs_get(&A, jint(json_array_get(items, i), "id"), &g), 200);
		provinces_with_members += jint(g.raw, "members") > 0;
		figs_free(&g);
	}
	resp_free(&r);
	assert_true(provinces_with_members >= 3);
	/* and the generated members are real members: a roster page answers them, masked */
	assert_int_equal(req(&A, "GET", "/api/members?limit=5", NULL, &r), 0);
	expect_status(&r, 200);
	assert_true(jint(r.json, "total") >= 8000);
	const char *idn = jstr(json_array_get(jget(r.json, "items"), 0), "id_number");
	assert_non_null(idn);
	assert_non_null(strstr(idn, "****"));
	resp_free(&r);
	/* a second run with the same seed makes the same ID numbers first: they are skipped, and it
	 * still adds exactly as many new people */
	const char *const again[] = {"bench", "gen", "--members", "400", "--per-union", "200", "--seed", "7", NULL};
	int64_t mid = members_of("000000000000");
	assert_int_equal(srv_cli(&S, NULL, again), 0);
	assert_int_equal(members_of("000000000000") - mid, 400);
	assert_int_equal(srv_stats_verify(&S), 0);
}

/* One page of the whole country's roster (more than 10,000 members: read in name order through the
 * name index), by offset or by cursor. */
static json_t *page(const char *query)
{
	struct resp r;
	assert_int_equal(reqf(&A, "GET", NULL, &r, "/api/members?limit=50%s", query), 0);
	expect_status(&r, 200);
	json_t *j = json_incref(r.json);
	resp_free(&r);
	return j;
}

static void test_large_roster_pages(void **state)
{
	json_t *p1 = page(""), *p2 = page("&offset=50");
	assert_int_equal(jint(p1, "total"), 10000);
	assert_true(json_is_true(jget(p1, "total_capped")));
	json_t *items = jget(p1, "items");
	assert_int_equal(json_array_size(items), 50);
	/* in (name, id) order */
	for (size_t i = 1; i < json_array_size(items); i++) {
		const char *a = jstr(json_array_get(items, i - 1), "name"), *b = jstr(json_array_get(items, i), "name");
		int cmp = strcmp(a, b);
		assert_true(cmp < 0 || (cmp == 0 && jint(json_array_get(items, i - 1), "id") <
		                                            jint(json_array_get(items, i), "id")));
	}
	/* the cursor continues exactly where the offset does */
	char q[64];
	snprintf(q, sizeof(q), "&after=%lld", (long long)jint(p1, "next_after"));
	json_t *c2 = page(q);
	assert_int_equal(json_array_size(jget(c2, "items")), 50);
	for (size_t i = 0; i < 50; i++)
		assert_int_equal(jint(json_array_get(jget(c2, "items"), i), "id"),
		                 jint(json_array_get(jget(p2, "items"), i), "id"));
	json_decref(p1);
	json_decref(p2);
	json_decref(c2);
	/* a cursor that names no membership, or is no number */
	struct resp r;
	assert_int_equal(req(&A, "GET", "/api/members?after=999999999999", NULL, &r), 0);
	expect_error(&r, 400, "invalid_field", "after");
	resp_free(&r);
	assert_int_equal(req(&A, "GET", "/api/members?after=x", NULL, &r), 0);
	expect_error(&r, 400, "invalid_field", "after");
	resp_free(&r);
}

static void test_baseline_methods_agree(void **state)
{
	char *out = NULL;
	const char *const args[] = {"bench", "baseline", "--budget", "0.05", NULL};
	assert_int_equal(srv_cli(&S, &out, args), 0);
	/* the four levels, each with its ratio */
	assert_non_null(strstr(out, "W3 national: recursive CTE COUNT"));
	assert_non_null(strstr(out, "W3 town: counters"));
	assert_non_null(strstr(out, "recursive CTE / counters"));
	free(out);
}

static void test_chart_and_usage(void **state)
{
	char dir[] = "/tmp/gh-chart-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char results[128], svg[128];
	snprintf(results, sizeof(results), "%s/r.json", dir);
	snprintf(svg, sizeof(svg), "%s/r.svg", dir);
	FILE *f = fopen(results, "w");
	assert_non_null(f);
	fputs("{\"date\":\"2026-11-23\",\"machine\":\"test\",\"runs\":["
	      "{\"members\":1000,\"workloads\":[{\"workload\":\"stats\",\"results\":[{\"name\":\"root & all\","
	      "\"n\":10,\"p50_us\":10,\"p99_us\":40}]}]},"
	      "{\"members\":100000,\"workloads\":[{\"workload\":\"stats\",\"results\":[{\"name\":\"root & all\","
	      "\"n\":10,\"p50_us\":11,\"p99_us\":45}]},{\"workload\":\"gen\",\"results\":[{\"name\":\"gen\","
	      "\"rows_per_s\":5000}]}]}]}",
	      f);
	assert_int_equal(fclose(f), 0);
	char *out = NULL;
	const char *const args[] = {"bench", "chart", "--out", svg, results, NULL};
	assert_int_equal(srv_cli(&S, &out, args), 0);
	free(out);
	f = fopen(svg, "r");
	assert_non_null(f);
	char buf[8192];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = 0;
	fclose(f);
	assert_non_null(strstr(buf, "<svg"));
	assert_non_null(strstr(buf, "root &amp; all")); /* the name, escaped */
	assert_non_null(strstr(buf, "<polyline"));
	/* a results file that is not JSON fails; a missing --out is bad usage */
	f = fopen(results, "w");
	assert_non_null(f);
	fputs("not json", f);
	fclose(f);
	const char *const bad[] = {"bench", "chart", "--out", svg, results, NULL};
	assert_int_equal(srv_cli(&S, NULL, bad), 1);
	const char *const usage[] = {"bench", "chart", results, NULL};
	assert_int_equal(srv_cli(&S, NULL, usage), 2);
	const char *const toomany[] = {"bench", "gen", "--members", "0", NULL};
	assert_int_equal(srv_cli(&S, NULL, toomany), 2);
	unlink(results);
	unlink(svg);
	rmdir(dir);
}

/* W1's fixture: `bench import` adds new people even to a store `bench gen` filled (their ID
 * numbers count the sequence down where gen's count up: 3,000 rows reach every county, so any
 * overlap would be refused as a member elsewhere and fail the run). SQLite: into a copy, the
 * store untouched. PostgreSQL cannot copy in process: refused without --in-place, and with it
 * the rows go into the store itself, counted exactly. */
static void test_import_adds_new_people(void **state)
{
	bool pg = S.pgdb[0] != 0;
	int64_t before = members_of("000000000000");
	const char *const args[] = {"bench", "import", "--members", "3000", "--union-size", "1000", NULL};
	const char *const in_place[] = {"bench",        "import", "--members",  "3000",
	                                "--union-size", "1000",   "--in-place", NULL};
	char *out = NULL;
	assert_int_equal(srv_cli(&S, &out, args), pg ? 1 : 0);
	if (!pg)
		assert_non_null(strstr(out, "import 3000 rows"));
	free(out);
	assert_int_equal(members_of("000000000000"), before);
	if (!pg)
		return;
	out = NULL;
	assert_int_equal(srv_cli(&S, &out, in_place), 0);
	assert_non_null(strstr(out, "import 3000 rows"));
	free(out);
	assert_int_equal(members_of("000000000000") - before, 3000);
	const char *const verify[] = {"stats", "verify", NULL};
	assert_int_equal(srv_cli(&S, NULL, verify), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_gen_adds_exactly_and_counts_exactly),
	        cmocka_unit_test(test_large_roster_pages),
	        cmocka_unit_test(test_baseline_methods_agree),
	        cmocka_unit_test(test_import_adds_new_people),
	        cmocka_unit_test(test_chart_and_usage),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
