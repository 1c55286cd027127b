/*
 * The SQL statements of collective contracts, labour-law supervision notices, service catalogue items; included by store/sql.h into SQ_LIST. Same rules as sql.h:
 * statements by name, ?N parameters, the columns answered listed beside each.
 *
 * Dates are ISO text (YYYY-MM-DD) and compare as text. "today" is always a parameter (the
 * domain passes the test clock's date), never the database's own clock.
 */
#ifndef GH_STORE_SQL_CONTRACTS_H
#define GH_STORE_SQL_CONTRACTS_H

/* The columns of a contract: see contract_read_row() in domain/contract.c. */
#define SQL_CONTRACT_COLS                                                                                   \
	"t.id, t.kind, t.org_id, (SELECT name FROM org x WHERE x.id = t.org_id), t.path, t.employer_id, "   \
	"t.employer_name, t.employer_credit_code, t.signed_on, t.starts_on, t.ends_on, t.workers_covered, " \
	"t.wage_increase_bp, t.registered_on, t.note, t.terminated_on, t.terminated_reason, t.demo, "       \
	"t.created_at, t.updated_at"

/* Contract list filters: ?1 lo, ?2 hi (scope), ?3 kind, ?4 status (active, pending, expired,
 * terminated; NULL any), ?5 today, ?6 the last day of the expiry window (NULL: no window),
 * ?7 employer name substring (NULL any). */
#define SQL_CONTRACT_FILTERS                                                                                 \
	SQL_IN_SCOPE("t.path", "?1", "?2")                                                                   \
	" AND (?3 IS NULL OR t.kind = ?3) AND (?4 IS NULL OR (?4 = 'terminated' AND t.terminated_on IS NOT " \
	"NULL) OR (t.terminated_on IS NULL AND ((?4 = 'active' AND t.starts_on <= ?5 AND t.ends_on >= ?5) "  \
	"OR (?4 = 'pending' AND t.starts_on > ?5) OR (?4 = 'expired' AND t.ends_on < ?5)))) "                \
	"AND (?6 IS NULL OR (t.terminated_on IS NULL AND t.ends_on >= ?5 AND t.ends_on <= ?6)) "             \
	"AND (?7 IS NULL OR instr(t.employer_name, ?7) > 0)"

/* The columns of a supervision notice: see notice_read_row() in domain/notice.c. */
#define SQL_NOTICE_COLS                                                                                   \
	"n.id, n.kind, n.org_id, (SELECT name FROM org x WHERE x.id = n.org_id), n.path, n.employer_id, " \
	"n.employer_name, n.employer_credit_code, n.issued_on, n.subject, n.content, n.legal_basis, "     \
	"n.reply_due_on, n.state, n.answer, n.answered_on, n.outcome, n.follow_up, n.closed_on, n.demo, " \
	"n.created_at, n.updated_at"

/* Notice list filters: ?1 lo, ?2 hi, ?3 kind, ?4 state, ?5 overdue (-1 any, 0, 1), ?6 today,
 * ?7 employer name substring. Overdue: still unanswered after the reply due date. */
#define SQL_NOTICE_FILTERS                                                                                      \
	SQL_IN_SCOPE("n.path", "?1", "?2")                                                                      \
	" AND (?3 IS NULL OR n.kind = ?3) AND (?4 IS NULL OR n.state = ?4) AND (?5 < 0 OR (n.state = 'issued' " \
	"AND n.reply_due_on < ?6) = ?5) AND (?7 IS NULL OR instr(n.employer_name, ?7) > 0)"

/* The columns of a service item: see service_read_row() in domain/service_item.c. */
#define SQL_SERVICE_COLS                                                                                \
	"s.id, s.org_id, (SELECT name FROM org x WHERE x.id = s.org_id), s.path, s.title, s.category, " \
	"s.description, s.audience, s.contact, s.hours, s.place, s.active, s.demo, s.created_at, s.updated_at"

/* Staff list filters: ?1 lo, ?2 hi, ?3 category, ?4 active (-1 any, 0, 1), ?5 only the
 * organisation itself (1) or its whole subtree (0). */
#define SQL_SERVICE_FILTERS                \
	SQL_IN_SCOPE("s.path", "?1", "?2") \
	" AND (?3 IS NULL OR s.category = ?3) AND (?4 < 0 OR s.active = ?4) AND (?5 = 0 OR s.path = ?1)"

/* A member's view: the active items of the organisations whose paths are ?1 … ?12 (their union and
 * its ancestors; unused slots NULL), ?13 category (NULL any). */
#define SQL_SERVICE_OF_PATHS                                                                                  \
	"s.active = 1 AND s.path IN (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) AND (?13 IS NULL OR " \
	"s.category = ?13)"

#define SQ_LIST_CONTRACTS(X)                                                                                         \
	X(SQ_CONTRACT_INSERT,                                                                                        \
	  "INSERT INTO contract(id, kind, org_id, path, employer_id, employer_name, employer_credit_code, "          \
	  "signed_on, starts_on, ends_on, workers_covered, wage_increase_bp, registered_on, note, demo, "            \
	  "created_at, updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "        \
	  "?16, ?16)")                                                                                               \
	X(SQ_CONTRACT_GET, "SELECT " SQL_CONTRACT_COLS " FROM contract t WHERE t.id = ?1")                           \
	X(SQ_CONTRACT_UPDATE,                                                                                        \
	  "UPDATE contract SET employer_name = ?2, employer_credit_code = ?3, signed_on = ?4, starts_on = ?5, "      \
	  "ends_on = ?6, workers_covered = ?7, wage_increase_bp = ?8, registered_on = ?9, note = ?10, "              \
	  "terminated_on = ?11, terminated_reason = ?12, updated_at = ?13 WHERE id = ?1")                            \
	X(SQ_CONTRACT_LIST, "SELECT " SQL_CONTRACT_COLS " FROM contract t WHERE " SQL_CONTRACT_FILTERS               \
	                    " ORDER BY CASE WHEN ?6 IS NOT NULL THEN t.ends_on END, t.signed_on DESC, t.id DESC "    \
	                    "LIMIT ?8 OFFSET ?9")                                                                    \
	X(SQ_CONTRACT_LIST_COUNT, "SELECT count(*) FROM contract t WHERE " SQL_CONTRACT_FILTERS)                     \
	/* kind, contracts, in force, workers covered by those in force, ending in [?3, ?4] */                       \
	X(SQ_CONTRACT_FIGURES,                                                                                       \
	  "SELECT t.kind, count(*), coalesce(sum(t.terminated_on IS NULL AND t.starts_on <= ?3 AND "                 \
	  "t.ends_on >= ?3), 0), coalesce(sum(CASE WHEN t.terminated_on IS NULL AND t.starts_on <= ?3 AND "          \
	  "t.ends_on >= ?3 THEN t.workers_covered ELSE 0 END), 0), coalesce(sum(t.terminated_on IS NULL AND "        \
	  "t.ends_on >= ?3 AND t.ends_on <= ?4), 0) FROM contract t WHERE " SQL_IN_SCOPE(                            \
	          "t.path", "?1", "?2") " GROUP BY t.kind ORDER BY t.kind")                                          \
	X(SQ_CONTRACT_MOVE_PATHS,                                                                                    \
	  "UPDATE contract SET path = ?3 || substr(path, ?4) WHERE " SQL_IN_SCOPE("path", "?1", "?2"))               \
	X(SQ_NOTICE_INSERT,                                                                                          \
	  "INSERT INTO supervision_notice(id, kind, org_id, path, employer_id, employer_name, "                      \
	  "employer_credit_code, issued_on, subject, content, legal_basis, reply_due_on, state, demo, "              \
	  "created_at, updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'issued', ?13, "        \
	  "?14, ?14)")                                                                                               \
	X(SQ_NOTICE_GET, "SELECT " SQL_NOTICE_COLS " FROM supervision_notice n WHERE n.id = ?1")                     \
	X(SQ_NOTICE_UPDATE, "UPDATE supervision_notice SET subject = ?2, content = ?3, legal_basis = ?4, "           \
	                    "reply_due_on = ?5, issued_on = ?6, updated_at = ?7 WHERE id = ?1 AND state = 'issued'") \
	X(SQ_NOTICE_ANSWER, "UPDATE supervision_notice SET state = 'answered', answer = ?2, answered_on = ?3, "      \
	                    "updated_at = ?4 WHERE id = ?1 AND state = 'issued'")                                    \
	X(SQ_NOTICE_CLOSE, "UPDATE supervision_notice SET state = 'closed', outcome = ?2, follow_up = ?3, "          \
	                   "closed_on = ?4, updated_at = ?5 WHERE id = ?1 AND state <> 'closed'")                    \
	X(SQ_NOTICE_LIST, "SELECT " SQL_NOTICE_COLS " FROM supervision_notice n WHERE " SQL_NOTICE_FILTERS           \
	                  " ORDER BY n.issued_on DESC, n.id DESC LIMIT ?8 OFFSET ?9")                                \
	X(SQ_NOTICE_LIST_COUNT, "SELECT count(*) FROM supervision_notice n WHERE " SQL_NOTICE_FILTERS)               \
	X(SQ_NOTICE_MOVE_PATHS,                                                                                      \
	  "UPDATE supervision_notice SET path = ?3 || substr(path, ?4) WHERE " SQL_IN_SCOPE("path", "?1", "?2"))     \
	X(SQ_SERVICE_INSERT,                                                                                         \
	  "INSERT INTO service_item(id, org_id, path, title, category, description, audience, contact, hours, "      \
	  "place, active, demo, created_at, updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "       \
	  "?12, ?13, ?13)")                                                                                          \
	X(SQ_SERVICE_GET, "SELECT " SQL_SERVICE_COLS " FROM service_item s WHERE s.id = ?1")                         \
	X(SQ_SERVICE_UPDATE, "UPDATE service_item SET title = ?2, category = ?3, description = ?4, audience = ?5, "  \
	                     "contact = ?6, hours = ?7, place = ?8, active = ?9, updated_at = ?10 WHERE id = ?1")    \
	X(SQ_SERVICE_DELETE, "DELETE FROM service_item WHERE id = ?1")                                               \
	X(SQ_SERVICE_LIST, "SELECT " SQL_SERVICE_COLS " FROM service_item s WHERE " SQL_SERVICE_FILTERS              \
	                   " ORDER BY s.path, s.category, s.title, s.id LIMIT ?6 OFFSET ?7")                         \
	X(SQ_SERVICE_LIST_COUNT, "SELECT count(*) FROM service_item s WHERE " SQL_SERVICE_FILTERS)                   \
	X(SQ_SERVICE_OF_PATHS_LIST, "SELECT " SQL_SERVICE_COLS " FROM service_item s WHERE " SQL_SERVICE_OF_PATHS    \
	                            " ORDER BY length(s.path) DESC, s.category, s.title, s.id LIMIT ?14 OFFSET ?15") \
	X(SQ_SERVICE_OF_PATHS_COUNT, "SELECT count(*) FROM service_item s WHERE " SQL_SERVICE_OF_PATHS)              \
	X(SQ_SERVICE_MOVE_PATHS,                                                                                     \
	  "UPDATE service_item SET path = ?3 || substr(path, ?4) WHERE " SQL_IN_SCOPE("path", "?1", "?2"))

/* The statements that move this module's rows when a subtree moves (org_move): each takes ?1 lo,
 * ?2 hi (the old subtree's range), ?3 the new path prefix, ?4 the length of the old prefix + 1,
 * like SQ_CASE_MOVE_PATHS; each name followed by a comma. */
#define SQ_PATH_MOVERS_CONTRACTS SQ_CONTRACT_MOVE_PATHS, SQ_NOTICE_MOVE_PATHS, SQ_SERVICE_MOVE_PATHS,

#endif
