#!/usr/bin/env bash
# Taste checks that must pass: banned C functions (git's banned.h list) and layering rules of
# ARCHITECTURE.md (only store_sqlite.c includes sqlite3.h; api/ holds no SQL; domain/ never
# includes a vendor database header).
set -uo pipefail
cd "$(dirname "$0")/.."
fail=0
banned='\b(strcpy|strcat|strncpy|strncat|sprintf|vsprintf|gets|atoi|atol|atoll|strtok|asctime|ctime|gmtime|localtime)\s*\('
if grep -rnE "$banned" src tests fuzz --include='*.c' --include='*.h'; then
  echo "lint: banned function used (see above)" >&2; fail=1
fi
if grep -rln 'sqlite3\.h' src | grep -v 'src/store/store_sqlite.c'; then
  echo "lint: only src/store/store_sqlite.c may include sqlite3.h" >&2; fail=1
fi
if grep -rln 'libpq-fe\.h' src | grep -v 'src/store/store_pg.c'; then
  echo "lint: only src/store/store_pg.c may include libpq-fe.h" >&2; fail=1
fi
if grep -rnE '"(SELECT|INSERT|UPDATE|DELETE) ' src/api src/domain 2>/dev/null; then
  echo "lint: SQL belongs in src/store/" >&2; fail=1
fi
# Static analysis of src/.
if command -v cppcheck >/dev/null 2>&1; then
  if ! cppcheck --quiet --error-exitcode=1 --enable=warning,portability --inline-suppr --std=c11 -I src \
       -D_GNU_SOURCE --suppress=missingIncludeSystem src; then
    echo "lint: cppcheck found problems (see above)" >&2; fail=1
  fi
fi
# Formatting: .clang-format is the style; a file that differs fails.
files=$(find src tests/unit tests/store tests/api fuzz -name '*.[ch]' 2>/dev/null)
if command -v clang-format >/dev/null 2>&1; then
  if ! clang-format --dry-run --Werror $files 2>/dev/null; then
    clang-format --dry-run --Werror $files 2>&1 | grep -E '^[^ ].*(warning|error)' | cut -d: -f1 | sort -u | sed 's/^/lint: not formatted: /' >&2
    fail=1
  fi
fi
exit $fail
