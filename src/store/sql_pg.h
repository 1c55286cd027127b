/*
 * The PostgreSQL text of the statements whose sql.h text is SQLite-only. store_pg.c prepares
 * sql_pg_text(id) when a statement is listed here and sql_text(id) otherwise; both are then
 * rewritten from ?N to $N. Keep this list short: write statements both dialects accept (the
 * PostgreSQL schema provides SQLite's instr, group_concat, sum over a comparison and
 * comparison = integer, see schema_pg.c), and list here only what cannot be shared:
 *   INSERT OR IGNORE / OR REPLACE      -> ON CONFLICT DO NOTHING / DO UPDATE
 *   a subquery in FROM without alias   -> PostgreSQL 15 requires the alias
 *   an unqualified column beside excluded.<column> in an upsert (ambiguous in PostgreSQL)
 *   CAST(... AS INTEGER) of ids        -> INTEGER is 32 bits in PostgreSQL
 *   INSERT OR ROLLBACK                 -> INSERT (a failed statement fails the import either way)
 * Same X-macro shape as SQ_LIST: X(id, text). Modules add theirs in SQ_LIST_PG_<MODULE> below.
 */
#ifndef GH_STORE_SQL_PG_H
#define GH_STORE_SQL_PG_H

#include "store/sql.h"

#define SQ_LIST_PG_CORE(X)                                                                                            \
	X(SQ_ID_NEXT, "UPDATE meta SET value = (CAST(value AS BIGINT) + ?1)::text WHERE key = 'id_next' "             \
	              "RETURNING CAST(value AS BIGINT)")                                                              \
	X(SQ_PLACE_INSERT, "INSERT INTO place(code, name, level) VALUES(?1, ?2, ?3) ON CONFLICT DO NOTHING")          \
	X(SQ_GRAM_INSERT, "INSERT INTO org_gram(gram, org_id) VALUES(?1, ?2) ON CONFLICT DO NOTHING")                 \
	X(SQ_STAT_ADD, "INSERT INTO org_stat(org_id, metric, value) VALUES(?1, ?2, ?3) "                              \
	               "ON CONFLICT(org_id, metric) DO UPDATE SET value = org_stat.value + excluded.value")           \
	X(SQ_STAT_MONTH_ADD, "INSERT INTO org_stat_month(org_id, month, metric, value) VALUES(?1, ?2, ?3, ?4) "       \
	                     "ON CONFLICT(org_id, month, metric) DO UPDATE SET value = org_stat_month.value + "       \
	                     "excluded.value")                                                                        \
	X(SQ_ACTIVATION_SET, "INSERT INTO activation(person_id, code_sealed, created_at, expires_at, used_at) "       \
	                     "VALUES(?1, ?2, ?3, ?4, NULL) ON CONFLICT(person_id) DO UPDATE SET code_sealed = "       \
	                     "excluded.code_sealed, created_at = excluded.created_at, expires_at = "                  \
	                     "excluded.expires_at, used_at = NULL")                                                   \
	X(SQ_ORG_SEARCH_COUNT, "SELECT count(*) FROM (SELECT 1 FROM org_gram g JOIN org o "                           \
	                       "ON o.id = g.org_id WHERE g.gram = ?1 AND instr(o.name, ?2) > 0 AND " SQL_IN_SCOPE(    \
	                               "o.path", "?3", "?4") " LIMIT ?5) AS q")                                       \
	X(SQ_MEMBER_LIST_COUNT, "SELECT count(*) FROM (SELECT 1 FROM membership m WHERE " SQL_IN_SCOPE(               \
	                                "m.path", "?1", "?2") " AND (?3 IS NULL OR instr(m.name, ?3) > 0) "           \
	                                                      "AND " SQL_STATUS_FILTER("?4") " LIMIT ?5) AS q")       \
	X(SQ_CASE_OVERDUE_ANY, "SELECT count(*) FROM (SELECT 1 FROM flow_case WHERE closed_at IS NULL AND "           \
	                       "supervised = 0 AND deadline IS NOT NULL AND deadline < ?1 LIMIT 1) AS q")             \
	X(SQ_DIRECTORY_BY_NAME_COUNT, "SELECT count(*) FROM (SELECT 1 FROM org_gram g JOIN org o ON o.id = g.org_id " \
	                              "WHERE g.gram = ?1 AND instr(o.name, ?2) > 0 AND o.kind NOT IN ('national', "   \
	                              "'provincial', 'city') LIMIT 10001) AS q")                                      \
	X(SQ_DIRECTORY_BY_PLACE_COUNT, "SELECT count(*) FROM (SELECT 1 FROM org o WHERE o.division_code >= ?1 AND "   \
	                               "o.division_code < ?2 AND o.kind NOT IN ('national', 'provincial', 'city') "   \
	                               "LIMIT 10001) AS q")                                                           \
	/* the registry entries of the 16 persons (claimed with province 0) take their province */                    \
	X(SQ_IMPORT_PERSON_INSERT, "WITH p AS (INSERT INTO " SQL_IMPORT_PERSON_INTO ") UPDATE id_registry SET "       \
	                           "province = ?121 WHERE id_index IN (" SQL_IMPORT_ROWS(                             \
	                                   SQL_IMPORT_ID_INDEX) ") "                                                  \
	                                                        "AND ?121 <> 0 AND province <> ?121")                 \
	X(SQ_IMPORT_MEMBERSHIP_INSERT, "INSERT INTO " SQL_IMPORT_MEMBERSHIP_INTO)                                     \
	X(SQ_IMPORT_EVENT_INSERT, "INSERT INTO " SQL_IMPORT_EVENT_INTO)

/* The statements that scan whole tables (stats verify and rebuild): inside a transaction they
 * are read through a cursor, FETCH 10000 rows at a time, instead of whole. X(id). */
#define SQ_PG_STREAMED(X)          \
	X(SQ_ORG_TREE)             \
	X(SQ_STAT_ALL)             \
	X(SQ_STAT_MONTH_ALL)       \
	X(SQ_MEMBER_DIRECT)        \
	X(SQ_MEMBER_DIRECT_BIRTHS) \
	X(SQ_MEMBER_DIRECT_JOINS)  \
	X(SQ_MEMBER_DIRECT_LEAVES) \
	X(SQ_EMPLOYER_DIRECT)      \
	X(SQ_CASE_STAT_ALL)

/* The modules' overrides. */
#define SQ_LIST_PG_MODULES(X)                                                                                         \
	/* the roster of a large scope in name order: PostgreSQL picks the name index itself */                       \
	X(SQ_MEMBER_LIST_BY_NAME,                                                                                     \
	  "SELECT " SQL_MEMBER_COLS " FROM membership m JOIN person p ON p.id = m.person_id WHERE " SQL_IN_SCOPE(     \
	          "m.path", "?1",                                                                                     \
	          "?2") " AND (?3 IS NULL OR " SQL_MEMBER_NAME_IS("?9") ") "                                          \
	                                                                "AND " SQL_STATUS_FILTER(                     \
	                                                                        "?4") " AND " SQL_MEMBER_AFTER        \
	                                                                              " ORDER BY m.name, m.id LIMIT " \
	                                                                              "?5 OFFSET ?6")                 \
	/* the name search without SQLite's INDEXED BY; the ranges are prefixes because the cluster's     \
	 * collation is C.UTF-8 (code point order, as SQLite's bytes: scripts/pg-cluster.sh)             */           \
	X(SQ_MEMBER_SEARCH,                                                                                           \
	  "SELECT " SQL_MEMBER_COLS                                                                                   \
	  " FROM membership m JOIN person p ON p.id = m.person_id WHERE m.id IN (" SQL_MEMBER_NAMED(                  \
	          "", "", "?9") ") AND " SQL_STATUS_FILTER("?4") " AND " SQL_MEMBER_AFTER                             \
	                                                         " ORDER BY m.name, m.id LIMIT ?5 OFFSET ?6")         \
	X(SQ_MEMBER_SEARCH_COUNT, "SELECT count(*) FROM (" SQL_MEMBER_NAMED_COUNT("", "") ") AS q")                   \
	/* a member's benefits granted in a plan year: the payload is JSON text */                                    \
	X(SQ_MA_USED, "SELECT coalesce(sum((payload::jsonb ->> 'benefit_fen')::bigint), 0) FROM flow_case "           \
	              "WHERE type = 'mutual_aid_claim' AND person_id = ?1 AND state IN ('approved', 'paid') "         \
	              "AND (payload::jsonb ->> 'plan_id')::bigint = ?2 AND id <> ?3")

/* Province partitions (docs/decisions/0010): the claims write the hash-partitioned registries, a person
 * is found by ID number through id_registry (one hash partition) rather than in every province. */
#define SQL_PG_CLAIMED(ins) "WITH claimed AS (" ins " ON CONFLICT DO NOTHING RETURNING 1) SELECT count(*) FROM claimed"
/* The registry's province follows the person's: every statement that writes a person's province writes
 * it in the registry entry too, found by the blind index (one hash partition). */
#define SQL_IMPORT_ID_INDEX(r) "?" #r "02"
#define SQ_LIST_PG_PARTITION(X)                                                                                       \
	X(SQ_PERSON_BY_INDEX, "SELECT person_id, province FROM id_registry WHERE id_index = ?1")                      \
	X(SQ_PERSON_INSERT,                                                                                           \
	  "WITH p AS (INSERT INTO person(id, id_index, id_sealed, id_masked, name, sex, birth_date, ethnicity, "      \
	  "political, education, household, migrant, employment, new_form, skill, phone_index, phone_sealed, "        \
	  "phone_masked, demo, created_at, updated_at, province) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "    \
	  "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?20, ?21)) UPDATE id_registry SET province = ?21 "       \
	  "WHERE id_index = ?2 AND ?21 <> 0 AND province <> ?21")                                                     \
	X(SQ_PERSON_SET_PROVINCE,                                                                                     \
	  "WITH p AS (UPDATE person SET province = ?3 WHERE id = ?1 AND province = ?2 AND id_index = ?4 AND "         \
	  "province <> ?3) UPDATE id_registry SET province = ?3 WHERE id_index = ?4 AND person_id = ?1 AND "          \
	  "province <> ?3")                                                                                           \
	X(SQ_PERSON_FOLLOW_ORG,                                                                                       \
	  "WITH p AS (UPDATE person SET province = ?2 WHERE province <> ?2 AND id IN (SELECT person_id FROM "         \
	  "membership WHERE " SQL_IN_SCOPE("path", "?3", "?4") " AND org_id = ?1 AND status IN ('active', "           \
	                                                       "'retained')) RETURNING id_index) UPDATE id_registry " \
	                                                       "SET province = ?2 WHERE id_index IN (SELECT "         \
	                                                       "id_index FROM p)")                                    \
	X(SQ_ID_CLAIM, SQL_PG_CLAIMED("INSERT INTO " SQB_ID_CLAIM " VALUES(?1, ?2, ?3)"))                             \
	X(SQ_MEMBERSHIP_CLAIM, SQL_PG_CLAIMED("INSERT INTO " SQB_MEMBERSHIP_CLAIM " VALUES(?1, ?2)"))                 \
	X(SQ_MEMBERSHIP_RELEASE, "DELETE FROM membership_claim WHERE person_id = ?1 AND membership_id = ?2")          \
	X(SQ_IMPORT_ID_CLAIM,                                                                                         \
	  SQL_PG_CLAIMED("INSERT INTO " SQB_ID_CLAIM " VALUES " SQL_IMPORT_ROWS(SQL_IMPORT_CLAIM_ROW)))               \
	X(SQ_IMPORT_MEMBERSHIP_CLAIM,                                                                                 \
	  SQL_PG_CLAIMED("INSERT INTO " SQB_MEMBERSHIP_CLAIM " VALUES " SQL_IMPORT_ROWS(SQL_IMPORT_CLAIM2_ROW)))      \
	X(SQ_REGISTRY_FILL,                                                                                           \
	  "WITH ids AS (INSERT INTO id_registry(id_index, person_id, created_at, province) SELECT id_index, id, "     \
	  "created_at, province FROM person ON CONFLICT DO NOTHING RETURNING 1) INSERT INTO "                         \
	  "membership_claim(person_id, membership_id) "                                                               \
	  "SELECT person_id, id FROM membership WHERE status IN ('active', 'retained') ON CONFLICT DO NOTHING")       \
	X(SQ_DANGLING_REFS,                                                                                           \
	  "SELECT (SELECT count(*) FROM account x WHERE x.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 "            \
	  "FROM person y WHERE y.id = x.person_id)) + (SELECT count(*) FROM activation x WHERE x.person_id "          \
	  "IS NOT NULL AND NOT EXISTS (SELECT 1 FROM person y WHERE y.id = x.person_id)) + (SELECT "                  \
	  "count(*) FROM membership x WHERE x.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM person y "          \
	  "WHERE y.id = x.person_id)) + (SELECT count(*) FROM flow_case x WHERE x.person_id IS NOT NULL "             \
	  "AND NOT EXISTS (SELECT 1 FROM person y WHERE y.id = x.person_id)) + (SELECT count(*) FROM "                \
	  "mutual_aid_enrolment x WHERE x.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM person y "              \
	  "WHERE y.id = x.person_id)) + (SELECT count(*) FROM membership_event x WHERE x.membership_id IS "           \
	  "NOT NULL AND NOT EXISTS (SELECT 1 FROM membership y WHERE y.id = x.membership_id)) + (SELECT "             \
	  "count(*) FROM dues x WHERE x.membership_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM membership "          \
	  "y WHERE y.id = x.membership_id)) + (SELECT count(*) FROM mutual_aid_enrolment x WHERE "                    \
	  "x.membership_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM membership y WHERE y.id = "                      \
	  "x.membership_id)) + (SELECT count(*) FROM flow_event x WHERE x.case_id IS NOT NULL AND NOT "               \
	  "EXISTS (SELECT 1 FROM flow_case y WHERE y.id = x.case_id)) + (SELECT count(*) FROM "                       \
	  "hardship_assistance x WHERE x.case_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM flow_case y "              \
	  "WHERE y.id = x.case_id))")                                                                                 \
	X(SQ_REGISTRY_MISMATCHES,                                                                                     \
	  "SELECT (SELECT count(*) FROM person p WHERE NOT EXISTS (SELECT 1 FROM id_registry r WHERE "                \
	  "r.id_index = p.id_index AND r.person_id = p.id AND r.province = p.province)) + (SELECT count(*) FROM "     \
	  "id_registry r WHERE NOT EXISTS "                                                                           \
	  "(SELECT 1 FROM person p WHERE p.id = r.person_id)), (SELECT count(*) FROM membership m WHERE m.status IN " \
	  "('active', 'retained') AND NOT EXISTS (SELECT 1 FROM membership_claim c WHERE c.person_id = m.person_id "  \
	  "AND c.membership_id = m.id)) + (SELECT count(*) FROM membership_claim c WHERE NOT EXISTS (SELECT 1 FROM "  \
	  "membership m WHERE m.id = c.membership_id AND m.status IN ('active', 'retained')))")

/* Every override: the core's and each module's. */
#define SQ_LIST_PG(X) SQ_LIST_PG_CORE(X) SQ_LIST_PG_MODULES(X) SQ_LIST_PG_PARTITION(X)

#endif
