/*
 * `gonghui bench <workload> [--json FILE]`: the benchmarks that belong to the spine, run in
 * process against a store made by `gonghui init` (BENCHMARKS.md; the full suite W1–W7 arrives
 * with issue 5). Timings are printed, never asserted.
 *   tree    load the national tree into a fresh store (--runs N), seconds per load
 *   stats   W3 in process: subtree figures of the root, a province, a county and a town
 *   search  a two-character Chinese name search within the root's and a city's scope
 *   lookup  W2 in process: a member found by full ID number (an init --demo store)
 *   import  W1: a synthetic national roster of --members N rows, imported as CSV files into a copy
 *   roster  W4 in process: roster pages, name search and ID lookup on a county (--org CODE)
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
#include "domain/vocab.h"

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

/* ---- W1 on the national tree: bench import ---- */

/* A place of the tree: an organisation's id and its division code. */
struct place {
	int64_t id;
	char code[16];
};

/* The organisations of a kind (parent 0: anywhere) or the children of a kind of parent. */
static int places_of(struct store *db, int64_t parent, const char *kind, struct place **out, int *n)
{
	*out = NULL;
	*n = 0;
	struct stmt *st = parent ? store_query(db, SQ_BENCH_CHILDREN, "it", parent, kind)
	                         : store_query(db, SQ_BENCH_ORGS_OF_KIND, "t", kind);
	if (!st)
		return -1;
	int cap = 0, r;
	while ((r = store_step(st)) == STORE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			struct place *p = realloc(*out, (size_t)cap * sizeof(*p));
			if (!p) {
				store_reset(st);
				return -1;
			}
			*out = p;
		}
		(*out)[*n].id = store_col_i64(st, 0);
		snprintf((*out)[*n].code, sizeof((*out)[*n].code), "%s", store_col_text(st, 1));
		(*n)++;
	}
	store_reset(st);
	return r == STORE_ERROR ? -1 : 0;
}

static uint64_t rng_next(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	uint64_t x = *s;
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	return x ^ (x >> 33);
}

/* A valid unified social credit code registered in division county6 (random body). */
static void credit_code(uint64_t *s, const char *county6, char out[19])
{
	for (;;) {
		char body[9], code17[18];
		for (int i = 0; i < 8; i++)
			body[i] = (char)('0' + rng_next(s) % 10);
		body[8] = 0;
		char oc = uscc_org_check_char(body);
		if (!oc)
			continue;
		snprintf(code17, sizeof(code17), "91%.6s%.8s%c", county6, body, oc);
		char cc = uscc_check_char(code17);
		if (!cc)
			continue;
		snprintf(out, 19, "%s%c", code17, cc);
		return;
	}
}

/*
 * The synthetic national roster, row i of N (BENCHMARKS.md, "The data"): an ID number registered
 * in one of the real counties (areas), born 1961–2002, with the mix of the demo people — 42%
 * women, 14% party members and 16% Youth League members, 35% agricultural households, 10% in new
 * forms of employment — and a phone. Unique without any bookkeeping: row i has area i mod A and
 * the (birth day, sequence pair) number i div A, the sequence's parity giving the sex; the pairs
 * count down from 997/998, where `bench gen` counts up, so an import into its store adds people.
 */
static void roster_row(FILE *fp, int64_t i, const struct place *areas, int nareas, uint64_t seed)
{
	static const char *const surnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
	                                       "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"};
	static const char *const given[] = {"伟", "强", "磊",   "军",   "洋",   "勇",   "杰",   "涛",
	                                    "明", "超", "建国", "志强", "芳",   "娜",   "敏",   "静",
	                                    "丽", "艳", "娟",   "霞",   "秀英", "桂英", "玉兰", "婷"};
	static const char *const edu[] = {"junior", "secondary", "college", "bachelor", "master"};
	static const char *const forms[] = {"courier", "food_delivery", "ride_hailing", "truck_driver"};
	uint64_t s = seed ^ ((uint64_t)i * 0x9e3779b97f4a7c15ULL);
	int64_t k = i / nareas;
	bool woman = rng_next(&s) % 100 < 42;
	int y, m, d;
	cal_civil_from_days(cal_days_from_civil(1961, 1, 1) + k % 15000, &y, &m, &d);
	/* sequence numbers from the top down (997/998 first): `bench gen` counts up from 001/002, so
	 * the rows imported into a store it filled are new people (W1 (b)) */
	int seq = (498 - (int)(k / 15000 % 499)) * 2 + (woman ? 2 : 1);
	char idn[19];
	demo_id_number(areas[i % nareas].code, y, m, d, seq, idn);
	int roll = (int)(rng_next(&s) % 100);
	const char *political = roll < 14 ? "cpc_member" : roll < 30 ? "cyl_member" : "masses";
	bool agri = rng_next(&s) % 100 < 35, nf = rng_next(&s) % 100 < 10;
	fprintf(fp, "%s%s,%s,%s,%s,1%d%09d,%s,%s,%s,%s,%s,%s\n", surnames[rng_next(&s) % 20],
	        given[(woman ? 12 : 0) + rng_next(&s) % 12], idn, woman ? "女" : "男", roll < 96 ? "汉族" : "回族",
	        3 + (int)(rng_next(&s) % 7), (int)(rng_next(&s) % 1000000000),
	        vocab_label(VOCAB_POLITICAL, political, true),
	        vocab_label(VOCAB_EDUCATION, edu[rng_next(&s) % 5], true),
	        vocab_label(VOCAB_HOUSEHOLD, agri ? "agricultural" : "non_agricultural", true),
	        vocab_label(VOCAB_EMPLOYMENT, nf ? "new_form" : "full_time", true),
	        nf ? vocab_label(VOCAB_NEW_FORM, forms[rng_next(&s) % 4], true) : "", "2020-05-01");
}

static double cpu_s(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
	       (double)ru.ru_stime.tv_usec / 1e6;
}

static double maxrss_mb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_maxrss / 1024.0;
}

/* Creates one enterprise union (with its employer) under parent in county6; *id receives it. */
static int make_union(struct ctx *bc, uint64_t *s, int64_t parent, const char *county6, int64_t n, int64_t *id)
{
	char name[96], uname[128], code[19];
	for (int attempt = 0; attempt < 8; attempt++) {
		credit_code(s, county6, code);
		snprintf(name, sizeof(name), "基准测试%s有限公司", code + 10);
		snprintf(uname, sizeof(uname), "%s工会委员会", name);
		struct employer_input emp = {.name = name, .credit_code = code, .headcount = n};
		struct org_input in = {.set = ORG_SET_HEADCOUNT,
		                       .parent_id = parent,
		                       .name = uname,
		                       .kind = KIND_ENTERPRISE,
		                       .headcount = n,
		                       .employers = &emp,
		                       .n_employers = 1};
		struct org u;
		struct warning w[ORG_MAX_WARNINGS];
		int nw;
		if (org_create(bc, &in, &u, w, &nw) == GH_OK) {
			*id = u.id;
			return 0;
		}
	}
	return -1;
}

/*
 * W1 on the national tree: a copy of the store (its own store id, so the original's audit head is
 * untouched; under --dir, default /tmp) gets a synthetic national roster of --members N rows:
 * enterprise unions of --union-size rows (default 5000) spread over the real counties of the tree
 * (or all under the towns of one county with --county CODE), one CSV file and one import each,
 * every check, seal, duplicate test and counter included. Prints rows/s (wall and CPU), the peak
 * resident memory, and the time per row as the store fills (every tenth of the run). --keep DIR
 * makes the copy under DIR and leaves it there (for bench roster and stats verify). A PostgreSQL
 * store cannot be copied in process: there --in-place imports into the store itself, which must
 * be a throwaway database (made with CREATE DATABASE … TEMPLATE, or by gonghui migrate).
 */
static int bench_import(struct cli *c, struct ctx *ctx, FILE *js)
{
	const char *ns = cli_opt(c, "members"), *us = cli_opt(c, "union-size"), *county = cli_opt(c, "county");
	const char *keep = cli_opt(c, "keep"), *where = keep ? keep : cli_opt(c, "dir");
	int64_t n = ns ? strtoll(ns, NULL, 10) : 100000, usize = us ? strtoll(us, NULL, 10) : 5000;
	if (n < 1 || n > 400000000)
		n = 100000;
	if (usize < 1 || usize > ROSTER_ROWS_MAX)
		usize = 5000;
	char dir[256];
	snprintf(dir, sizeof(dir), "%s/gh-bench-XXXXXX", where ? where : "/tmp");
	if (!mkdtemp(dir))
		return 1;
	char db[320], csv[320];
	snprintf(db, sizeof(db), "%s/b.db", dir);
	snprintf(csv, sizeof(csv), "%s/roster.csv", dir);
	int rc = 1;
	char sid[40] = "";
	struct store *copy = NULL;
	bool in_place = !strcmp(store_backend(ctx->db), "postgresql");
	struct gh_fail f = {0};
	struct place *counties = NULL, *towns = NULL;
	int ncounties = 0, ntowns = 0;
	int64_t *unions = NULL;
	struct arena a2;
	arena_init(&a2, 0);
	if (in_place && !cli_flag(c, "in-place")) {
		cli_say(c, "gonghui: PostgreSQL 库无法在进程内复制：请对一个临时数据库加 --in-place，直接导入该库",
		        "gonghui: a PostgreSQL store cannot be copied in process: give a throwaway database and "
		        "--in-place to import into it");
		goto out;
	}
	if (in_place) {
		copy = ctx->db; /* the audit head stays the store's own: the rows are really added to it */
	} else if (store_backup(ctx->db, db) < 0 || store_open(db, false, &copy, &f) < 0) {
		cli_say(c, "gonghui: 无法复制数据库", "gonghui: cannot copy the store");
		goto out;
	} else {
		snprintf(sid, sizeof(sid), "bench%lld", (long long)getpid());
		if (store_begin(copy) < 0 || store_run(copy, SQ_META_SET, "tt", "store_id", sid) != 0 ||
		    store_commit(copy) < 0)
			goto out;
	}
	struct ctx bc = {.db = copy, .a = &a2, .who = &actor_cli, .ip = "bench", .zh = c->zh};
	if (places_of(copy, 0, "county", &counties, &ncounties) < 0 || ncounties == 0) {
		cli_say(c, "gonghui: 库中没有县级总工会（请用 init 的数据库）",
		        "gonghui: no county federations in the store (use an init store)");
		goto out;
	}
	/* the unions: round-robin over the counties (a stride through them), under each one's first
	 * town; or all under the towns of one county */
	int64_t nunions = (n + usize - 1) / usize;
	unions = calloc((size_t)nunions, sizeof(*unions));
	if (!unions)
		goto out;
	uint64_t seed = 0x2545f4914f6cdd1dULL;
	const struct place *focus = NULL;
	if (county) {
		for (int i = 0; i < ncounties; i++)
			if (!focus && !strncmp(counties[i].code, county, strlen(county)))
				focus = &counties[i];
		if (!focus || places_of(copy, focus->id, "town", &towns, &ntowns) < 0 || ntowns == 0) {
			cli_say(c, "gonghui: 找不到该县或其乡镇", "gonghui: no such county, or it has no towns");
			goto out;
		}
	}
	double tu = now_s();
	for (int64_t u = 0; u < nunions; u++) {
		int64_t rows = u + 1 < nunions ? usize : n - usize * (nunions - 1);
		const struct place *cty = focus ? focus : &counties[(u * 7919) % ncounties];
		int64_t parent = 0;
		if (focus) {
			parent = towns[u % ntowns].id;
		} else {
			struct place *t = NULL;
			int nt = 0;
			if (places_of(copy, cty->id, "town", &t, &nt) < 0)
				goto out;
			parent = nt ? t[0].id : cty->id;
			free(t);
		}
		if (make_union(&bc, &seed, parent, cty->code, rows, &unions[u]) < 0) {
			cli_fail(c, &bc.fail);
			goto out;
		}
		arena_release(&a2);
	}
	printf("%lld unions of up to %lld members in %s (%.1f s)\n", (long long)nunions, (long long)usize,
	       focus ? focus->code : "counties spread over the country", now_s() - tu);
	/* the imports, one file per union; the time per row every tenth of the run */
	double wall = 0, cpu = 0, iw = 0, ic = 0, gen = 0;
	int64_t done = 0, istart = 0, accepted = 0, step = n / 10 > 0 ? n / 10 : 1, next_mark = step;
	double rss_before = maxrss_mb();
	struct roster_options opt = {.joined_on = "2020-05-01"};
	bool first = true;
	for (int64_t u = 0; u < nunions; u++) {
		int64_t rows = u + 1 < nunions ? usize : n - usize * (nunions - 1);
		double g0 = now_s();
		FILE *fp = fopen(csv, "w");
		if (!fp)
			goto out;
		fprintf(fp, "姓名,身份证号,性别,民族,手机号,政治面貌,学历,户籍类型,用工形式,新就业形态类别,入会日期\n");
		for (int64_t i = 0; i < rows; i++)
			roster_row(fp, done + i, counties, ncounties, seed);
		if (fclose(fp) != 0)
			goto out;
		gen += now_s() - g0;
		struct roster_report rep;
		memset(&rep, 0, sizeof(rep));
		double w0 = now_s(), c0 = cpu_s();
		enum gh_err e = roster_import(&bc, unions[u], csv, &opt, &rep);
		double dw = now_s() - w0, dc = cpu_s() - c0;
		if (e) {
			cli_fail(c, &bc.fail);
			goto out;
		}
		if (rep.accepted != rows) {
			for (int64_t i = 0; i < rep.n_errors && i < 3; i++)
				printf("  rejected row %lld (%s): %s\n", (long long)rep.errors[i].row,
				       rep.errors[i].code, rep.errors[i].en);
			roster_report_release(&rep);
			goto out;
		}
		roster_report_release(&rep);
		arena_release(&a2);
		wall += dw;
		cpu += dc;
		iw += dw;
		ic += dc;
		done += rows;
		accepted += rows;
		if (done >= next_mark || u + 1 == nunions) {
			int64_t k = done - istart;
			printf("  store %9lld -> %9lld members: %6.2f us/row wall, %6.2f us/row CPU (%.0f rows/s)\n",
			       (long long)istart, (long long)done, iw / (double)k * 1e6, ic / (double)k * 1e6,
			       (double)k / iw);
			if (js)
				fprintf(js,
				        "%s\n  {\"name\":\"import "
				        "interval\",\"from\":%lld,\"to\":%lld,\"us_per_row\":%.3f,"
				        "\"cpu_us_per_row\":%.3f}",
				        first ? "" : ",", (long long)istart, (long long)done, iw / (double)k * 1e6,
				        ic / (double)k * 1e6);
			first = false;
			istart = done;
			iw = ic = 0;
			while (next_mark <= done)
				next_mark += step;
		}
	}
	double rss = maxrss_mb();
	printf("import %lld rows in %lld files: %.2f s wall = %.0f rows/s; %.2f s CPU = %.0f rows/s per core; "
	       "peak RSS %.0f MB (%.0f MB before the imports); generating the files took %.1f s\n",
	       (long long)accepted, (long long)nunions, wall, (double)accepted / wall, cpu, (double)accepted / cpu, rss,
	       rss_before, gen);
	if (js)
		fprintf(js,
		        "%s\n  {\"name\":\"import "
		        "csv\",\"members\":%lld,\"files\":%lld,\"seconds\":%.3f,\"rows_per_s\":%.0f,"
		        "\"cpu_seconds\":%.3f,\"rows_per_cpu_s\":%.0f,\"peak_rss_mb\":%.0f,\"rss_before_mb\":%.0f}",
		        first ? "" : ",", (long long)accepted, (long long)nunions, wall, (double)accepted / wall, cpu,
		        (double)accepted / cpu, rss, rss_before);
	rc = 0;
out:
	arena_release(&a2);
	free(counties);
	free(towns);
	free(unions);
	if (copy && !in_place)
		store_close(copy);
	char head[4300];
	snprintf(head, sizeof(head), "%s/audit-%s.head", keys_current.dir, sid);
	if (keep) {
		unlink(csv);
		printf("store kept: %s (audit head %s)\n", db, head);
		return rc;
	}
	if (sid[0]) {
		unlink(head);
		snprintf(head, sizeof(head), "%s/audit-%s.head.lock", keys_current.dir, sid);
		unlink(head);
	}
	char cmd[400];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		rc = 1;
	return rc;
}

/* ---- W4 in process: bench roster ---- */

/* Times `runs` calls of member_list on org (offset, q) and reports them as name. */
static int time_list(struct ctx *ctx, FILE *js, bool *first, const char *name, int64_t org, const char *q,
                     int64_t offset, int runs)
{
	double *t = malloc(sizeof(double) * (size_t)runs);
	if (!t)
		return -1;
	int64_t total = 0, got = 0;
	for (int i = 0; i < runs; i++) {
		struct member_list l;
		double t0 = now_s();
		if (member_list(ctx, org, q, "current", offset, 50, &l) != GH_OK) {
			free(t);
			return -1;
		}
		t[i] = now_s() - t0;
		total = l.total;
		got = l.n;
		arena_release(ctx->a);
	}
	printf("  (%lld rows on the page, total %lld)\n", (long long)got, (long long)total);
	report(js, name, t, runs, first);
	free(t);
	return 0;
}

/*
 * W4 in process on a store with a large county (bench import --county CODE --keep): the roster
 * page as the console asks for it (member_list: 50 by name, offset paging, the total capped at
 * 10,000), its first page, pages deep into it by offset, a name search in the county and in
 * its city, and a member found by full ID number (member_lookup, masked). --org is the county's
 * division code (default 320707); --part pages or lookup runs only the pages or the lookups.
 */
static int bench_roster(struct cli *c, struct ctx *ctx, FILE *js)
{
	const char *code = cli_opt(c, "org") ? cli_opt(c, "org") : "320707";
	const char *rs = cli_opt(c, "runs");
	int runs = rs ? (int)strtol(rs, NULL, 10) : 200;
	if (runs < 5 || runs > 100000)
		runs = 200;
	struct org_list l, city;
	if (org_search(ctx, NULL, code, 0, 1, &l) != GH_OK || l.n != 1) {
		cli_say(c, "gonghui: 找不到该组织", "gonghui: no such organisation");
		return 1;
	}
	int64_t county = l.items[0].id, city_id = l.items[0].parent_id;
	char city_code[8];
	snprintf(city_code, sizeof(city_code), "%.4s", code);
	if (org_search(ctx, NULL, city_code, 0, 1, &city) == GH_OK && city.n == 1)
		city_id = city.items[0].id;
	int64_t s[STAT__MAX];
	if (org_stats(ctx, county, s) == GH_OK)
		printf("%s: %lld members\n", code, (long long)s[STAT_MEMBERS]);
	bool first = true;
	int deep = runs / 10 > 5 ? runs / 10 : 5;
	const char *part = cli_opt(c, "part") ? cli_opt(c, "part") : "all";
	if (strcmp(part, "lookup") &&
	    (time_list(ctx, js, &first, "W4 first page (50 by name)", county, NULL, 0, runs) < 0 ||
	     time_list(ctx, js, &first, "W4 page at offset 1000", county, NULL, 1000, runs) < 0 ||
	     time_list(ctx, js, &first, "W4 page at offset 100000", county, NULL, 100000, deep) < 0 ||
	     time_list(ctx, js, &first, "W4 page at offset 500000", county, NULL, 500000, deep) < 0 ||
	     time_list(ctx, js, &first, "W4 name search '王伟' county", county, "王伟", 0, runs) < 0 ||
	     time_list(ctx, js, &first, "W4 name search '秀英' county", county, "秀英", 0, runs) < 0 ||
	     time_list(ctx, js, &first, "W4 name search '王伟' city", city_id, "王伟", 0, runs) < 0)) {
		cli_fail(c, &ctx->fail);
		return 1;
	}
	if (!strcmp(part, "pages"))
		return 0;
	/* W2 on this store: the ID numbers of the county's first 100 members by name (opened with the
	 * key set; each opening is an audited reveal) */
	int k = 100;
	char(*ids)[19] = calloc((size_t)k, sizeof(*ids));
	int have = 0;
	struct member_list p;
	if (ids && member_list(ctx, county, NULL, "current", 0, k, &p) == GH_OK) {
		for (int64_t i = 0; i < p.n; i++) {
			struct member m;
			if (member_get(ctx, p.items[i].id, true, &m) == GH_OK)
				snprintf(ids[have++], sizeof(ids[0]), "%s", m.id_number);
		}
	}
	arena_release(ctx->a);
	int n = runs * 10, done = 0;
	double *t = malloc(sizeof(double) * (size_t)n);
	for (int i = 0; t && have && i < n; i++, done++) {
		struct member m;
		double t0 = now_s();
		if (member_lookup(ctx, ids[i % have], false, &m) != GH_OK)
			break;
		t[i] = now_s() - t0;
		arena_release(ctx->a);
	}
	if (t && done > 0)
		report(js, "W2 lookup by ID number", t, done, &first);
	free(t);
	free(ids);
	return 0;
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
	} else if (!strcmp(w, "stats") || !strcmp(w, "search") || !strcmp(w, "lookup") || !strcmp(w, "import") ||
	           !strcmp(w, "roster")) {
		struct ctx ctx;
		struct arena a;
		rc = cli_open(c, &ctx, &a);
		if (rc)
			goto out;
		rc = !strcmp(w, "stats")    ? bench_stats(c, &ctx, js)
		     : !strcmp(w, "lookup") ? bench_lookup(c, &ctx, js)
		     : !strcmp(w, "import") ? bench_import(c, &ctx, js)
		     : !strcmp(w, "roster") ? bench_roster(c, &ctx, js)
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
