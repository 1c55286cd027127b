#!/usr/bin/env bash
# Builds the Vue app into web/dist when its sources are newer than the last build.
set -euo pipefail
cd "$(dirname "$0")/../web"
[ -f package.json ] || exit 0
if [ -f dist/index.html ] && [ -z "$(find src index.html package-lock.json vite.config.* -newer dist/index.html 2>/dev/null | head -1)" ]; then
  exit 0
fi
echo "web: building the UI" >&2
npm run build --silent >&2
