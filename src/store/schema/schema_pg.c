/*
 * The PostgreSQL schema: the same migrations as schema_sqlite.c, version for version, in the
 * PostgreSQL dialect. Migration i brings a store from version i to i + 1; store_migrate() applies
 * those a store lacks in one transaction (DDL is transactional in PostgreSQL). Never edit a
 * released migration: add the next one, here and in schema_sqlite.c.
 *
 * Dialect (docs/decisions/0007-postgresql-backend.md):
 * - ids are BIGINT, blobs BYTEA, SQLite's integers BIGINT (booleans stay 0/1 integers); tables
 *   whose rows get their id from the store (events) use an identity column, like SQLite's rowid.
 * - Every materialised path column is COLLATE "C": SQLite compares text by bytes, and the subtree
 *   range path >= lo AND path < hi only holds in byte order ('/' < '0'); a linguistic collation
 *   ignores punctuation and would break it. The database itself is created with C collation too
 *   (store_pg.c), so ORDER BY name gives the order SQLite gives.
 * - Migration 1 also creates the few SQLite functions the statements of sql.h use (instr,
 *   group_concat, sum over a comparison, a comparison compared with an integer, substr with a
 *   bigint start), so that the same statement text runs on both; the statements that cannot be
 *   shared are rewritten in sql_pg.h.
 */
#include "store/schema/pg_v4_contracts.h"
#include "store/schema/pg_v4_hardship.h"
#include "store/schema/pg_v4_mutual_aid.h"
#include "store/schema/pg_v4_rights.h"
#include "store/schema/pg_v4_stations.h"
#include "store/schema/pg_v5_partition.h"
#include "store/schema/pg_v7_registry_province.h"
#include "store/schema/schema.h"

/* SQLite's functions and operators as the statements use them. SQL functions, so the planner
 * inlines them. */
#define PG_COMPAT                                                                                             \
	"CREATE FUNCTION instr(text, text) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE"              \
	" AS 'SELECT strpos($1, $2)';"                                                                        \
	"CREATE FUNCTION substr(text, bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE"              \
	" AS 'SELECT pg_catalog.substr($1, $2::integer)';"                                                    \
	"CREATE FUNCTION substr(text, bigint, bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE"      \
	" AS 'SELECT pg_catalog.substr($1, $2::integer, $3::integer)';"                                       \
	"CREATE FUNCTION gh_bool_eq(boolean, bigint) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE"    \
	" AS 'SELECT $1::integer = $2';"                                                                      \
	"CREATE OPERATOR = (LEFTARG = boolean, RIGHTARG = bigint, FUNCTION = gh_bool_eq);"                    \
	"CREATE FUNCTION gh_bool_eq4(boolean, integer) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE"  \
	" AS 'SELECT $1::integer = $2';"                                                                      \
	"CREATE OPERATOR = (LEFTARG = boolean, RIGHTARG = integer, FUNCTION = gh_bool_eq4);"                  \
	"CREATE FUNCTION gh_sum_bool(bigint, boolean) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE"    \
	" AS 'SELECT CASE WHEN $2 IS NULL THEN $1 ELSE coalesce($1, 0) + $2::integer END';"                   \
	"CREATE AGGREGATE sum(boolean) (SFUNC = gh_sum_bool, STYPE = bigint);"                                \
	"CREATE FUNCTION gh_group_concat(text, text, text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE" \
	" AS 'SELECT CASE WHEN $2 IS NULL THEN $1 WHEN $1 IS NULL THEN $2 ELSE $1 || $3 || $2 END';"          \
	"CREATE AGGREGATE group_concat(text, text) (SFUNC = gh_group_concat, STYPE = text);"

static const char *const migrations[] = {
        /* 0 -> 1: the spine */
        PG_COMPAT "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                  "INSERT INTO meta(key, value) VALUES('id_next', '0');"

                  "CREATE TABLE place(code TEXT PRIMARY KEY, name TEXT NOT NULL, level BIGINT NOT NULL);"

                  "CREATE TABLE org("
                  " id BIGINT PRIMARY KEY,"
                  " parent_id BIGINT REFERENCES org(id),"
                  " path TEXT COLLATE \"C\" NOT NULL,"
                  " depth BIGINT NOT NULL,"
                  " kind TEXT NOT NULL,"
                  " name TEXT NOT NULL,"
                  " division_code TEXT NOT NULL,"
                  " province_id BIGINT, city_id BIGINT, county_id BIGINT, town_id BIGINT,"
                  " status TEXT NOT NULL DEFAULT 'active',"
                  " credit_code TEXT,"
                  " headcount BIGINT,"
                  " founded_on TEXT, term_years BIGINT, chair TEXT, phone TEXT,"
                  " demo BIGINT NOT NULL DEFAULT 0,"
                  " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);"
                  "CREATE UNIQUE INDEX org_path ON org(path);"
                  "CREATE INDEX org_children ON org(parent_id, division_code, name);"
                  "CREATE INDEX org_division ON org(division_code, depth);"
                  "CREATE INDEX org_credit ON org(credit_code) WHERE credit_code IS NOT NULL;"

                  "CREATE TABLE org_gram(gram TEXT NOT NULL, org_id BIGINT NOT NULL, PRIMARY KEY(gram, org_id));"

                  "CREATE TABLE employer("
                  " id BIGINT PRIMARY KEY,"
                  " org_id BIGINT NOT NULL REFERENCES org(id),"
                  " path TEXT COLLATE \"C\" NOT NULL,"
                  " name TEXT NOT NULL,"
                  " credit_code TEXT,"
                  " division_code TEXT NOT NULL,"
                  " headcount BIGINT NOT NULL CHECK (headcount >= 0),"
                  " union_id BIGINT REFERENCES org(id),"
                  " demo BIGINT NOT NULL DEFAULT 0,"
                  " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);"
                  "CREATE INDEX employer_path ON employer(path, name);"
                  "CREATE UNIQUE INDEX employer_credit ON employer(credit_code) WHERE credit_code IS NOT NULL;"
                  "CREATE INDEX employer_union ON employer(union_id) WHERE union_id IS NOT NULL;"

                  "CREATE TABLE org_stat(org_id BIGINT NOT NULL, metric BIGINT NOT NULL,"
                  " value BIGINT NOT NULL, PRIMARY KEY(org_id, metric));"

                  "CREATE TABLE account("
                  " id BIGINT PRIMARY KEY,"
                  " username TEXT NOT NULL UNIQUE,"
                  " name TEXT NOT NULL,"
                  " role TEXT NOT NULL,"
                  " org_id BIGINT NOT NULL REFERENCES org(id),"
                  " path TEXT COLLATE \"C\" NOT NULL,"
                  " pw_hash TEXT NOT NULL,"
                  " disabled BIGINT NOT NULL DEFAULT 0,"
                  " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,"
                  " last_login_at BIGINT, pw_changed_at BIGINT);"
                  "CREATE INDEX account_path ON account(path);"

                  "CREATE TABLE session("
                  " token_hash BYTEA PRIMARY KEY,"
                  " account_id BIGINT NOT NULL REFERENCES account(id),"
                  " csrf TEXT NOT NULL,"
                  " created_at BIGINT NOT NULL, seen_at BIGINT NOT NULL, ip TEXT);"
                  "CREATE INDEX session_account ON session(account_id);"

                  "CREATE TABLE login_failure(key TEXT NOT NULL, at BIGINT NOT NULL);"
                  "CREATE INDEX login_failure_key ON login_failure(key, at);"

                  "CREATE TABLE audit("
                  " id BIGINT PRIMARY KEY,"
                  " at BIGINT NOT NULL,"
                  " actor_id BIGINT, actor TEXT, ip TEXT,"
                  " action TEXT NOT NULL,"
                  " object_type TEXT, object_id BIGINT,"
                  " path TEXT COLLATE \"C\" NOT NULL,"
                  " detail TEXT,"
                  " mac BYTEA NOT NULL);"
                  "CREATE INDEX audit_path ON audit(path, id);",

        /* 1 -> 2: real-name members, memberships as episodes, the case engine, dues */
        "CREATE TABLE person("
        " id BIGINT PRIMARY KEY,"
        " id_index BYTEA NOT NULL,"
        " id_sealed BYTEA NOT NULL,"
        " id_masked TEXT NOT NULL,"
        " name TEXT NOT NULL,"
        " sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),"
        " birth_date TEXT NOT NULL,"
        " ethnicity TEXT, political TEXT, education TEXT, household TEXT,"
        " migrant BIGINT NOT NULL DEFAULT 0,"
        " employment TEXT, new_form TEXT, skill TEXT,"
        " phone_index BYTEA, phone_sealed BYTEA, phone_masked TEXT,"
        " demo BIGINT NOT NULL DEFAULT 0,"
        " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);"
        "CREATE UNIQUE INDEX person_id_index ON person(id_index);"
        "CREATE INDEX person_phone ON person(phone_index) WHERE phone_index IS NOT NULL;"

        "CREATE TABLE membership("
        " id BIGINT PRIMARY KEY,"
        " person_id BIGINT NOT NULL REFERENCES person(id),"
        " org_id BIGINT NOT NULL REFERENCES org(id),"
        " path TEXT COLLATE \"C\" NOT NULL,"
        " member_no TEXT NOT NULL,"
        " name TEXT NOT NULL,"
        " joined_on TEXT NOT NULL,"
        " status TEXT NOT NULL CHECK (status IN ('active', 'transferred', 'retained', 'withdrawn', 'expelled',"
        " 'deceased')),"
        " status_on TEXT NOT NULL,"
        " status_reason TEXT,"
        " via TEXT NOT NULL,"
        " demo BIGINT NOT NULL DEFAULT 0,"
        " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);"
        "CREATE UNIQUE INDEX membership_no ON membership(member_no);"
        "CREATE UNIQUE INDEX membership_current ON membership(person_id) WHERE status IN ('active', 'retained');"
        "CREATE INDEX membership_person ON membership(person_id, id);"
        "CREATE INDEX membership_roster ON membership(path, name, id);"
        "CREATE INDEX membership_name ON membership(name, path);"

        "CREATE TABLE membership_event("
        " id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
        " membership_id BIGINT NOT NULL REFERENCES membership(id),"
        " at BIGINT NOT NULL, on_date TEXT NOT NULL,"
        " from_status TEXT, to_status TEXT NOT NULL, reason TEXT, actor TEXT);"
        "CREATE INDEX membership_event_m ON membership_event(membership_id, id);"

        "ALTER TABLE account ADD COLUMN person_id BIGINT REFERENCES person(id);"
        "CREATE UNIQUE INDEX account_person ON account(person_id) WHERE person_id IS NOT NULL;"
        "CREATE TABLE activation("
        " person_id BIGINT PRIMARY KEY REFERENCES person(id),"
        " code_sealed BYTEA NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, used_at BIGINT);"

        "CREATE TABLE flow_case("
        " id BIGINT PRIMARY KEY,"
        " type TEXT NOT NULL,"
        " state TEXT NOT NULL,"
        " org_id BIGINT NOT NULL REFERENCES org(id),"
        " path TEXT COLLATE \"C\" NOT NULL,"
        " related_path TEXT COLLATE \"C\","
        " person_id BIGINT REFERENCES person(id),"
        " applicant_id BIGINT REFERENCES account(id),"
        " deadline BIGINT,"
        " supervised BIGINT NOT NULL DEFAULT 0,"
        " escalations BIGINT NOT NULL DEFAULT 0,"
        " payload TEXT NOT NULL,"
        " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, closed_at BIGINT);"
        "CREATE INDEX flow_case_scope ON flow_case(path, type, state, id);"
        "CREATE INDEX flow_case_related ON flow_case(related_path, id) WHERE related_path IS NOT NULL;"
        "CREATE INDEX flow_case_open_deadline ON flow_case(deadline) WHERE closed_at IS NULL;"
        "CREATE INDEX flow_case_applicant ON flow_case(applicant_id, id);"
        "CREATE INDEX flow_case_person ON flow_case(person_id, type, state);"
        "CREATE TABLE flow_event("
        " id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
        " case_id BIGINT NOT NULL REFERENCES flow_case(id),"
        " at BIGINT NOT NULL, actor_id BIGINT, actor TEXT,"
        " action TEXT NOT NULL, from_state TEXT, to_state TEXT NOT NULL, org_id BIGINT, note TEXT);"
        "CREATE INDEX flow_event_case ON flow_event(case_id, id);"

        "CREATE TABLE dues("
        " id BIGINT PRIMARY KEY,"
        " membership_id BIGINT NOT NULL REFERENCES membership(id),"
        " org_id BIGINT NOT NULL, path TEXT COLLATE \"C\" NOT NULL,"
        " month TEXT NOT NULL,"
        " base_fen BIGINT NOT NULL, amount_fen BIGINT NOT NULL, rule TEXT NOT NULL,"
        " paid_on TEXT NOT NULL, created_at BIGINT NOT NULL);"
        "CREATE UNIQUE INDEX dues_month ON dues(membership_id, month);"
        "CREATE INDEX dues_scope ON dues(path, month);"

        "CREATE TABLE org_stat_month(org_id BIGINT NOT NULL, month BIGINT NOT NULL, metric BIGINT NOT NULL,"
        " value BIGINT NOT NULL, PRIMARY KEY(org_id, month, metric));",

        /* 2 -> 3: roster imports started through the API run as jobs */
        "CREATE TABLE import_job("
        " id BIGINT PRIMARY KEY,"
        " org_id BIGINT NOT NULL REFERENCES org(id),"
        " path TEXT COLLATE \"C\" NOT NULL,"
        " account_id BIGINT NOT NULL REFERENCES account(id),"
        " file_name TEXT,"
        " state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),"
        " rows BIGINT NOT NULL DEFAULT 0, accepted BIGINT NOT NULL DEFAULT 0, rejected BIGINT NOT NULL DEFAULT 0,"
        " report TEXT,"
        " created_at BIGINT NOT NULL, finished_at BIGINT);"
        "CREATE INDEX import_job_scope ON import_job(path, id);"
        "CREATE INDEX import_job_account ON import_job(account_id, id);",

        /* 3 -> 4: the sealed part of cases, the supervision view, and each module's tables
         * (pg_v4_<module>.h, the PostgreSQL twin of v4_<module>.h). */
        "ALTER TABLE flow_case ADD COLUMN secret BYTEA;"
        "CREATE INDEX flow_case_supervised ON flow_case(path, id) WHERE supervised = 1;"
        "CREATE INDEX flow_case_type_scope ON flow_case(type, path, id);" SCHEMA_PG_V4_RIGHTS SCHEMA_PG_V4_CONTRACTS
                SCHEMA_PG_V4_HARDSHIP SCHEMA_PG_V4_MUTUAL_AID SCHEMA_PG_V4_STATIONS,

        /* 4 -> 5: person, membership and flow_case partitioned by province; national uniqueness in
         * hash-partitioned registries (pg_v5_partition.h, docs/decisions/0010). */
        SCHEMA_PG_V5_PARTITION,

        /* 5 -> 6: the roster's given-name index. The name search reads a range of names, from
         * the start of the name (membership_name) or from the start of the given name, the name
         * after its first character (a surname of one character: 秀英 finds 王秀英). An index on
         * an expression is kept by the store itself on every write, whatever the write path; it
         * carries name and status so that counting a common given name (capped at 10,001) reads
         * the index alone (3 ms instead of 110 ms for 秀英 in a county of 302,637 members). */
        "CREATE INDEX membership_given ON membership(substr(name, 2), path, name, status);",

        /* 6 -> 7: the ID registry carries the person's province, so that a lookup by ID number
         * reads one province partition of person (pg_v7_registry_province.h, docs/decisions/0010). */
        SCHEMA_PG_V7_REGISTRY_PROVINCE,
};

const char *const *schema_pg(int *n)
{
	*n = (int)(sizeof(migrations) / sizeof(migrations[0]));
	return migrations;
}
