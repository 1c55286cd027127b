/*
 * Every SQL statement of gonghui, by name. Domain code names a statement (SQ_ORG_GET) and the
 * store prepares and caches it per connection. Parameters are written ?1, ?2, … (the PostgreSQL
 * backend rewrites them to $1, $2, …). This header is the only place SQL text lives besides the
 * schema migrations; the columns each statement answers are listed beside it, and the domain
 * code reads them in that order.
 */
#ifndef GH_STORE_SQL_H
#define GH_STORE_SQL_H

/* The columns of an organisation, in this order: see org_read_row() in domain/org.c. */
#define SQL_ORG_COLS                                                                               \
	"o.id, o.parent_id, o.path, o.depth, o.kind, o.name, o.division_code, o.status, "          \
	"o.credit_code, o.headcount, o.founded_on, o.term_years, o.chair, o.phone, o.created_at, " \
	"o.updated_at, (SELECT count(*) FROM org c WHERE c.parent_id = o.id), o.demo"

/* The columns of an employer: see employer_read_row() in domain/employer.c. */
#define SQL_EMPLOYER_COLS                                                                           \
	"e.id, e.org_id, e.path, e.name, e.credit_code, e.division_code, e.headcount, e.union_id, " \
	"(SELECT name FROM org x WHERE x.id = e.org_id), e.created_at, e.updated_at"

/* The columns of an account: see user_read_row() in domain/user.c. */
#define SQL_ACCOUNT_COLS                                                                 \
	"a.id, a.username, a.name, a.role, a.org_id, a.path, a.disabled, a.created_at, " \
	"a.last_login_at, (SELECT name FROM org x WHERE x.id = a.org_id), a.pw_hash, a.person_id"

/* Scope filter on a path column: ?lo <= path < ?hi, with hi = lo with its last '/' made '0'. */
#define SQL_IN_SCOPE(col, lo, hi) "(" col " >= " lo " AND " col " < " hi ")"

/* The columns of a member (membership and person): see member_read_row() in domain/member.c. */
#define SQL_MEMBER_COLS                                                                                           \
	"m.id, m.person_id, m.member_no, m.name, p.sex, p.birth_date, p.id_masked, p.phone_masked, p.ethnicity, " \
	"p.political, p.education, p.household, p.migrant, p.employment, p.new_form, p.skill, m.org_id, "         \
	"(SELECT name FROM org x WHERE x.id = m.org_id), m.path, m.joined_on, m.status, m.status_on, "            \
	"m.status_reason, m.via, m.demo, m.province, p.province"

/* Keyset paging of the roster: after the row (?7 name, ?8 id) in (name, id) order; ?7 NULL: from the
 * start. */
#define SQL_MEMBER_AFTER "(?7 IS NULL OR m.name > ?7 OR (m.name = ?7 AND m.id > ?8))"

/* The memberships in scope (?1, ?2) whose name, or given name (the name after its first character),
 * begins with ?3 (hi: ?3 followed by U+10FFFF); a and b name the indexes (SQLite) or are empty. */
#define SQL_MEMBER_NAMED(a, b, hi)                                                        \
	"SELECT id FROM membership" a " WHERE name >= ?3 AND name < " hi                  \
	" AND " SQL_IN_SCOPE("path", "?1", "?2") " UNION ALL SELECT id FROM membership" b \
	                                         " WHERE substr(name, 2) >= ?3 AND "      \
	                                         "substr(name, 2) < " hi " AND " SQL_IN_SCOPE("path", "?1", "?2")

/* The rows counted by SQ_MEMBER_SEARCH_COUNT: one stream over both ranges that stops at the cap
 * (?5), a name in both counted once; status ?4, ?6 as hi above. */
#define SQL_MEMBER_NAMED_COUNT(a, b)                                                                             \
	"SELECT 1 FROM membership m" a                                                                           \
	" WHERE m.name >= ?3 AND m.name < ?6 AND " SQL_IN_SCOPE("m.path", "?1", "?2") " AND " SQL_STATUS_FILTER( \
	        "?4") " UNION ALL SELECT 1 FROM membership m" b                                                  \
	              " WHERE substr(m.name, 2) >= ?3 AND substr(m.name, 2) < ?6 AND " SQL_IN_SCOPE(             \
	                      "m.path", "?1",                                                                    \
	                      "?2") " AND NOT (m.name >= ?3 AND m.name < ?6) AND " SQL_STATUS_FILTER("?4") " LIMIT ?5"

/* m's name or given name begins with ?3 (hi: ?3 followed by U+10FFFF), tested row by row. */
#define SQL_MEMBER_NAME_IS(hi) \
	"(m.name >= ?3 AND m.name < " hi " OR substr(m.name, 2) >= ?3 AND substr(m.name, 2) < " hi ")"

/* A membership status filter on ?N: "all", "current" (在会 and 保留会籍) or one status. */
#define SQL_STATUS_FILTER(n) \
	"(" n " = 'all' OR (" n " = 'current' AND m.status IN ('active', 'retained')) OR m.status = " n ")"

/* The columns of a case: see case_read_row() in domain/flow.c. */
#define SQL_CASE_COLS                                                                                            \
	"k.id, k.type, k.state, k.org_id, (SELECT name FROM org x WHERE x.id = k.org_id), k.path, k.person_id, " \
	"k.applicant_id, k.deadline, k.supervised, k.escalations, k.payload, k.created_at, k.updated_at, "       \
	"k.closed_at, k.related_path, k.secret, k.province"

/* Case list filters: ?3 type, ?4 state, ?5 overdue (-1 any, 0, 1), ?6 now, ?7 supervised (-1 any, 0, 1). */
#define SQL_CASE_FILTERS                                                                                        \
	"(?3 IS NULL OR k.type = ?3) AND (?4 IS NULL OR k.state = ?4) AND (?5 < 0 OR (k.closed_at IS NULL AND " \
	"k.deadline IS NOT NULL AND k.deadline < ?6) = ?5) AND (?7 < 0 OR k.supervised = ?7)"

/*
 * Rows of the batched inserts of a roster import (member.c, member_import_*): 16 rows a
 * statement, row r (1..16) taking the parameters ?r01, ?r02, ... (101–120 for the first row, 1601–
 * 1620 for the last), so that one statement carries the rows of 16 members.
 */
#define SQL_IMPORT_PERSON_ROW(r)                                                                               \
	"(?" #r "01, ?" #r "02, ?" #r "03, ?" #r "04, ?" #r "05, ?" #r "06, ?" #r "07, ?" #r "08, ?" #r "09, " \
	"?" #r "10, ?" #r "11, ?" #r "12, ?" #r "13, ?" #r "14, ?" #r "15, ?" #r "16, ?" #r "17, ?" #r "18, "  \
	"?" #r "19, ?" #r "20, ?" #r "20, ?" #r "21)"
#define SQL_IMPORT_MEMBERSHIP_ROW(r)                                                                          \
	"(?" #r "01, ?" #r "02, ?" #r "03, ?" #r "04, ?" #r "05, ?" #r "06, ?" #r "07, 'active', ?" #r "07, " \
	"?" #r "08, ?" #r "09, ?" #r "10, ?" #r "10, ?" #r "11)"
#define SQL_IMPORT_EVENT_ROW(r) "(?" #r "01, ?" #r "02, ?" #r "03, ?" #r "04, ?" #r "05, ?" #r "06, ?" #r "07)"
/* clang-format off */
#define SQL_IMPORT_ROWS(m)                                                                   \
	m(1) ", " m(2) ", " m(3) ", " m(4) ", " m(5) ", " m(6) ", " m(7) ", " m(8) ", "      \
	m(9) ", " m(10) ", " m(11) ", " m(12) ", " m(13) ", " m(14) ", " m(15) ", " m(16)
/* clang-format on */
/* The tables and columns of a roster import's new rows, in the order of each row's values: the
 * targets of its bulk loads (store_bulk_into, COPY on PostgreSQL) and of its batched inserts
 * (SQ_IMPORT_*_INSERT, here and in sql_pg.h). */
#define SQB_PERSON                                                                                                     \
	"person(id, id_index, id_sealed, id_masked, name, sex, birth_date, ethnicity, political, education, "          \
	"household, migrant, employment, new_form, skill, phone_index, phone_sealed, phone_masked, demo, created_at, " \
	"updated_at, province)"
#define SQB_MEMBERSHIP                                                                                       \
	"membership(id, person_id, org_id, path, member_no, name, joined_on, status, status_on, via, demo, " \
	"created_at, updated_at, province)"
#define SQB_MEMBER_EVENT "membership_event(membership_id, at, on_date, from_status, to_status, reason, actor)"
/* The national tree of `init` (tree.c): places, federations and their name grams. */
#define SQB_PLACE "place(code, name, level)"
#define SQB_ORG                                                                                                 \
	"org(id, parent_id, path, depth, kind, name, division_code, province_id, city_id, county_id, town_id, " \
	"status, "                                                                                              \
	"credit_code, headcount, founded_on, term_years, chair, phone, demo, created_at, updated_at)"
#define SQB_GRAM "org_gram(gram, org_id)"
/* The national registries (PostgreSQL; province.h). */
#define SQB_ID_CLAIM "id_registry(id_index, person_id, created_at)"
/* ... by COPY with the province too (the statements set it as they write the person). */
#define SQB_ID_CLAIM_COPY          "id_registry(id_index, person_id, created_at, province)"
#define SQB_MEMBERSHIP_CLAIM       "membership_claim(person_id, membership_id)"
#define SQL_IMPORT_PERSON_INTO     SQB_PERSON " VALUES " SQL_IMPORT_ROWS(SQL_IMPORT_PERSON_ROW)
#define SQL_IMPORT_MEMBERSHIP_INTO SQB_MEMBERSHIP " VALUES " SQL_IMPORT_ROWS(SQL_IMPORT_MEMBERSHIP_ROW)
#define SQL_IMPORT_EVENT_INTO      SQB_MEMBER_EVENT " VALUES " SQL_IMPORT_ROWS(SQL_IMPORT_EVENT_ROW)

#define SQ_LIST_CORE(X)                                                                                                 \
	X(SQ_META_GET, "SELECT value FROM meta WHERE key = ?1")                                                         \
	X(SQ_META_SET, "INSERT INTO meta(key, value) VALUES(?1, ?2) "                                                   \
	               "ON CONFLICT(key) DO UPDATE SET value = excluded.value")                                         \
	X(SQ_ID_NEXT, "UPDATE meta SET value = CAST(value AS INTEGER) + ?1 WHERE key = 'id_next' "                      \
	              "RETURNING CAST(value AS INTEGER)")                                                               \
	X(SQ_PLACE_INSERT, "INSERT OR IGNORE INTO place(code, name, level) VALUES(?1, ?2, ?3)")                         \
	X(SQ_PLACE_GET, "SELECT code, name, level FROM place WHERE code = ?1")                                          \
	X(SQ_PLACE_COUNT, "SELECT count(*) FROM place")                                                                 \
	X(SQ_ORG_INSERT,                                                                                                \
	  "INSERT INTO " SQB_ORG                                                                                        \
	  " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "              \
	  "?20, ?21)")                                                                                                  \
	X(SQ_ORG_GET, "SELECT " SQL_ORG_COLS " FROM org o WHERE o.id = ?1")                                             \
	X(SQ_ORG_COUNT, "SELECT count(*) FROM org")                                                                     \
	X(SQ_ORG_PATH, "SELECT path FROM org WHERE id = ?1")                                                            \
	X(SQ_ORG_LEVELS, "SELECT province_id, city_id, county_id, town_id FROM org WHERE id = ?1")                      \
	X(SQ_ORG_CHILDREN, "SELECT " SQL_ORG_COLS " FROM org o WHERE o.parent_id = ?1 "                                 \
	                   "ORDER BY o.division_code, o.name, o.id LIMIT ?2 OFFSET ?3")                                 \
	X(SQ_ORG_CHILDREN_COUNT, "SELECT count(*) FROM org WHERE parent_id = ?1")                                       \
	X(SQ_ORG_BY_DIVISION, "SELECT " SQL_ORG_COLS " FROM org o WHERE o.division_code = ?1 AND " SQL_IN_SCOPE(        \
	                              "o.path", "?2", "?3") " ORDER BY o.depth, o.name, o.id LIMIT ?4 OFFSET ?5")       \
	X(SQ_ORG_BY_DIVISION_COUNT,                                                                                     \
	  "SELECT count(*) FROM org o WHERE o.division_code = ?1 AND " SQL_IN_SCOPE("o.path", "?2", "?3"))              \
	X(SQ_ORG_SEARCH,                                                                                                \
	  "SELECT " SQL_ORG_COLS " FROM org_gram g JOIN org o ON o.id = g.org_id "                                      \
	  "WHERE g.gram = ?1 AND instr(o.name, ?2) > 0 AND " SQL_IN_SCOPE(                                              \
	          "o.path", "?3", "?4") " ORDER BY o.depth, o.division_code, o.name, o.id LIMIT ?5 OFFSET ?6")          \
	X(SQ_ORG_SEARCH_COUNT, "SELECT count(*) FROM (SELECT 1 FROM org_gram g JOIN org o "                             \
	                       "ON o.id = g.org_id WHERE g.gram = ?1 AND instr(o.name, ?2) > 0 AND " SQL_IN_SCOPE(      \
	                               "o.path", "?3", "?4") " LIMIT ?5)")                                              \
	X(SQ_ORG_BY_CREDIT, "SELECT " SQL_ORG_COLS " FROM org o WHERE (o.credit_code = ?1 OR o.id IN "                  \
	                    "(SELECT union_id FROM employer WHERE credit_code = ?1)) AND " SQL_IN_SCOPE(                \
	                            "o.path", "?2", "?3") " ORDER BY o.depth, o.name, o.id "                            \
	                                                  "LIMIT ?4 OFFSET ?5")                                         \
	X(SQ_ORG_BY_CREDIT_COUNT,                                                                                       \
	  "SELECT count(*) FROM org o WHERE (o.credit_code = ?1 OR o.id IN "                                            \
	  "(SELECT union_id FROM employer WHERE credit_code = ?1)) AND " SQL_IN_SCOPE("o.path", "?2", "?3"))            \
	X(SQ_ORG_UPDATE, "UPDATE org SET name = ?2, headcount = ?3, founded_on = ?4, term_years = ?5, "                 \
	                 "chair = ?6, phone = ?7, credit_code = ?8, updated_at = ?9 WHERE id = ?1")                     \
	X(SQ_ORG_SET_DIVISION, "UPDATE org SET division_code = ?2 WHERE id = ?1")                                       \
	X(SQ_ORG_SET_PARENT, "UPDATE org SET parent_id = ?2, updated_at = ?3 WHERE id = ?1")                            \
	X(SQ_ORG_MOVE_PATHS,                                                                                            \
	  "UPDATE org SET path = ?3 || substr(path, ?4), depth = depth + ?5, "                                          \
	  "province_id = ?6, city_id = ?7, county_id = ?8, town_id = ?9 WHERE " SQL_IN_SCOPE("path", "?1", "?2"))       \
	X(SQ_ORG_SUBTREE_KINDS,                                                                                         \
	  "SELECT kind, count(*) FROM org WHERE " SQL_IN_SCOPE("path", "?1", "?2") " GROUP BY kind")                    \
	X(SQ_ORG_TREE, "SELECT id, parent_id, kind FROM org ORDER BY depth DESC")                                       \
	X(SQ_GRAM_INSERT, "INSERT OR IGNORE INTO org_gram(gram, org_id) VALUES(?1, ?2)")                                \
	X(SQ_GRAM_DELETE, "DELETE FROM org_gram WHERE gram = ?1 AND org_id = ?2")                                       \
	X(SQ_STAT_ADD, "INSERT INTO org_stat(org_id, metric, value) VALUES(?1, ?2, ?3) "                                \
	               "ON CONFLICT(org_id, metric) DO UPDATE SET value = value + excluded.value")                      \
	X(SQ_STAT_GET, "SELECT metric, value FROM org_stat WHERE org_id = ?1")                                          \
	X(SQ_STAT_ALL, "SELECT org_id, metric, value FROM org_stat")                                                    \
	X(SQ_STAT_CLEAR, "DELETE FROM org_stat")                                                                        \
	X(SQ_STAT_SET, "INSERT INTO org_stat(org_id, metric, value) VALUES(?1, ?2, ?3)")                                \
	X(SQ_STAT_MONTH_ADD, "INSERT INTO org_stat_month(org_id, month, metric, value) VALUES(?1, ?2, ?3, ?4) "         \
	                     "ON CONFLICT(org_id, month, metric) DO UPDATE SET value = value + excluded.value")         \
	X(SQ_STAT_MONTH_GET, "SELECT month, metric, value FROM org_stat_month WHERE org_id = ?1 AND month >= ?2 "       \
	                     "ORDER BY month")                                                                          \
	X(SQ_STAT_MONTH_ALL, "SELECT org_id, month, metric, value FROM org_stat_month")                                 \
	X(SQ_STAT_MONTH_CLEAR, "DELETE FROM org_stat_month")                                                            \
	X(SQ_MEMBER_DIRECT, "SELECT m.org_id, sum(m.status = 'active'), sum(m.status = 'retained'), "                   \
	                    "sum(m.status = 'active' AND p.sex = 'F'), sum(m.status = 'active' AND p.migrant = 1), "    \
	                    "sum(m.status = 'active' AND p.employment = 'new_form'), "                                  \
	                    "sum(m.status = 'active' AND p.political IN ('cpc_member', 'cpc_probationary')) "           \
	                    "FROM membership m JOIN person p ON p.id = m.person_id GROUP BY m.org_id")                  \
	X(SQ_MEMBER_DIRECT_BIRTHS, "SELECT m.org_id, CAST(substr(p.birth_date, 1, 4) AS INTEGER), count(*) "            \
	                           "FROM membership m JOIN person p ON p.id = m.person_id "                             \
	                           "WHERE m.status = 'active' GROUP BY 1, 2")                                           \
	X(SQ_MEMBER_DIRECT_JOINS,                                                                                       \
	  "SELECT org_id, CAST(substr(joined_on, 1, 4) || substr(joined_on, 6, 2) AS INTEGER), "                        \
	  "count(*) FROM membership GROUP BY 1, 2")                                                                     \
	X(SQ_MEMBER_DIRECT_LEAVES,                                                                                      \
	  "SELECT org_id, CAST(substr(status_on, 1, 4) || substr(status_on, 6, 2) AS INTEGER), "                        \
	  "count(*) FROM membership WHERE status IN ('transferred', 'withdrawn', "                                      \
	  "'expelled', 'deceased') GROUP BY 1, 2")                                                                      \
	/* a person's rows are read and written with their province (?2 and the like): on PostgreSQL the     \
	 * partition key, so a statement reads one partition (through postgres_fdw: one shard; docs/          \
	 * decisions/0010). SQ_PERSON_BY_INDEX answers it with the id (sql_pg.h: from the registry);          \
	 * SQ_PERSON_PROVINCE is the one read of a person by id alone, for callers that know nothing else */          \
	X(SQ_PERSON_BY_INDEX, "SELECT id, province FROM person WHERE id_index = ?1")                                    \
	X(SQ_PERSON_PROVINCE, "SELECT province FROM person WHERE id = ?1")                                              \
	X(SQ_PERSON_BY_PHONE, "SELECT id FROM person WHERE phone_index = ?1 LIMIT 2")                                   \
	X(SQ_PERSON_FLAGS, "SELECT sex, birth_date, political, migrant, employment, name, id_index FROM person WHERE "  \
	                   "id = ?1 AND province = ?2")                                                                 \
	X(SQ_PERSON_INSERT,                                                                                             \
	  "INSERT INTO person(id, id_index, id_sealed, id_masked, name, sex, birth_date, ethnicity, "                   \
	  "political, education, household, migrant, employment, new_form, skill, phone_index, "                        \
	  "phone_sealed, phone_masked, demo, created_at, updated_at, province) VALUES(?1, ?2, ?3, ?4, ?5, ?6, "         \
	  "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?20, ?21)")                               \
	X(SQ_PERSON_UPDATE, "UPDATE person SET name = ?2, ethnicity = ?3, political = ?4, education = ?5, "             \
	                    "household = ?6, migrant = ?7, employment = ?8, new_form = ?9, skill = ?10, "               \
	                    "phone_index = coalesce(?11, phone_index), phone_sealed = coalesce(?12, phone_sealed), "    \
	                    "phone_masked = coalesce(?13, phone_masked), updated_at = ?14 WHERE id = ?1 AND "           \
	                    "province = ?15")                                                                           \
	X(SQ_PERSON_SEALED, "SELECT id_sealed, phone_sealed FROM person WHERE id = ?1 AND province = ?2")               \
	/* a person's current membership is in the person's province (?2): province.h */                                \
	X(SQ_MEMBERSHIP_CURRENT, "SELECT id, org_id, path, status FROM membership WHERE person_id = ?1 AND "            \
	                         "province = ?2 AND status IN ('active', 'retained')")                                  \
	X(SQ_MEMBERSHIP_INSERT,                                                                                         \
	  "INSERT INTO membership(id, person_id, org_id, path, member_no, name, joined_on, "                            \
	  "status, status_on, via, demo, created_at, updated_at, province) VALUES(?1, ?2, ?3, ?4, ?5, ?6, "             \
	  "?7, 'active', ?7, ?8, ?9, ?10, ?10, ?11)")                                                                   \
	X(SQ_MEMBERSHIP_SET_STATUS, "UPDATE membership SET status = ?2, status_on = ?3, status_reason = ?4, "           \
	                            "updated_at = ?5 WHERE id = ?1 AND province = ?6")                                  \
	/* every episode of person ?1, in whatever province: run only when the name changed */                          \
	X(SQ_MEMBERSHIP_RENAME, "UPDATE membership SET name = ?2 WHERE person_id = ?1")                                 \
	X(SQ_MEMBER_EVENT_INSERT, "INSERT INTO membership_event(membership_id, at, on_date, from_status, to_status, "   \
	                          "reason, actor) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")                                  \
	X(SQ_MEMBER_EVENTS, "SELECT at, on_date, from_status, to_status, reason, actor FROM membership_event "          \
	                    "WHERE membership_id = ?1 ORDER BY id")                                                     \
	/* membership ?1 in province ?2, its person in the same province (so for every current membership); */          \
	/* SQ_MEMBER_GET_ANY by id alone, when the province is not known or the person has moved since      */          \
	X(SQ_MEMBER_GET, "SELECT " SQL_MEMBER_COLS " FROM membership m JOIN person p ON p.id = m.person_id AND "        \
	                 "p.province = ?2 WHERE m.id = ?1 AND m.province = ?2")                                         \
	X(SQ_MEMBER_GET_ANY, "SELECT " SQL_MEMBER_COLS " FROM membership m JOIN person p ON p.id = m.person_id "        \
	                     "WHERE m.id = ?1")                                                                         \
	X(SQ_MEMBER_LIST,                                                                                               \
	  "SELECT " SQL_MEMBER_COLS " FROM membership m JOIN person p ON p.id = m.person_id "                           \
	  "WHERE " SQL_IN_SCOPE("m.path", "?1",                                                                         \
	                        "?2") " AND (?3 IS NULL OR instr(m.name, ?3) > 0) "                                     \
	                              "AND " SQL_STATUS_FILTER("?4") " AND " SQL_MEMBER_AFTER                           \
	                                                             " ORDER BY m.name, m.id LIMIT ?5 OFFSET ?6")       \
	/* the same for a scope of more than MEMBER_TOTAL_CAP members (or matches of a name search, ?9 as   \
	 * in SQ_MEMBER_SEARCH): walks the name index and keeps the rows of the scope, so a page costs    \
	 * what it reads, not a sort of the whole county (W4) */           \
	X(SQ_MEMBER_LIST_BY_NAME,                                                                                       \
	  "SELECT " SQL_MEMBER_COLS " FROM membership m INDEXED BY membership_name JOIN person p ON p.id = "            \
	  "m.person_id WHERE " SQL_IN_SCOPE("m.path", "?1", "?2") " AND (?3 IS NULL OR " SQL_MEMBER_NAME_IS(            \
	          "?9") ") "                                                                                            \
	                "AND " SQL_STATUS_FILTER("?4") " AND " SQL_MEMBER_AFTER " ORDER BY m.name, m.id LIMIT "         \
	                                               "?5 OFFSET ?6")                                                  \
	X(SQ_MEMBER_LIST_COUNT, "SELECT count(*) FROM (SELECT 1 FROM membership m WHERE " SQL_IN_SCOPE(                 \
	                                "m.path", "?1", "?2") " AND (?3 IS NULL OR instr(m.name, ?3) > 0) "             \
	                                                      "AND " SQL_STATUS_FILTER("?4") " LIMIT ?5)")              \
	/* a name search: the names that begin with ?3, or whose given name (after the first character)   \
	 * does (?9, in the count ?6: ?3 followed by U+10FFFF): two ranges of the name indexes kept when in scope, not a \
	 * scan of the scope (W4; bench/README.md)                                                        */             \
	X(SQ_MEMBER_SEARCH,                                                                                             \
	  "SELECT " SQL_MEMBER_COLS                                                                                     \
	  " FROM membership m JOIN person p ON p.id = m.person_id WHERE m.id IN (" SQL_MEMBER_NAMED(                    \
	          " INDEXED BY membership_name", " INDEXED BY membership_given",                                        \
	          "?9") ") AND " SQL_STATUS_FILTER("?4") " AND " SQL_MEMBER_AFTER                                       \
	                                                 " ORDER BY m.name, m.id LIMIT ?5 OFFSET ?6")                   \
	X(SQ_MEMBER_SEARCH_COUNT, "SELECT count(*) FROM (" SQL_MEMBER_NAMED_COUNT(" INDEXED BY membership_name",        \
	                                                                          " INDEXED BY membership_given") ")")  \
	X(SQ_MEMBER_NAME, "SELECT name FROM membership WHERE id = ?1")                                                  \
	X(SQ_MEMBER_OF_PERSON, "SELECT " SQL_MEMBER_COLS " FROM membership m JOIN person p ON p.id = m.person_id "      \
	                       "WHERE m.person_id = ?1 ORDER BY m.id DESC")                                             \
	X(SQ_ROSTER_EXPORT,                                                                                             \
	  "SELECT m.id, m.person_id, m.member_no, m.name, p.sex, p.birth_date, p.id_masked, p.phone_masked, "           \
	  "p.ethnicity, p.political, p.education, p.household, p.migrant, p.employment, p.new_form, p.skill, "          \
	  "(SELECT name FROM org x WHERE x.id = m.org_id), m.path, m.joined_on, m.status, m.via, p.id_sealed, "         \
	  "p.phone_sealed, EXISTS (SELECT 1 FROM account a WHERE a.person_id = m.person_id) "                           \
	  "FROM membership m JOIN person p ON p.id = m.person_id WHERE " SQL_IN_SCOPE(                                  \
	          "m.path", "?1",                                                                                       \
	          "?2") " AND m.status IN ('active', 'retained') AND (m.path, m.name, m.id) > (?3, ?4, ?5) "            \
	                "ORDER BY m.path, m.name, m.id LIMIT ?6")                                                       \
	X(SQ_IMPORT_JOB_INSERT, "INSERT INTO import_job(id, org_id, path, account_id, file_name, state, created_at) "   \
	                        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")                                                   \
	X(SQ_IMPORT_JOB_UPDATE, "UPDATE import_job SET state = ?2, rows = ?3, accepted = ?4, rejected = ?5, "           \
	                        "report = ?6, finished_at = ?7 WHERE id = ?1")                                          \
	X(SQ_IMPORT_JOB_GET, "SELECT id, org_id, path, account_id, file_name, state, rows, accepted, rejected, "        \
	                     "report, created_at, finished_at FROM import_job WHERE id = ?1")                           \
	/* the batched inserts of a roster import: the columns of SQ_PERSON_INSERT, SQ_MEMBERSHIP_INSERT */             \
	/* and SQ_MEMBER_EVENT_INSERT, 16 rows each (SQL_IMPORT_ROWS). OR ROLLBACK: a statement of      */              \
	/* several rows that may stop half-way (ABORT, the default) keeps a statement journal, a copy   */              \
	/* of every page it touches (a third of the import's instructions); a failure here fails the    */              \
	/* whole import anyway, so it may as well end the transaction. sql_pg.h has them without.       */              \
	X(SQ_IMPORT_PERSON_INSERT, "INSERT OR ROLLBACK INTO " SQL_IMPORT_PERSON_INTO)                                   \
	X(SQ_IMPORT_MEMBERSHIP_INSERT, "INSERT OR ROLLBACK INTO " SQL_IMPORT_MEMBERSHIP_INTO)                           \
	X(SQ_IMPORT_EVENT_INSERT, "INSERT OR ROLLBACK INTO " SQL_IMPORT_EVENT_INTO)                                     \
	/* bench import and bench roster (cli/cmd_bench.c): the places of a synthetic national roster; */               \
	/* answer id, division_code                                                                  */                 \
	X(SQ_BENCH_ORGS_OF_KIND, "SELECT id, division_code FROM org WHERE kind = ?1 ORDER BY division_code")            \
	X(SQ_BENCH_CHILDREN, "SELECT id, division_code FROM org WHERE parent_id = ?1 AND kind = ?2 ORDER BY id")        \
	X(SQ_CASE_INSERT,                                                                                               \
	  "INSERT INTO flow_case(id, type, state, org_id, path, related_path, person_id, applicant_id, "                \
	  "deadline, payload, created_at, updated_at, secret, province) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "    \
	  "?10, ?11, ?11, ?12, ?13)")                                                                                   \
	/* a case in province ?2 (its handling organisation's); _ANY by id alone (province not known) */                \
	X(SQ_CASE_GET, "SELECT " SQL_CASE_COLS " FROM flow_case k WHERE k.id = ?1 AND k.province = ?2")                 \
	X(SQ_CASE_GET_ANY, "SELECT " SQL_CASE_COLS " FROM flow_case k WHERE k.id = ?1")                                 \
	X(SQ_CASE_LIST,                                                                                                 \
	  "SELECT " SQL_CASE_COLS " FROM flow_case k WHERE (" SQL_IN_SCOPE("k.path", "?1", "?2") " OR " SQL_IN_SCOPE(   \
	          "k.related_path", "?1", "?2") ") AND " SQL_CASE_FILTERS " ORDER BY k.id DESC LIMIT ?8 OFFSET ?9")     \
	X(SQ_CASE_LIST_COUNT,                                                                                           \
	  "SELECT count(*) FROM flow_case k WHERE (" SQL_IN_SCOPE("k.path", "?1", "?2") " OR " SQL_IN_SCOPE(            \
	          "k.related_path", "?1", "?2") ") AND " SQL_CASE_FILTERS)                                              \
	X(SQ_CASE_LIST_MINE, "SELECT " SQL_CASE_COLS " FROM flow_case k WHERE (k.applicant_id = ?1 OR "                 \
	                     "k.person_id = ?2) AND " SQL_CASE_FILTERS " ORDER BY k.id DESC LIMIT ?8 OFFSET ?9")        \
	X(SQ_CASE_LIST_MINE_COUNT, "SELECT count(*) FROM flow_case k WHERE (k.applicant_id = ?1 OR "                    \
	                           "k.person_id = ?2) AND " SQL_CASE_FILTERS)                                           \
	X(SQ_CASE_SET_STATE, "UPDATE flow_case SET state = ?2, updated_at = ?3, closed_at = ?4, deadline = ?5 "         \
	                     "WHERE id = ?1 AND province = ?6")                                                         \
	X(SQ_CASE_SET_SECRET, "UPDATE flow_case SET secret = ?2 WHERE id = ?1 AND province = ?3")                       \
	X(SQ_CASE_ROUTE, "UPDATE flow_case SET org_id = ?2, path = ?3, province = ?4 WHERE id = ?1 AND province = ?5")  \
	X(SQ_CASE_STAT_ALL, "SELECT org_id, type, state, closed_at IS NOT NULL, payload FROM flow_case")                \
	X(SQ_CASE_OVERDUE_BY_TYPE, "SELECT type, count(*) FROM flow_case WHERE closed_at IS NULL AND deadline < ?3 "    \
	                           "AND " SQL_IN_SCOPE("path", "?1", "?2") " GROUP BY type")                            \
	X(SQ_CASE_SET_PAYLOAD, "UPDATE flow_case SET payload = ?2 WHERE id = ?1 AND province = ?3")                     \
	X(SQ_CASE_OVERDUE, "SELECT id, province FROM flow_case WHERE closed_at IS NULL AND "                            \
	                   "supervised = 0 AND deadline IS NOT NULL AND deadline < ?1 ORDER BY deadline LIMIT 500")     \
	X(SQ_CASE_OVERDUE_ANY, "SELECT count(*) FROM (SELECT 1 FROM flow_case WHERE closed_at IS NULL AND "             \
	                       "supervised = 0 AND deadline IS NOT NULL AND deadline < ?1 LIMIT 1)")                    \
	X(SQ_CASE_ESCALATE,                                                                                             \
	  "UPDATE flow_case SET related_path = coalesce(related_path, path), org_id = ?2, path = ?3, supervised = 1, "  \
	  "escalations = escalations + ?4, updated_at = ?5, province = ?6 WHERE id = ?1 AND province = ?7")             \
	X(SQ_CASE_SET_DEADLINE, "UPDATE flow_case SET deadline = ?2 WHERE id = ?1")                                     \
	X(SQ_CASE_EVENT_INSERT, "INSERT INTO flow_event(case_id, at, actor_id, actor, action, from_state, to_state, "   \
	                        "org_id, note) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")                             \
	X(SQ_CASE_EVENTS, "SELECT id, at, actor_id, actor, action, from_state, to_state, org_id, note "                 \
	                  "FROM flow_event WHERE case_id = ?1 ORDER BY id")                                             \
	X(SQ_CASE_OPEN_OF_PERSON, "SELECT count(*) FROM flow_case WHERE person_id = ?1 AND type = ?2 AND "              \
	                          "closed_at IS NULL")                                                                  \
	X(SQ_ACCOUNT_BY_PERSON, "SELECT " SQL_ACCOUNT_COLS " FROM account a WHERE a.person_id = ?1")                    \
	X(SQ_ACCOUNT_INSERT_MEMBER, "INSERT INTO account(id, username, name, role, org_id, path, pw_hash, disabled, "   \
	                            "created_at, updated_at, pw_changed_at, person_id) VALUES(?1, ?2, ?3, 'member', "   \
	                            "?4, '/m/', ?5, 0, ?6, ?6, ?6, ?7)")                                                \
	X(SQ_ORG_ROOT, "SELECT id FROM org WHERE parent_id IS NULL ORDER BY id LIMIT 1")                                \
	X(SQ_ACTIVATION_SET, "INSERT OR REPLACE INTO activation(person_id, code_sealed, created_at, expires_at, "       \
	                     "used_at) VALUES(?1, ?2, ?3, ?4, NULL)")                                                   \
	X(SQ_ACTIVATION_GET, "SELECT code_sealed, expires_at, used_at FROM activation WHERE person_id = ?1")            \
	X(SQ_ACTIVATION_USE, "UPDATE activation SET used_at = ?2 WHERE person_id = ?1")                                 \
	X(SQ_DIRECTORY_BY_NAME, "SELECT o.id, o.name, o.kind, o.division_code, (SELECT name FROM place p WHERE "        \
	                        "p.code = o.division_code), (SELECT group_concat(e.name, '、') FROM employer e WHERE " \
	                        "e.union_id = o.id) FROM org_gram g JOIN org o ON o.id = g.org_id WHERE g.gram = ?1 "   \
	                        "AND instr(o.name, ?2) > 0 AND o.kind NOT IN ('national', 'provincial', 'city') "       \
	                        "ORDER BY o.depth, o.division_code, o.name, o.id LIMIT ?3 OFFSET ?4")                   \
	X(SQ_DIRECTORY_BY_NAME_COUNT, "SELECT count(*) FROM (SELECT 1 FROM org_gram g JOIN org o ON o.id = g.org_id "   \
	                              "WHERE g.gram = ?1 AND instr(o.name, ?2) > 0 AND o.kind NOT IN ('national', "     \
	                              "'provincial', 'city') LIMIT 10001)")                                             \
	X(SQ_DIRECTORY_BY_CREDIT, "SELECT o.id, o.name, o.kind, o.division_code, (SELECT name FROM place p WHERE "      \
	                          "p.code = o.division_code), e.name FROM employer e JOIN org o ON o.id = e.union_id "  \
	                          "WHERE e.credit_code = ?1 LIMIT ?2 OFFSET ?3")                                        \
	X(SQ_DIRECTORY_BY_CREDIT_COUNT, "SELECT count(*) FROM employer e WHERE e.credit_code = ?1 AND "                 \
	                                "e.union_id IS NOT NULL")                                                       \
	X(SQ_DIRECTORY_BY_PLACE,                                                                                        \
	  "SELECT o.id, o.name, o.kind, o.division_code, (SELECT name FROM place p WHERE "                              \
	  "p.code = o.division_code), (SELECT group_concat(e.name, '、') FROM employer e WHERE "                       \
	  "e.union_id = o.id) FROM org o WHERE o.division_code >= ?1 AND o.division_code < ?2 "                         \
	  "AND o.kind NOT IN ('national', 'provincial', 'city') "                                                       \
	  "ORDER BY o.depth, o.division_code, o.name, o.id LIMIT ?3 OFFSET ?4")                                         \
	X(SQ_DIRECTORY_BY_PLACE_COUNT, "SELECT count(*) FROM (SELECT 1 FROM org o WHERE o.division_code >= ?1 AND "     \
	                               "o.division_code < ?2 AND o.kind NOT IN ('national', 'provincial', 'city') "     \
	                               "LIMIT 10001)")                                                                  \
	X(SQ_DUES_INSERT,                                                                                               \
	  "INSERT INTO dues(id, membership_id, org_id, path, month, base_fen, amount_fen, rule, paid_on, "              \
	  "created_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")                                                \
	X(SQ_DUES_OF_MEMBER, "SELECT id, membership_id, '', '', month, base_fen, amount_fen, rule, paid_on FROM dues "  \
	                     "WHERE membership_id = ?1 ORDER BY month DESC LIMIT ?2 OFFSET ?3")                         \
	X(SQ_DUES_OF_MEMBER_COUNT, "SELECT count(*) FROM dues WHERE membership_id = ?1")                                \
	X(SQ_DUES_LIST,                                                                                                 \
	  "SELECT d.id, d.membership_id, m.name, m.member_no, d.month, d.base_fen, d.amount_fen, d.rule, "              \
	  "d.paid_on FROM dues d JOIN membership m ON m.id = d.membership_id WHERE " SQL_IN_SCOPE(                      \
	          "d.path", "?1", "?2") " AND d.month = ?3 ORDER BY m.name, m.id LIMIT ?4 OFFSET ?5")                   \
	X(SQ_DUES_LIST_SUM, "SELECT count(*), coalesce(sum(amount_fen), 0) FROM dues d WHERE " SQL_IN_SCOPE(            \
	                            "d.path", "?1", "?2") " AND d.month = ?3")                                          \
	X(SQ_DUES_UNPAID,                                                                                               \
	  "SELECT " SQL_MEMBER_COLS " FROM membership m JOIN person p ON p.id = m.person_id WHERE " SQL_IN_SCOPE(       \
	          "m.path", "?1", "?2") " AND m.status = 'active' AND m.joined_on <= ?4 AND NOT "                       \
	                                "EXISTS (SELECT 1 FROM dues d WHERE d.membership_id = m.id AND d.month = ?3) "  \
	                                "ORDER BY m.name, m.id LIMIT ?5 OFFSET ?6")                                     \
	X(SQ_DUES_UNPAID_COUNT,                                                                                         \
	  "SELECT count(*) FROM membership m WHERE " SQL_IN_SCOPE(                                                      \
	          "m.path", "?1",                                                                                       \
	          "?2") " AND m.status = 'active' AND m.joined_on <= ?4 AND NOT EXISTS (SELECT 1 FROM dues d "          \
	                "WHERE d.membership_id = m.id AND d.month = ?3)")                                               \
	X(SQ_EMPLOYER_DIRECT, "SELECT org_id, count(*), sum(union_id IS NOT NULL), "                                    \
	                      "sum(CASE WHEN union_id IS NOT NULL THEN headcount ELSE 0 END) "                          \
	                      "FROM employer GROUP BY org_id")                                                          \
	X(SQ_EMPLOYER_INSERT, "INSERT INTO employer(id, org_id, path, name, credit_code, division_code, "               \
	                      "headcount, union_id, demo, created_at, updated_at) "                                     \
	                      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)")                                   \
	X(SQ_EMPLOYER_GET, "SELECT " SQL_EMPLOYER_COLS " FROM employer e WHERE e.id = ?1")                              \
	X(SQ_EMPLOYER_BY_CREDIT, "SELECT " SQL_EMPLOYER_COLS " FROM employer e WHERE e.credit_code = ?1")               \
	X(SQ_EMPLOYER_OF_UNION, "SELECT " SQL_EMPLOYER_COLS " FROM employer e WHERE e.union_id = ?1 "                   \
	                        "ORDER BY e.name, e.id")                                                                \
	X(SQ_EMPLOYER_LIST,                                                                                             \
	  "SELECT " SQL_EMPLOYER_COLS " FROM employer e WHERE " SQL_IN_SCOPE(                                           \
	          "e.path", "?1", "?2") " AND (?3 IS NULL OR instr(e.name, ?3) > 0 OR e.credit_code = ?3) AND "         \
	                                "(?4 < 0 OR (e.union_id IS NOT NULL) = ?4) ORDER BY e.name, e.id "              \
	                                "LIMIT ?5 OFFSET ?6")                                                           \
	X(SQ_EMPLOYER_LIST_COUNT,                                                                                       \
	  "SELECT count(*) FROM employer e WHERE " SQL_IN_SCOPE(                                                        \
	          "e.path", "?1", "?2") " AND (?3 IS NULL OR instr(e.name, ?3) > 0 OR e.credit_code = ?3) AND "         \
	                                "(?4 < 0 OR (e.union_id IS NOT NULL) = ?4)")                                    \
	X(SQ_EMPLOYER_UPDATE, "UPDATE employer SET name = ?2, headcount = ?3, division_code = ?4, "                     \
	                      "union_id = ?5, updated_at = ?6 WHERE id = ?1")                                           \
	X(SQ_EMPLOYER_ATTACH, "UPDATE employer SET org_id = ?2, path = ?3, union_id = ?2, headcount = ?4, "             \
	                      "updated_at = ?5 WHERE id = ?1")                                                          \
	X(SQ_ORG_SYNC_HEADCOUNT, "UPDATE org SET headcount = (SELECT coalesce(sum(headcount), 0) FROM employer "        \
	                         "WHERE union_id = ?1) WHERE id = ?1")                                                  \
	X(SQ_EMPLOYER_MOVE_PATHS,                                                                                       \
	  "UPDATE employer SET path = ?3 || substr(path, ?4) WHERE " SQL_IN_SCOPE("path", "?1", "?2"))                  \
	X(SQ_ACCOUNT_INSERT, "INSERT INTO account(id, username, name, role, org_id, path, pw_hash, "                    \
	                     "disabled, created_at, updated_at, pw_changed_at) "                                        \
	                     "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8, ?8, ?8)")                                       \
	X(SQ_ACCOUNT_BY_USERNAME, "SELECT " SQL_ACCOUNT_COLS " FROM account a WHERE a.username = ?1")                   \
	X(SQ_ACCOUNT_GET, "SELECT " SQL_ACCOUNT_COLS " FROM account a WHERE a.id = ?1")                                 \
	X(SQ_ACCOUNT_LIST,                                                                                              \
	  "SELECT " SQL_ACCOUNT_COLS " FROM account a WHERE " SQL_IN_SCOPE(                                             \
	          "a.path", "?1", "?2") " AND (?3 IS NULL OR instr(a.username, ?3) > 0 OR instr(a.name, ?3) > 0) "      \
	                                "ORDER BY a.username LIMIT ?4 OFFSET ?5")                                       \
	X(SQ_ACCOUNT_LIST_COUNT,                                                                                        \
	  "SELECT count(*) FROM account a WHERE " SQL_IN_SCOPE(                                                         \
	          "a.path", "?1", "?2") " AND (?3 IS NULL OR instr(a.username, ?3) > 0 OR instr(a.name, ?3) > 0)")      \
	X(SQ_ACCOUNT_UPDATE, "UPDATE account SET name = ?2, role = ?3, disabled = ?4, updated_at = ?5 "                 \
	                     "WHERE id = ?1")                                                                           \
	X(SQ_ACCOUNT_SET_PASSWORD, "UPDATE account SET pw_hash = ?2, pw_changed_at = ?3, "                              \
	                           "updated_at = ?3 WHERE id = ?1")                                                     \
	X(SQ_ACCOUNT_LOGGED_IN, "UPDATE account SET last_login_at = ?2 WHERE id = ?1")                                  \
	X(SQ_ACCOUNT_MOVE_PATHS,                                                                                        \
	  "UPDATE account SET path = ?3 || substr(path, ?4) WHERE " SQL_IN_SCOPE("path", "?1", "?2"))                   \
	X(SQ_MEMBERSHIP_MOVE_PATHS,                                                                                     \
	  "UPDATE membership SET path = ?3 || substr(path, ?4) WHERE " SQL_IN_SCOPE("path", "?1", "?2"))                \
	X(SQ_CASE_MOVE_PATHS,                                                                                           \
	  "UPDATE flow_case SET path = ?3 || substr(path, ?4) WHERE " SQL_IN_SCOPE("path", "?1", "?2"))                 \
	/* the related organisation (a transfer's sender, the handler before an escalation) moves too */                \
	X(SQ_CASE_MOVE_RELATED,                                                                                         \
	  "UPDATE flow_case SET related_path = ?3 || substr(related_path, ?4) WHERE " SQL_IN_SCOPE("related_path",      \
	                                                                                           "?1", "?2"))         \
	X(SQ_DUES_MOVE_PATHS, "UPDATE dues SET path = ?3 || substr(path, ?4) WHERE " SQL_IN_SCOPE("path", "?1", "?2"))  \
	X(SQ_ACCOUNT_COUNT, "SELECT count(*) FROM account")                                                             \
	X(SQ_SESSION_INSERT, "INSERT INTO session(token_hash, account_id, csrf, created_at, seen_at, ip) "              \
	                     "VALUES(?1, ?2, ?3, ?4, ?4, ?5)")                                                          \
	X(SQ_SESSION_GET, "SELECT s.account_id, s.csrf, s.created_at, s.seen_at FROM session s "                        \
	                  "WHERE s.token_hash = ?1")                                                                    \
	X(SQ_SESSION_TOUCH, "UPDATE session SET seen_at = ?2 WHERE token_hash = ?1")                                    \
	X(SQ_SESSION_DELETE, "DELETE FROM session WHERE token_hash = ?1")                                               \
	X(SQ_SESSION_DELETE_ACCOUNT, "DELETE FROM session WHERE account_id = ?1")                                       \
	X(SQ_SESSION_PURGE, "DELETE FROM session WHERE seen_at < ?1 OR created_at < ?2")                                \
	X(SQ_FAIL_INSERT, "INSERT INTO login_failure(key, at) VALUES(?1, ?2)")                                          \
	X(SQ_FAIL_RECENT, "SELECT at FROM login_failure WHERE key = ?1 ORDER BY at DESC LIMIT ?2")                      \
	X(SQ_FAIL_CLEAR, "DELETE FROM login_failure WHERE key = ?1")                                                    \
	X(SQ_FAIL_PURGE, "DELETE FROM login_failure WHERE at < ?1")                                                     \
	X(SQ_AUDIT_LAST, "SELECT id, mac FROM audit ORDER BY id DESC LIMIT 1")                                          \
	X(SQ_AUDIT_INSERT, "INSERT INTO audit(id, at, actor_id, actor, ip, action, object_type, "                       \
	                   "object_id, path, detail, mac) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")        \
	X(SQ_AUDIT_ALL, "SELECT id, at, actor_id, actor, ip, action, object_type, object_id, path, "                    \
	                "detail, mac FROM audit WHERE id > ?1 ORDER BY id LIMIT ?2")                                    \
	X(SQ_AUDIT_LIST,                                                                                                \
	  "SELECT id, at, actor_id, actor, ip, action, object_type, object_id, path, "                                  \
	  "detail FROM audit WHERE " SQL_IN_SCOPE(                                                                      \
	          "path", "?1", "?2") " AND (?3 IS NULL OR action = ?3) AND (?4 IS NULL OR actor = ?4) "                \
	                              "ORDER BY id DESC LIMIT ?5 OFFSET ?6")                                            \
	X(SQ_AUDIT_LIST_COUNT,                                                                                          \
	  "SELECT count(*) FROM audit WHERE " SQL_IN_SCOPE(                                                             \
	          "path", "?1", "?2") " AND (?3 IS NULL OR action = ?3) AND (?4 IS NULL OR actor = ?4)")

#include "store/sql/sql_bench.h"
#include "store/sql/sql_contracts.h"
#include "store/sql/sql_hardship.h"
#include "store/sql/sql_mutual_aid.h"
#include "store/sql/sql_partition.h"
#include "store/sql/sql_rights.h"
#include "store/sql/sql_stations.h"

/* Every statement: the core's and each module's (store/sql/sql_<module>.h). */
#define SQ_LIST(X)           \
	SQ_LIST_CORE(X)      \
	SQ_LIST_RIGHTS(X)    \
	SQ_LIST_CONTRACTS(X) \
	SQ_LIST_HARDSHIP(X) SQ_LIST_MUTUAL_AID(X) SQ_LIST_STATIONS(X) SQ_LIST_BENCH(X) SQ_LIST_PARTITION(X)

#define SQ_ENUM(name, text) name,
enum sq { SQ_LIST(SQ_ENUM) SQ__MAX };
#undef SQ_ENUM

/* The SQL text of a statement (in the ?N dialect). */
const char *sql_text(enum sq id);
/* Its name, for error messages. */
const char *sql_name(enum sq id);

#endif
