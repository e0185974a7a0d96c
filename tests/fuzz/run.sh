#!/usr/bin/env bash
# Run a loader fuzzer for a bounded time: corpus from the shipped cases (or studies) and every regression input, a
# dictionary from the key tables (`eproc keys`). Usage: tests/fuzz/run.sh BUILD_DIR SECONDS [case|study]
# Prints the number of executions; exits 1 if the fuzzer found a crash, a sanitizer report or a leak, after
# copying the input to tests/fuzz/found/ (make it a regression: minimise it, add it to tests/fuzz/regressions/,
# fix the bug, check that `ctest -R fuzz_regressions` passes).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=$(cd "$1" && pwd)
seconds=${2:-60}
target=${3:-case}
work=$(mktemp -d /tmp/eproc-fuzz-run-XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" tests/fuzz/found
if [ "$target" = case ]; then
  cp cases/*_*.cfg tests/fuzz/seeds/* tests/fuzz/regressions/* "$work/corpus/"
else
  cp cases/study_*.cfg tests/study/*.cfg "$work/corpus/"
  cp tests/fuzz/study_regressions/* "$work/corpus/" 2> /dev/null || true
fi
{
  for t in '=' ';' '{' '}' '(' ')' '[' ']' '"' ',' ':' '#SET ' '.[0].' '[1]' 'true' 'false' '0x7fffffff' '4294967304' \
    '2147483648' '-2147483649' '9223372036854775808' '1e308' 'inf' 'nan' '-0' '1e-320' '@include' '"../x"' \
    '-ts_type bdf' '-drying_ts_view' '-ksp_monitor ascii:/tmp/x' '-options_file' 'process.petsc_options=' \
    'process.stages=' 'instance:' 'L' 'study' 'base_case' 'parameters' 'key' 'min' 'max' 'design' 'samples' \
    'objectives' 'constraints' 'optimization' 'population' 'generations' 'refine' 'starts' 'evaluations' 'method' \
    'fd_step' 'seed' 'lhs' 'sobol' 'grid' 'sensitivity' 'model'; do
    printf '"%s"\n' "$(printf '%s' "$t" | sed 's/\\/\\\\/g; s/"/\\"/g')"
  done
  ASAN_OPTIONS=detect_leaks=0 "$build/eproc" keys | grep -o '^| `[^`]*`' | sed 's/^| `//; s/`$//' | while read -r k; do
    printf '"%s"\n"%s"\n' "$k" "${k##*.}"
  done | sort -u
} > "$work/dict"
export ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0
export LSAN_OPTIONS=suppressions=$PWD/tests/fuzz/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
(cd "$work" && "$build/tests/fuzz_$target" -max_total_time="$seconds" -max_len=16384 -timeout=30 -rss_limit_mb=4096 \
  -dict="$work/dict" -artifact_prefix="$work/artifact-" -print_final_stats=1 corpus) > "$work/log" 2>&1 || status=$?
grep -E "^stat::number_of_executed_units|^Done|ERROR|SUMMARY" "$work/log" | head -20
if compgen -G "$work/artifact-*" > /dev/null || [ $status -ne 0 ]; then
  cp "$work"/artifact-* tests/fuzz/found/ 2> /dev/null || true
  tail -60 "$work/log"
  echo "fuzz: the $target loader failed on an input (copied to tests/fuzz/found/)"
  exit 1
fi
echo "fuzz ($target loader): no crash, sanitizer report or leak in $(grep -o '^stat::number_of_executed_units: *[0-9]*' "$work/log" | grep -o '[0-9]*$') inputs"
