/*
 * Provinces and the national registries of province.h.
 */
#include "domain/province.h"

#include <inttypes.h>
#include <string.h>

#include "auth/pii.h"
#include "auth/scope.h"
#include "base/time.h"
#include "domain/org.h"

int province_of(const char *division)
{
	/* the province codes of the division data, and 71 (Taiwan), 81 (Hong Kong), 82 (Macao) */
	static const char codes[] = "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 "
	                            "54 61 62 63 64 65 71 81 82";
	if (!division || division[0] < '1' || division[0] > '9' || division[1] < '0' || division[1] > '9')
		return 0;
	for (const char *p = codes; *p; p += p[2] ? 3 : 2)
		if (p[0] == division[0] && p[1] == division[1])
			return (division[0] - '0') * 10 + (division[1] - '0');
	return 0;
}

int province_of_scope(struct ctx *c)
{
	struct org o;
	if (!c->who || c->who->org_id <= 0 || org_load(c, c->who->org_id, &o) != GH_OK)
		return -1;
	int p = province_of(o.division);
	return p > 0 ? p : -1;
}

/* Runs a claim statement that answers how many rows it claimed: that count, or -1. */
static int claimed(struct stmt *st)
{
	if (!st)
		return -1;
	int r = store_step(st);
	int64_t n = r == STORE_ROW ? store_col_i64(st, 0) : -1;
	store_reset(st);
	return n < 0 ? -1 : (int)n;
}

int province_claim_id(struct ctx *c, const unsigned char *idx, int64_t person_id)
{
	return claimed(store_query(c->db, SQ_ID_CLAIM, "bii", (const void *)idx, (size_t)PII_INDEX_BYTES, person_id,
	                           clock_now()));
}

int province_claim_membership(struct ctx *c, int64_t person_id, int64_t membership_id)
{
	return claimed(store_query(c->db, SQ_MEMBERSHIP_CLAIM, "ii", person_id, membership_id));
}

int province_release_membership(struct ctx *c, int64_t person_id, int64_t membership_id)
{
	return store_run(c->db, SQ_MEMBERSHIP_RELEASE, "ii", person_id, membership_id) == 0 ? 0 : -1;
}

int province_move_person(struct ctx *c, int64_t person_id, const unsigned char *idx, int from, int to)
{
	return store_run(c->db, SQ_PERSON_SET_PROVINCE, "iiib", person_id, (int64_t)from, (int64_t)to,
	                 (const void *)idx, (size_t)PII_INDEX_BYTES) == 0
	               ? 0
	               : -1;
}

int province_follow_org(struct ctx *c, int64_t org_id, const char *path, const char *division)
{
	int64_t p = province_of(division);
	const char *hi = scope_hi(c->a, path);
	if (!hi || store_run(c->db, SQ_MEMBERSHIP_SET_ORG_PROVINCE, "iitt", org_id, p, path, hi) != 0 ||
	    store_run(c->db, SQ_CASE_SET_ORG_PROVINCE, "iitt", org_id, p, path, hi) != 0 ||
	    store_run(c->db, SQ_PERSON_FOLLOW_ORG, "iitt", org_id, p, path, hi) != 0)
		return -1;
	return 0;
}

/* Runs a statement answering one row of counts, reports each count that is not zero as
 * "<what[i]> <why>: N" and answers their sum, or -1. */
static int64_t count_row(struct store *db, enum sq id, const char *const *what, int n, const char *why, FILE *out)
{
	struct stmt *st = store_query(db, id, "");
	if (!st)
		return -1;
	int64_t sum = -1;
	if (store_step(st) == STORE_ROW) {
		sum = 0;
		for (int i = 0; i < n; i++) {
			int64_t k = store_col_i64(st, i);
			if (k && out)
				fprintf(out, "%s %s: %" PRId64 "\n", what[i], why, k);
			sum += k;
		}
	}
	store_reset(st);
	return sum;
}

int64_t province_verify(struct store *db, FILE *out)
{
	static const char *const rows[] = {"memberships", "cases", "persons"};
	static const char *const claims[] = {"ID numbers", "current memberships"};
	static const char *const refs[] = {"rows"};
	int64_t a =
	        count_row(db, SQ_PROVINCE_MISMATCHES, rows, 3, "in another province than their organisation's", out);
	/* PostgreSQL's registries (on SQLite the unique indexes are the registry: nothing to count) */
	int64_t b =
	        a < 0 ? -1
	              : count_row(db, SQ_REGISTRY_MISMATCHES, claims, 2, "not matched by their registry claim", out);
	/* the references PostgreSQL's partitioned tables cannot hold as foreign keys (decision 0010) */
	int64_t d = b < 0 ? -1
	                  : count_row(db, SQ_DANGLING_REFS, refs, 1,
	                              "pointing at a person, membership or case that does not exist", out);
	return d < 0 ? -1 : a + b + d;
}
