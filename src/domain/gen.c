/*
 * The synthetic country (gen.h).
 */
#include "domain/gen.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/imap.h"
#include "base/time.h"
#include "check/uscc.h"
#include "domain/demo.h"
#include "domain/employer.h"
#include "domain/member.h"
#include "domain/province.h"
#include "domain/org.h"
#include "domain/tx.h"

static uint64_t rnd(uint64_t *s)
{
	/* splitmix64: every seed, zero included, gives a full-period stream */
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static enum gh_err io_fail(struct ctx *c)
{
	return gh_fail_set(&c->fail, GH_EIO, NULL, "数据库读写失败", "the store failed");
}

/* The places unions may stand in, with cumulative weights for sampling. */
struct places {
	int64_t *code; /* 12-digit division codes as numbers */
	uint64_t *cum; /* cumulative weight up to and including i */
	int64_t n;
};

/* Village codes end 200–599 (村委会), community codes 001–199 (居委会): employers crowd into the
 * towns, so a community weighs three villages. */
static int load_places(struct ctx *c, struct places *p)
{
	int64_t cap = 700000;
	p->code = malloc(sizeof(*p->code) * (size_t)cap);
	p->cum = malloc(sizeof(*p->cum) * (size_t)cap);
	p->n = 0;
	if (!p->code || !p->cum)
		return -1;
	struct stmt *st = store_query(c->db, SQ_GEN_PLACES, "");
	if (!st)
		return -1;
	int r;
	uint64_t total = 0;
	while ((r = store_step(st)) == STORE_ROW && p->n < cap) {
		const char *code = store_col_text(st, 0);
		int64_t v = strtoll(code, NULL, 10);
		total += (v % 1000) < 200 ? 3 : 1;
		p->code[p->n] = v;
		p->cum[p->n++] = total;
	}
	store_reset(st);
	return r == STORE_ERROR ? -1 : 0;
}

static int64_t pick_place(const struct places *p, uint64_t *s)
{
	uint64_t x = rnd(s) % p->cum[p->n - 1];
	int64_t lo = 0, hi = p->n - 1;
	while (lo < hi) {
		int64_t mid = lo + (hi - lo) / 2;
		if (p->cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return p->code[lo];
}

/* Town federations by the first nine digits of their division code. */
static int load_towns(struct ctx *c, struct imap *towns)
{
	struct stmt *st = store_query(c->db, SQ_GEN_TOWNS, "");
	if (!st)
		return -1;
	int r, rc = 0;
	while ((r = store_step(st)) == STORE_ROW && rc == 0) {
		int64_t code9 = strtoll(store_col_text(st, 1), NULL, 10) / 1000;
		int64_t *slot = imap_slot(towns, code9);
		if (!slot)
			rc = -1;
		else
			*slot = store_col_i64(st, 0);
	}
	store_reset(st);
	return (r == STORE_ERROR || rc) ? -1 : 0;
}

/* A credit code (GB 32100) unique by construction: the sequence number is its body. */
static void credit_code(int64_t seq, int64_t place, char out[19])
{
	for (int64_t k = seq * 7;; k++) {
		char body[24];
		snprintf(body, sizeof(body), "%08lld", (long long)(k % 100000000));
		body[8] = 0;
		char oc = uscc_org_check_char(body);
		if (!oc)
			continue;
		char c17[24];
		snprintf(c17, sizeof(c17), "91%06lld%.8s%c", (long long)(place / 1000000 % 1000000), body, oc);
		c17[17] = 0;
		char cc = uscc_check_char(c17);
		if (!cc)
			continue;
		memcpy(out, c17, 17);
		out[17] = cc;
		out[18] = 0;
		return;
	}
}

static const char *const marks[] = {"华兴", "恒通", "鑫源", "东方", "长江", "盛达", "宏远", "金桥", "新程", "瑞丰",
                                    "永安", "天成", "海纳", "联创", "嘉和", "中科", "润华", "安泰", "腾飞", "汇通"};
static const char *const trades[] = {"机械制造", "食品加工", "纺织服装", "物流运输", "电子科技", "建筑工程",
                                     "农业发展", "新材料",   "医药",     "商贸",     "网络科技", "餐饮管理"};

/* Creates union number i in place (a transaction of its own). */
static enum gh_err make_union(struct ctx *c, int64_t i, int64_t place, int64_t town, int64_t size, uint64_t *s,
                              struct org *out)
{
	char code[19], division[13];
	credit_code(i, place, code);
	snprintf(division, sizeof(division), "%012lld", (long long)place);
	const char *name =
	        arena_printf(c->a, "%s%s%lld有限公司", marks[rnd(s) % 20], trades[rnd(s) % 12], (long long)i);
	struct employer_input emp = {
	        .name = name, .credit_code = code, .division = division, .headcount = size + size / 4, .demo = true};
	struct org_input in = {.set = ORG_SET_HEADCOUNT,
	                       .parent_id = town,
	                       .name = arena_printf(c->a, "%s工会委员会", name),
	                       .kind = KIND_ENTERPRISE,
	                       .division = division,
	                       .headcount = emp.headcount,
	                       .employers = &emp,
	                       .n_employers = 1,
	                       .demo = true};
	struct warning w[ORG_MAX_WARNINGS];
	int nw;
	return org_create(c, &in, out, w, &nw);
}

/* Adds size members to union u (one transaction). The ID numbers come from a counter per county,
 * so none repeats within a run: birth date = 1961-01-01 + k mod 17800 days, sequence from
 * k / 17800. A number the store already holds (an earlier run of gen on the same store) is
 * skipped, so a second run adds new people too. */
static enum gh_err add_members(struct ctx *c, const struct org *u, int64_t place, int64_t size, struct imap *county_seq,
                               uint64_t *s)
{
	static int64_t base = 0;
	if (!base)
		base = cal_days_from_civil(1961, 1, 1);
	char county6[16];
	snprintf(county6, sizeof(county6), "%06lld", (long long)(place / 1000000 % 1000000));
	int64_t *next = imap_slot(county_seq, place / 1000000);
	if (!next)
		return gh_fail_set(&c->fail, GH_ENOMEM, NULL, "内存不足", "out of memory");
	if (tx_begin(c) < 0)
		return io_fail(c);
	enum gh_err e = GH_OK;
	for (int64_t j = 0; j < size && !e;) {
		int64_t k = (*next)++;
		if (k / 17800 >= 499) {
			e = gh_fail_set(&c->fail, GH_EINVAL, NULL, "一个区县的合成人数已达上限",
			                "a county has as many synthetic people as its ID numbers allow");
			break;
		}
		bool woman = rnd(s) % 100 < 42;
		int y, m, d;
		cal_civil_from_days(base + k % 17800, &y, &m, &d);
		int seq = (int)(k / 17800) * 2 + (woman ? 2 : 1);
		char idn[19], name[64], phone[16];
		demo_id_number(county6, y, m, d, seq, idn);
		int64_t known;
		int province;
		int found = person_find(c, idn, &known, &province);
		if (found < 0) {
			e = io_fail(c);
			break;
		}
		if (found)
			continue; /* someone an earlier run made */
		j++;
		struct person_input in;
		demo_particulars(s, woman, idn, &in, name, phone);
		/* joined at 17 at the earliest, between 2010 and 2025 */
		int jy = 2010 + (int)(rnd(s) % 16);
		if (jy < y + 17)
			jy = y + 17;
		char joined[16];
		snprintf(joined, sizeof(joined), "%04d-%02d-01", jy % 10000, 1 + (int)(rnd(s) % 12));
		struct person_fields f;
		int64_t pid, mid;
		int at = 0;
		if ((e = person_check(c, &in, joined, "", &f)) ||
		    (e = person_save(c, &f, true, province_of(u->division), &pid, &at)))
			break;
		e = membership_create(c, pid, at, u->id, joined, "import", true, &mid);
	}
	if (e) {
		tx_rollback(c);
		return e;
	}
	return tx_commit(c) < 0 ? io_fail(c) : GH_OK;
}

enum gh_err gen_country(struct ctx *c, const struct gen_options *o, struct gen_result *out)
{
	memset(out, 0, sizeof(*out));
	int64_t per = o->per_union > 0 ? o->per_union : 100;
	int64_t n_unions = o->members / per > 0 ? o->members / per : 1;
	struct places p = {0};
	struct imap towns, county_seq;
	imap_init(&towns);
	imap_init(&county_seq);
	double *w = malloc(sizeof(double) * (size_t)n_unions);
	enum gh_err e = GH_OK;
	if (!w || load_places(c, &p) < 0 || load_towns(c, &towns) < 0) {
		e = io_fail(c);
		goto out;
	}
	if (p.n == 0) {
		e = gh_fail_set(&c->fail, GH_ENOTFOUND, NULL, "数据库中没有村和社区：请用 gonghui init 建库",
		                "the store holds no villages or communities: make it with gonghui init");
		goto out;
	}
	/* union sizes: Pareto (alpha 1.5) weights, at least one member each, summing to the total */
	uint64_t s = o->seed ? o->seed : 20261122;
	double total = 0;
	for (int64_t i = 0; i < n_unions; i++) {
		double u = ((double)(rnd(&s) >> 11) + 1.0) / 9007199254740992.0;
		w[i] = fmin(pow(u, -1.0 / 1.5), 200.0);
		total += w[i];
	}
	int64_t spare = o->members - n_unions, given = 0;
	for (int64_t i = 0; i < n_unions && !e; i++) {
		int64_t size = 1 + (int64_t)((double)spare * w[i] / total);
		if (i == n_unions - 1)
			size = o->members - given; /* the rounding remainder */
		int64_t place = 0, *town = NULL;
		for (int tries = 0; tries < 100 && !town; tries++) {
			place = pick_place(&p, &s);
			town = imap_get(&towns, place / 1000);
		}
		if (!town) {
			e = gh_fail_set(&c->fail, GH_ENOTFOUND, NULL, "找不到乡镇总工会", "no town federation found");
			break;
		}
		struct org u;
		if ((e = make_union(c, i, place, *town, size, &s, &u)) ||
		    (e = add_members(c, &u, place, size, &county_seq, &s)))
			break;
		given += size;
		out->unions++;
		out->members = given;
		if (o->progress && (i % 64 == 63 || i == n_unions - 1))
			o->progress(o->arg, out->unions, out->members);
		arena_release(c->a); /* nothing of this union is needed any more */
	}
out:
	free(w);
	free(p.code);
	free(p.cum);
	imap_release(&towns);
	imap_release(&county_seq);
	return e;
}
