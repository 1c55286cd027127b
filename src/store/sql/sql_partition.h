/*
 * The statements of province partitions and the national registries (issue 5, docs/decisions/
 * 0010-province-partitions.md); included by store/sql.h into SQ_LIST. On SQLite the unique indexes
 * person_id_index and membership_current already make ID numbers and current memberships unique
 * in the whole store, so the claims here answer "claimed" without writing anything (their SQLite
 * text only counts its own parameters); store/sql_pg.h gives their PostgreSQL text, which writes
 * the hash-partitioned registries id_registry and membership_claim (schema/pg_v5_partition.h).
 */
#ifndef GH_STORE_SQL_PARTITION_H
#define GH_STORE_SQL_PARTITION_H

#include "store/schema/v5_partition.h" /* SQL_PROVINCE_OF */

/* The rows of the batched claims of a roster import: 16 rows, row r taking ?r01, ?r02, ?r03 (as
 * SQL_IMPORT_ROWS in sql.h). */
#define SQL_IMPORT_CLAIM_ROW(r)  "(?" #r "01, ?" #r "02, ?" #r "03)"
#define SQL_IMPORT_CLAIM2_ROW(r) "(?" #r "01, ?" #r "02)"

/* SQ_ID_CLAIM claims ID number ?1 (blind index) for person ?2 at ?3 and answers how many rows it
 * claimed: 1, or 0 when the number belongs to a person already (read them with
 * SQ_PERSON_BY_INDEX). SQ_MEMBERSHIP_CLAIM claims the one current membership of person ?1 for
 * membership ?2 and answers 1, or 0 when the person has a current membership
 * (anywhere in the country). SQ_MEMBERSHIP_RELEASE gives it up when membership ?2 of person ?1
 * stops being current. The SQ_IMPORT_* forms claim 16 rows at once and answer how many they
 * claimed. SQ_PERSON_SET_PROVINCE moves person ?1 (ID number's blind index ?4) from province ?2 to
 * ?3 (a row move on PostgreSQL, where its registry entry follows: sql_pg.h);
 * SQ_MEMBERSHIP_SET_ORG_PROVINCE and SQ_CASE_SET_ORG_PROVINCE give the rows of organisation ?1
 * (path in [?3, ?4): its subtree range, so the path index finds them) province ?2 when its place
 * changes, SQ_PERSON_FOLLOW_ORG the persons of its current members. SQ_REGISTRY_FILL claims every
 * person's ID number and current membership that has no claim yet (gonghui migrate, after copying
 * a store that has no registries); SQ_REGISTRY_MISMATCHES counts, for stats verify, the persons and
 * current memberships without their claim and the claims without their row. SQ_DANGLING_REFS counts
 * the rows that point at a person, membership or case that does not exist: on PostgreSQL those
 * references are no foreign keys any more (decision 0010), on SQLite they are (nothing to count). */
#define SQ_LIST_PARTITION(X)                                                                                           \
	X(SQ_ID_CLAIM, "SELECT count(*) FROM (VALUES (?1, ?2, ?3))")                                                   \
	X(SQ_MEMBERSHIP_CLAIM, "SELECT count(*) FROM (VALUES (?1, ?2))")                                               \
	X(SQ_MEMBERSHIP_RELEASE, "SELECT count(*) FROM (VALUES (?1, ?2)) WHERE 0")                                     \
	X(SQ_IMPORT_ID_CLAIM, "SELECT count(*) FROM (VALUES " SQL_IMPORT_ROWS(SQL_IMPORT_CLAIM_ROW) ")")               \
	X(SQ_IMPORT_MEMBERSHIP_CLAIM, "SELECT count(*) FROM (VALUES " SQL_IMPORT_ROWS(SQL_IMPORT_CLAIM2_ROW) ")")      \
	X(SQ_PERSON_SET_PROVINCE, "UPDATE person SET province = ?3 WHERE id = ?1 AND province = ?2 AND id_index = ?4 " \
	                          "AND province <> ?3")                                                                \
	X(SQ_MEMBERSHIP_SET_ORG_PROVINCE, "UPDATE membership SET province = ?2 WHERE " SQL_IN_SCOPE(                   \
	                                          "path", "?3", "?4") " AND org_id = ?1 AND province <> ?2")           \
	X(SQ_CASE_SET_ORG_PROVINCE, "UPDATE flow_case SET province = ?2 WHERE " SQL_IN_SCOPE(                          \
	                                    "path", "?3", "?4") " AND org_id = ?1 AND province <> ?2")                 \
	X(SQ_PERSON_FOLLOW_ORG,                                                                                        \
	  "UPDATE person SET province = ?2 WHERE province <> ?2 AND id IN (SELECT person_id FROM membership "          \
	  "WHERE " SQL_IN_SCOPE("path", "?3", "?4") " AND org_id = ?1 AND status IN ('active', 'retained'))")          \
	X(SQ_REGISTRY_FILL, "SELECT 0 WHERE 0")                                                                        \
	X(SQ_REGISTRY_MISMATCHES, "SELECT 0, 0")                                                                       \
	X(SQ_DANGLING_REFS, "SELECT 0")                                                                                \
	/* stats verify: rows whose province is not their organisation's (person: its current membership's) */         \
	X(SQ_PROVINCE_MISMATCHES,                                                                                      \
	  "SELECT (SELECT count(*) FROM membership m JOIN org o ON o.id = m.org_id WHERE m.province "                  \
	  "<> " SQL_PROVINCE_OF(                                                                                       \
	          "o.division_code") "), (SELECT count(*) FROM flow_case k JOIN org o ON o.id = "                      \
	                             "k.org_id WHERE k.province <> " SQL_PROVINCE_OF(                                  \
	                                     "o.division_code") "), (SELECT count(*) FROM "                            \
	                                                        "membership m JOIN person p ON p.id = m.person_id "    \
	                                                        "WHERE m.status IN ('active', 'retained') AND "        \
	                                                        "p.province <> m.province)")

#endif
