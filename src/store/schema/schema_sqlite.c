/*
 * The SQLite schema as an ordered list of migrations. Migration i brings a store from schema
 * version i to i + 1; store_migrate() applies those a store lacks, in one transaction, after
 * copying the file aside (store.c). Never edit a released migration: add the next one.
 *
 * The tree as an order: every organisation, and every row that hangs off one, carries the
 * organisation's materialised path ("/1/32/3207/"), so a subtree is one index range.
 */
#include "store/schema/schema.h"
#include "store/schema/v4_contracts.h"
#include "store/schema/v4_hardship.h"
#include "store/schema/v4_mutual_aid.h"
#include "store/schema/v4_rights.h"
#include "store/schema/v4_stations.h"
#include "store/schema/v5_partition.h"

static const char *const migrations[] = {
        /* 0 -> 1: the spine */
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
        "INSERT INTO meta(key, value) VALUES('id_next', '0');"

        "CREATE TABLE place(code TEXT PRIMARY KEY, name TEXT NOT NULL, level INTEGER NOT NULL)"
        " WITHOUT ROWID;"

        "CREATE TABLE org("
        " id INTEGER PRIMARY KEY,"
        " parent_id INTEGER REFERENCES org(id),"
        " path TEXT NOT NULL,"
        " depth INTEGER NOT NULL,"
        " kind TEXT NOT NULL,"
        " name TEXT NOT NULL,"
        " division_code TEXT NOT NULL,"
        " province_id INTEGER, city_id INTEGER, county_id INTEGER, town_id INTEGER,"
        " status TEXT NOT NULL DEFAULT 'active',"
        " credit_code TEXT,"
        " headcount INTEGER,"
        " founded_on TEXT, term_years INTEGER, chair TEXT, phone TEXT,"
        " demo INTEGER NOT NULL DEFAULT 0,"
        " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
        "CREATE UNIQUE INDEX org_path ON org(path);"
        "CREATE INDEX org_children ON org(parent_id, division_code, name);"
        "CREATE INDEX org_division ON org(division_code, depth);"
        "CREATE INDEX org_credit ON org(credit_code) WHERE credit_code IS NOT NULL;"

        /* Chinese names: one row per distinct character and character pair of each name, so a
	 * search of one or two characters (most names) is an index lookup (ARCHITECTURE.md). */
        "CREATE TABLE org_gram(gram TEXT NOT NULL, org_id INTEGER NOT NULL,"
        " PRIMARY KEY(gram, org_id)) WITHOUT ROWID;"

        "CREATE TABLE employer("
        " id INTEGER PRIMARY KEY,"
        " org_id INTEGER NOT NULL REFERENCES org(id),"
        " path TEXT NOT NULL,"
        " name TEXT NOT NULL,"
        " credit_code TEXT,"
        " division_code TEXT NOT NULL,"
        " headcount INTEGER NOT NULL CHECK (headcount >= 0),"
        " union_id INTEGER REFERENCES org(id),"
        " demo INTEGER NOT NULL DEFAULT 0,"
        " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
        "CREATE INDEX employer_path ON employer(path, name);"
        "CREATE UNIQUE INDEX employer_credit ON employer(credit_code) WHERE credit_code IS NOT NULL;"
        "CREATE INDEX employer_union ON employer(union_id) WHERE union_id IS NOT NULL;"

        /* Subtree counters: the figure `metric` (enum metric) of the subtree of org_id. */
        "CREATE TABLE org_stat(org_id INTEGER NOT NULL, metric INTEGER NOT NULL,"
        " value INTEGER NOT NULL, PRIMARY KEY(org_id, metric)) WITHOUT ROWID;"

        "CREATE TABLE account("
        " id INTEGER PRIMARY KEY,"
        " username TEXT NOT NULL UNIQUE,"
        " name TEXT NOT NULL,"
        " role TEXT NOT NULL,"
        " org_id INTEGER NOT NULL REFERENCES org(id),"
        " path TEXT NOT NULL,"
        " pw_hash TEXT NOT NULL,"
        " disabled INTEGER NOT NULL DEFAULT 0,"
        " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
        " last_login_at INTEGER, pw_changed_at INTEGER);"
        "CREATE INDEX account_path ON account(path);"

        "CREATE TABLE session("
        " token_hash BLOB PRIMARY KEY,"
        " account_id INTEGER NOT NULL REFERENCES account(id),"
        " csrf TEXT NOT NULL,"
        " created_at INTEGER NOT NULL, seen_at INTEGER NOT NULL, ip TEXT) WITHOUT ROWID;"
        "CREATE INDEX session_account ON session(account_id);"

        "CREATE TABLE login_failure(key TEXT NOT NULL, at INTEGER NOT NULL);"
        "CREATE INDEX login_failure_key ON login_failure(key, at);"

        /* Append-only; mac = HMAC over the row and the previous row's mac (auth/audit.c). */
        "CREATE TABLE audit("
        " id INTEGER PRIMARY KEY,"
        " at INTEGER NOT NULL,"
        " actor_id INTEGER, actor TEXT, ip TEXT,"
        " action TEXT NOT NULL,"
        " object_type TEXT, object_id INTEGER,"
        " path TEXT NOT NULL,"
        " detail TEXT,"
        " mac BLOB NOT NULL);"
        "CREATE INDEX audit_path ON audit(path, id);",

        /* 1 -> 2: real-name members, memberships as episodes, the case engine, dues */
        "CREATE TABLE person("
        " id INTEGER PRIMARY KEY,"
        " id_index BLOB NOT NULL,"  /* keyed BLAKE2b of the ID number: national uniqueness */
        " id_sealed BLOB NOT NULL," /* XChaCha20-Poly1305 of the ID number */
        " id_masked TEXT NOT NULL,"
        " name TEXT NOT NULL,"
        " sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),"
        " birth_date TEXT NOT NULL,"
        " ethnicity TEXT, political TEXT, education TEXT, household TEXT,"
        " migrant INTEGER NOT NULL DEFAULT 0,"
        " employment TEXT, new_form TEXT, skill TEXT,"
        " phone_index BLOB, phone_sealed BLOB, phone_masked TEXT,"
        " demo INTEGER NOT NULL DEFAULT 0,"
        " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
        "CREATE UNIQUE INDEX person_id_index ON person(id_index);"
        "CREATE INDEX person_phone ON person(phone_index) WHERE phone_index IS NOT NULL;"

        /* A membership is an episode at one union; one current (active or retained) per person in
         * the whole country, enforced by the partial unique index. */
        "CREATE TABLE membership("
        " id INTEGER PRIMARY KEY,"
        " person_id INTEGER NOT NULL REFERENCES person(id),"
        " org_id INTEGER NOT NULL REFERENCES org(id),"
        " path TEXT NOT NULL,"
        " member_no TEXT NOT NULL,"
        " name TEXT NOT NULL,"
        " joined_on TEXT NOT NULL,"
        " status TEXT NOT NULL CHECK (status IN ('active', 'transferred', 'retained', 'withdrawn', 'expelled',"
        " 'deceased')),"
        " status_on TEXT NOT NULL,"
        " status_reason TEXT,"
        " via TEXT NOT NULL," /* how it began: join, transfer, import, cadre */
        " demo INTEGER NOT NULL DEFAULT 0,"
        " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
        "CREATE UNIQUE INDEX membership_no ON membership(member_no);"
        "CREATE UNIQUE INDEX membership_current ON membership(person_id) WHERE status IN ('active', 'retained');"
        "CREATE INDEX membership_person ON membership(person_id, id);"
        "CREATE INDEX membership_roster ON membership(path, name, id);"
        "CREATE INDEX membership_name ON membership(name, path);"

        "CREATE TABLE membership_event("
        " id INTEGER PRIMARY KEY,"
        " membership_id INTEGER NOT NULL REFERENCES membership(id),"
        " at INTEGER NOT NULL, on_date TEXT NOT NULL,"
        " from_status TEXT, to_status TEXT NOT NULL, reason TEXT, actor TEXT);"
        "CREATE INDEX membership_event_m ON membership_event(membership_id, id);"

        /* Member accounts: an account of role member points at its person. */
        "ALTER TABLE account ADD COLUMN person_id INTEGER REFERENCES person(id);"
        "CREATE UNIQUE INDEX account_person ON account(person_id) WHERE person_id IS NOT NULL;"
        "CREATE TABLE activation("
        " person_id INTEGER PRIMARY KEY REFERENCES person(id),"
        " code_sealed BLOB NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, used_at INTEGER);"

        /* The case engine: every workflow is a case with an append-only history. */
        "CREATE TABLE flow_case("
        " id INTEGER PRIMARY KEY,"
        " type TEXT NOT NULL,"
        " state TEXT NOT NULL,"
        " org_id INTEGER NOT NULL REFERENCES org(id)," /* who handles it now */
        " path TEXT NOT NULL,"
        " related_path TEXT," /* the other party's organisation (the sending union of a transfer) */
        " person_id INTEGER REFERENCES person(id),"
        " applicant_id INTEGER REFERENCES account(id),"
        " deadline INTEGER,"
        " supervised INTEGER NOT NULL DEFAULT 0,"
        " escalations INTEGER NOT NULL DEFAULT 0,"
        " payload TEXT NOT NULL,"
        " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, closed_at INTEGER);"
        "CREATE INDEX flow_case_scope ON flow_case(path, type, state, id);"
        "CREATE INDEX flow_case_related ON flow_case(related_path, id) WHERE related_path IS NOT NULL;"
        "CREATE INDEX flow_case_open_deadline ON flow_case(deadline) WHERE closed_at IS NULL;"
        "CREATE INDEX flow_case_applicant ON flow_case(applicant_id, id);"
        "CREATE INDEX flow_case_person ON flow_case(person_id, type, state);"
        "CREATE TABLE flow_event("
        " id INTEGER PRIMARY KEY,"
        " case_id INTEGER NOT NULL REFERENCES flow_case(id),"
        " at INTEGER NOT NULL, actor_id INTEGER, actor TEXT,"
        " action TEXT NOT NULL, from_state TEXT, to_state TEXT NOT NULL, org_id INTEGER, note TEXT);"
        "CREATE INDEX flow_event_case ON flow_event(case_id, id);"

        /* Dues per member and month, in fen, with the rule's version. */
        "CREATE TABLE dues("
        " id INTEGER PRIMARY KEY,"
        " membership_id INTEGER NOT NULL REFERENCES membership(id),"
        " org_id INTEGER NOT NULL, path TEXT NOT NULL,"
        " month TEXT NOT NULL,"
        " base_fen INTEGER NOT NULL, amount_fen INTEGER NOT NULL, rule TEXT NOT NULL,"
        " paid_on TEXT NOT NULL, created_at INTEGER NOT NULL);"
        "CREATE UNIQUE INDEX dues_month ON dues(membership_id, month);"
        "CREATE INDEX dues_scope ON dues(path, month);"

        /* Figures by month (joins and leavings) of every subtree. */
        "CREATE TABLE org_stat_month(org_id INTEGER NOT NULL, month INTEGER NOT NULL, metric INTEGER NOT NULL,"
        " value INTEGER NOT NULL, PRIMARY KEY(org_id, month, metric)) WITHOUT ROWID;",

        /* 2 -> 3: roster imports started through the API run as jobs; the report (JSON) stays with
         * the job, its .xlsx beside the database (api_import.c). */
        "CREATE TABLE import_job("
        " id INTEGER PRIMARY KEY,"
        " org_id INTEGER NOT NULL REFERENCES org(id),"
        " path TEXT NOT NULL,"
        " account_id INTEGER NOT NULL REFERENCES account(id),"
        " file_name TEXT,"
        " state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),"
        " rows INTEGER NOT NULL DEFAULT 0, accepted INTEGER NOT NULL DEFAULT 0, rejected INTEGER NOT NULL DEFAULT 0,"
        " report TEXT,"
        " created_at INTEGER NOT NULL, finished_at INTEGER);"
        "CREATE INDEX import_job_scope ON import_job(path, id);"
        "CREATE INDEX import_job_account ON import_job(account_id, id);",

        /* 3 -> 4: the sensitive part of cases, sealed (PII_SENSITIVE); the supervision view; and the
         * tables of 维权 and services, each module's part in its own header. */
        "ALTER TABLE flow_case ADD COLUMN secret BLOB;"
        "CREATE INDEX flow_case_supervised ON flow_case(path, id) WHERE supervised = 1;"
        "CREATE INDEX flow_case_type_scope ON flow_case(type, path, id);" SCHEMA_V4_RIGHTS SCHEMA_V4_CONTRACTS
                SCHEMA_V4_HARDSHIP SCHEMA_V4_MUTUAL_AID SCHEMA_V4_STATIONS,

        /* 4 -> 5: the province of persons, memberships and cases (v5_partition.h, docs/decisions/0010);
         * PostgreSQL partitions by it. */
        SCHEMA_V5_PARTITION,

        /* 5 -> 6: the roster's given-name index. The name search reads a range of names, from
         * the start of the name (membership_name) or from the start of the given name, the name
         * after its first character (a surname of one character: 秀英 finds 王秀英). An index on
         * an expression is kept by the store itself on every write, whatever the write path; it
         * carries name and status so that counting a common given name (capped at 10,001) reads
         * the index alone (3 ms instead of 110 ms for 秀英 in a county of 302,637 members). */
        "CREATE INDEX membership_given ON membership(substr(name, 2), path, name, status);",

        /* 6 -> 7: PostgreSQL's ID registry carries the person's province (pg_v7_registry_province.h);
         * SQLite has no registry (its unique index on person.id_index is one), so nothing changes. */
        "SELECT 1;",
};

const char *const *schema_sqlite(int *n)
{
	*n = (int)(sizeof(migrations) / sizeof(migrations[0]));
	return migrations;
}
