#!/usr/bin/env bash
# eproc study and eproc dakota on the command line: failed cases recorded and the study goes on; progress lines;
# a study file of another study, a results file, a file in use: refused and untouched; a group size that does not
# divide the ranks; a finished study rerun runs nothing; the Dakota fork-interface mode (values, FAIL, bad input).
set -u
CHECK=$(dirname "$EPROC")/tests/study_check
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=$((fail + 1)); fi; }
S=$SRC/tests/study

"$EPROC" --help > help.out 2>&1
check "--help shows eproc study and eproc dakota" "grep -q 'eproc study STUDY.cfg' help.out && grep -q 'eproc dakota' help.out"

# failing cases: recorded with their reason, the study goes on and ends with status 0; one progress line per case
"$EPROC" study "$S/failures.cfg" -o fail.h5 > fail.out 2> fail.err; s=$?
check "a study with failing cases exits 0" "[ $s -eq 0 ]"
check "two failed cases recorded with the reason" "'$CHECK' --failed fail.h5 2 'DIVERGED_NONLINEAR_SOLVE' > failed.txt"
check "one progress line per case on a pipe (5 cases)" "[ \$(grep -c '^study: [0-9]*/5 cases' fail.err) -eq 5 ]"
check "progress names the failure" "grep -q 'failed: TSStep has failed' fail.err"
check "the front is written as CSV" "[ \$(wc -l < fail_front.csv) -eq 2 ] && head -1 fail_front.csv | grep -q 'process.petsc_options'"

# a text key with a fixed set of words (a choice list in its key table) takes them all when no choices are given
sed 's|{ key = "slot_die_coating.slot_gap_um"; min = 300.0; max = 1200.0; }|{ key = "convective_drying.nozzle_correlation"; }|; s|base_case = "nmp_nmc811.cfg"|base_case = "'"$SRC"'/cases/nmp_nmc811.cfg"|' \
  "$SRC/cases/study_nmp_dryer.cfg" > words.cfg
"$EPROC" study words.cfg -o words.h5 -study_plan > words.out 2>&1; s=$?
check "a choice key without 'choices' takes its key table's words" \
  "[ $s -eq 0 ] && grep -q 'parameter convective_drying.nozzle_correlation: 2 choices' words.out && [ ! -e words.h5 ]"

# rerun of a finished study: nothing runs, the file is the same
cp fail.h5 fail_before.h5
"$EPROC" study "$S/failures.cfg" -o fail.h5 > rerun.out 2> rerun.err; s=$?
check "rerunning a finished study runs no case" "[ $s -eq 0 ] && grep -q '(0 run now' rerun.out"
check "... and keeps every case" "'$CHECK' --compare fail_before.h5 fail.h5 > /dev/null"

# another study on the same file: refused, untouched
cp fail.h5 fail_before.h5
sed 's/levels = 2/levels = 3/' "$S/failures.cfg" > other.cfg
sed -i 's|"../../cases/nmp_nmc811.cfg"|"'"$SRC"'/cases/nmp_nmc811.cfg"|' other.cfg
"$EPROC" study other.cfg -o fail.h5 > other.out 2>&1; s=$?
check "a study file of another study is refused (exit 2)" "[ $s -eq 2 ] && grep -q 'holds another study' other.out"
check "... and left untouched" "cmp -s fail.h5 fail_before.h5 && [ ! -e fail.h5.journal ]"
"$EPROC" run "$SRC/cases/water_graphite.cfg" -o results.h5 > /dev/null 2>&1
cp results.h5 results_before.h5
"$EPROC" study "$S/failures.cfg" -o results.h5 > res.out 2>&1; s=$?
check "a results file as -o is refused (exit 2) and untouched" "[ $s -eq 2 ] && grep -q 'not a study file' res.out && cmp -s results.h5 results_before.h5"

# a group size that does not divide the ranks
"$MPIEXEC" -n 2 "$EPROC" study "$S/failures.cfg" -o g.h5 -study_group_size 3 < /dev/null > g.out 2>&1; s=$?
check "-study_group_size 3 on 2 ranks exits 2" "[ $s -eq 2 ] && grep -q 'does not divide' g.out && [ ! -e g.h5 ]"

# a study file in use by a running study
"$EPROC" study "$S/nmp_small.cfg" -o busy.h5 -study_progress 0 > busy1.out 2>&1 &
pid=$!
for _ in $(seq 1 500); do [ -e busy.h5.journal ] && [ -e busy.h5 ] && break; sleep 0.02; done
"$EPROC" study "$S/nmp_small.cfg" -o busy.h5 > busy2.out 2>&1; s=$?
check "a study file in use by another study is refused (exit 2)" "[ $s -eq 2 ] && grep -q 'in use by another study' busy2.out"
wait $pid; s=$?
check "... and the first study completes" "[ $s -eq 0 ] && [ ! -e busy.h5.journal ]"

# Dakota fork interface: the values are the summary of the same run
cat > params.in << 'P'
                     2 variables
  9.500000000000000e-01 convective_drying.recirculation_fraction
  1.100000000000000e+02 convective_drying.zones.[5].air_temperature_C
                     2 functions
                     1 ASV_1:energy_kWh_per_m2
                     1 ASV_2:thickness_cv_percent
                     2 derivative_variables
                     1 DVV_1:convective_drying.recirculation_fraction
                     2 DVV_2:convective_drying.zones.[5].air_temperature_C
                     0 analysis_components
                   1:1 eval_id
P
"$EPROC" dakota "$SRC/cases/nmp_nmc811.cfg" params.in results.out > dak.out 2>&1; s=$?
"$EPROC" run "$SRC/cases/nmp_nmc811.cfg" -o same.h5 --set convective_drying.recirculation_fraction=0.95 \
  --set 'convective_drying.zones.[5].air_temperature_C=110' > /dev/null 2>&1
e=$("$EPROC_CHECK" --get same.h5 energy_kWh_per_m2 | awk '{print $NF}')
d=$(awk '$2 == "energy_kWh_per_m2" {print $1}' results.out)
check "dakota: exit 0 and two values in the results file" "[ $s -eq 0 ] && [ \$(wc -l < results.out) -eq 2 ]"
check "dakota: the energy equals that of eproc run with the same settings ($d, $e)" "awk -v a='$d' -v b='$e' 'BEGIN{exit !(a != \"\" && (a - b) <= 1e-9 * b && (b - a) <= 1e-9 * b)}'"
sed 's/ASV_2:thickness_cv_percent/ASV_2:thickness_cv/' params.in > badparams.in
"$EPROC" dakota "$SRC/cases/nmp_nmc811.cfg" badparams.in bad.out > badd.out 2>&1; s=$?
check "dakota: an unknown response exits 2 without a results file" "[ $s -eq 2 ] && [ ! -e bad.out ] && grep -q \"response 'thickness_cv'\" badd.out"
sed 's/9.500000000000000e-01/9.990000000000000e-01/' params.in > range.in
"$EPROC" dakota "$SRC/cases/nmp_nmc811.cfg" range.in range.out > ranged.out 2>&1; s=$?
check "dakota: a value outside the key's range exits 2" "[ $s -eq 2 ] && [ ! -e range.out ] && grep -q 'outside the allowed range' ranged.out"
"$EPROC" dakota "$SRC/cases/nmp_nmc811.cfg" params.in failres.out --set 'process.petsc_options=-drying_ts_max_snes_failures 1 -drying_snes_max_it 1' > failed.out 2>&1; s=$?
check "dakota: a failed run writes FAIL and exits 1" "[ $s -eq 1 ] && grep -qx FAIL failres.out"

echo "$fail failed"
[ $fail -eq 0 ]
