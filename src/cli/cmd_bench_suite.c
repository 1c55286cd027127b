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
 *             results file against N (members), log-log, latencies (p99) above and rates below,
 *             so that a reader sees at a glance what grows and what stays flat
 */
#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cli/bench.h"
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
	const char *method;
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
	        {"counters (org_stat)", by_counters},
	        {"COUNT over the path range", by_path},
	        {"recursive CTE COUNT (baseline)", by_cte},
	};
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
				        probes[p].method, members, want);
				free(t);
				return 1;
			}
			want = members;
			char name[200];
			snprintf(name, sizeof(name), "W3 %s: %s", kinds[k], probes[p].method);
			printf("[%s] ", o.name);
			bench_latency(js, first, name, t, n);
			p50[p] = t[n / 2];
		}
		printf("  %s: %" PRId64 " members; recursive CTE / counters = %.0f x, path COUNT / counters = %.0f x\n",
		       o.name, want, p50[2] / p50[0], p50[1] / p50[0]);
		if (js)
			fprintf(js,
			        ",\n  {\"name\":\"W3 ratio %s\",\"members\":%" PRId64
			        ",\"cte_over_counters\":%.1f,\"path_count_over_counters\":%.1f}",
			        kinds[k], want, p50[2] / p50[0], p50[1] / p50[0]);
	}
	free(t);
	return 0;
}

/* ---- chart ---- */

#define CHART_MAX_SERIES 24
#define CHART_MAX_POINTS 16

struct series {
	char name[160];
	int n;
	double x[CHART_MAX_POINTS], y[CHART_MAX_POINTS];
};

struct panel {
	const char *title, *unit, *key; /* key: the JSON field plotted */
	struct series s[CHART_MAX_SERIES];
	int n;
};

static void panel_add(struct panel *p, const char *name, double x, double y)
{
	if (!(x > 0 && y > 0))
		return;
	int i = 0;
	while (i < p->n && strcmp(p->s[i].name, name))
		i++;
	if (i == p->n) {
		if (p->n == CHART_MAX_SERIES)
			return;
		p->n++;
		snprintf(p->s[i].name, sizeof(p->s[i].name), "%s", name);
		p->s[i].n = 0;
	}
	struct series *s = &p->s[i];
	if (s->n < CHART_MAX_POINTS) {
		s->x[s->n] = x;
		s->y[s->n++] = y;
	}
}

/* The XML text of s (names hold no markup, but an & or < must not break the file). */
static void xml_text(FILE *f, const char *s)
{
	for (; *s; s++)
		if (*s == '&')
			fputs("&amp;", f);
		else if (*s == '<')
			fputs("&lt;", f);
		else
			fputc(*s, f);
}

static void draw_panel(FILE *f, const struct panel *p, double top)
{
	const double left = 80, width = 560, height = 300;
	double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
	for (int i = 0; i < p->n; i++)
		for (int j = 0; j < p->s[i].n; j++) {
			x0 = fmin(x0, log10(p->s[i].x[j]));
			x1 = fmax(x1, log10(p->s[i].x[j]));
			y0 = fmin(y0, log10(p->s[i].y[j]));
			y1 = fmax(y1, log10(p->s[i].y[j]));
		}
	fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"15\" font-weight=\"bold\">", left, top - 12);
	xml_text(f, p->title);
	fprintf(f, "</text>\n");
	if (p->n == 0) {
		fprintf(f, "<text x=\"%.0f\" y=\"%.0f\">(no figures)</text>\n", left, top + 20);
		return;
	}
	x0 = floor(x0), x1 = fmax(ceil(x1), x0 + 1), y0 = floor(y0), y1 = fmax(ceil(y1), y0 + 1);
	fprintf(f, "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" stroke=\"#999\"/>\n", left,
	        top, width, height);
	for (double d = x0; d <= x1; d++) {
		double x = left + (d - x0) / (x1 - x0) * width;
		fprintf(f,
		        "<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"#eee\"/>"
		        "<text x=\"%.1f\" y=\"%.0f\" font-size=\"11\" text-anchor=\"middle\">1e%.0f</text>\n",
		        x, top, x, top + height, x, top + height + 16, d);
	}
	for (double d = y0; d <= y1; d++) {
		double y = top + height - (d - y0) / (y1 - y0) * height;
		fprintf(f,
		        "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#eee\"/>"
		        "<text x=\"%.0f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">1e%.0f</text>\n",
		        left, y, left + width, y, left - 6, y + 4, d);
	}
	fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"12\" text-anchor=\"middle\">members (N)</text>\n",
	        left + width / 2, top + height + 34);
	fprintf(f,
	        "<text x=\"18\" y=\"%.0f\" font-size=\"12\" text-anchor=\"middle\" "
	        "transform=\"rotate(-90 18 %.0f)\">%s</text>\n",
	        top + height / 2, top + height / 2, p->unit);
	static const char *const colours[] = {"#c0392b", "#2471a3", "#229954", "#d68910", "#7d3c98", "#17a589",
	                                      "#5d6d7e", "#a04000", "#1f618d", "#b7950b", "#6c3483", "#148f77"};
	for (int i = 0; i < p->n; i++) {
		const struct series *s = &p->s[i];
		const char *col = colours[i % 12];
		fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"", col);
		for (int j = 0; j < s->n; j++)
			fprintf(f, "%.1f,%.1f ", left + (log10(s->x[j]) - x0) / (x1 - x0) * width,
			        top + height - (log10(s->y[j]) - y0) / (y1 - y0) * height);
		fprintf(f, "\"/>\n");
		for (int j = 0; j < s->n; j++)
			fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n",
			        left + (log10(s->x[j]) - x0) / (x1 - x0) * width,
			        top + height - (log10(s->y[j]) - y0) / (y1 - y0) * height, col);
		fprintf(f, "<rect x=\"%.0f\" y=\"%.0f\" width=\"10\" height=\"10\" fill=\"%s\"/>", left + width + 16,
		        top + i * 18, col);
		fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\">", left + width + 32, top + i * 18 + 9);
		xml_text(f, s->name);
		fprintf(f, "</text>\n");
	}
}

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
	static struct panel lat = {.title = "Latency p99 against N (µs, log-log)", .unit = "p99 µs", .key = "p99_us"};
	static struct panel rate = {
	        .title = "Rates against N (rows/s, log-log)", .unit = "rows/s", .key = "rows_per_s"};
	lat.n = rate.n = 0;
	size_t i, j, k;
	json_t *run, *w, *item;
	json_array_foreach(json_object_get(root, "runs"), i, run)
	{
		double n = (double)json_integer_value(json_object_get(run, "members"));
		json_array_foreach(json_object_get(run, "workloads"), j, w)
		{
			json_array_foreach(json_object_get(w, "results"), k, item)
			{
				const char *name = json_string_value(json_object_get(item, "name"));
				if (!name)
					continue;
				json_t *v = json_object_get(item, lat.key);
				if (json_is_number(v))
					panel_add(&lat, name, n, json_number_value(v));
				v = json_object_get(item, rate.key);
				if (json_is_number(v))
					panel_add(&rate, name, n, json_number_value(v));
			}
		}
	}
	FILE *f = fopen(out, "w");
	if (!f) {
		json_decref(root);
		fprintf(stderr, "gonghui: cannot write %s\n", out);
		return 1;
	}
	double h = 60 + 300 + 90 + 300 + 60 + 18.0 * fmax(0, fmax(lat.n, rate.n) - 16);
	fprintf(f,
	        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1100\" height=\"%.0f\" "
	        "font-family=\"sans-serif\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n",
	        h);
	const char *machine = json_string_value(json_object_get(root, "machine"));
	const char *date = json_string_value(json_object_get(root, "date"));
	fprintf(f, "<text x=\"80\" y=\"24\" font-size=\"13\" fill=\"#555\">gonghui bench/run-all — ");
	xml_text(f, date ? date : "");
	fprintf(f, " — ");
	xml_text(f, machine ? machine : "");
	fprintf(f, "</text>\n");
	draw_panel(f, &lat, 60);
	draw_panel(f, &rate, 60 + 300 + 90);
	fprintf(f, "</svg>\n");
	int rc = fclose(f) == 0 ? 0 : 1;
	json_decref(root);
	printf("chart: %d latency series, %d rate series -> %s\n", lat.n, rate.n, out);
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
