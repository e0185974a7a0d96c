#!/usr/bin/env bash
# valgrind memcheck: no invalid access, no uninitialised use, no definite leak of our own (Open MPI's
# start-up leaks are suppressed in mpi.supp). Arguments: case file name, then extra eproc arguments.
set -u
case_file="$1"; shift
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
supp=()
[ -f /usr/share/openmpi/openmpi-valgrind.supp ] && supp+=(--suppressions=/usr/share/openmpi/openmpi-valgrind.supp)
valgrind -q --error-exitcode=7 --leak-check=full --errors-for-leak-kinds=definite \
  "${supp[@]}" --suppressions="$SRC/tests/valgrind/mpi.supp" \
  "$EPROC" run "$SRC/cases/$case_file" -o out.h5 "$@" > run.out 2> run.err
status=$?
grep -v -e "hwloc" -e "HWLOC" -e "CPUID" run.err | tail -40
echo "valgrind/eproc exit status $status"
[ "$status" -ne 7 ] && { [ "$status" -eq 0 ] || [ "$status" -eq 2 ]; } || exit 1
# a successful run must have written its results
if [ "$status" -eq 0 ] && [ ! -s out.h5 ]; then echo "no results file"; exit 1; fi
