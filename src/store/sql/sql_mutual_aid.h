/*
 * The SQL statements of medical mutual aid (职工医疗互助): plans, enrolments, and the benefits
 * already granted to a member under a plan (read from the claims, which are cases). Included by
 * store/sql.h into SQ_LIST. Same rules as sql.h: statements by name, ?N parameters, the columns
 * answered listed beside each.
 */
#ifndef GH_STORE_SQL_MUTUAL_AID_H
#define GH_STORE_SQL_MUTUAL_AID_H

/* The columns of a plan, in this order: see plan_read_row() in domain/mutual_aid.c. The last one
 * counts the plan's enrolments (its rule is frozen once there is one). */
#define SQL_MA_PLAN_COLS                                                                           \
	"p.id, p.org_id, (SELECT name FROM org x WHERE x.id = p.org_id), p.path, p.name, p.year, " \
	"p.contribution_fen, p.waiting_days, p.deductible_fen, p.ratio_bp, p.cap_per_claim_fen, "  \
	"p.yearly_cap_fen, p.enrolment_open, p.demo, p.created_at, p.updated_at, "                 \
	"(SELECT count(*) FROM mutual_aid_enrolment e WHERE e.plan_id = p.id)"

/* The columns of an enrolment: see enrol_read_row() in domain/mutual_aid.c. */
#define SQL_MA_ENROL_COLS                                                                                           \
	"e.id, e.plan_id, e.membership_id, e.person_id, e.org_id, (SELECT name FROM org x WHERE x.id = e.org_id), " \
	"e.path, m.name, m.member_no, e.year, e.enrolled_on, e.contribution_fen, e.demo, e.created_at"

/* The plans a caller sees from organisation ?3 (range ?1..?2 its subtree): those owned inside the
 * subtree and those of its ancestors (a county's plan covers the unions below it); ?4 a year or
 * NULL. */
#define SQL_MA_PLAN_VISIBLE                                                                                        \
	"WITH RECURSIVE up(id) AS (SELECT parent_id FROM org WHERE id = ?3 UNION ALL SELECT o.parent_id FROM org " \
	"o JOIN up ON o.id = up.id WHERE o.parent_id IS NOT NULL) "                                                \
	"SELECT " SQL_MA_PLAN_COLS " FROM mutual_aid_plan p WHERE (" SQL_IN_SCOPE(                                 \
	        "p.path", "?1", "?2") " OR p.org_id IN (SELECT id FROM up WHERE id IS NOT NULL)) "                 \
	                              "AND (CAST(?4 AS BIGINT) IS NULL OR p.year = CAST(?4 AS BIGINT))"

#define SQ_LIST_MUTUAL_AID(X)                                                                                        \
	X(SQ_MA_PLAN_INSERT,                                                                                         \
	  "INSERT INTO mutual_aid_plan(id, org_id, path, name, year, contribution_fen, waiting_days, "               \
	  "deductible_fen, ratio_bp, cap_per_claim_fen, yearly_cap_fen, enrolment_open, demo, created_at, "          \
	  "updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)")                    \
	X(SQ_MA_PLAN_GET, "SELECT " SQL_MA_PLAN_COLS " FROM mutual_aid_plan p WHERE p.id = ?1")                      \
	X(SQ_MA_PLAN_UPDATE,                                                                                         \
	  "UPDATE mutual_aid_plan SET name = ?2, year = ?3, contribution_fen = ?4, waiting_days = ?5, "              \
	  "deductible_fen = ?6, ratio_bp = ?7, cap_per_claim_fen = ?8, yearly_cap_fen = ?9, "                        \
	  "enrolment_open = ?10, updated_at = ?11 WHERE id = ?1")                                                    \
	/* newest year first, then newest plan */                                                                    \
	X(SQ_MA_PLAN_LIST, SQL_MA_PLAN_VISIBLE " ORDER BY p.year DESC, p.id DESC LIMIT ?5 OFFSET ?6")                \
	X(SQ_MA_PLAN_LIST_COUNT, "SELECT count(*) FROM (" SQL_MA_PLAN_VISIBLE ") AS q")                              \
	X(SQ_MA_ENROL_INSERT,                                                                                        \
	  "INSERT INTO mutual_aid_enrolment(id, plan_id, year, membership_id, person_id, org_id, path, "             \
	  "enrolled_on, contribution_fen, demo, created_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "        \
	  "?11)")                                                                                                    \
	X(SQ_MA_ENROL_GET, "SELECT " SQL_MA_ENROL_COLS " FROM mutual_aid_enrolment e JOIN membership m ON "          \
	                   "m.id = e.membership_id WHERE e.id = ?1")                                                 \
	X(SQ_MA_ENROL_OF, "SELECT " SQL_MA_ENROL_COLS " FROM mutual_aid_enrolment e JOIN membership m ON "           \
	                  "m.id = e.membership_id WHERE e.plan_id = ?1 AND e.person_id = ?2")                        \
	/* ?1 plan, ?2..?3 the subtree; by name */                                                                   \
	X(SQ_MA_ENROL_LIST,                                                                                          \
	  "SELECT " SQL_MA_ENROL_COLS " FROM mutual_aid_enrolment e JOIN membership m ON m.id = e.membership_id "    \
	  "WHERE e.plan_id = ?1 AND " SQL_IN_SCOPE("e.path", "?2", "?3") " ORDER BY m.name, e.id "                   \
	                                                                 "LIMIT ?4 OFFSET ?5")                       \
	X(SQ_MA_ENROL_LIST_COUNT,                                                                                    \
	  "SELECT count(*), coalesce(sum(contribution_fen), 0) FROM "                                                \
	  "mutual_aid_enrolment e WHERE e.plan_id = ?1 AND " SQL_IN_SCOPE("e.path", "?2", "?3"))                     \
	/* a person's enrolments, newest plan year first */                                                          \
	X(SQ_MA_ENROL_OF_PERSON,                                                                                     \
	  "SELECT " SQL_MA_ENROL_COLS " FROM mutual_aid_enrolment e JOIN membership m ON m.id = e.membership_id "    \
	  "WHERE e.person_id = ?1 ORDER BY e.year DESC, e.id DESC LIMIT 100")                                        \
	/* a subtree's enrolments (?3 a year or NULL): count, distinct members, contributions */                     \
	X(SQ_MA_STATS, "SELECT count(*), count(DISTINCT person_id), coalesce(sum(contribution_fen), 0) FROM "        \
	               "mutual_aid_enrolment WHERE " SQL_IN_SCOPE(                                                   \
	                       "path", "?1", "?2") " AND (CAST(?3 AS BIGINT) IS NULL OR year = CAST(?3 AS BIGINT))") \
	/* the benefits approved or paid to person ?1 under plan ?2 (the yearly cap), ?3 a case to leave  \
	 * out (the one being approved) */          \
	X(SQ_MA_USED, "SELECT coalesce(sum(json_extract(payload, '$.benefit_fen')), 0) FROM flow_case "              \
	              "WHERE person_id = ?1 AND type = 'mutual_aid_claim' AND state IN ('approved', 'paid') "        \
	              "AND json_extract(payload, '$.plan_id') = ?2 AND id <> ?3")                                    \
	X(SQ_MA_PLAN_MOVE_PATHS,                                                                                     \
	  "UPDATE mutual_aid_plan SET path = ?3 || substr(path, ?4) WHERE " SQL_IN_SCOPE("path", "?1", "?2"))        \
	X(SQ_MA_ENROL_MOVE_PATHS,                                                                                    \
	  "UPDATE mutual_aid_enrolment SET path = ?3 || substr(path, ?4) WHERE " SQL_IN_SCOPE("path", "?1", "?2"))

/* The statements that move this module's rows when a subtree moves (org_move): each takes ?1 lo,
 * ?2 hi (the old subtree's range), ?3 the new path prefix, ?4 the length of the old prefix + 1,
 * like SQ_CASE_MOVE_PATHS; each name followed by a comma. */
#define SQ_PATH_MOVERS_MUTUAL_AID SQ_MA_PLAN_MOVE_PATHS, SQ_MA_ENROL_MOVE_PATHS,

#endif
