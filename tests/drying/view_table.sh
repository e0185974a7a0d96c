#!/usr/bin/env bash
# The drying stage's printed zone table is what an engineer reads: every number in it must be the one in the
# results file (/convective_drying/zones), to the printed precision. Columns: length (end - start), air T, alpha
# top and bottom, evaporated (g/m2), film T at the exit, residual (ppm, %.4g), zone air (mol%), fresh air (kg/m2),
# recirculated (%). Also the summary line "dry (...) after T s = L m of dryer" against /summary.
set -u
case_name=${1:-nmp_nmc811}
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
"$EPROC" run "$SRC/cases/$case_name.cfg" -o r.h5 > run.out 2> run.err || { cat run.err; exit 1; }
"$EPROC_CHECK" --array r.h5 /convective_drying/zones > zones.txt || exit 1
ncol=18
nz=$(awk 'END{print NR}' zones.txt); nz=$((nz / ncol))
awk '/^  zone  length/{f=1; getline; next} f && /^ +[0-9]+ +[0-9.]+ /{print; next} f{exit}' run.out > table.txt
[ "$(wc -l < table.txt)" -eq "$nz" ] || { echo "FAIL: printed $(wc -l < table.txt) zone rows, results file has $nz"; exit 1; }
awk -v ncol=$ncol 'NR==FNR{z[NR-1]=$1; next}
  function chk(what, printed, value, tol) {
    n++; d = printed - value; if (d < 0) d = -d
    if (d > tol) { printf "FAIL zone %d %s: printed %s, results file %.10g\n", FNR, what, printed, value; bad++ }
  }
  { k = (FNR-1) * ncol
    chk("length m", $2, z[k+1] - z[k], 0.051)
    chk("air temperature C", $3, z[k+2] - 273.15, 0.051)
    chk("alpha top", $4, z[k+3], 0.051)
    chk("alpha bottom", $5, z[k+4], 0.051)
    chk("evaporated g/m2", $6, 1e3 * z[k+5], 0.0051)
    chk("film T exit C", $7, z[k+7] - 273.15, 0.051)
    r = z[k+8]; chk("residual ppm", $8, r, 5e-4 * (r < 0 ? -r : r) + 1e-300)
    chk("zone air mol%", $9, 100 * z[k+10], 5.1e-5)
    chk("fresh air kg/m2", $10, z[k+11], 5.1e-5)
    chk("recirculated %", $11, 100 * z[k+17], 0.051)
  }
  END { printf "%d numbers of the printed zone table checked against the results file, %d differ\n", n, bad; exit bad > 0 }' \
  zones.txt table.txt || exit 1
t=$("$EPROC_CHECK" --get r.h5 drying_time_s | awk '{print $NF}')
L=$("$EPROC_CHECK" --get r.h5 dryer_length_m | awk '{print $NF}')
line=$(grep -o 'after [0-9.]* s = [0-9.]* m of dryer' run.out)
echo "$line (summary: $t s, $L m)"
echo "$line" | awk -v t="$t" -v L="$L" '{ if ($2 - t > 0.0051 || t - $2 > 0.0051 || $5 - L > 0.0051 || L - $5 > 0.0051) { print "FAIL: the printed drying time or dryer length differs from the summary"; exit 1 } }' || exit 1
echo PASS
