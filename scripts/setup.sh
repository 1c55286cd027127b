#!/usr/bin/env bash
# Installs what gonghui needs to build, run and test, and nothing that is already there:
# Debian packages (when run as root on Debian), then the npm packages of the division data
# and of the web UI from their committed lock files. Safe to run again: a second run is quick.
set -euo pipefail
cd "$(dirname "$0")/.."

pkgs=(build-essential cmake pkg-config git ca-certificates
      libmicrohttpd-dev libjansson-dev libsqlite3-dev sqlite3 libsodium-dev libzip-dev libexpat1-dev libxlsxwriter-dev libqrencode-dev
      libpq-dev postgresql
      libcmocka-dev libcurl4-openssl-dev clang clang-format cppcheck
      chromium fonts-wqy-microhei)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: these Debian packages are missing and I am not root: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi

# npm packages, each folder from its own lock file; re-installed only when the lock changed.
npm_ci() {
  local dir=$1
  [ -f "$dir/package-lock.json" ] || return 0
  local stamp="$dir/node_modules/.gonghui-lock"
  if [ -f "$stamp" ] && cmp -s "$dir/package-lock.json" "$stamp"; then return 0; fi
  echo "setup: npm ci in $dir" >&2
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
  cp "$dir/package-lock.json" "$stamp"
}
npm_ci data/division
npm_ci web
