#!/usr/bin/env bash
# Batch runs: `eproc run a.cfg b.cfg c.cfg -o dir/` writes the same results as three single runs, on 1 and
# on 2 ranks; a bad case among them stops only itself (exit 2, its error printed, the others written); the
# results reader reads what the writer wrote; docs/results.md is what `eproc results-reference` makes of
# the shipped cases (regenerate: see the end of this script).
set -u
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=$((fail + 1)); fi; }
cases="nmp_nmc811 water_graphite dry_nmc811"
mkdir -p single batch batch2 mixed
for c in $cases; do
  "$EPROC" run "$SRC/cases/$c.cfg" -o "single/$c.h5" > "single_$c.out" 2>&1 || { cat "single_$c.out"; exit 1; }
done
"$EPROC" run $(for c in $cases; do echo "$SRC/cases/$c.cfg"; done) -o batch/ > batch.out 2>&1; s=$?
cat batch.out
check "batch of three exits 0 with one line per case" "[ $s -eq 0 ] && [ \$(grep -c ' -> batch/' batch.out) -eq 3 ]"
for c in $cases; do
  check "batch $c equals the single run (bit for bit)" "'$EPROC_CHECK' --compare single/$c.h5 batch/$c.h5 0 > cmp_$c.out"
done
"$MPIEXEC" -n 2 "$EPROC" run $(for c in $cases; do echo "$SRC/cases/$c.cfg"; done) -o batch2/ > batch2.out 2>&1; s=$?
check "batch of three on 2 ranks exits 0" "[ $s -eq 0 ]"
for c in $cases; do
  check "2-rank batch $c equals the single run" "'$EPROC_CHECK' --compare single/$c.h5 batch2/$c.h5 0 > cmp2_$c.out"
done
sed -e 's/line_speed_m_per_min = 40.0/line_speed_m_per_min = 900.0/' "$SRC/cases/nmp_nmc811.cfg" > bad_speed.cfg
"$EPROC" run bad_speed.cfg "$SRC/cases/water_graphite.cfg" -o mixed/ > mixed.out 2>&1; s=$?
check "a bad case in a batch: exit 2" "[ $s -eq 2 ]"
check "its error is printed with file:line" "grep -q 'bad_speed.cfg:[0-9]*: key .process.line_speed_m_per_min.' mixed.out"
check "the good case is still written and equal" "[ ! -e mixed/bad_speed.h5 ] && '$EPROC_CHECK' --compare single/water_graphite.h5 mixed/water_graphite.h5 0 > /dev/null"
"$EPROC" run "$SRC/cases/water_graphite.cfg" "$SRC/cases/water_graphite.cfg" -o mixed/ > dup.out 2>&1; s=$?
check "two cases writing one file: exit 2 before running" "[ $s -eq 2 ] && grep -q 'would both write' dup.out"
"$EPROC" run "$SRC/cases/water_graphite.cfg" "$SRC/cases/nmp_nmc811.cfg" -o nowhere/ > nodir.out 2>&1; s=$?
check "batch into a missing directory: exit 2" "[ $s -eq 2 ]"
# the results reader, and the generated reference
"$EPROC" results-reference single/nmp_nmc811.h5 single/water_graphite.h5 single/dry_nmc811.h5 > results.md || fail=$((fail + 1))
check "docs/results.md is current (regenerate: eproc results-reference nmp.h5 water.h5 dry.h5 > docs/results.md)" \
  "diff -u '$SRC/docs/results.md' results.md > results.diff"
[ -s results.diff ] && head -20 results.diff
echo "$fail failed"
[ $fail -eq 0 ]
