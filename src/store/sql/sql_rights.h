/*
 * The SQL statements of hotline, wage arrears, mediation (the case types of 维权) and the hotline time-limit tiers; included by store/sql.h into SQ_LIST. Same rules as sql.h:
 * statements by name, ?N parameters, the columns answered listed beside each.
 */
#ifndef GH_STORE_SQL_RIGHTS_H
#define GH_STORE_SQL_RIGHTS_H

#define SQ_LIST_RIGHTS(X)                                                                                       \
	/* wage arrears and mediation */                                                                        \
	/* the employer named in a case, its union first: id, name, union_id */                                 \
	X(SQ_ARREARS_EMPLOYER_BY_CREDIT, "SELECT id, name, union_id FROM employer WHERE credit_code = ?1 "      \
	                                 "ORDER BY union_id IS NULL, id LIMIT 1")                               \
	X(SQ_ARREARS_EMPLOYER_BY_NAME, "SELECT id, name, union_id FROM employer WHERE name = ?1 "               \
	                               "ORDER BY union_id IS NULL, id LIMIT 1")                                 \
	/* the federation whose place is exactly ?1 (deepest first): id */                                      \
	X(SQ_ARREARS_PLACE_FEDERATION, "SELECT id FROM org WHERE division_code = ?1 AND status = 'active' AND " \
	                               "kind IN ('national', 'provincial', 'city', 'county', 'town') "          \
	                               "ORDER BY depth DESC, id LIMIT 1")                                       \
	/* a case named as the source of another: type, path */                                                 \
	X(SQ_ARREARS_CASE_KIND, "SELECT type, path FROM flow_case WHERE id = ?1")

/* The statements that move this module's rows when a subtree moves (org_move): each takes ?1 lo,
 * ?2 hi (the old subtree's range), ?3 the new path prefix, ?4 the length of the old prefix + 1,
 * like SQ_CASE_MOVE_PATHS; each name followed by a comma. */
#define SQ_PATH_MOVERS_RIGHTS

#endif
