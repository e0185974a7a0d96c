#!/usr/bin/env bash
# A shipped case, end to end through the CLI:
#  - runs on 1 rank, prints its summary, writes a complete results file (no .tmp left), frees all
#    PETSc memory (-malloc_dump is set by the test environment);
#  - closes every balance near round-off (/balances, limit 1e-10);
#  - gives the expected summary (tests/cases/<case>.expect: ranges, each with its reason);
#  - gives the same summary on 2 ranks (relative 1e-8).
set -u
name="$1"; shift
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
"$EPROC" run "$SRC/cases/$name.cfg" -o "$name.h5" "$@" > run.out 2> run.err
status=$?
cat run.out
if [ $status -ne 0 ]; then cat run.err; echo "eproc run failed with status $status"; exit 1; fi
if grep -qE '^\[ *[0-9]+\] [0-9]+ bytes ' run.out run.err; then grep -E 'bytes' run.err | head; echo "memory leak"; exit 1; fi
compgen -G "$name.h5.tmp*" >/dev/null && { echo "temporary results file left behind"; exit 1; }
"$EPROC_CHECK" --balances "$name.h5" 1e-10 || exit 1
"$EPROC_CHECK" "$name.h5" "$SRC/tests/cases/$name.expect" || exit 1
"$MPIEXEC" -n 2 "$EPROC" run "$SRC/cases/$name.cfg" -o "${name}_np2.h5" "$@" > run2.out 2> run2.err || { cat run2.err; exit 1; }
"$EPROC_CHECK" --compare "$name.h5" "${name}_np2.h5" 1e-8
