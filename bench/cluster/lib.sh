# Shared by bench/cluster/{start,stop,w7,check} (sourced, not run).
# DIR/env (written by start) names the three servers:
#   COORD_PORT SHARD1_PORT SHARD2_PORT   loopback TCP ports
#   COORD SHARD1 SHARD2                  URLs of the database `gh` on each
#   SINGLE                               URL of the baseline `gh_single` (start --baseline), or empty
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
pgbin=${GH_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}

# q URL SQL...: runs SQL, stops at the first error, prints rows unaligned (fields split by |).
q() {
  local url=$1
  shift
  psql -X -q -v ON_ERROR_STOP=1 -At -d "$url" "$@"
}

# db_url PORT DB: the URL of database DB on the server at PORT.
db_url() {
  echo "postgresql://127.0.0.1:$1/$2?user=postgres"
}

# port_of URL: the port of a URL made by db_url or pg-cluster.sh.
port_of() {
  local u=${1#postgresql://127.0.0.1:}
  echo "${u%%/*}"
}

# shard_scans: the scans of the partitions of person, membership, flow_case and the registries on
# both shards, as the shards count them (pg_stat_user_tables, flushed when a session ends). A
# statement of gonghui that names its province scans one partition of a table through the
# coordinator; one without scans every province's (docs/scaling.md step 7).
shard_scans() {
  local n=0 u
  sleep 1 # the sessions of the coordinator's postgres_fdw connections flush their counts as they end
  for u in "$SHARD1" "$SHARD2"; do
    n=$((n + $(q "$u" -c "SELECT coalesce(sum(seq_scan + coalesce(idx_scan, 0)), 0) FROM pg_stat_user_tables
      WHERE relname ~ '^(person|membership|flow_case)_p[0-9]+$' OR relname ~ '^(id_registry|membership_claim)_h[0-9]$'")))
  done
  echo "$n"
}

load_env() {
  [ -f "$1/env" ] || { echo "cluster: no cluster in $1 (run bench/cluster/start first)" >&2; exit 2; }
  # shellcheck disable=SC1091
  . "$1/env"
}

# The servers of a cluster folder, in start order.
servers=(coord shard1 shard2)
