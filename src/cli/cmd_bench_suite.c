/*
 * The benchmark suite's workloads (issue 5, BENCHMARKS.md):
 *   gen       `gonghui bench gen --db FILE --members N [--per-union K] [--seed S]`: the synthetic
 *             country (domain/gen.h) added to a store made by `gonghui init`, written without
 *             waiting for the disk at each commit (a fixture: made again after a crash)
 *   baseline  `gonghui bench baseline --db FILE`: W3 beside its baselines in the same run — the
 *             subtree figure read from our counters, counted over the materialised path, and
 *             counted the conventional way with a recursive CTE — at the root and at the
 *             largest province, county and town of the store
 *   ceiling   `gonghui bench ceiling [--port N] [--threads N]`: the HTTP library answering a fixed
 *             JSON body with no work behind it, built per request with jansson like every answer:
 *             the ceiling every HTTP figure is quoted against (BENCHMARKS.md); stops on SIGTERM
 *   chart     `gonghui bench chart --out FILE.svg RESULTS.json`: the figures of a `bench/run-all`
 *             results file against N (members), log-log, in four panels (bench_chart.c), so that
 *             a reader sees at a glance what grows and what stays flat
 */
#include <inttypes.h>
#include <jansson.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cli/bench.h"
#include "cli/bench_chart.h"
#include "domain/gen.h"
#include "domain/org.h"
#include "domain/stats.h"
#include "http/http.h"

bool bench_suite_has(const char *w)
{
	return !strcmp(w, "gen") || !strcmp(w, "baseline") || !strcmp(w, "chart") || !strcmp(w, "ceiling");
}

static void gen_progress(void *arg, int64_t unions, int64_t members)
{
	double *t0 = arg;
	double dt = bench_now() - *t0;
	fprintf(stderr, "\r%" PRId64 " unions, %" PRId64 " members, %.0f members/s   ", unions, members,
	        dt > 0 ? (double)members / dt : 0.0);
}

static int bench_gen(struct cli *c, struct ctx *ctx, FILE *js, bool *first)
{
	const char *ns = cli_opt(c, "members"), *pu = cli_opt(c, "per-union"), *sd = cli_opt(c, "seed");
	int64_t n = ns ? strtoll(ns, NULL, 10) : 100000;
	if (n < 1 || n > 400000000) {
		cli_say(c, "gonghui: --members 应在 1 到 4 亿之间", "gonghui: --members must be 1 to 400 million");
		return 2;
	}
	/* a fixture: made again after a crash, so its commits need not wait for the disk */
	if (store_relax_durability(ctx->db) < 0)
		return 1;
	double t0 = bench_now();
	struct gen_options o = {.members = n,
	                        .per_union = pu ? strtoll(pu, NULL, 10) : 100,
	                        .seed = sd ? strtoull(sd, NULL, 10) : 0,
	                        .progress = gen_progress,
	                        .arg = &t0};
	struct gen_result r;
	enum gh_err e = gen_country(ctx, &o, &r);
	double dt = bench_now() - t0;
	fprintf(stderr, "\n");
	if (e)
		return cli_fail(c, &ctx->fail);
	printf("gen: %" PRId64 " unions, %" PRId64 " members in %.1f s = %.0f members/s; peak RSS %.0f MB\n", r.unions,
	       r.members, dt, (double)r.members / dt, bench_peak_rss_mb());
	if (js)
		fprintf(js,
		        "%s\n  {\"name\":\"gen\",\"members\":%" PRId64 ",\"unions\":%" PRId64
		        ",\"seconds\":%.2f,\"rows_per_s\":%.0f,\"peak_rss_mb\":%.0f}",
		        *first ? "" : ",", r.members, r.unions, dt, (double)r.members / dt, bench_peak_rss_mb());
	*first = false;
	return 0;
}

/* Times fn over one organisation until 20,000 samples or `budget` seconds (at least 5 samples). */
struct probe {
	const char *method, *pg_method; /* pg_method: its name on PostgreSQL */
	int (*fn)(struct ctx *ctx, const struct org *o, int64_t *members);
};

static int by_counters(struct ctx *ctx, const struct org *o, int64_t *members)
{
	int64_t s[STAT__MAX];
	if (org_stats(ctx, o->id, s) != GH_OK)
		return -1;
	*members = s[STAT_MEMBERS];
	return 0;
}

static int by_path(struct ctx *ctx, const struct org *o, int64_t *members)
{
	const char *lo, *hi;
	if (org_scope_range(ctx, o->id, &lo, &hi) != GH_OK)
		return -1;
	return store_one_i64(ctx->db, members, SQ_BASE_PATH_MEMBERS, "tt", lo, hi) < 0 ? -1 : 0;
}

static int by_cte(struct ctx *ctx, const struct org *o, int64_t *members)
{
	return store_one_i64(ctx->db, members, SQ_BASE_CTE_MEMBERS, "i", o->id) < 0 ? -1 : 0;
}

static int bench_baseline(struct cli *c, struct ctx *ctx, FILE *js, bool *first)
{
	static const struct probe probes[] = {
	        {"counters (org_stat)", "counters (org_stat, PostgreSQL)", by_counters},
	        {"COUNT over the path range", "COUNT over the path range (PostgreSQL)", by_path},
	        {"recursive CTE COUNT (baseline)", "recursive CTE COUNT (PostgreSQL)", by_cte},
	};
	/* on PostgreSQL the names say so: run-all puts both backends' figures in one file */
	bool pg = !strcmp(store_backend(ctx->db), "postgresql");
	/* the root, then the province, county and town holding the most members */
	static const char *const kinds[] = {"national", "provincial", "county", "town"};
	const char *bs = cli_opt(c, "budget");
	double budget = bs ? strtod(bs, NULL) : 3.0;
	if (!(budget > 0 && budget < 3600))
		budget = 3.0;
	double *t = malloc(sizeof(double) * 20000);
	if (!t)
		return 1;
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		int64_t id = 0;
		if (store_one_i64(ctx->db, &id, SQ_BASE_LARGEST, "ti", kinds[k], (int64_t)STAT_MEMBERS) < 1)
			continue;
		struct org o;
		if (org_get(ctx, id, &o) != GH_OK)
			continue;
		double p50[3] = {0};
		int64_t want = -1;
		for (size_t p = 0; p < sizeof(probes) / sizeof(probes[0]); p++) {
			int n = 0;
			double start = bench_now();
			int64_t members = 0;
			while (n < 20000 && (n < 5 || bench_now() - start < budget)) {
				double t0 = bench_now();
				if (probes[p].fn(ctx, &o, &members) < 0) {
					free(t);
					cli_say(c, "gonghui: 查询失败", "gonghui: a query failed");
					return 1;
				}
				t[n++] = bench_now() - t0;
			}
			/* every method must count the same members, or the comparison means nothing */
			if (want >= 0 && members != want) {
				fprintf(stderr, "gonghui: %s counts %" PRId64 " members, the counters %" PRId64 "\n",
				        pg ? probes[p].pg_method : probes[p].method, members, want);
				free(t);
				return 1;
			}
			want = members;
			char name[200];
			snprintf(name, sizeof(name), "W3 %s: %s", kinds[k],
			         pg ? probes[p].pg_method : probes[p].method);
			printf("[%s] ", o.name);
			bench_latency(js, first, name, t, n);
			p50[p] = t[n / 2];
		}
		printf("  %s: %" PRId64 " members; recursive CTE / counters = %.0f x, path COUNT / counters = %.0f x\n",
		       o.name, want, p50[2] / p50[0], p50[1] / p50[0]);
		if (js)
			fprintf(js,
			        ",\n  {\"name\":\"W3 ratio %s%s\",\"members\":%" PRId64
			        ",\"cte_over_counters\":%.1f,\"path_count_over_counters\":%.1f}",
			        kinds[k], pg ? " (PostgreSQL)" : "", want, p50[2] / p50[0], p50[1] / p50[0]);
	}
	free(t);
	return 0;
}

/* ---- chart (bench_chart.c) ---- */

static int bench_chart(struct cli *c)
{
	const char *out = cli_opt(c, "out");
	if (c->nargs < 2 || !out) {
		cli_say(c, "用法: gonghui bench chart --out 图.svg 结果.json",
		        "usage: gonghui bench chart --out CHART.svg RESULTS.json");
		return 2;
	}
	json_error_t err;
	json_t *root = json_load_file(c->args[1], 0, &err);
	if (!root) {
		fprintf(stderr, "gonghui: %s: %s (line %d)\n", c->args[1], err.text, err.line);
		return 1;
	}
	FILE *f = fopen(out, "w");
	if (!f) {
		json_decref(root);
		fprintf(stderr, "gonghui: cannot write %s\n", out);
		return 1;
	}
	int n = bench_chart_svg(f, root);
	int rc = fclose(f) == 0 && n >= 0 ? 0 : 1;
	json_decref(root);
	if (rc)
		fprintf(stderr, "gonghui: cannot write %s\n", out);
	else
		printf("chart: %d series -> %s\n", n, out);
	return rc;
}

/* ---- ceiling ---- */

static void ceiling_handler(struct http_req *r)
{
	r->status = 200;
	r->json = json_pack("{s:s, s:s, s:i, s:s}", "status", "ok", "version", "ceiling", "schema", 0, "note",
	                    "a fixed body, no work behind it");
}

static int bench_ceiling(struct cli *c)
{
	const char *ps = cli_opt(c, "port"), *ts = cli_opt(c, "threads");
	int port = ps ? (int)strtol(ps, NULL, 10) : 0, threads = ts ? (int)strtol(ts, NULL, 10) : 4;
	if (port < 0 || port > 65535 || threads < 1 || threads > 256) {
		cli_say(c, "gonghui: --port 应为 0 到 65535，--threads 为 1 到 256",
		        "gonghui: --port must be 0 to 65535 and --threads 1 to 256");
		return 2;
	}
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	struct http_config hc = {.host = "127.0.0.1", .port = port, .threads = threads, .web_dir = NULL};
	int bound;
	if (http_start(&hc, ceiling_handler, &bound) < 0) {
		cli_say(c, "gonghui: 无法监听端口", "gonghui: cannot listen on the port");
		return 1;
	}
	printf("listening on http://%s:%d\n", hc.host, bound);
	fflush(stdout);
	int sig;
	sigwait(&set, &sig);
	http_stop();
	return 0;
}

int bench_suite(struct cli *c, const char *w, FILE *js, bool *first)
{
	if (!strcmp(w, "chart"))
		return bench_chart(c);
	if (!strcmp(w, "ceiling"))
		return bench_ceiling(c);
	struct ctx ctx;
	struct arena a;
	int rc = cli_open(c, &ctx, &a);
	if (rc)
		return rc;
	rc = !strcmp(w, "gen") ? bench_gen(c, &ctx, js, first) : bench_baseline(c, &ctx, js, first);
	cli_close(&ctx);
	return rc;
}
