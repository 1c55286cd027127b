/*
 * The SQL statements of hardship files (困难职工档案), living standards, assistance given; included
 * by store/sql.h into SQ_LIST. Same rules as sql.h: statements by name, ?N parameters, the
 * columns answered listed beside each.
 */
#ifndef GH_STORE_SQL_HARDSHIP_H
#define GH_STORE_SQL_HARDSHIP_H

/* The columns of a living standard: id, division_code, level, monthly_fen, effective_from, source,
 * created_at, place name, demo (see ls_read_row() in domain/hardship.c). */
#define SQL_LS_COLS                                                                                 \
	"s.id, s.division_code, s.level, s.monthly_fen, s.effective_from, s.source, s.created_at, " \
	"coalesce((SELECT name FROM place p WHERE p.code = s.division_code), ''), s.demo"

/* The columns of an assistance record: id, case_id, org_id, union name, by_org_id, giver name,
 * member_name, kind, amount_fen, given_on, note_sealed, created_at (see as_read_row()). */
#define SQL_AS_COLS                                                                                \
	"h.id, h.case_id, h.org_id, (SELECT name FROM org x WHERE x.id = h.org_id), h.by_org_id, " \
	"(SELECT name FROM org x WHERE x.id = h.by_org_id), h.member_name, h.kind, h.amount_fen, " \
	"h.given_on, h.note_sealed, h.created_at"

/* Assistance filters: ?3 kind, ?4 from date, ?5 to date (each NULL: any). */
#define SQL_AS_FILTERS \
	"(?3 IS NULL OR h.kind = ?3) AND (?4 IS NULL OR h.given_on >= ?4) AND (?5 IS NULL OR h.given_on <= ?5)"

/* Living standards of a place and of the places it lies in: ?1..?5 the place's ancestors and
 * itself (province, city, county, town, village codes; repeats are harmless), ?6 a code prefix
 * (the place's own digits) for the standards below it. */
#define SQL_LS_AREA "(s.division_code IN (?1, ?2, ?3, ?4, ?5) OR substr(s.division_code, 1, length(?6)) = ?6)"

#define SQ_LIST_HARDSHIP(X)                                                                                            \
	X(SQ_LS_INSERT, "INSERT INTO living_standard(id, division_code, level, monthly_fen, effective_from, source, "  \
	                "created_by, created_at, demo) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")                    \
	X(SQ_LS_GET, "SELECT " SQL_LS_COLS " FROM living_standard s WHERE s.id = ?1")                                  \
	X(SQ_LS_LIST, "SELECT " SQL_LS_COLS " FROM living_standard s WHERE " SQL_LS_AREA                               \
	              " ORDER BY s.division_code, s.effective_from DESC, s.id LIMIT ?7 OFFSET ?8")                     \
	X(SQ_LS_LIST_COUNT, "SELECT count(*) FROM living_standard s WHERE " SQL_LS_AREA)                               \
	/* the most specific standard covering the place (?1..?5 its codes by level), effective on ?6 */               \
	X(SQ_LS_EFFECTIVE, "SELECT " SQL_LS_COLS " FROM living_standard s WHERE s.division_code IN (?1, ?2, ?3, ?4, "  \
	                   "?5) AND s.effective_from <= ?6 ORDER BY s.level DESC, s.effective_from DESC LIMIT 1")      \
	X(SQ_AS_INSERT, "INSERT INTO hardship_assistance(id, case_id, path, org_id, by_org_id, member_name, kind, "    \
	                "amount_fen, given_on, note_sealed, created_by, created_at, demo) VALUES(?1, ?2, ?3, ?4, ?5, " \
	                "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)")                                                         \
	X(SQ_AS_OF_CASE, "SELECT " SQL_AS_COLS " FROM hardship_assistance h WHERE h.case_id = ?1 "                     \
	                 "ORDER BY h.given_on DESC, h.id DESC LIMIT ?2 OFFSET ?3")                                     \
	X(SQ_AS_OF_CASE_SUM,                                                                                           \
	  "SELECT count(*), coalesce(sum(amount_fen), 0) FROM hardship_assistance WHERE case_id = ?1")                 \
	X(SQ_AS_LIST, "SELECT " SQL_AS_COLS " FROM hardship_assistance h WHERE " SQL_IN_SCOPE(                         \
	                      "h.path", "?1", "?2") " AND " SQL_AS_FILTERS                                             \
	                                            " ORDER BY h.given_on DESC, h.id DESC LIMIT ?6 OFFSET ?7")         \
	X(SQ_AS_LIST_SUM,                                                                                              \
	  "SELECT count(*), coalesce(sum(h.amount_fen), 0) FROM hardship_assistance h WHERE " SQL_IN_SCOPE(            \
	          "h.path", "?1", "?2") " AND " SQL_AS_FILTERS)                                                        \
	X(SQ_AS_MOVE_PATHS,                                                                                            \
	  "UPDATE hardship_assistance SET path = ?3 || substr(path, ?4) WHERE " SQL_IN_SCOPE("path", "?1", "?2"))      \
	/* one case's state and payload, read again inside a write transaction */                                      \
	X(SQ_HS_CASE_STATE,                                                                                            \
	  "SELECT state, payload, path, province FROM flow_case WHERE id = ?1 AND type = 'hardship'")                  \
	/* filed files whose yearly review falls due by ?3 (unix time), in scope (handled or the union's) */           \
	X(SQ_HS_REVIEW_DUE,                                                                                            \
	  "SELECT k.id FROM flow_case k WHERE k.type = 'hardship' AND "                                                \
	  "k.state = 'filed' AND k.deadline <= ?3 AND (" SQL_IN_SCOPE("k.path", "?1", "?2") " OR " SQL_IN_SCOPE(       \
	          "k.related_path", "?1", "?2") ") ORDER BY k.deadline, k.id LIMIT ?4 OFFSET ?5")                      \
	X(SQ_HS_REVIEW_DUE_COUNT, "SELECT count(*) FROM flow_case k WHERE k.type = 'hardship' AND k.state = 'filed' "  \
	                          "AND k.deadline <= ?3 AND (" SQL_IN_SCOPE("k.path", "?1", "?2") " OR " SQL_IN_SCOPE( \
	                                  "k.related_path", "?1", "?2") ")")

/* The statements that move this module's rows when a subtree moves (org_move): each takes ?1 lo,
 * ?2 hi (the old subtree's range), ?3 the new path prefix, ?4 the length of the old prefix + 1,
 * like SQ_CASE_MOVE_PATHS; each name followed by a comma. */
#define SQ_PATH_MOVERS_HARDSHIP SQ_AS_MOVE_PATHS,

#endif
