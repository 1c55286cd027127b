/*
 * The subtree counters of stats.h.
 */
#include "domain/stats.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/imap.h"
#include "domain/org.h"

struct stats_tx {
	struct imap deltas; /* key: org_id * 64 + metric */
};

static const char *const tokens[STAT__MAX] = {
        [STAT_ORGS] = "orgs",
        [STAT_FEDERATIONS] = "federations",
        [STAT_GRASSROOTS] = "grassroots",
        [STAT_MEMBERS] = "members",
        [STAT_EMPLOYERS] = "employers",
        [STAT_UNIONISED_EMPLOYERS] = "unionised_employers",
        [STAT_EMPLOYEES] = "employees",
};

const char *stat_token(enum metric m)
{
	return (m >= 0 && m < STAT__MAX) ? tokens[m] : "";
}

int stats_add(struct ctx *c, const char *path, enum metric m, int64_t delta)
{
	if (!delta)
		return 0;
	if (!c->stats) {
		c->stats = arena_zalloc(c->a, sizeof(*c->stats));
		if (!c->stats)
			return -1;
		imap_init(&c->stats->deltas);
	}
	for (const char *p = path; *p;) {
		if (*p == '/') {
			p++;
			continue;
		}
		char *end;
		int64_t id = strtoll(p, &end, 10);
		if (end == p)
			return -1;
		int64_t *v = imap_slot(&c->stats->deltas, id * 64 + m);
		if (!v)
			return -1;
		*v += delta;
		p = end;
	}
	return 0;
}

int stats_flush(struct ctx *c)
{
	if (!c->stats)
		return 0;
	struct imap *d = &c->stats->deltas;
	int rc = 0;
	for (size_t i = 0; i < d->cap && rc == 0; i++) {
		if (!imap_used(d, i) || d->vals[i] == 0)
			continue;
		int64_t k = d->keys[i];
		if (store_run(c->db, SQ_STAT_ADD, "iii", k / 64, k % 64, d->vals[i]) != 0)
			rc = -1;
	}
	stats_discard(c);
	return rc;
}

void stats_discard(struct ctx *c)
{
	if (c->stats) {
		imap_release(&c->stats->deltas);
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

/* Expected figures of every organisation, from the base tables: direct counts per
 * organisation rolled up from the deepest level to the root. */
static int compute(struct store *db, struct imap *want)
{
	struct imap parent;
	imap_init(&parent);
	int64_t *order = NULL;
	size_t n = 0, cap = 0;
	int rc = -1;
	struct stmt *st = store_query(db, SQ_ORG_TREE, "");
	if (!st)
		goto out;
	int r;
	while ((r = store_step(st)) == STORE_ROW) {
		int64_t id = store_col_i64(st, 0);
		int64_t pid = store_col_null(st, 1) ? 0 : store_col_i64(st, 1);
		int kind = org_kind_parse(store_col_text(st, 2));
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			int64_t *o = realloc(order, cap * sizeof(*order));
			if (!o) {
				store_reset(st);
				goto out;
			}
			order = o;
		}
		order[n++] = id;
		int64_t *p = imap_slot(&parent, id);
		int64_t *a = imap_slot(want, id * 64 + STAT_ORGS);
		int64_t *b =
		        imap_slot(want, id * 64 + (org_kind_is_federation(kind) ? STAT_FEDERATIONS : STAT_GRASSROOTS));
		if (!p || !a || !b) {
			store_reset(st);
			goto out;
		}
		*p = pid;
		*a += 1;
		*b += 1;
	}
	store_reset(st);
	if (r == STORE_ERROR)
		goto out;
	st = store_query(db, SQ_EMPLOYER_DIRECT, "");
	if (!st)
		goto out;
	while ((r = store_step(st)) == STORE_ROW) {
		int64_t id = store_col_i64(st, 0);
		int64_t *a = imap_slot(want, id * 64 + STAT_EMPLOYERS);
		int64_t *b = imap_slot(want, id * 64 + STAT_UNIONISED_EMPLOYERS);
		int64_t *e = imap_slot(want, id * 64 + STAT_EMPLOYEES);
		if (!a || !b || !e) {
			store_reset(st);
			goto out;
		}
		*a += store_col_i64(st, 1);
		*b += store_col_i64(st, 2);
		*e += store_col_i64(st, 3);
	}
	store_reset(st);
	if (r == STORE_ERROR)
		goto out;
	/* order is deepest first: add each organisation's totals to its parent. */
	for (size_t i = 0; i < n; i++) {
		int64_t id = order[i];
		int64_t pid = *imap_get(&parent, id);
		if (!pid)
			continue;
		for (int m = 0; m < STAT__MAX; m++) {
			int64_t *v = imap_get(want, id * 64 + m);
			if (!v || !*v)
				continue;
			int64_t val = *v;
			int64_t *pv = imap_slot(want, pid * 64 + m);
			if (!pv)
				goto out;
			*pv += val;
		}
	}
	rc = 0;
out:
	free(order);
	imap_release(&parent);
	return rc;
}

int64_t stats_verify(struct store *db, FILE *out)
{
	struct imap want, have;
	imap_init(&want);
	imap_init(&have);
	int64_t diffs = -1;
	if (store_begin_read(db) < 0)
		goto out;
	if (compute(db, &want) < 0)
		goto out_tx;
	struct stmt *st = store_query(db, SQ_STAT_ALL, "");
	if (!st)
		goto out_tx;
	int r;
	while ((r = store_step(st)) == STORE_ROW) {
		int64_t *v = imap_slot(&have, store_col_i64(st, 0) * 64 + store_col_i64(st, 1));
		if (!v) {
			store_reset(st);
			goto out_tx;
		}
		*v = store_col_i64(st, 2);
	}
	store_reset(st);
	if (r == STORE_ERROR)
		goto out_tx;
	diffs = 0;
	for (int pass = 0; pass < 2; pass++) {
		struct imap *a = pass ? &have : &want, *b = pass ? &want : &have;
		for (size_t i = 0; i < a->cap; i++) {
			if (!imap_used(a, i))
				continue;
			int64_t k = a->keys[i];
			int64_t *o = imap_get(b, k);
			int64_t av = a->vals[i], bv = o ? *o : 0;
			if (av == bv || (pass && o))
				continue; /* pass 2 only reports keys that pass 1 did not see */
			int64_t w = pass ? bv : av, h = pass ? av : bv;
			diffs++;
			if (out && diffs <= 100)
				fprintf(out, "org %" PRId64 " %s: counted %" PRId64 ", recomputed %" PRId64 "\n",
				        k / 64, stat_token((enum metric)(k % 64)), h, w);
		}
	}
out_tx:
	store_rollback(db);
out:
	imap_release(&want);
	imap_release(&have);
	return diffs;
}

int stats_rebuild(struct store *db)
{
	struct imap want;
	imap_init(&want);
	int rc = -1;
	if (compute(db, &want) < 0 || store_run(db, SQ_STAT_CLEAR, "") != 0)
		goto out;
	for (size_t i = 0; i < want.cap; i++) {
		if (!imap_used(&want, i) || !want.vals[i])
			continue;
		if (store_run(db, SQ_STAT_SET, "iii", want.keys[i] / 64, want.keys[i] % 64, want.vals[i]) != 0)
			goto out;
	}
	rc = 0;
out:
	imap_release(&want);
	return rc;
}
