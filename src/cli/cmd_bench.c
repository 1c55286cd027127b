/*
 * `gonghui bench <workload> [--json FILE]`: the benchmarks that belong to the spine, run in
 * process against a store made by `gonghui init` (BENCHMARKS.md; the full suite W1–W7 arrives
 * with issue 5). Timings are printed, never asserted.
 *   tree    load the national tree into a fresh store (--runs N), seconds per load
 *   stats   W3 in process: subtree figures of the root, a province, a county and a town
 *   search  a two-character Chinese name search within the root's and a city's scope
 *   lookup  W2 in process: a member found by full ID number (an init --demo store)
 *   import  W1, first cut: a synthetic roster of --members N rows imported as CSV into a copy
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "auth/keys.h"
#include "cli/bench.h"
#include "cli/cli.h"
#include "domain/org.h"
#include "domain/stats.h"
#include "check/uscc.h"
#include "domain/demo.h"
#include "domain/member.h"
#include "domain/roster.h"
#include "base/time.h"
#include <sys/resource.h>
#include "domain/tree.h"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void report(FILE *js, const char *name, double *t, int n, bool *first)
{
	qsort(t, (size_t)n, sizeof(double), cmp_d);
	double p50 = t[n / 2] * 1e6, p99 = t[(n * 99) / 100] * 1e6, max = t[n - 1] * 1e6;
	printf("%-28s n=%d p50=%.1f us p99=%.1f us max=%.1f us\n", name, n, p50, p99, max);
	if (js)
		fprintf(js, "%s\n  {\"name\":\"%s\",\"n\":%d,\"p50_us\":%.2f,\"p99_us\":%.2f,\"max_us\":%.2f}",
		        *first ? "" : ",", name, n, p50, p99, max);
	*first = false;
}

static int bench_stats(struct cli *c, struct ctx *ctx, FILE *js)
{
	static const char *const places[][2] = {{"000000000000", "root 中华全国总工会"},
	                                        {"32", "province 江苏省"},
	                                        {"320707", "county 赣榆区"},
	                                        {"320707100", "town 青口镇"}};
	int n = 20000;
	double *t = malloc(sizeof(double) * (size_t)n);
	bool first = true;
	for (size_t p = 0; p < 4 && t; p++) {
		struct org_list l;
		if (org_search(ctx, NULL, places[p][0], 0, 1, &l) != GH_OK || l.n != 1)
			continue;
		int64_t id = l.items[0].id;
		int64_t s[STAT__MAX];
		for (int i = 0; i < n; i++) {
			double t0 = now_s();
			if (org_stats(ctx, id, s) != GH_OK)
				break;
			t[i] = now_s() - t0;
			arena_release(ctx->a);
		}
		report(js, places[p][1], t, n, &first);
	}
	free(t);
	return 0;
}

static int bench_search(struct cli *c, struct ctx *ctx, FILE *js)
{
	int n = 2000;
	double *t = malloc(sizeof(double) * (size_t)n);
	bool first = true;
	static const char *const qs[] = {"青口", "街道", "新区"};
	for (size_t q = 0; q < 3 && t; q++) {
		for (int i = 0; i < n; i++) {
			struct org_list l;
			double t0 = now_s();
			if (org_search(ctx, qs[q], NULL, 0, 50, &l) != GH_OK)
				break;
			t[i] = now_s() - t0;
			arena_release(ctx->a);
		}
		char name[64];
		snprintf(name, sizeof(name), "search '%s' (national)", qs[q]);
		report(js, name, t, n, &first);
	}
	free(t);
	return 0;
}

/* W2 in process: find a member by full ID number (masked answer). The ID numbers come from the
 * store itself (opened with the key set; each opening is an audited reveal), up to 200 of them. */
static int bench_lookup(struct cli *c, struct ctx *ctx, FILE *js)
{
	struct member_list l;
	if (member_list(ctx, 0, NULL, "active", 0, 200, &l) != GH_OK || l.n == 0) {
		cli_say(c, "gonghui: 库中没有会员（请用 init --demo 的数据库）",
		        "gonghui: no members in the store (use an init --demo store)");
		return 1;
	}
	int k = (int)l.n;
	char(*ids)[19] = calloc((size_t)k, sizeof(*ids));
	for (int i = 0; ids && i < k; i++) {
		struct member m;
		if (member_get(ctx, l.items[i].id, true, &m) == GH_OK)
			snprintf(ids[i], sizeof(ids[i]), "%s", m.id_number);
	}
	int n = 20000, done = 0;
	double *t = malloc(sizeof(double) * (size_t)n);
	bool first = true;
	for (int i = 0; t && ids && i < n; i++, done++) {
		struct member m;
		double t0 = now_s();
		if (member_lookup(ctx, ids[i % k], false, &m) != GH_OK)
			break;
		t[i] = now_s() - t0;
		arena_release(ctx->a);
	}
	if (t && ids && done > 0)
		report(js, "W2 lookup by ID number", t, done, &first);
	free(t);
	free(ids);
	return 0;
}

/* W1 (first cut): a synthetic roster of n members — valid ID numbers spread over real counties,
 * born 1961–2002 (16 or older on the join date) — imported as CSV into a new union of a copy of the store (its own store id, so
 * the original's audit head is untouched). Prints rows/s and the peak resident memory. */
static int bench_import(struct cli *c, struct ctx *ctx, FILE *js)
{
	const char *ns = cli_opt(c, "members");
	int64_t n = ns ? strtoll(ns, NULL, 10) : 100000;
	if (n < 1 || n > 20000000)
		n = 100000;
	char dir[64] = "/tmp/gh-bench-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char db[128], csv[128];
	snprintf(db, sizeof(db), "%s/b.db", dir);
	snprintf(csv, sizeof(csv), "%s/roster.csv", dir);
	int rc = 1;
	struct store *copy = NULL;
	struct gh_fail f = {0};
	double t0 = now_s();
	if (store_backup(ctx->db, db) < 0 || store_open(db, false, &copy, &f) < 0) {
		cli_say(c, "gonghui: 无法复制数据库", "gonghui: cannot copy the store");
		goto out;
	}
	char sid[40];
	snprintf(sid, sizeof(sid), "bench%lld", (long long)getpid());
	if (store_begin(copy) < 0 || store_run(copy, SQ_META_SET, "tt", "store_id", sid) != 0 || store_commit(copy) < 0)
		goto out;
	struct arena a2;
	arena_init(&a2, 0);
	struct ctx bc = {.db = copy, .a = &a2, .who = &actor_cli, .ip = "bench", .zh = c->zh};
	/* the union: a new enterprise union under 青口镇 */
	struct org_list town;
	if (org_search(&bc, NULL, "320707100", 0, 1, &town) != GH_OK || town.n != 1) {
		cli_say(c, "gonghui: 找不到青口镇总工会", "gonghui: 青口镇总工会 is missing");
		arena_release(&a2);
		goto out;
	}
	struct employer_input emp = {
	        .name = "连云港基准测试有限公司", .credit_code = "91320707MA1XBENCH0", .headcount = n};
	char code17[18] = "91320707", code[19];
	for (uint64_t s = (uint64_t)getpid();;) {
		char body[9];
		for (int i = 0; i < 8; i++) {
			s = s * 6364136223846793005ULL + 1442695040888963407ULL;
			body[i] = (char)('0' + (s >> 60) % 10);
		}
		body[8] = 0;
		char oc = uscc_org_check_char(body);
		if (!oc)
			continue;
		snprintf(code17 + 8, sizeof(code17) - 8, "%.8s%c", body, oc);
		char cc = uscc_check_char(code17);
		if (!cc)
			continue;
		snprintf(code, sizeof(code), "%s%c", code17, cc);
		break;
	}
	emp.credit_code = code;
	struct org_input in = {.set = ORG_SET_HEADCOUNT,
	                       .parent_id = town.items[0].id,
	                       .name = "连云港基准测试有限公司工会委员会",
	                       .kind = KIND_ENTERPRISE,
	                       .headcount = n,
	                       .employers = &emp,
	                       .n_employers = 1};
	struct org u;
	struct warning w[ORG_MAX_WARNINGS];
	int nw;
	if (org_create(&bc, &in, &u, w, &nw) != GH_OK) {
		cli_fail(c, &bc.fail);
		arena_release(&a2);
		goto out;
	}
	/* the roster: real county codes, dates and sequences that never repeat */
	static const char *const counties[] = {"320704", "320722", "320723", "320724", "320703", "320705", "320706",
	                                       "110105", "310115", "440305", "510107", "420106", "330106", "370202"};
	int nc = (int)(sizeof(counties) / sizeof(counties[0]));
	FILE *fp = fopen(csv, "w");
	if (!fp) {
		arena_release(&a2);
		goto out;
	}
	fprintf(fp, "姓名,身份证号,性别,民族,手机号,入会日期\n");
	int64_t base = cal_days_from_civil(1961, 1, 1);
	for (int64_t i = 0; i < n; i++) {
		int64_t k = i / nc;
		int y, m, d;
		cal_civil_from_days(base + k % 15000, &y, &m, &d);
		int seq = (int)(k / 15000 % 999) + 1;
		char idn[19];
		demo_id_number(counties[i % nc], y, m, d, seq, idn);
		fprintf(fp, "职工%lld,%s,%s,汉族,1%d%09lld,2020-05-01\n", (long long)i, idn, seq % 2 ? "男" : "女",
		        3 + (int)(i % 7), (long long)(i % 1000000000));
	}
	if (fclose(fp) != 0) {
		arena_release(&a2);
		goto out;
	}
	double t1 = now_s();
	printf("generated %lld rows in %.1f s\n", (long long)n, t1 - t0);
	struct roster_options opt = {.joined_on = "2020-05-01"};
	struct roster_report rep;
	memset(&rep, 0, sizeof(rep));
	enum gh_err e = roster_import(&bc, u.id, csv, &opt, &rep);
	double t2 = now_s();
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	if (e) {
		cli_fail(c, &bc.fail);
	} else {
		double rate = (double)rep.accepted / (t2 - t1);
		printf("import %lld rows: %lld accepted, %lld rejected in %.2f s = %.0f rows/s; peak RSS %.0f MB\n",
		       (long long)rep.rows, (long long)rep.accepted, (long long)rep.rejected, t2 - t1, rate,
		       (double)ru.ru_maxrss / 1024.0);
		if (js)
			fprintf(js,
			        "\n  {\"name\":\"import csv\",\"members\":%lld,\"accepted\":%lld,\"seconds\":%.3f,"
			        "\"rows_per_s\":%.0f,\"peak_rss_mb\":%.0f}",
			        (long long)n, (long long)rep.accepted, t2 - t1, rate, (double)ru.ru_maxrss / 1024.0);
		for (int64_t i = 0; i < rep.n_errors && i < 3; i++)
			printf("  rejected row %lld (%s): %s\n", (long long)rep.errors[i].row, rep.errors[i].code,
			       rep.errors[i].en);
		rc = rep.accepted == n ? 0 : 1;
	}
	roster_report_release(&rep);
	arena_release(&a2);
out:
	if (copy)
		store_close(copy);
	char head[4300];
	snprintf(head, sizeof(head), "%s/audit-%s.head", keys_current.dir, sid);
	unlink(head);
	snprintf(head, sizeof(head), "%s/audit-%s.head.lock", keys_current.dir, sid);
	unlink(head);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		rc = 1;
	return rc;
}

int cmd_bench(struct cli *c)
{
	const char *w = c->nargs ? c->args[0] : "";
	const char *jpath = cli_opt(c, "json");
	FILE *js = jpath ? fopen(jpath, "w") : NULL;
	if (js)
		fprintf(js, "{\"workload\":\"%s\",\"results\":[", w);
	int rc = 2;
	if (!strcmp(w, "tree")) {
		char data[4096];
		if (tree_find_data(cli_opt(c, "division-data"), c->argv0, data, sizeof(data)) < 0) {
			cli_say(c, "gonghui: 找不到区划数据", "gonghui: the division data is missing");
			rc = 1;
			goto out;
		}
		int runs = 5;
		const char *r = cli_opt(c, "runs");
		if (r)
			runs = (int)strtol(r, NULL, 10);
		if (runs < 1 || runs > 100)
			runs = 5;
		double *t = calloc((size_t)runs, sizeof(double));
		bool first = true;
		for (int i = 0; i < runs && t; i++) {
			char dir[64] = "/tmp/gh-bench-XXXXXX";
			if (!mkdtemp(dir))
				break;
			char db[128], keys[128];
			snprintf(db, sizeof(db), "%s/b.db", dir);
			snprintf(keys, sizeof(keys), "%s/keys", dir);
			struct gh_fail f = {0};
			struct store *s;
			struct arena a;
			arena_init(&a, 0);
			if (keys_create(keys, &f) < 0 || keys_load(keys, &keys_current, &f) < 0 ||
			    store_open(db, true, &s, &f) < 0 || store_migrate(s, &f) < 0)
				break;
			struct ctx ctx = {.db = s, .a = &a, .who = &actor_cli, .ip = "bench", .zh = c->zh};
			struct tree_counts n;
			double t0 = now_s();
			enum gh_err e = tree_load(&ctx, data, &n);
			t[i] = now_s() - t0;
			store_close(s);
			arena_release(&a);
			char cmd[128];
			snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
			if (system(cmd) != 0 || e)
				break;
			printf("run %d: %.2f s (%" PRId64 " federations, %" PRId64 " places)\n", i + 1, t[i],
			       n.federations, n.places);
		}
		qsort(t, (size_t)runs, sizeof(double), cmp_d);
		printf("tree load: median %.2f s, min %.2f s, max %.2f s over %d runs\n", t[runs / 2], t[0],
		       t[runs - 1], runs);
		if (js)
			fprintf(js,
			        "%s\n  {\"name\":\"tree "
			        "load\",\"runs\":%d,\"median_s\":%.3f,\"min_s\":%.3f,\"max_s\":%.3f}",
			        first ? "" : ",", runs, t[runs / 2], t[0], t[runs - 1]);
		free(t);
		rc = 0;
	} else if (!strcmp(w, "stats") || !strcmp(w, "search") || !strcmp(w, "lookup") || !strcmp(w, "import")) {
		struct ctx ctx;
		struct arena a;
		rc = cli_open(c, &ctx, &a);
		if (rc)
			goto out;
		rc = !strcmp(w, "stats")    ? bench_stats(c, &ctx, js)
		     : !strcmp(w, "lookup") ? bench_lookup(c, &ctx, js)
		     : !strcmp(w, "import") ? bench_import(c, &ctx, js)
		                            : bench_search(c, &ctx, js);
		cli_close(&ctx);
	} else if (bench_suite_has(w)) {
		bool first = true;
		rc = bench_suite(c, w, js, &first);
	} else if (!strcmp(w, "stations")) { /* cmd_bench_stations.c */
		struct ctx ctx;
		struct arena a;
		if (!(rc = cli_open(c, &ctx, &a))) {
			rc = bench_stations(c, &ctx, js);
			cli_close(&ctx);
		}
	} else {
		cli_say(c, "用法: gonghui bench tree|stats|search|lookup|import|gen|baseline [--json 文件]",
		        "usage: gonghui bench tree|stats|search|lookup|import|gen|baseline [--json FILE]");
	}
out:
	if (js) {
		fprintf(js, "\n]}\n");
		fclose(js);
	}
	return rc;
}
