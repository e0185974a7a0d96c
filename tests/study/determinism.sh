#!/usr/bin/env bash
# Determinism: the same study on 1, 2 and 3 ranks, with groups of 1 and 2 ranks (and a dedicated manager) gives
# the same cases, bit for bit, and the same front (study_check --compare against the 1-rank run).
# Optional study_check arguments after the study are checked on the 1-rank file (e.g. --base-improved ...).
# usage: determinism.sh STUDY.cfg [STUDY_CHECK_MODE ARGS...]
set -u
study=$1
shift
CHECK=$(dirname "$EPROC")/tests/study_check
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
fail=0
"$MPIEXEC" -n 1 "$EPROC" study "$study" -o one.h5 -study_progress 0 < /dev/null > one.out 2> one.err || { echo "FAIL 1 rank"; cat one.err; exit 1; }
cat one.out
if [ $# -gt 0 ]; then
  mode=$1; shift
  "$CHECK" "$mode" one.h5 "$@" || fail=$((fail + 1))
fi
while read -r np opts; do
  out="np${np}$(echo "$opts" | tr -d ' _-').h5"
  # shellcheck disable=SC2086
  if ! "$MPIEXEC" -n "$np" "$EPROC" study "$study" -o "$out" -study_progress 0 $opts < /dev/null > "$out.out" 2> "$out.err"; then
    echo "FAIL $np ranks $opts"; tail -5 "$out.err"; fail=$((fail + 1)); continue
  fi
  echo "== $np ranks $opts"
  "$CHECK" --compare one.h5 "$out" || fail=$((fail + 1))
done << 'RUNS'
2
2 -study_group_size 2
3 -study_dedicated_manager -study_group_size 2
RUNS
echo "$fail failed"
[ $fail -eq 0 ]
