#!/usr/bin/env bash
# A shipped case runs, prints its summary, writes a complete results file (no .tmp left), closes its
# balances near round-off and gives the expected summary (tests/cases/<case>.expect, ranges with reasons).
set -u
name="$1"; shift
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
"$EPROC" run "$SRC/cases/$name.cfg" -o "$name.h5" "$@" > run.out 2> run.err
status=$?
cat run.out
if [ $status -ne 0 ]; then cat run.err; echo "eproc run failed with status $status"; exit 1; fi
# -malloc_dump (set by the test environment) lists PETSc memory not freed: there must be none
if grep -qE '^\[ *[0-9]+\] [0-9]+ bytes ' run.out run.err; then grep -E 'bytes' run.err | head; echo "memory leak"; exit 1; fi
[ -e "$name.h5.tmp" ] && { echo "temporary results file left behind"; exit 1; }
"$EPROC_CHECK" --balances "$name.h5" 1e-9 || exit 1
"$EPROC_CHECK" "$name.h5" "$SRC/tests/cases/$name.expect"
