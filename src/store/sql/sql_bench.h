/*
 * The SQL statements of the benchmark suite (issue 5): what `gonghui bench gen` reads to spread
 * a synthetic country over the real division tree, and the baselines BENCHMARKS.md measures our
 * figures against (the conventional subtree COUNT by recursive CTE). Included by store/sql.h.
 */
#ifndef GH_STORE_SQL_BENCH_H
#define GH_STORE_SQL_BENCH_H

#define SQ_LIST_BENCH(X)                                                                                           \
	/* villages and communities (12-digit places): code */                                                     \
	X(SQ_GEN_PLACES, "SELECT code FROM place WHERE level = 5 ORDER BY code")                                   \
	/* town federations: id, division code */                                                                  \
	X(SQ_GEN_TOWNS, "SELECT id, division_code FROM org WHERE kind = 'town'")                                   \
	/* the organisation of a kind holding the most of a metric: id */                                          \
	X(SQ_BASE_LARGEST, "SELECT o.id FROM org o JOIN org_stat s ON s.org_id = o.id AND s.metric = ?2 "          \
	                   "WHERE o.kind = ?1 ORDER BY s.value DESC, o.id LIMIT 1")                                \
	/* W3 baseline: members in good standing of a subtree, counted the conventional way */                     \
	X(SQ_BASE_CTE_MEMBERS,                                                                                     \
	  "WITH RECURSIVE sub(id) AS (SELECT id FROM org WHERE id = ?1 UNION ALL SELECT o.id FROM org o JOIN sub " \
	  "ON o.parent_id = sub.id) SELECT count(*) FROM membership m WHERE m.org_id IN (SELECT id FROM sub) AND " \
	  "m.status = 'active'")                                                                                   \
	/* W3 in the same run: the same figure through the materialised path, still counting */                    \
	X(SQ_BASE_PATH_MEMBERS,                                                                                    \
	  "SELECT count(*) FROM membership m WHERE " SQL_IN_SCOPE("m.path", "?1", "?2") " AND "                    \
	                                                                                "m.status = 'active'")

#define SQ_PATH_MOVERS_BENCH

#endif
