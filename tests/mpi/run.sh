#!/usr/bin/env bash
# MPI agreement: `mpiexec -n 2 eproc run CASE` gives the same summary as `-n 1` (relative 1e-8).
set -u
case_file="$1"; shift
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
"$MPIEXEC" -n 1 "$EPROC" run "$SRC/cases/$case_file" -o np1.h5 "$@" > np1.out 2>&1 || { cat np1.out; exit 1; }
"$MPIEXEC" -n 2 "$EPROC" run "$SRC/cases/$case_file" -o np2.h5 "$@" > np2.out 2>&1 || { cat np2.out; exit 1; }
"$EPROC_CHECK" --compare np1.h5 np2.h5 1e-8
