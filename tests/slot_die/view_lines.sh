#!/usr/bin/env bash
# The slot-die stage's printed lines against independent values (the NMP case): the slurry's solids (the case key),
# the shear rates in the slot, 6 q/H^2, and in the coating gap, (q/h_wet)/G, from the reported flow; the wet film and
# its CVs against the summary; the coating window around the operating point (a positive margin puts the line speed,
# gap and vacuum inside the printed limits; the upper speed limit is the air-entrainment speed here); and, with a
# 220 um slot that opens the die beyond its range, the WARNING's pressure equal to the die line's.
set -u
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=$((fail + 1)); fi; }
near() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN{d = a - b; if (d < 0) d = -d; s = b < 0 ? -b : b; exit !(d <= t * s)}'; }
"$EPROC" run "$SRC/cases/nmp_nmc811.cfg" -o r.h5 > run.out 2> run.err || { cat run.err; exit 1; }
get() { "$EPROC_CHECK" --get r.h5 "$1" | awk '{print $NF}'; }
Q=$(get slurry_flow_l_per_min); hw=$(get wet_thickness_um); cv=$(get wet_thickness_cv_percent)
cvt=$(get wet_thickness_cv_trimmed_percent); margin=$(get coating_window_margin)
slurry=$(grep '^  slurry: ' run.out); film=$(grep '^  wet film: ' run.out); window=$(grep '^  coating window' run.out)
echo "$slurry"; echo "$film"; echo "$window"
# case: 600 mm wide, 40 m/min, 70 wt% solids, slot 800 um, coating gap 200 um, vacuum 0
q=$(awk -v Q="$Q" 'BEGIN{print Q / 6e4 / 0.6}') # m2/s
ws=$(echo "$slurry" | sed -n 's/.*slurry: \([0-9.]*\) wt% solids.*/\1/p')
gs=$(echo "$slurry" | sed -n 's/.* in the slot (\([0-9.e+]*\) 1\/s).*/\1/p')
gg=$(echo "$slurry" | sed -n 's/.* in the gap (\([0-9.e+]*\) 1\/s).*/\1/p')
check "slurry solids printed 70.0 wt% (the case's 0.70)" "near '$ws' 70.0 1e-9"
check "slot shear rate = 6 q/H^2 = $(awk -v q=$q 'BEGIN{printf "%.4g", 6*q/(800e-6)^2}') 1/s (printed $gs)" \
  "near '$gs' $(awk -v q=$q 'BEGIN{print 6*q/(800e-6)^2}') 2e-3"
check "gap shear rate = (q/h_wet)/G = $(awk -v q=$q -v h=$hw 'BEGIN{printf "%.4g", q/(h*1e-6)/200e-6}') 1/s (printed $gg)" \
  "near '$gg' $(awk -v q=$q -v h=$hw 'BEGIN{print q/(h*1e-6)/200e-6}') 2e-3"
fh=$(echo "$film" | sed -n 's/.*wet film: \([0-9.]*\) um from the die.*/\1/p')
fc=$(echo "$film" | sed -n 's/.*cross-web CV \([0-9.]*\) %.*/\1/p')
ft=$(echo "$film" | sed -n 's/.*(\([0-9.]*\) % without.*/\1/p')
check "wet film from the die = wet_thickness_um ($fh, $hw)" "near '$fh' '$hw' 5e-4"
check "cross-web CV = wet_thickness_cv_percent ($fc, $cv)" "near '$fc' '$cv' 1e-4"
check "trimmed CV = wet_thickness_cv_trimmed_percent ($ft, $cvt)" "near '$ft' '$cvt' 1e-4"
read -r slo shi sae glo ghi vlo vhi vset wm <<< "$(echo "$window" | sed -n 's/.*speed \([-0-9.e+]*\)-\([-0-9.e+]*\) m\/min (air entrainment at \([-0-9.e+]*\) m\/min), gap \([-0-9.e+]*\)-\([-0-9.e+]*\) um, vacuum \([-0-9.e+]*\) to \([-0-9.e+]*\) kPa (set \([-0-9.e+]*\) kPa): margin \([-0-9.e+]*\),.*/\1 \2 \3 \4 \5 \6 \7 \8 \9/p')"
check "window margin printed = coating_window_margin ($wm, $margin)" "near '$wm' '$margin' 3e-3"
check "margin > 0: 40 m/min inside the printed speeds $slo-$shi" "awk 'BEGIN{exit !($margin > 0 && $slo < 40 && 40 < $shi)}'"
check "the upper speed is the air-entrainment speed ($shi, $sae)" "near '$shi' '$sae' 1e-9"
check "200 um inside the printed gaps $glo-$ghi, vacuum 0 (set $vset) inside $vlo to $vhi kPa" \
  "awk 'BEGIN{exit !($glo < 200 && 200 < $ghi && $vset == 0 && $vlo < 0 && 0 < $vhi)}'"
# every printed limit is the one written to the results file (printed with 3 significant digits, so to 5e-3, or to
# 1 um for the gaps)
arr() { "$EPROC_CHECK" --array r.h5 "/slot_die_coating/$1"; }
check "printed speeds $slo-$shi m/min = the results file's window_speed_min/max_m_per_min" \
  "near '$slo' $(arr window_speed_min_m_per_min) 5e-3 && near '$shi' $(arr window_speed_max_m_per_min) 5e-3"
check "printed gaps $glo-$ghi um = the results file's window_gap_min/max_um (to 0.5 um)" \
  "awk -v a='$glo' -v b=$(arr window_gap_min_um) -v c='$ghi' -v d=$(arr window_gap_max_um) 'BEGIN{exit !((a - b)^2 <= 0.25 && (c - d)^2 <= 0.25)}'"
check "printed vacuum limits $vlo to $vhi kPa = the results file's window_vacuum_min/max_kPa" \
  "near '$vlo' $(arr window_vacuum_min_kPa) 5e-3 && near '$vhi' $(arr window_vacuum_max_kPa) 5e-3"
# an implausible die: a 220 um slot (2.2 MPa)
"$EPROC" run "$SRC/cases/nmp_nmc811.cfg" -o w.h5 --set slot_die_coating.slot_gap_um=220 > w.out 2> w.err
pd=$(sed -n 's/.*die pressure \([0-9.e+]*\) kPa opens the slot.*/\1/p' w.out)
pw=$(sed -n 's/.*WARNING: IMPLAUSIBLE DIE PRESSURE: \([0-9.e+]*\) MPa.*/\1/p' w.out)
grep -h 'IMPLAUSIBLE\|die pressure' w.out | head -2
check "220 um slot: a WARNING whose pressure ($pw MPa) is the die line's ($pd kPa)" \
  "[ -n '$pw' ] && near \$(awk -v p='$pw' 'BEGIN{print p * 1e3}') '$pd' 5e-3"
echo "$fail failed"
exit $((fail > 0))
