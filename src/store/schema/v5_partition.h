/*
 * Schema 4 -> 5 (SQLite): the province of every person, membership and case (issue 5, docs/decisions/
 * 0010-province-partitions.md). On SQLite a plain column, filled here for the rows of an existing
 * store; the domain fills it on every write (domain/province.c). SQLite keeps national uniqueness
 * with its unique indexes (person_id_index, membership_current), so it has no registry: the claim
 * statements are no-ops in this dialect (store/sql/sql_partition.h). Never edit it once released.
 */
#ifndef GH_STORE_SCHEMA_V5_PARTITION_H
#define GH_STORE_SCHEMA_V5_PARTITION_H

/* The province of a division code: its first two digits as a number when they are a province code
 * of the division data (plus 71, 81, 82), else 0. The same rule as province_of() in domain/province.c. */
#define SQL_PROVINCE_OF(col)                                                                                \
	"(CASE WHEN substr(" col ", 1, 2) IN ('11', '12', '13', '14', '15', '21', '22', '23', '31', '32', " \
	"'33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', "  \
	"'61', '62', '63', '64', '65', '71', '81', '82') THEN CAST(substr(" col ", 1, 2) AS INTEGER) ELSE 0 END)"

/* A person's province: that of their current membership, else their latest, else 0. */
#define SQL_PERSON_PROVINCE(person_id)                                                              \
	"coalesce((SELECT m.province FROM membership m WHERE m.person_id = " person_id " ORDER BY " \
	"(m.status IN ('active', 'retained')) DESC, m.id DESC LIMIT 1), 0)"

#define SCHEMA_V5_PARTITION                                                                                        \
	"ALTER TABLE person ADD COLUMN province INTEGER NOT NULL DEFAULT 0;"                                       \
	"ALTER TABLE membership ADD COLUMN province INTEGER NOT NULL DEFAULT 0;"                                   \
	"ALTER TABLE flow_case ADD COLUMN province INTEGER NOT NULL DEFAULT 0;"                                    \
	"UPDATE membership SET province = (SELECT " SQL_PROVINCE_OF(                                               \
	        "o.division_code") " FROM org o "                                                                  \
	                           "WHERE o.id = membership.org_id);"                                              \
	                           "UPDATE flow_case SET province = (SELECT " SQL_PROVINCE_OF(                     \
	                                   "o.division_code") " FROM org o "                                       \
	                                                      "WHERE o.id = flow_case.org_id);"                    \
	                                                      "UPDATE person SET province = " SQL_PERSON_PROVINCE( \
	                                                              "person.id") ";"

#endif
