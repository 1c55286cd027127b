#!/usr/bin/env bash
# Runs every suite of `make test` after the builds: lint, unit + API (normal build), unit + API
# again under ASan+UBSan, the fuzz corpora replayed, and the browser tests. Prints one closing
# line "test: N passed, M failed" and exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
passed=0
failed=0
failures=()

note() { printf '\n== %s\n' "$*" >&2; }
count() { # name status
  if [ "$2" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("$1"); fi
}

note "lint"
./scripts/lint.sh; count lint $?

# One national store per run (ARCHITECTURE.md, "Tests that stay fast"): tests copy it.
note "template store (the national tree)"
tmpl="$root/build/tmpl"
rm -rf "$tmpl" && mkdir -p "$tmpl"
if ./build/gonghui init --db "$tmpl/gonghui.db" --demo >"$tmpl/init.out" 2>"$tmpl/init.err"; then
  count template 0
else
  cat "$tmpl/init.err" >&2; count template 1
fi
export GH_TEMPLATE_DB="$tmpl/gonghui.db"
export GH_TEMPLATE_ADMIN_PASSWORD="$(sed -n 's/^password: //p' "$tmpl/init.out")"

run_ctest() { # build-dir label
  local out; out=$(mktemp)
  (cd "$1" && ctest --output-on-failure -j2 2>&1) | tee "$out" >&2
  local p f
  p=$(grep -cE '^ *[0-9]+/[0-9]+ Test +#[0-9]+: .* Passed' "$out")
  f=$(grep -cE '^ *[0-9]+/[0-9]+ Test +#[0-9]+: .*(\*\*\*Failed|\*\*\*Exception|\*\*\*Timeout|Not Run)' "$out")
  passed=$((passed + p)); failed=$((failed + f))
  [ "$f" -eq 0 ] || failures+=("$2: $f ctest failures")
  grep -qE 'tests passed' "$out" || { failed=$((failed + 1)); failures+=("$2: ctest did not finish"); }
  rm -f "$out"
}

note "unit and API tests"
run_ctest build normal

note "unit and API tests under ASan+UBSan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 run_ctest build-asan asan

note "fuzz corpora"
for fz in build-fuzz/fuzz_*; do
  [ -x "$fz" ] || continue
  name=$(basename "$fz"); name=${name#fuzz_}
  files=$(find "fuzz/corpus/$name" "fuzz/regression/$name" -type f ! -name '.keep' 2>/dev/null)
  if [ -z "$files" ]; then echo "fuzz $name: no corpus" >&2; count "fuzz $name" 1; continue; fi
  # shellcheck disable=SC2086
  "$fz" -runs=0 $files >/dev/null 2>"build-fuzz/$name.log"; st=$?
  [ $st -eq 0 ] || tail -20 "build-fuzz/$name.log" >&2
  echo "fuzz $name: $(echo "$files" | wc -l) inputs, status $st" >&2
  count "fuzz $name" $st
done

note "browser tests"
if [ -f tests/e2e/run.mjs ] && [ -f web/dist/index.html ]; then
  out=$(mktemp)
  GH_BIN="$root/build/gonghui" node tests/e2e/run.mjs 2>&1 | tee "$out" >&2
  st=${PIPESTATUS[0]}
  line=$(grep -E '^e2e: [0-9]+ passed, [0-9]+ failed' "$out" | tail -1)
  if [ -n "$line" ]; then
    p=$(echo "$line" | sed -E 's/e2e: ([0-9]+) passed.*/\1/'); f=$(echo "$line" | sed -E 's/.*, ([0-9]+) failed.*/\1/')
    passed=$((passed + p)); failed=$((failed + f))
    [ "$f" -eq 0 ] || failures+=("e2e: $f failures")
  fi
  if [ $st -ne 0 ] && { [ -z "$line" ] || [ "$f" -eq 0 ]; }; then failed=$((failed + 1)); failures+=("e2e exited $st"); fi
  rm -f "$out"
else
  echo "browser tests: tests/e2e/run.mjs or web/dist missing" >&2
  count e2e 1
fi

echo
for f in "${failures[@]+"${failures[@]}"}"; do echo "FAILED: $f"; done
echo "test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
