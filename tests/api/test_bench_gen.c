/*
 * The benchmark suite's fixtures and baselines, checked for what they claim (never for speed):
 * `gonghui bench gen` adds exactly the members asked for, spread over several provinces, counted
 * exactly (stats verify clean), readable through the API like any other; `gonghui bench baseline`
 * exits 0 only when the counters, the path COUNT and the recursive CTE agree; `gonghui bench
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
	const char *const args[] = {"bench", "gen", "--members", "700", "--per-union", "50", "--seed", "7", NULL};
	assert_int_equal(srv_cli(&S, &out, args), 0);
	assert_non_null(strstr(out, "700 members"));
	free(out);
	assert_int_equal(members_of("000000000000") - before, 700);
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
	assert_true(jint(r.json, "total") >= 700);
	const char *idn = jstr(json_array_get(jget(r.json, "items"), 0), "id_number");
	assert_non_null(idn);
	assert_non_null(strstr(idn, "****"));
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_gen_adds_exactly_and_counts_exactly),
	        cmocka_unit_test(test_baseline_methods_agree),
	        cmocka_unit_test(test_chart_and_usage),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
