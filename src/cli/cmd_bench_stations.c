/*
 * `gonghui bench stations [--count N] [--queries Q] [--json FILE]`: the nearest-station search
 * at national scale. In a temporary copy of the store (its own store id, so the original's
 * audit head is untouched) it creates N synthetic stations across China — four in five around
 * 60 cities, where outdoor workers are, the rest anywhere in the country's bounding box — in one
 * transaction through the domain, then times Q nearest queries (k = 10) from points near the
 * cities, from anywhere, and with open_now, printing p50/p99 and the rings read. Called from the
 * bench dispatch in cmd_bench.c; figures go to bench/README.md, never to the tests.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "auth/keys.h"
#include "cli/cli.h"
#include "domain/org.h"
#include "domain/station.h"

/* Provincial capitals and other large cities (approximate centres, degrees). */
static const double cities[][2] = {
        {39.90, 116.40}, {31.23, 121.47}, {23.13, 113.26}, {22.54, 114.06}, {30.57, 104.07}, {29.56, 106.55},
        {30.59, 114.31}, {34.34, 108.94}, {32.06, 118.80}, {30.27, 120.16}, {36.07, 120.38}, {38.04, 114.51},
        {39.13, 117.20}, {41.80, 123.43}, {43.82, 125.32}, {45.80, 126.53}, {36.65, 117.12}, {34.75, 113.62},
        {28.23, 112.94}, {28.68, 115.86}, {26.07, 119.30}, {25.04, 102.71}, {26.65, 106.63}, {22.82, 108.37},
        {20.04, 110.20}, {36.06, 103.83}, {36.62, 101.78}, {38.49, 106.23}, {43.83, 87.62},  {29.65, 91.13},
        {40.84, 111.75}, {37.87, 112.55}, {31.82, 117.23}, {34.60, 119.22}, {34.84, 119.12}, {31.30, 120.59},
        {31.49, 120.31}, {32.39, 119.41}, {33.96, 118.28}, {34.26, 117.18}, {24.48, 118.09}, {22.27, 113.58},
        {23.02, 113.75}, {22.52, 113.39}, {29.87, 121.55}, {28.00, 120.67}, {27.99, 113.15}, {35.41, 116.59},
        {37.46, 121.45}, {38.91, 121.61}, {40.99, 117.96}, {39.63, 118.18}, {30.66, 104.02}, {25.28, 110.29},
        {24.80, 113.60}, {27.82, 113.13}, {32.99, 112.53}, {34.62, 112.45}, {35.24, 113.23}, {30.93, 113.92},
};
#define N_CITIES ((int)(sizeof(cities) / sizeof(cities[0])))

static const char *const bench_hours[] = {"24h", "daily 06:00-22:00", "mon-fri 08:00-20:00; sat,sun 09:00-17:00",
                                          "daily 07:00-11:00,14:00-21:00", "daily 18:00-02:00"};

static uint64_t rng = 0x853c49e6748fea9bULL;

static double uniform(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (double)(rng >> 11) / 9007199254740992.0;
}

/* A point: near a city (a normal spread of about 0.3°) or anywhere in 18–53°N, 73–135°E. */
static void point(bool city, int32_t *lat, int32_t *lng)
{
	double la, ln;
	if (city) {
		const double *cc = cities[(int)(uniform() * N_CITIES) % N_CITIES];
		double r = sqrt(-2 * log(uniform() + 1e-12)), t = 2 * M_PI * uniform();
		la = cc[0] + 0.3 * r * cos(t);
		ln = cc[1] + 0.3 * r * sin(t);
	} else {
		la = 18 + 35 * uniform();
		ln = 73 + 62 * uniform();
	}
	*lat = (int32_t)lround(la * 1e6);
	*lng = (int32_t)lround(ln * 1e6);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of this thread: on a shared, loaded machine the wall clock measures the neighbours too. */
static double cpu_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Times q queries of one kind and prints (and writes to js) p50, p99, max and the mean answer size. */
static int run_queries(struct ctx *bc, const char *name, int q, bool city, bool open_now, FILE *js, bool *first)
{
	double *t = malloc(sizeof(double) * (size_t)q), *u = malloc(sizeof(double) * (size_t)q);
	if (!t || !u) {
		free(t);
		free(u);
		return -1;
	}
	int64_t found = 0;
	for (int i = 0; i < q; i++) {
		int32_t lat, lng;
		point(city, &lat, &lng);
		struct station_list l;
		double t0 = now_s(), u0 = cpu_s();
		enum gh_err e = station_nearest(bc, lat, lng, 10, open_now, 0, &l);
		t[i] = now_s() - t0;
		u[i] = cpu_s() - u0;
		arena_release(bc->a);
		if (e) {
			free(t);
			free(u);
			return -1;
		}
		found += l.n;
	}
	qsort(t, (size_t)q, sizeof(double), cmp_d);
	qsort(u, (size_t)q, sizeof(double), cmp_d);
	double p50 = t[q / 2] * 1e6, p99 = t[(q * 99) / 100] * 1e6, max = t[q - 1] * 1e6;
	double c50 = u[q / 2] * 1e6, c99 = u[(q * 99) / 100] * 1e6;
	printf("%-30s n=%d wall p50=%.1f us p99=%.1f us max=%.1f us; cpu p50=%.1f us p99=%.1f us (%.1f per answer)\n",
	       name, q, p50, p99, max, c50, c99, (double)found / q);
	if (js)
		fprintf(js,
		        "%s\n  {\"name\":\"%s\",\"n\":%d,\"p50_us\":%.2f,\"p99_us\":%.2f,\"max_us\":%.2f,"
		        "\"cpu_p50_us\":%.2f,\"cpu_p99_us\":%.2f}",
		        *first ? "" : ",", name, q, p50, p99, max, c50, c99);
	*first = false;
	free(t);
	free(u);
	return 0;
}

static int load_stations(struct cli *c, struct ctx *bc, int64_t n, int64_t org)
{
	struct station_input *in = calloc((size_t)n, sizeof(*in));
	char(*names)[48] = calloc((size_t)n, sizeof(*names));
	if (!in || !names) {
		free(in);
		free(names);
		return 1;
	}
	for (int64_t i = 0; i < n; i++) {
		int32_t lat, lng;
		point(uniform() < 0.8, &lat, &lng);
		snprintf(names[i], sizeof(names[i]), "基准站点%lld", (long long)i);
		in[i] = (struct station_input){
		        .set = STATION_SET_ORG | STATION_SET_NAME | STATION_SET_ADDRESS | STATION_SET_LAT |
		               STATION_SET_LNG | STATION_SET_AMENITIES | STATION_SET_HOURS,
		        .org_id = org,
		        .name = names[i],
		        .address = "基准测试地址",
		        .lat_e6 = lat,
		        .lng_e6 = lng,
		        .amenities = (unsigned)(uniform() * 1023),
		        .hours = bench_hours[i % 5],
		};
	}
	double t0 = now_s();
	int64_t bad;
	enum gh_err e = station_create_many(bc, in, n, &bad);
	double t1 = now_s();
	arena_release(bc->a);
	free(in);
	free(names);
	if (e) {
		cli_fail(c, &bc->fail);
		return 1;
	}
	printf("created %lld stations in %.2f s (one transaction, audited)\n", (long long)n, t1 - t0);
	return 0;
}

int bench_stations(struct cli *c, struct ctx *ctx, FILE *js)
{
	const char *ns = cli_opt(c, "count"), *qs = cli_opt(c, "queries");
	int64_t n = ns ? strtoll(ns, NULL, 10) : 50000;
	int q = qs ? (int)strtol(qs, NULL, 10) : 20000;
	if (n < 1 || n > 5000000 || q < 100 || q > 10000000) {
		cli_say(c, "gonghui: --count 应为 1 到 5000000，--queries 为 100 到 10000000",
		        "gonghui: --count must be 1 to 5000000 and --queries 100 to 10000000");
		return 2;
	}
	char dir[64] = "/tmp/gh-bench-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char db[128], sid[40];
	snprintf(db, sizeof(db), "%s/b.db", dir);
	snprintf(sid, sizeof(sid), "benchst%lld", (long long)getpid());
	int rc = 1;
	struct store *copy = NULL;
	struct gh_fail f = {0};
	struct arena a2;
	arena_init(&a2, 0);
	if (store_backup(ctx->db, db) < 0 || store_open(db, false, &copy, &f) < 0) {
		cli_say(c, "gonghui: 无法复制数据库", "gonghui: cannot copy the store");
		goto out;
	}
	if (store_begin(copy) < 0 || store_run(copy, SQ_META_SET, "tt", "store_id", sid) != 0 || store_commit(copy) < 0)
		goto out;
	struct ctx bc = {.db = copy, .a = &a2, .who = &actor_cli, .ip = "bench", .zh = c->zh};
	struct org_list root;
	if (org_search(&bc, NULL, "000000000000", 0, 1, &root) != GH_OK || root.n != 1) {
		cli_say(c, "gonghui: 找不到全国总工会", "gonghui: the national federation is missing");
		goto out;
	}
	int64_t root_id = root.items[0].id;
	arena_release(&a2);
	if ((rc = load_stations(c, &bc, n, root_id)))
		goto out;
	bool first = true;
	if (run_queries(&bc, "nearest 10, near cities", q, true, false, js, &first) < 0 ||
	    run_queries(&bc, "nearest 10, anywhere", q, false, false, js, &first) < 0 ||
	    run_queries(&bc, "nearest 10 open now, cities", q, true, true, js, &first) < 0) {
		cli_fail(c, &bc.fail);
		rc = 1;
		goto out;
	}
	/* the console's list: the first page of the whole country, by name, with its count */
	double *lt = malloc(sizeof(double) * 200), *lu = malloc(sizeof(double) * 200);
	for (int i = 0; lt && lu && i < 200; i++) {
		struct station_list page;
		double t0 = now_s(), u0 = cpu_s();
		if (station_list(&bc, 0, NULL, -1, 0, 20, &page) != GH_OK)
			break;
		lt[i] = now_s() - t0;
		lu[i] = cpu_s() - u0;
		arena_release(bc.a);
	}
	if (lt && lu) {
		qsort(lt, 200, sizeof(double), cmp_d);
		qsort(lu, 200, sizeof(double), cmp_d);
		printf("%-30s n=200 wall p50=%.1f us p99=%.1f us; cpu p50=%.1f us p99=%.1f us\n",
		       "list page 1, national, by name", lt[100] * 1e6, lt[198] * 1e6, lu[100] * 1e6, lu[198] * 1e6);
	}
	free(lt);
	free(lu);
	/* how far the tenth station lies from 赣榆 */
	struct station_list l;
	if (station_nearest(&bc, 34840000, 119120000, 10, false, 0, &l) == GH_OK && l.n)
		printf("赣榆: the 10th nearest of %lld stations lies %lld m away\n", (long long)n,
		       (long long)l.items[l.n - 1].distance_m);
	rc = 0;
out:
	arena_release(&a2);
	if (copy)
		store_close(copy);
	char path[4300];
	snprintf(path, sizeof(path), "%s/audit-%s.head", keys_current.dir, sid);
	unlink(path);
	snprintf(path, sizeof(path), "%s/audit-%s.head.lock", keys_current.dir, sid);
	unlink(path);
	snprintf(path, sizeof(path), "%s/b.db", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/b.db-wal", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/b.db-shm", dir);
	unlink(path);
	rmdir(dir);
	return rc;
}
