#!/usr/bin/env bash
# CTest's PostgreSQL runs (CMakeLists.txt): one throwaway cluster per ctest run, in /tmp (the
# `postgres` user must reach its socket folder), described by STATE/env.
#   pg-ctest.sh setup STATE          starts the cluster (scripts/pg-cluster.sh); without PostgreSQL
#                                    it says so and writes no STATE/env, so the runs are skipped
#   pg-ctest.sh template STATE BIN   builds the API suites' template database (BIN init --demo)
#   pg-ctest.sh run STATE CMD...     runs CMD with the cluster's variables (GH_TEST_DB_URL,
#                                    GH_TEMPLATE_DB_URL, GH_TEMPLATE_KEYS, GH_TEMPLATE_ADMIN_PASSWORD,
#                                    GH_TEST_PG_DATA); exit 77 (skipped) without a cluster
#   pg-ctest.sh cleanup STATE        stops the cluster and removes everything
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cmd=${1:-}
state=${2:-}
[ -n "$cmd" ] && [ -n "$state" ] || { echo "usage: $0 setup|template|run|cleanup STATE ..." >&2; exit 64; }
case "$cmd" in
setup)
  "$0" cleanup "$state"
  mkdir -p "$state"
  dir=$(mktemp -d /tmp/gh-pgtest-XXXXXX)
  echo "$dir" >"$state/cluster"
  url=$("$here/pg-cluster.sh" start "$dir")
  rc=$?
  if [ $rc -eq 2 ]; then
    echo "pg-ctest: PostgreSQL is not installed: the PostgreSQL runs are skipped" >&2
    exit 0
  fi
  [ $rc -eq 0 ] || exit $rc
  base=${url/\/postgres\?//gh_contract?}
  {
    echo "GH_TEST_DB_URL='$base'"
    echo "GH_TEST_PG_DATA='$dir/data'"
  } >"$state/env"
  echo "pg-ctest: cluster at $url" >&2
  ;;
template)
  bin=${3:?}
  [ -f "$state/env" ] || { echo "pg-ctest: no cluster: skipped" >&2; exit 0; }
  dir=$(cat "$state/cluster")
  # shellcheck disable=SC1091
  . "$state/env"
  url=${GH_TEST_DB_URL/\/gh_contract\?//gh_template?}
  rm -rf "$state/keys"
  if ! "$bin" init --db "$url" --keys "$state/keys" --demo >"$state/init.out" 2>"$state/init.err"; then
    cat "$state/init.err" >&2
    exit 1
  fi
  {
    echo "GH_TEMPLATE_DB_URL='$url'"
    echo "GH_TEMPLATE_KEYS='$state/keys'"
    echo "GH_TEMPLATE_ADMIN_PASSWORD='$(sed -n 's/^password: //p' "$state/init.out")'"
  } >>"$state/env"
  ;;
run)
  shift 2
  if [ ! -f "$state/env" ]; then
    echo "pg-ctest: no PostgreSQL cluster (not installed): skipped" >&2
    exit 77
  fi
  set -a
  # shellcheck disable=SC1091
  . "$state/env"
  set +a
  exec "$@"
  ;;
cleanup)
  if [ -f "$state/cluster" ]; then
    "$here/pg-cluster.sh" stop "$(cat "$state/cluster")"
  fi
  rm -rf "$state"
  ;;
*)
  echo "usage: $0 setup|template|run|cleanup STATE ..." >&2
  exit 64
  ;;
esac
