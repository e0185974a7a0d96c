#!/usr/bin/env bash
# A deposition coupling that does not converge is a numerical failure: exit status 3 (the case diverged), the message names the
# coupling, and no results file is written (an existing one is left as it was). The shipped dry case stopped after
# 3 coupling sweeps, and after 10 sweeps of an undamped, unaccelerated fixed point.
set -u
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=$((fail + 1)); fi; }
small="--set electrostatic_deposition.cells_across=48 --set electrostatic_deposition.cells_gap=32"

"$EPROC" run "$SRC/cases/dry_nmc811.cfg" -o out.h5 $small --set electrostatic_deposition.picard_iterations=3 \
  > few.out 2>&1; s=$?
check "3 sweeps: exit 3 (diverged)" "[ $s -eq 3 ]"
check "3 sweeps: the message names the coupling" "grep -q 'space-charge coupling did not converge in 3 sweeps' few.out"
check "3 sweeps: no results file" "[ ! -e out.h5 ] && [ ! -e out.h5.tmp ]"

echo "previous results" > keep.h5
"$EPROC" run "$SRC/cases/dry_nmc811.cfg" -o keep.h5 $small --set electrostatic_deposition.picard_iterations=10 \
  --set electrostatic_deposition.anderson_depth=0 --set electrostatic_deposition.picard_relaxation=1 > undamped.out 2>&1; s=$?
check "undamped fixed point: exit 3" "[ $s -eq 3 ] && grep -q 'did not converge' undamped.out"
check "undamped fixed point: the old results file is untouched" "[ \"\$(cat keep.h5)\" = 'previous results' ]"

"$EPROC" run "$SRC/cases/dry_nmc811.cfg" -o ok.h5 $small > ok.out 2>&1; s=$?
check "the same case with the default coupling: exit 0 and a results file" "[ $s -eq 0 ] && [ -s ok.h5 ]"

echo "$fail failed"
[ $fail -eq 0 ]
