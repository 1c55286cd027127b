/*
 * The subtree counters of stats.h.
 */
#include "domain/stats.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/imap.h"
#include "domain/flow.h"
#include "domain/org.h"
#include "domain/province.h"

/* A map from (org, month, metric) to a value: open addressing, linear probing. */
struct skey {
	int64_t org;
	int32_t month; /* 0: org_stat; yyyymm: org_stat_month */
	int32_t metric;
};

struct smap {
	struct skey *keys;
	int64_t *vals;
	size_t cap, len;
};

static size_t skey_hash(struct skey k)
{
	uint64_t x = (uint64_t)k.org * 0x9e3779b97f4a7c15ULL ^ ((uint64_t)(uint32_t)k.month << 20) ^
	             (uint64_t)(uint32_t)k.metric;
	x ^= x >> 31;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 29;
	return (size_t)x;
}

static bool skey_eq(struct skey a, struct skey b)
{
	return a.org == b.org && a.month == b.month && a.metric == b.metric;
}

static void smap_release(struct smap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

static int smap_grow(struct smap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 256;
	struct skey *keys = calloc(cap, sizeof(*keys));
	int64_t *vals = calloc(cap, sizeof(*vals));
	if (!keys || !vals) {
		free(keys);
		free(vals);
		return -1;
	}
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->keys[i].org)
			continue;
		size_t j = skey_hash(m->keys[i]) & (cap - 1);
		while (keys[j].org)
			j = (j + 1) & (cap - 1);
		keys[j] = m->keys[i];
		vals[j] = m->vals[i];
	}
	free(m->keys);
	free(m->vals);
	m->keys = keys;
	m->vals = vals;
	m->cap = cap;
	return 0;
}

/* The value slot of k (organisation ids are never 0, so org 0 marks an empty slot). */
static int64_t *smap_slot(struct smap *m, struct skey k)
{
	if ((m->len + 1) * 4 > m->cap * 3 && smap_grow(m) < 0)
		return NULL;
	size_t j = skey_hash(k) & (m->cap - 1);
	while (m->keys[j].org) {
		if (skey_eq(m->keys[j], k))
			return &m->vals[j];
		j = (j + 1) & (m->cap - 1);
	}
	m->keys[j] = k;
	m->vals[j] = 0;
	m->len++;
	return &m->vals[j];
}

static int64_t smap_get(const struct smap *m, struct skey k)
{
	if (!m->cap)
		return 0;
	size_t j = skey_hash(k) & (m->cap - 1);
	while (m->keys[j].org) {
		if (skey_eq(m->keys[j], k))
			return m->vals[j];
		j = (j + 1) & (m->cap - 1);
	}
	return 0;
}

struct stats_tx {
	struct smap deltas;
};

static const char *const tokens[STAT__MAX] = {
        [STAT_ORGS] = "orgs",
        [STAT_FEDERATIONS] = "federations",
        [STAT_GRASSROOTS] = "grassroots",
        [STAT_MEMBERS] = "members",
        [STAT_EMPLOYERS] = "employers",
        [STAT_UNIONISED_EMPLOYERS] = "unionised_employers",
        [STAT_EMPLOYEES] = "employees",
        [STAT_RETAINED] = "retained",
        [STAT_WOMEN] = "women",
        [STAT_MIGRANT] = "migrant_workers",
        [STAT_NEW_FORM] = "new_form_workers",
        [STAT_PARTY] = "party_members",
        [STAT_OPEN_CASES] = "open_cases",
};

const char *stat_token(enum metric m)
{
	return (m >= 0 && m < STAT__MAX) ? tokens[m] : "";
}

int stats_month_of(const char *date)
{
	if (!date || strlen(date) < 7)
		return 0;
	int y = 0, m = 0;
	for (int i = 0; i < 4; i++) {
		if (date[i] < '0' || date[i] > '9')
			return 0;
		y = y * 10 + (date[i] - '0');
	}
	if (date[4] != '-' || date[5] < '0' || date[5] > '9' || date[6] < '0' || date[6] > '9')
		return 0;
	m = (date[5] - '0') * 10 + (date[6] - '0');
	return (m >= 1 && m <= 12) ? y * 100 + m : 0;
}

static int add_key(struct ctx *c, const char *path, int month, int metric, int64_t delta)
{
	if (!delta)
		return 0;
	if (!c->stats) {
		c->stats = arena_zalloc(c->a, sizeof(*c->stats));
		if (!c->stats)
			return -1;
	}
	for (const char *p = path; *p;) {
		if (*p == '/') {
			p++;
			continue;
		}
		char *end;
		int64_t id = strtoll(p, &end, 10);
		if (end == p || id <= 0)
			return -1;
		int64_t *v = smap_slot(&c->stats->deltas, (struct skey){id, month, metric});
		if (!v)
			return -1;
		*v += delta;
		p = end;
	}
	return 0;
}

int stats_add(struct ctx *c, const char *path, int m, int64_t delta)
{
	return add_key(c, path, 0, m, delta);
}

int stats_add_month(struct ctx *c, const char *path, int month, enum month_metric m, int64_t delta)
{
	return month > 0 ? add_key(c, path, month, m, delta) : -1;
}

int stats_flush(struct ctx *c)
{
	if (!c->stats)
		return 0;
	struct smap *d = &c->stats->deltas;
	int rc = 0;
	for (size_t i = 0; i < d->cap && rc == 0; i++) {
		if (!d->keys[i].org || d->vals[i] == 0)
			continue;
		struct skey k = d->keys[i];
		int r = k.month ? store_run(c->db, SQ_STAT_MONTH_ADD, "iiii", k.org, (int64_t)k.month,
		                            (int64_t)k.metric, d->vals[i])
		                : store_run(c->db, SQ_STAT_ADD, "iii", k.org, (int64_t)k.metric, d->vals[i]);
		if (r != 0)
			rc = -1;
	}
	stats_discard(c);
	return rc;
}

void stats_discard(struct ctx *c)
{
	if (c->stats) {
		smap_release(&c->stats->deltas);
		c->stats = NULL;
	}
}

int stats_read(struct store *db, int64_t org_id, int64_t out[STAT__MAX])
{
	memset(out, 0, sizeof(int64_t) * STAT__MAX);
	struct stmt *st = store_query(db, SQ_STAT_GET, "i", org_id);
	if (!st)
		return -1;
	int r;
	while ((r = store_step(st)) == STORE_ROW) {
		int64_t m = store_col_i64(st, 0);
		if (m >= 0 && m < STAT__MAX)
			out[m] = store_col_i64(st, 1);
	}
	store_reset(st);
	return r == STORE_ERROR ? -1 : 0;
}

int stats_read_range(struct store *db, int64_t org_id, int first, int n, int64_t *out)
{
	memset(out, 0, sizeof(int64_t) * (size_t)n);
	struct stmt *st = store_query(db, SQ_STAT_GET, "i", org_id);
	if (!st)
		return -1;
	int r;
	while ((r = store_step(st)) == STORE_ROW) {
		int64_t m = store_col_i64(st, 0);
		if (m >= first && m < first + n)
			out[m - first] = store_col_i64(st, 1);
	}
	store_reset(st);
	return r == STORE_ERROR ? -1 : 0;
}

int stats_read_all(struct store *db, int64_t org_id, struct stat_all *out)
{
	memset(out, 0, sizeof(*out));
	struct stmt *st = store_query(db, SQ_STAT_GET, "i", org_id);
	if (!st)
		return -1;
	int r;
	while ((r = store_step(st)) == STORE_ROW) {
		int64_t m = store_col_i64(st, 0), v = store_col_i64(st, 1);
		if (m >= 0 && m < STAT__MAX)
			out->figures[m] = v;
		else if (m >= STAT_BIRTH_BASE && m < STAT_BIRTH_BASE + STAT_BIRTH_YEARS)
			out->births[m - STAT_BIRTH_BASE] = v;
		else if (m >= STAT_CASE_BASE && m < STAT_CASE_BASE + STAT_CASE_SLOTS)
			out->cases[m - STAT_CASE_BASE] = v;
	}
	store_reset(st);
	return r == STORE_ERROR ? -1 : 0;
}

int stats_read_births(struct store *db, int64_t org_id, int64_t births[STAT_BIRTH_YEARS])
{
	memset(births, 0, sizeof(int64_t) * STAT_BIRTH_YEARS);
	struct stmt *st = store_query(db, SQ_STAT_GET, "i", org_id);
	if (!st)
		return -1;
	int r;
	while ((r = store_step(st)) == STORE_ROW) {
		int64_t m = store_col_i64(st, 0) - STAT_BIRTH_BASE;
		if (m >= 0 && m < STAT_BIRTH_YEARS)
			births[m] = store_col_i64(st, 1);
	}
	store_reset(st);
	return r == STORE_ERROR ? -1 : 0;
}

static int month_index(int from, int month)
{
	return (month / 100 - from / 100) * 12 + (month % 100 - from % 100);
}

int stats_read_months(struct store *db, int64_t org_id, int from, int n, int64_t *joins, int64_t *leaves)
{
	memset(joins, 0, sizeof(int64_t) * (size_t)n);
	memset(leaves, 0, sizeof(int64_t) * (size_t)n);
	struct stmt *st = store_query(db, SQ_STAT_MONTH_GET, "ii", org_id, (int64_t)from);
	if (!st)
		return -1;
	int r;
	while ((r = store_step(st)) == STORE_ROW) {
		int i = month_index(from, (int)store_col_i64(st, 0));
		if (i < 0 || i >= n)
			continue;
		int64_t m = store_col_i64(st, 1);
		if (m == MONTH_JOINS)
			joins[i] = store_col_i64(st, 2);
		else if (m == MONTH_LEAVES)
			leaves[i] = store_col_i64(st, 2);
	}
	store_reset(st);
	return r == STORE_ERROR ? -1 : 0;
}

int stats_move_subtree(struct ctx *c, int64_t org_id, const char *old_parent_path, const char *new_parent_path)
{
	struct stmt *st = store_query(c->db, SQ_STAT_GET, "i", org_id);
	if (!st)
		return -1;
	int r, rc = 0;
	while ((r = store_step(st)) == STORE_ROW && rc == 0) {
		int m = (int)store_col_i64(st, 0);
		int64_t v = store_col_i64(st, 1);
		if (add_key(c, old_parent_path, 0, m, -v) < 0 || add_key(c, new_parent_path, 0, m, v) < 0)
			rc = -1;
	}
	store_reset(st);
	if (r == STORE_ERROR || rc)
		return -1;
	st = store_query(c->db, SQ_STAT_MONTH_GET, "ii", org_id, (int64_t)0);
	if (!st)
		return -1;
	while ((r = store_step(st)) == STORE_ROW && rc == 0) {
		int month = (int)store_col_i64(st, 0), m = (int)store_col_i64(st, 1);
		int64_t v = store_col_i64(st, 2);
		if (add_key(c, old_parent_path, month, m, -v) < 0 || add_key(c, new_parent_path, month, m, v) < 0)
			rc = -1;
	}
	store_reset(st);
	return (r == STORE_ERROR || rc) ? -1 : 0;
}

/* Adds v at (org, month, metric) of the direct map. */
static int direct(struct smap *d, int64_t org, int month, int metric, int64_t v)
{
	if (!v)
		return 0;
	int64_t *s = smap_slot(d, (struct skey){org, month, metric});
	if (!s)
		return -1;
	*s += v;
	return 0;
}

/* Runs a grouped query whose rows are (org, [month,] v1, v2, …) and adds them to d: `metrics`
 * names the metric of each value column; with_month says whether column 1 is a month. */
static int gather(struct store *db, struct smap *d, enum sq q, bool with_month, const int *metrics, int n)
{
	struct stmt *st = store_query(db, q, "");
	if (!st)
		return -1;
	int r, rc = 0;
	while ((r = store_step(st)) == STORE_ROW && rc == 0) {
		int64_t org = store_col_i64(st, 0);
		int month = with_month ? (int)store_col_i64(st, 1) : 0;
		int first = with_month ? 2 : 1;
		for (int i = 0; i < n && rc == 0; i++)
			rc = direct(d, org, month, metrics[i], store_col_i64(st, first + i));
	}
	store_reset(st);
	return (r == STORE_ERROR || rc) ? -1 : 0;
}

/* Expected figures of every organisation: direct figures from the base tables, each added to
 * the organisation and every ancestor. */
static int compute(struct store *db, struct smap *want)
{
	struct imap parent;
	imap_init(&parent);
	struct smap d = {0};
	int rc = -1;
	struct stmt *st = store_query(db, SQ_ORG_TREE, "");
	if (!st)
		goto out;
	int r;
	while ((r = store_step(st)) == STORE_ROW) {
		int64_t id = store_col_i64(st, 0);
		int64_t pid = store_col_null(st, 1) ? 0 : store_col_i64(st, 1);
		int kind = org_kind_parse(store_col_text(st, 2));
		int64_t *p = imap_slot(&parent, id);
		if (!p || direct(&d, id, 0, STAT_ORGS, 1) < 0 ||
		    direct(&d, id, 0, org_kind_is_federation(kind) ? STAT_FEDERATIONS : STAT_GRASSROOTS, 1) < 0) {
			store_reset(st);
			goto out;
		}
		*p = pid;
	}
	store_reset(st);
	if (r == STORE_ERROR)
		goto out;
	static const int employer_m[] = {STAT_EMPLOYERS, STAT_UNIONISED_EMPLOYERS, STAT_EMPLOYEES};
	static const int member_m[] = {STAT_MEMBERS, STAT_RETAINED, STAT_WOMEN,
	                               STAT_MIGRANT, STAT_NEW_FORM, STAT_PARTY};
	static const int births_m[] = {0};
	static const int joins_m[] = {MONTH_JOINS};
	static const int leaves_m[] = {MONTH_LEAVES};
	if (gather(db, &d, SQ_EMPLOYER_DIRECT, false, employer_m, 3) < 0 ||
	    gather(db, &d, SQ_MEMBER_DIRECT, false, member_m, 6) < 0 ||
	    gather(db, &d, SQ_MEMBER_DIRECT_JOINS, true, joins_m, 1) < 0 ||
	    gather(db, &d, SQ_MEMBER_DIRECT_LEAVES, true, leaves_m, 1) < 0)
		goto out;
	(void)births_m;
	/* each case type's counters, from the cases as the type computes them */
	st = store_query(db, SQ_CASE_STAT_ALL, "");
	if (!st)
		goto out;
	while ((r = store_step(st)) == STORE_ROW) {
		int metric[2 + FLOW_MAX_FIGURES];
		int64_t val[2 + FLOW_MAX_FIGURES];
		json_t *payload = json_loads(store_col_text(st, 4), 0, NULL);
		int n = flow_stat_contrib(store_col_text(st, 1), store_col_text(st, 2), store_col_i64(st, 3) != 0,
		                          payload, metric, val);
		json_decref(payload);
		for (int i = 0; i < n; i++)
			if (direct(&d, store_col_i64(st, 0), 0, metric[i], val[i]) < 0) {
				store_reset(st);
				goto out;
			}
	}
	store_reset(st);
	if (r == STORE_ERROR)
		goto out;
	/* births: rows (org, year, count) */
	st = store_query(db, SQ_MEMBER_DIRECT_BIRTHS, "");
	if (!st)
		goto out;
	while ((r = store_step(st)) == STORE_ROW) {
		int64_t year = store_col_i64(st, 1);
		if (year < STAT_BIRTH_FIRST || year >= STAT_BIRTH_FIRST + STAT_BIRTH_YEARS)
			continue;
		if (direct(&d, store_col_i64(st, 0), 0, STAT_BIRTH_BASE + (int)(year - STAT_BIRTH_FIRST),
		           store_col_i64(st, 2)) < 0) {
			store_reset(st);
			goto out;
		}
	}
	store_reset(st);
	if (r == STORE_ERROR)
		goto out;
	/* each direct figure goes to its organisation and every ancestor */
	for (size_t i = 0; i < d.cap; i++) {
		if (!d.keys[i].org || !d.vals[i])
			continue;
		struct skey k = d.keys[i];
		for (int64_t org = k.org, hops = 0; org && hops < 64; hops++) {
			int64_t *v = smap_slot(want, (struct skey){org, k.month, k.metric});
			if (!v)
				goto out;
			*v += d.vals[i];
			int64_t *p = imap_get(&parent, org);
			org = p ? *p : 0;
		}
	}
	rc = 0;
out:
	smap_release(&d);
	imap_release(&parent);
	return rc;
}

static int load_have(struct store *db, struct smap *have)
{
	struct stmt *st = store_query(db, SQ_STAT_ALL, "");
	if (!st)
		return -1;
	int r;
	while ((r = store_step(st)) == STORE_ROW) {
		int64_t *v = smap_slot(have, (struct skey){store_col_i64(st, 0), 0, (int32_t)store_col_i64(st, 1)});
		if (!v) {
			store_reset(st);
			return -1;
		}
		*v = store_col_i64(st, 2);
	}
	store_reset(st);
	if (r == STORE_ERROR)
		return -1;
	st = store_query(db, SQ_STAT_MONTH_ALL, "");
	if (!st)
		return -1;
	while ((r = store_step(st)) == STORE_ROW) {
		int64_t *v = smap_slot(have, (struct skey){store_col_i64(st, 0), (int32_t)store_col_i64(st, 1),
		                                           (int32_t)store_col_i64(st, 2)});
		if (!v) {
			store_reset(st);
			return -1;
		}
		*v = store_col_i64(st, 3);
	}
	store_reset(st);
	return r == STORE_ERROR ? -1 : 0;
}

static const char *metric_name(int m, char *buf, size_t cap)
{
	if (m >= 0 && m < STAT__MAX)
		return tokens[m];
	if (m >= STAT_BIRTH_BASE && m < STAT_BIRTH_BASE + STAT_BIRTH_YEARS)
		snprintf(buf, cap, "born_%d", STAT_BIRTH_FIRST + m - STAT_BIRTH_BASE);
	else
		snprintf(buf, cap, "metric_%d", m);
	return buf;
}

int64_t stats_verify_tx(struct store *db, FILE *out)
{
	struct smap want = {0}, have = {0};
	int64_t diffs = -1;
	if (compute(db, &want) < 0 || load_have(db, &have) < 0)
		goto out;
	diffs = 0;
	for (int pass = 0; pass < 2; pass++) {
		struct smap *a = pass ? &have : &want, *b = pass ? &want : &have;
		for (size_t i = 0; i < a->cap; i++) {
			if (!a->keys[i].org)
				continue;
			struct skey k = a->keys[i];
			int64_t av = a->vals[i], bv = smap_get(b, k);
			if (av == bv || (pass && bv != 0))
				continue; /* pass 2 reports only what pass 1 could not see */
			if (pass && av == 0)
				continue;
			int64_t w = pass ? bv : av, h = pass ? av : bv;
			diffs++;
			if (out && diffs <= 100) {
				char buf[32];
				if (k.month)
					fprintf(out,
					        "org %" PRId64 " %d %s: counted %" PRId64 ", recomputed %" PRId64 "\n",
					        k.org, k.month, k.metric == MONTH_JOINS ? "joins" : "leaves", h, w);
				else
					fprintf(out,
					        "org %" PRId64 " %s: counted %" PRId64 ", recomputed %" PRId64 "\n",
					        k.org, metric_name(k.metric, buf, sizeof(buf)), h, w);
			}
		}
	}
	/* the partition key of every row is its organisation's province (province.h) */
	int64_t misplaced = province_verify(db, out);
	diffs = misplaced < 0 ? -1 : diffs + misplaced;
out:
	smap_release(&want);
	smap_release(&have);
	return diffs;
}

int64_t stats_verify(struct store *db, FILE *out)
{
	if (store_begin_read(db) < 0)
		return -1;
	int64_t diffs = stats_verify_tx(db, out);
	store_rollback(db);
	return diffs;
}

int stats_rebuild(struct store *db)
{
	struct smap want = {0};
	int rc = -1;
	if (compute(db, &want) < 0 || store_run(db, SQ_STAT_CLEAR, "") != 0 ||
	    store_run(db, SQ_STAT_MONTH_CLEAR, "") != 0)
		goto out;
	for (size_t i = 0; i < want.cap; i++) {
		if (!want.keys[i].org || !want.vals[i])
			continue;
		struct skey k = want.keys[i];
		int r = k.month ? store_run(db, SQ_STAT_MONTH_ADD, "iiii", k.org, (int64_t)k.month, (int64_t)k.metric,
		                            want.vals[i])
		                : store_run(db, SQ_STAT_SET, "iii", k.org, (int64_t)k.metric, want.vals[i]);
		if (r != 0)
			goto out;
	}
	rc = 0;
out:
	smap_release(&want);
	return rc;
}
