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

load_env() {
  [ -f "$1/env" ] || { echo "cluster: no cluster in $1 (run bench/cluster/start first)" >&2; exit 2; }
  # shellcheck disable=SC1091
  . "$1/env"
}

# The servers of a cluster folder, in start order.
servers=(coord shard1 shard2)
