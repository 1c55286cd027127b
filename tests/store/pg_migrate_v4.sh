#!/bin/sh
# A PostgreSQL store of schema 4 with rows migrates to schema 5 (docs/decisions/0010): persons,
# memberships and cases land in their province's partition, the registries are filled from the rows,
# the foreign keys to the partitioned tables are gone. Run by ctest (pg/migrate_v4) through
# scripts/pg-ctest.sh run, which exports GH_TEST_DB_URL and GH_TEMPLATE_KEYS.
# Usage: pg_migrate_v4.sh SCHEMA_DUMP GONGHUI
set -eu
dump=$1
bin=$2
host=$(printf '%s\n' "$GH_TEST_DB_URL" | sed -n 's/.*host=\([^&]*\).*/\1/p')
db=gh_migrate_v4
url="postgresql:///$db?host=$host&user=postgres"
sql() { psql -h "$host" -U postgres -v ON_ERROR_STOP=1 -q -At "$@"; }
sql -d postgres -c "DROP DATABASE IF EXISTS $db" 2>/dev/null
sql -d postgres -c "CREATE DATABASE $db TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
trap 'sql -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
{
  "$dump" 4
  cat <<'SQL'
INSERT INTO meta(key, value) VALUES('schema_version', '4') ON CONFLICT(key) DO UPDATE SET value = '4';
INSERT INTO org(id, parent_id, path, depth, kind, name, division_code, created_at, updated_at) VALUES
 (1, NULL, '/1/', 0, 'national', '全总', '000000000000', 0, 0),
 (2, 1, '/1/2/', 1, 'provincial', '江苏', '320000000000', 0, 0),
 (3, 1, '/1/3/', 1, 'provincial', '北京', '110000000000', 0, 0),
 (4, 2, '/1/2/4/', 2, 'enterprise', '甲工会', '320707000000', 0, 0),
 (5, 3, '/1/3/5/', 2, 'enterprise', '乙工会', '110101000000', 0, 0);
INSERT INTO person(id, id_index, id_sealed, id_masked, name, sex, birth_date, created_at, updated_at) VALUES
 (10, '\x01', '\x01', 'x', '甲', 'M', '1980-01-01', 0, 0),
 (11, '\x02', '\x02', 'x', '乙', 'F', '1981-01-01', 0, 0),
 (12, '\x03', '\x03', 'x', '丙', 'F', '1982-01-01', 0, 0);
INSERT INTO membership(id, person_id, org_id, path, member_no, name, joined_on, status, status_on, via,
 created_at, updated_at) VALUES
 (20, 10, 4, '/1/2/4/', 'M1', '甲', '2020-01-01', 'active', '2020-01-01', 'join', 0, 0),
 (21, 11, 4, '/1/2/4/', 'M2', '乙', '2020-01-01', 'transferred', '2021-01-01', 'join', 0, 0),
 (22, 11, 5, '/1/3/5/', 'M3', '乙', '2021-01-01', 'retained', '2021-01-01', 'transfer', 0, 0);
INSERT INTO membership_event(membership_id, at, on_date, to_status) VALUES (20, 0, '2020-01-01', 'active');
INSERT INTO flow_case(id, type, state, org_id, path, person_id, payload, created_at, updated_at) VALUES
 (30, 'join', 'submitted', 4, '/1/2/4/', 10, '{}', 0, 0),
 (31, 'hotline', 'open', 1, '/1/', NULL, '{}', 0, 0);
INSERT INTO flow_event(case_id, at, action, to_state) VALUES (30, 0, 'create', 'submitted');
SQL
} | sql -d "$db"
# any command opens the store and migrates it (the counters were never filled: verify differs)
"$bin" stats verify --db "$url" --keys "$GH_TEMPLATE_KEYS" >/dev/null 2>&1 || true
got=$(sql -d "$db" <<'SQL'
SELECT value FROM meta WHERE key = 'schema_version';
SELECT string_agg(tableoid::regclass || ':' || id, ' ' ORDER BY id) FROM person;
SELECT string_agg(tableoid::regclass || ':' || id, ' ' ORDER BY id) FROM membership;
SELECT string_agg(tableoid::regclass || ':' || id, ' ' ORDER BY id) FROM flow_case;
SELECT string_agg(person_id::text, ' ' ORDER BY person_id) FROM id_registry;
SELECT string_agg(person_id || ':' || membership_id, ' ' ORDER BY person_id) FROM membership_claim;
SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND confrelid::regclass::text IN ('person', 'membership', 'flow_case');
SELECT count(*) FROM membership_event;
SQL
)
want='5
person_p32:10 person_p11:11 person_pdefault:12
membership_p32:20 membership_p32:21 membership_p11:22
flow_case_p32:30 flow_case_pdefault:31
10 11 12
10:20 11:22
0
1'
if [ "$got" != "$want" ]; then
  printf 'pg_migrate_v4: after migrating\n%s\nwanted\n%s\n' "$got" "$want" >&2
  exit 1
fi
echo "pg_migrate_v4: schema 4 -> 5 with rows: ok"
