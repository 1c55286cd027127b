/*
 * The SQLite schema as an ordered list of migrations. Migration i brings a store from schema
 * version i to i + 1; store_migrate() applies those a store lacks, in one transaction, after
 * copying the file aside (store.c). Never edit a released migration: add the next one.
 *
 * The tree as an order: every organisation, and every row that hangs off one, carries the
 * organisation's materialised path ("/1/32/3207/"), so a subtree is one index range.
 */
#include "store/schema/schema.h"

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
};

const char *const *schema_sqlite(int *n)
{
	*n = (int)(sizeof(migrations) / sizeof(migrations[0]));
	return migrations;
}
