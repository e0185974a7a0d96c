#!/usr/bin/env bash
# Stage instances: the NMP line with two calender passes ("calendering" then "second_pass:calendering")
# writes two stage groups, two ledger labels and two sets of balances; the second pass takes the web the
# first one made (0.36 after the first pass, 0.30 after the second); each pass reads its own
# section and its own solver options (prefix second_pass_cal_).
set -u
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=$((fail + 1)); fi; }
sed -e 's/"calendering"\]/"calendering", "second_pass:calendering"]/' "$SRC/cases/nmp_nmc811.cfg" > two.cfg
cat >> two.cfg <<'CFG'
second_pass = { target_porosity = 0.30; crown_um = 13.0; };
CFG
cp "$SRC/cases/materials.cfg" . 2> /dev/null
"$EPROC" run two.cfg -o two.h5 --set calendering.target_porosity=0.36 -second_pass_cal_snes_monitor > two.out 2>&1; s=$?
[ $s -eq 0 ] || cat two.out
check "two calender passes run" "[ $s -eq 0 ]"
"$EPROC_CHECK" --largest two.h5 none > ledger.out
check "ledger items of both passes, each under its instance name" \
  "grep -q '^  calendering  *compaction work' ledger.out && grep -q '^  second_pass  *compaction work' ledger.out"
"$EPROC_CHECK" --balances two.h5 1e-10 > balances.out
check "balances of both passes" "grep -q '^  calendering ' balances.out && grep -q '^  second_pass ' balances.out"
check "two stage groups in the file" "grep -q 'Name=\"/calendering' two.xmf && grep -q 'Name=\"/second_pass' two.xmf"
check "the route shows the instance and its type" "grep -q 'second_pass (calendering)' two.out"
n_monitor=$(grep -c 'SNES Function norm' two.out)
check "the second pass's own solver option acted ($n_monitor monitor lines, of its solve only)" "[ $n_monitor -ge 2 ] && [ $n_monitor -le 20 ]"
por=$("$EPROC_CHECK" --get two.h5 porosity)
check "the route leaves at the second pass's target porosity 0.30 ($por)" "awk 'BEGIN{exit !($por > 0.2999 && $por < 0.3001)}'"
echo "$fail failed"
[ $fail -eq 0 ]
