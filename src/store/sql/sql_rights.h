/*
 * The SQL statements of hotline, wage arrears, mediation (the case types of 维权) and the hotline time-limit tiers; included by store/sql.h into SQ_LIST. Same rules as sql.h:
 * statements by name, ?N parameters, the columns answered listed beside each.
 */
#ifndef GH_STORE_SQL_RIGHTS_H
#define GH_STORE_SQL_RIGHTS_H

/* 12351 hotline (domain/hotline.c, domain/flow_hotline.c):
 * - SQ_HOTLINE_TIER_ALL: the time limits kept, one row per tier: tier, first_days, resolve_days,
 *   updated_at.
 * - SQ_HOTLINE_TIER_SET: ?1 tier, ?2 first_days, ?3 resolve_days, ?4 updated_at, ?5 updated_by.
 * - SQ_HOTLINE_EMPLOYER_BY_NAME: the employer named exactly ?1 whose place starts with the ?3
 *   digits ?2 (the place of the complaint), the oldest first: SQL_EMPLOYER_COLS.
 * - SQ_HOTLINE_FEDERATION_OF: the deepest geographic federation whose place is one of ?1..?6 (the
 *   place and the codes of its levels above, up to the country): id.
 * - SQ_HOTLINE_PLACES: the places just below a place (codes in [?1, ?2], the next level present
 *   below level ?3; Dongguan's towns sit right under the prefecture): code, name, level. */
#define SQ_LIST_RIGHTS(X)                                                                                             \
	X(SQ_HOTLINE_TIER_ALL, "SELECT tier, first_days, resolve_days, updated_at FROM hotline_tier")                 \
	X(SQ_HOTLINE_TIER_SET, "INSERT INTO hotline_tier(tier, first_days, resolve_days, updated_at, updated_by) "    \
	                       "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(tier) DO UPDATE SET "                          \
	                       "first_days = excluded.first_days, resolve_days = excluded.resolve_days, "             \
	                       "updated_at = excluded.updated_at, updated_by = excluded.updated_by")                  \
	X(SQ_HOTLINE_EMPLOYER_BY_NAME, "SELECT " SQL_EMPLOYER_COLS " FROM employer e WHERE e.name = ?1 AND "          \
	                               "substr(e.division_code, 1, ?3) = ?2 ORDER BY e.id LIMIT 1")                   \
	X(SQ_HOTLINE_FEDERATION_OF, "SELECT id FROM org WHERE division_code IN (?1, ?2, ?3, ?4, ?5, ?6) AND kind IN " \
	                            "('national', 'provincial', 'city', 'county', 'town') "                           \
	                            "ORDER BY depth DESC, id LIMIT 1")                                                \
	X(SQ_HOTLINE_PLACES, "SELECT code, name, level FROM place WHERE code >= ?1 AND code <= ?2 AND level = "       \
	                     "(SELECT min(level) FROM place WHERE code >= ?1 AND code <= ?2 AND level > ?3) "         \
	                     "ORDER BY code LIMIT 1000")                                                              \
	/* wage arrears and mediation */                                                                              \
	/* the employer named in a case, its union first: id, name, union_id */                                       \
	X(SQ_ARREARS_EMPLOYER_BY_CREDIT, "SELECT id, name, union_id FROM employer WHERE credit_code = ?1 "            \
	                                 "ORDER BY union_id IS NULL, id LIMIT 1")                                     \
	X(SQ_ARREARS_EMPLOYER_BY_NAME, "SELECT id, name, union_id FROM employer WHERE name = ?1 "                     \
	                               "ORDER BY union_id IS NULL, id LIMIT 1")                                       \
	/* the federation whose place is exactly ?1 (deepest first): id */                                            \
	X(SQ_ARREARS_PLACE_FEDERATION, "SELECT id FROM org WHERE division_code = ?1 AND status = 'active' AND "       \
	                               "kind IN ('national', 'provincial', 'city', 'county', 'town') "                \
	                               "ORDER BY depth DESC, id LIMIT 1")                                             \
	/* a case named as the source of another: type, path */                                                       \
	X(SQ_ARREARS_CASE_KIND, "SELECT type, path FROM flow_case WHERE id = ?1")

/* The statements that move this module's rows when a subtree moves (org_move): each takes ?1 lo,
 * ?2 hi (the old subtree's range), ?3 the new path prefix, ?4 the length of the old prefix + 1,
 * like SQ_CASE_MOVE_PATHS; each name followed by a comma. The hotline keeps no rows with a path
 * of its own (its cases are flow_case rows, moved by SQ_CASE_MOVE_PATHS). */
#define SQ_PATH_MOVERS_RIGHTS

#endif
