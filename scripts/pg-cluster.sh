#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks (ARCHITECTURE.md, Running and scaling).
#   scripts/pg-cluster.sh start DIR   creates DIR/data with initdb (UTF8, C.UTF-8), starts it listening
#                                     on a Unix socket in DIR only (no TCP), prints its URL
#                                     (database "postgres"; the store creates its own database on init)
#   scripts/pg-cluster.sh stop DIR    stops it and removes DIR
# initdb refuses root: as root the cluster runs as the `postgres` user (Debian's package creates it)
# in a folder that user owns. Exit 2 when PostgreSQL is not installed, so callers can skip.
# GH_PG_BIN names another PostgreSQL bin folder; GH_PG_FSYNC=on keeps fsync on; GH_PG_PORT=auto
# (or a number) also listens on loopback TCP, on a free port, and the URL names 127.0.0.1 and the port
# (servers that connect to each other, bench/cluster); GH_PG_OPTS adds server options (-c name=value).
set -euo pipefail
cmd=${1:-}
dir=${2:-}
if [ -z "$cmd" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 64
fi
bin=${GH_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "pg-cluster: PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 2
fi
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}
# A loopback TCP port nobody listens on now (the kernel picks it).
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
    for p in $(shuf -i 20000-60000 -n 50); do
      (: <"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
    done
}
case "$cmd" in
start)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "pg-cluster: no postgres user to run the cluster as" >&2; exit 2; }
    chown postgres: "$dir"
  fi
  as_owner "$bin/initdb" -D "$dir/data" -E UTF8 --locale=C.UTF-8 -A trust -U postgres >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  # Sockets only, in DIR; fsync off (the cluster is thrown away after the run) unless
  # GH_PG_FSYNC=on (benchmarks of writes against SQLite's synchronous=FULL).
  sync=${GH_PG_FSYNC:-off}
  listen="-c listen_addresses=''"
  port=${GH_PG_PORT:-}
  if [ "$port" = auto ]; then
    port=$(free_port)
  fi
  [ -z "$port" ] || listen="-c listen_addresses=127.0.0.1 -p $port"
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "$listen -k $dir -c fsync=$sync -c full_page_writes=$sync -c max_connections=200 ${GH_PG_OPTS:-}" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  if [ -n "$port" ]; then
    echo "postgresql://127.0.0.1:$port/postgres?user=postgres"
  else
    echo "postgresql:///postgres?host=$dir&user=postgres"
  fi
  ;;
stop)
  if [ -d "$dir/data" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  ;;
*)
  echo "usage: $0 start|stop DIR" >&2
  exit 64
  ;;
esac
