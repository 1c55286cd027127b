/*
 * Schema 4 -> 5 on PostgreSQL: person, membership and flow_case partitioned by province (LIST, one
 * partition per province code, <table>_p<NN>, and <table>_pdefault for 0 and anything else), and the
 * national registries that uniqueness moves to, partitioned by hash (docs/decisions/
 * 0010-province-partitions.md):
 * - id_registry: one row per ID number (blind index), claimed before a person is written;
 * - membership_claim: one row per person with a current (active or retained) membership, claimed
 *   when a membership begins and released when it ends: the per-partition membership_current index
 *   only holds inside a province.
 * A table cannot be made partitioned in place: each is renamed, made again partitioned, filled from
 * the old one with its province, and the old one dropped. Primary keys and unique indexes include
 * the partition key (PostgreSQL requires it), so the foreign keys that pointed at these tables go
 * with the old tables (DROP … CASCADE): account.person_id, activation.person_id,
 * membership.person_id, flow_case.person_id, membership_event.membership_id, dues.membership_id,
 * flow_event.case_id, hardship_assistance.case_id, mutual_aid_enrolment.membership_id/person_id.
 * The names are a contract with bench/cluster (postgres_fdw shards): keep them.
 * Never edit it once released: add the next migration.
 */
#ifndef GH_STORE_SCHEMA_PG_V5_PARTITION_H
#define GH_STORE_SCHEMA_PG_V5_PARTITION_H

#include "store/schema/v5_partition.h"

/* The province codes of the division data (31 provinces) and 71, 81, 82 (Taiwan, Hong Kong, Macao). */
/* clang-format off */
#define PG_PROVINCES(X, t)                                                                              \
	X(t, 11) X(t, 12) X(t, 13) X(t, 14) X(t, 15) X(t, 21) X(t, 22) X(t, 23) X(t, 31) X(t, 32)     \
	X(t, 33) X(t, 34) X(t, 35) X(t, 36) X(t, 37) X(t, 41) X(t, 42) X(t, 43) X(t, 44) X(t, 45)     \
	X(t, 46) X(t, 50) X(t, 51) X(t, 52) X(t, 53) X(t, 54) X(t, 61) X(t, 62) X(t, 63) X(t, 64)     \
	X(t, 65) X(t, 71) X(t, 81) X(t, 82)
#define PG_PROVINCE_PARTITION(t, n) "CREATE TABLE " t "_p" #n " PARTITION OF " t " FOR VALUES IN (" #n ");"
#define PG_PROVINCE_PARTITIONS(t) \
	PG_PROVINCES(PG_PROVINCE_PARTITION, t) "CREATE TABLE " t "_pdefault PARTITION OF " t " DEFAULT;"

#define PG_HASH_PARTITION(t, r) \
	"CREATE TABLE " t "_h" #r " PARTITION OF " t " FOR VALUES WITH (MODULUS 8, REMAINDER " #r ");"
#define PG_HASH_PARTITIONS(t)                                                                         \
	PG_HASH_PARTITION(t, 0) PG_HASH_PARTITION(t, 1) PG_HASH_PARTITION(t, 2) PG_HASH_PARTITION(t, 3) \
	PG_HASH_PARTITION(t, 4) PG_HASH_PARTITION(t, 5) PG_HASH_PARTITION(t, 6) PG_HASH_PARTITION(t, 7)
/* clang-format on */

/* clang-format off */
#define SCHEMA_PG_V5_PARTITION \
	"ALTER TABLE person RENAME TO person_v4;"                                                                       \
	"ALTER TABLE membership RENAME TO membership_v4;"                                                               \
	"ALTER TABLE flow_case RENAME TO flow_case_v4;"                                                                 \
	"CREATE TABLE person("                                                                                          \
	" id BIGINT NOT NULL,"                                                                                          \
	" id_index BYTEA NOT NULL,"                                                                                     \
	" id_sealed BYTEA NOT NULL,"                                                                                    \
	" id_masked TEXT NOT NULL,"                                                                                     \
	" name TEXT NOT NULL,"                                                                                          \
	" sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),"                                                                 \
	" birth_date TEXT NOT NULL,"                                                                                    \
	" ethnicity TEXT, political TEXT, education TEXT, household TEXT,"                                              \
	" migrant BIGINT NOT NULL DEFAULT 0,"                                                                           \
	" employment TEXT, new_form TEXT, skill TEXT,"                                                                  \
	" phone_index BYTEA, phone_sealed BYTEA, phone_masked TEXT,"                                                    \
	" demo BIGINT NOT NULL DEFAULT 0,"                                                                              \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,"                                                      \
	" province SMALLINT NOT NULL DEFAULT 0) PARTITION BY LIST (province);"                                          \
	PG_PROVINCE_PARTITIONS("person")                                                                                \
	"CREATE TABLE membership("                                                                                      \
	" id BIGINT NOT NULL,"                                                                                          \
	" person_id BIGINT NOT NULL,"                                                                                   \
	" org_id BIGINT NOT NULL REFERENCES org(id),"                                                                   \
	" path TEXT COLLATE \"C\" NOT NULL,"                                                                            \
	" member_no TEXT NOT NULL,"                                                                                     \
	" name TEXT NOT NULL,"                                                                                          \
	" joined_on TEXT NOT NULL,"                                                                                     \
	" status TEXT NOT NULL CHECK (status IN ('active', 'transferred', 'retained', 'withdrawn', 'expelled',"         \
	" 'deceased')),"                                                                                                \
	" status_on TEXT NOT NULL,"                                                                                     \
	" status_reason TEXT,"                                                                                          \
	" via TEXT NOT NULL,"                                                                                           \
	" demo BIGINT NOT NULL DEFAULT 0,"                                                                              \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,"                                                      \
	" province SMALLINT NOT NULL DEFAULT 0) PARTITION BY LIST (province);"                                          \
	PG_PROVINCE_PARTITIONS("membership")                                                                            \
	"CREATE TABLE flow_case("                                                                                       \
	" id BIGINT NOT NULL,"                                                                                          \
	" type TEXT NOT NULL,"                                                                                          \
	" state TEXT NOT NULL,"                                                                                         \
	" org_id BIGINT NOT NULL REFERENCES org(id),"                                                                   \
	" path TEXT COLLATE \"C\" NOT NULL,"                                                                            \
	" related_path TEXT COLLATE \"C\","                                                                             \
	" person_id BIGINT,"                                                                                            \
	" applicant_id BIGINT REFERENCES account(id),"                                                                  \
	" deadline BIGINT,"                                                                                             \
	" supervised BIGINT NOT NULL DEFAULT 0,"                                                                        \
	" escalations BIGINT NOT NULL DEFAULT 0,"                                                                       \
	" payload TEXT NOT NULL,"                                                                                       \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, closed_at BIGINT,"                                    \
	" secret BYTEA,"                                                                                                \
	" province SMALLINT NOT NULL DEFAULT 0) PARTITION BY LIST (province);"                                          \
	PG_PROVINCE_PARTITIONS("flow_case")                                                                             \
	"INSERT INTO membership SELECT m.*, (SELECT " SQL_PROVINCE_OF("o.division_code") " FROM org o"                  \
	" WHERE o.id = m.org_id) FROM membership_v4 m;"                                                                 \
	"INSERT INTO person SELECT p.*, " SQL_PERSON_PROVINCE("p.id") " FROM person_v4 p;"                              \
	"INSERT INTO flow_case SELECT k.*, (SELECT " SQL_PROVINCE_OF("o.division_code") " FROM org o"                   \
	" WHERE o.id = k.org_id) FROM flow_case_v4 k;"                                                                  \
	"DROP TABLE flow_case_v4, membership_v4, person_v4 CASCADE;"                                                    \
	"ALTER TABLE person ADD PRIMARY KEY (id, province);"                                                            \
	"CREATE INDEX person_id_index ON person(id_index);"                                                             \
	"CREATE INDEX person_phone ON person(phone_index) WHERE phone_index IS NOT NULL;"                               \
	"ALTER TABLE membership ADD PRIMARY KEY (id, province);"                                                        \
	"CREATE UNIQUE INDEX membership_no ON membership(member_no, province);"                                         \
	"CREATE UNIQUE INDEX membership_current ON membership(person_id, province)"                                     \
	" WHERE status IN ('active', 'retained');"                                                                      \
	"CREATE INDEX membership_person ON membership(person_id, id);"                                                  \
	"CREATE INDEX membership_roster ON membership(path, name, id);"                                                 \
	"CREATE INDEX membership_name ON membership(name, path);"                                                       \
	"ALTER TABLE flow_case ADD PRIMARY KEY (id, province);"                                                         \
	"CREATE INDEX flow_case_scope ON flow_case(path, type, state, id);"                                             \
	"CREATE INDEX flow_case_related ON flow_case(related_path, id) WHERE related_path IS NOT NULL;"                 \
	"CREATE INDEX flow_case_open_deadline ON flow_case(deadline) WHERE closed_at IS NULL;"                          \
	"CREATE INDEX flow_case_applicant ON flow_case(applicant_id, id);"                                              \
	"CREATE INDEX flow_case_person ON flow_case(person_id, type, state);"                                           \
	"CREATE INDEX flow_case_supervised ON flow_case(path, id) WHERE supervised = 1;"                                \
	"CREATE INDEX flow_case_type_scope ON flow_case(type, path, id);"                                               \
	"CREATE TABLE id_registry("                                                                                     \
	" id_index BYTEA PRIMARY KEY,"                                                                                  \
	" person_id BIGINT NOT NULL,"                                                                                   \
	" created_at BIGINT NOT NULL) PARTITION BY HASH (id_index);"                                                    \
	PG_HASH_PARTITIONS("id_registry")                                                                               \
	"INSERT INTO id_registry(id_index, person_id, created_at) SELECT id_index, id, created_at FROM person;"         \
	"CREATE TABLE membership_claim("                                                                                \
	" person_id BIGINT PRIMARY KEY,"                                                                                \
	" membership_id BIGINT NOT NULL) PARTITION BY HASH (person_id);"                                                \
	PG_HASH_PARTITIONS("membership_claim")                                                                          \
	"INSERT INTO membership_claim(person_id, membership_id) SELECT person_id, id FROM membership"                   \
	" WHERE status IN ('active', 'retained');"
/* clang-format on */

#endif
