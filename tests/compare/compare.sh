#!/usr/bin/env bash
# eproc compare of the three NMC811 routes (docs/compare.md):
#  - exit 0, every table printed, every file written (no temporary file left), PETSc memory freed;
#  - the CSV and HDF5 numbers equal each case's single run (/summary, /ledger) bit for bit, the stage rows are
#    the sums of their items (compare_check --files);
#  - -n 2 writes the same CSV files as -n 1, byte for byte;
#  - the plant context (totals, shares, CO2e) equals the hand calculation in compare_check.c, for the shipped
#    plant file and for an anode route with other emission factors and another plant file; CO2e falls with the
#    grid factor and the heat factor;
#  - bad input (one case, a missing directory, a bad case among good ones, two cases with one name, a bad plant
#    file) exits 2 before anything runs; a route whose solver fails exits 1 and writes no comparison.
set -u
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=$((fail + 1)); fi; }
routes="nmp_nmc811 water_nmc811 dry_nmc811"
cfgs=$(for c in $routes; do echo "$SRC/cases/$c.cfg"; done)
mkdir -p single one two anode fail bad dup
"$EPROC" run $cfgs -o single/ > single.out 2>&1 || { cat single.out; exit 1; }

# one rank
"$EPROC" compare $cfgs -o one/ > one.out 2> one.err; s=$?
cat one.out
check "compare of the three NMC811 routes exits 0" "[ $s -eq 0 ]"
grep -qE '^\[ *[0-9]+\] [0-9]+ bytes ' one.out one.err && { echo "FAIL PETSc memory left"; fail=$((fail + 1)); }
for t in "electrode leaving the route" "energy by stage, per m2" "energy by stage, per kWh of cell" \
  "energy by item, per m2" "energy by item, per kWh of cell" "plant context"; do
  check "table '$t' printed" "grep -q '^$t' one.out"
done
for f in compare_summary.csv compare_ledger.csv compare.h5 nmp_nmc811.h5 water_nmc811.h5 dry_nmc811.h5; do
  check "one/$f written" "[ -s one/$f ]"
done
check "no temporary file left" "! compgen -G 'one/*.tmp*' > /dev/null"
check "each route's results file equals its single run" \
  "for c in $routes; do '$EPROC_CHECK' --compare single/\$c.h5 one/\$c.h5 0 > /dev/null || exit 1; done"
"$COMPARE_CHECK" --files one single > files.out 2>&1; s=$?
tail -n 1 files.out; grep FAIL files.out | head -20
check "CSV and HDF5 equal the single runs (compare_check --files)" "[ $s -eq 0 ]"
"$COMPARE_CHECK" --plant one 0.381 0.2276 20.3 37.5 > plant.out 2>&1; s=$?
cat plant.out | grep -v '^FAIL' ; grep FAIL plant.out | head -20
check "plant context equals the hand calculation (shipped plant.cfg)" "[ $s -eq 0 ]"

# the comparison's headline, per kWh of cell: the aqueous route needs less than the NMP route (no LEL-limited
# exhaust air, no recovery), the dry route far less (no solvent); the electrode is the same (loading)
e() { awk -F, -v q="$2" -v c="$3" 'NR==1{for(i=4;i<=NF;i++) if($i==c) k=i} $2==q{print $k}' "$1/compare_summary.csv"; }
n=$(e one energy_kWh_per_kWh_cell nmp_nmc811); w=$(e one energy_kWh_per_kWh_cell water_nmc811)
d=$(e one energy_kWh_per_kWh_cell dry_nmc811)
check "energy per kWh of cell: dry ($d) < aqueous ($w) < NMP ($n)" "awk 'BEGIN{exit !($d < $w && $w < $n)}'"
check "the same loading on every route" "[ \"\$(e one areal_loading_mg_per_cm2 nmp_nmc811 | cut -c1-6)\" = 20.000 ] && [ \"\$(e one areal_loading_mg_per_cm2 water_nmc811 | cut -c1-6)\" = 20.000 ]"

# two ranks: the same files
"$MPIEXEC" -n 2 "$EPROC" compare $cfgs -o two/ > two.out 2> two.err; s=$?
check "compare on 2 ranks exits 0" "[ $s -eq 0 ] && grep -q '3 routes on 2 ranks' two.out"
check "-n 2 compare_summary.csv equals -n 1 byte for byte" "cmp one/compare_summary.csv two/compare_summary.csv"
check "-n 2 compare_ledger.csv equals -n 1 byte for byte" "cmp one/compare_ledger.csv two/compare_ledger.csv"
"$COMPARE_CHECK" --files two single > files2.out 2>&1; s=$?
check "-n 2 compare.h5 equals the single runs too" "[ $s -eq 0 ]"

# an anode route (role from the active material), other emission factors, another plant file
sed -e 's/total_low_kWh_per_kWh_cell = 20.3;/total_low_kWh_per_kWh_cell = 25.0;/' \
    -e 's/total_high_kWh_per_kWh_cell = 37.5;/total_high_kWh_per_kWh_cell = 30.0;/' "$SRC/cases/plant.cfg" > other_plant.cfg
"$EPROC" compare "$SRC/cases/water_graphite.cfg" "$SRC/cases/nmp_nmc811.cfg" -o anode/ \
  --set plant.file="$WORK/other_plant.cfg" --set plant.grid_kg_CO2e_per_kWh=0.056 \
  --set plant.heat_kg_CO2e_per_kWh=0.1 > anode.out 2>&1; s=$?
check "compare with an anode route, plant.file and factor overrides exits 0" "[ $s -eq 0 ]"
"$COMPARE_CHECK" --plant anode 0.056 0.1 25 30 > plant2.out 2>&1; s=$?
grep -v '^FAIL' plant2.out; grep FAIL plant2.out | head -20
check "plant context equals the hand calculation (anode, overrides, other plant file)" "[ $s -eq 0 ]"
a=$(e one route_kg_CO2e_per_kWh_cell nmp_nmc811); b=$(e anode route_kg_CO2e_per_kWh_cell nmp_nmc811)
check "route CO2e falls with the grid and heat factors ($a -> $b kg/kWh)" "awk 'BEGIN{exit !($b < 0.5 * $a)}'"

# bad input: found before anything runs
"$EPROC" compare "$SRC/cases/nmp_nmc811.cfg" -o bad/ > bad1.out 2>&1; s=$?
check "one case: exit 2" "[ $s -eq 2 ] && grep -q 'at least two case files' bad1.out"
"$EPROC" compare $cfgs -o nowhere/ > bad2.out 2>&1; s=$?
check "missing output directory: exit 2" "[ $s -eq 2 ] && grep -q 'existing directory' bad2.out"
sed -e 's/line_speed_m_per_min = 40.0/line_speed_m_per_min = 900.0/' "$SRC/cases/nmp_nmc811.cfg" > bad_speed.cfg
"$EPROC" compare "$SRC/cases/water_nmc811.cfg" bad_speed.cfg -o bad/ > bad3.out 2>&1; s=$?
check "a bad case among good ones: exit 2 with file:line, nothing run or written" \
  "[ $s -eq 2 ] && grep -q 'bad_speed.cfg:[0-9]*: key .process.line_speed_m_per_min.' bad3.out && [ -z \"\$(ls bad)\" ]"
cp "$SRC/cases/nmp_nmc811.cfg" dup/
"$EPROC" compare "$SRC/cases/nmp_nmc811.cfg" dup/nmp_nmc811.cfg -o bad/ > bad4.out 2>&1; s=$?
check "two cases with one name: exit 2" "[ $s -eq 2 ] && grep -q 'would both write' bad4.out"
sed -e 's/cathode_fraction = 0.8;/cathode_fraction = 0.8; share = 1;/' "$SRC/cases/plant.cfg" > bad_plant.cfg
"$EPROC" compare $cfgs -o bad/ --set plant.file="$WORK/bad_plant.cfg" > bad5.out 2>&1; s=$?
check "a bad plant file: exit 2 with its file:line, nothing written" \
  "[ $s -eq 2 ] && grep -q 'bad_plant.cfg:[0-9]*: .*key .share. is not known' bad5.out && [ -z \"\$(ls bad)\" ]"

# a route whose solver fails: exit 1, no comparison
"$EPROC" compare "$SRC/cases/nmp_nmc811.cfg" "$SRC/cases/water_nmc811.cfg" -o fail/ \
  -drying_snes_max_it 1 -drying_ts_max_snes_failures 1 > fail.out 2>&1; s=$?
check "a failing route: exit 1 and no compare files" \
  "[ $s -eq 1 ] && [ ! -e fail/compare_summary.csv ] && [ ! -e fail/compare.h5 ] && ! compgen -G 'fail/*.tmp*' > /dev/null"

echo "$fail failed"
[ $fail -eq 0 ]
