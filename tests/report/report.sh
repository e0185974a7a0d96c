#!/usr/bin/env bash
# eproc report and the XDMF files, as a process engineer would open them:
#  - every dataset each XDMF file names exists with the stated size and type (check_xdmf);
#  - reports of one run, of three runs side by side, of a comparison (compare.h5), of a model study (ZDT1 on a
#    Saltelli design: scatter, Pareto front, Sobol indices) and of a tiny NMP study: every table on the page equals
#    its CSV, and the numbers in the CSV equal the /summary, /ledger, /routes, /stages, /cases, /front and
#    /sensitivity datasets (check_report);
#  - headless Chromium, networking off, loads each page: every plot the page announces rendered as an SVG with
#    drawn content, every table it announces has rows, and the screenshot is a real picture;
#  - bad input: a file of none of the three kinds, a missing file, a comparison with another file: exit 2 and
#    nothing written (no DIR, no temporary directory, an existing DIR untouched).
set -u
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=$((fail + 1)); fi; }
# the three routes through eproc compare: one results file per route (bit-identical to eproc run) and compare.h5
mkdir cmp
"$EPROC" compare "$SRC/cases/nmp_nmc811.cfg" "$SRC/cases/water_graphite.cfg" "$SRC/cases/dry_nmc811.cfg" -o cmp/ \
  > cmp.out 2>&1 || { cat cmp.out; exit 1; }
for c in nmp_nmc811 water_graphite dry_nmc811; do check "$c.xmf written beside $c.h5" "[ -s cmp/$c.xmf ]"; done
check "XDMF datasets exist with the stated sizes" \
  "'$CHECK_XDMF' cmp/nmp_nmc811.xmf cmp/water_graphite.xmf cmp/dry_nmc811.xmf > xdmf.out"
tail -1 xdmf.out
"$EPROC" study "$SRC/tests/report/study_zdt1_sobol.cfg" -o model.h5 -study_progress 0 > model.out 2>&1 || { cat model.out; exit 1; }
"$EPROC" study "$SRC/tests/report/study_nmp_tiny.cfg" -o nmp.h5 -study_progress 0 > nmp.out 2>&1 || { cat nmp.out; exit 1; }

report() { # name kind files...
  local name=$1 kind=$2; shift 2
  "$EPROC" report "$@" -o "$name" > "$name.out" 2>&1; s=$?
  check "$name: report exits 0" "[ $s -eq 0 ] && [ -s $name/report.html ]"
  check "$name: the page is a $kind report" "grep -q 'data-kind=\"$kind\"' $name/report.html"
  check "$name: tables equal their CSV, CSV equals the file" "'$CHECK_REPORT' $kind $name $* > $name.check"
  tail -1 "$name.check"
}
report one run cmp/nmp_nmc811.h5
report three run cmp/nmp_nmc811.h5 cmp/water_graphite.h5 cmp/dry_nmc811.h5
report compare compare cmp/compare.h5
report model study model.h5
report nmp study nmp.h5
check "compare: stacked bars of the ledger items per m2 and per kWh of cell" \
  "grep -q 'Energy per m2 of electrode, by ledger item' compare/report.html && grep -q 'Energy per kWh of cell, by ledger item' compare/report.html"
check "compare: every ledger item has its block (key entries = items)" \
  "[ \$(grep -o 'lc rgb' compare/plot_1.gp | wc -l) -eq \$(tail -n +2 compare/ledger.csv | cut -d, -f2,3 | sort -u | wc -l) ]"
# stacked bars: each bar (a row of the plot's data block) sums to its route's energy, per m2 (plot_1) and per
# kWh of cell (plot_2), to the 9 digits the script carries
bars_ok() { # plot column-of-summary.csv-quantity
  awk -F, -v q="$2" 'NR == FNR { if ($2 == q) for (i = 4; i <= NF; i++) want[i - 3] = $i; next }
    /^\$e << EOD/ { on = 1; next } /^EOD/ { on = 0 }
    on { n++; s = 0; for (i = 2; i <= NF; i++) s += $i; if (s - want[n] > 1e-7 * want[n] || want[n] - s > 1e-7 * want[n]) bad++ }
    END { exit (bad || n < 3) }' compare/summary.csv FS=' ' "$1"
}
check "compare: each bar of the item plot per m2 sums to the route's energy_kWh_per_m2" "bars_ok compare/plot_1.gp energy_kWh_per_m2"
check "compare: each bar of the item plot per kWh of cell sums to energy_kWh_per_kWh_cell" "bars_ok compare/plot_2.gp energy_kWh_per_kWh_cell"
check "compare: units on the page are the file's (energy_kWh_per_m2 in kWh/m2)" "grep -q '^energy,energy_kWh_per_m2,kWh/m2,' compare/summary.csv"
"$EPROC" report cmp/compare.h5 -o "it's a dir" > quoted.out 2>&1; s=$?
check "a directory name with a quote and a space" "[ $s -eq 0 ] && [ -s \"it's a dir/plot_2.svg\" ] && [ -z \"\$(ls -d it*.tmp-* 2> /dev/null)\" ]"
check "model study: scatter, Pareto front and two Sobol charts" \
  "grep -q 'Outputs against parameters</b>' model/report.html && grep -q 'Pareto front</b>' model/report.html && [ \$(grep -c 'Sobol indices of f[12]</b>' model/report.html) -eq 2 ]"
check "model study: the scatter is a 2 x 3 multiplot" "grep -q 'set multiplot layout 2,3' model/plot_1.gp"
check "nmp study: every output in cases_all_outputs.csv" \
  "[ \$(head -1 nmp/cases_all_outputs.csv | tr ',' '\n' | wc -l) -gt 50 ]"
check "nmp study: no Sobol indices, said on the page" "grep -q 'class=\"skipped\">Sobol indices' nmp/report.html"

# bad input: exit 2, nothing written
h5copy -i cmp/nmp_nmc811.h5 -o foreign.h5 -s /web -d /web > /dev/null 2>&1
mkdir -p keep && echo "earlier content" > keep/note.txt
for bad in "foreign.h5" "cmp/nmp_nmc811.xmf" "missing.h5" "cmp/compare.h5 cmp/nmp_nmc811.h5" "model.h5 nmp.h5"; do
  for dir in fresh keep; do
    "$EPROC" report $bad -o $dir > bad.out 2>&1; s=$?
    first=${bad%% *}
    check "report $bad -o $dir: exit 2 naming the file" "[ $s -eq 2 ] && grep -q '$(basename ${bad##* })' bad.out"
    check "report $bad -o $dir: nothing written" \
      "[ ! -e fresh ] && [ \"\$(ls keep)\" = note.txt ] && [ -z \"\$(ls -d fresh.tmp-* keep.tmp-* 2> /dev/null)\" ]"
  done
done
grep -m1 'error' bad.out

browser=$(command -v chromium || command -v chromium-browser)
check "a headless browser is installed (chromium)" "[ -n '$browser' ]"
for page in one three compare model nmp; do
  # --proxy-server to a closed local port: the page must need no network
  flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --proxy-server=127.0.0.1:9 --user-data-dir=$WORK/chrome-$page"
  timeout 120 "$browser" $flags --dump-dom "file://$WORK/$page/report.html" > "$page.dom" 2> "$page.err"
  timeout 120 "$browser" $flags --window-size=1200,3000 --screenshot="$WORK/$page.png" "file://$WORK/$page/report.html" \
    > /dev/null 2>> "$page.err"
  announced=$(sed -n 's/.*data-plots="\([0-9]*\)".*/\1/p' "$page.dom")
  tables=$(sed -n 's/.*data-tables="\([0-9]*\)".*/\1/p' "$page.dom")
  figures=$(grep -o '<figure class="plot"' "$page.dom" | wc -l)
  drawn=$(tr '\n' ' ' < "$page.dom" | grep -o '<figure class="plot"[^>]*>.\{0,400\}<svg' | wc -l)
  paths=$(grep -c '<path' "$page.dom")
  check "$page: the browser rendered every announced plot ($figures of ${announced:-?})" \
    "[ -n '$announced' ] && [ $announced -ge 2 ] && [ $figures -eq $announced ] && [ $drawn -eq $announced ] && [ $paths -ge $((announced * 5)) ]"
  ids=$(grep -o '<table class="data" id="[^"]*"' "$page.dom" | sed 's/.*id="//; s/"//')
  check "$page: the browser shows every announced table ($(echo $ids | wc -w) of ${tables:-?})" \
    "[ -n '$tables' ] && [ $(echo $ids | wc -w) -eq ${tables:-0} ] && [ ${tables:-0} -ge 3 ]"
  for t in $ids; do
    rows=$(tr '\n' ' ' < "$page.dom" | grep -o "<table class=\"data\" id=\"$t\">.*" | sed 's,</table>.*,,' | grep -o '<tr>' | wc -l)
    check "$page: table $t has rows ($rows)" "[ $rows -ge 2 ]"
  done
  size=$(stat -c %s "$page.png" 2> /dev/null || echo 0)
  check "$page: screenshot taken ($size bytes)" "[ $size -gt 50000 ]"
done
echo "$fail failed"
[ $fail -eq 0 ]
