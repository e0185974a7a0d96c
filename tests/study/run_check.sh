#!/usr/bin/env bash
# Run a study on NP ranks, then study_check on its file: run_check.sh NP STUDY.cfg STUDY_CHECK_ARGS...
set -u
np=$1; study=$2; shift 2
CHECK=$(dirname "$EPROC")/tests/study_check
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
"$MPIEXEC" -n "$np" "$EPROC" study "$study" -o study.h5 -study_progress 0 < /dev/null > study.out 2> study.err || {
  echo "FAIL the study"; cat study.err; exit 1; }
cat study.out
mode=$1; shift
"$CHECK" "$mode" study.h5 "$@"
