#!/usr/bin/env bash
# eproc report and the XDMF files, as a process engineer would open them:
#  - every dataset each XDMF file names exists with the stated size and type (check_xdmf);
#  - the report of one run and of three runs side by side: the numbers in the CSV files equal /summary and
#    /ledger (check_report);
#  - headless Chromium, networking off, loads the page: every plot the page announces rendered as an SVG
#    with drawn content, the summary, ledger and balance tables have rows, and the screenshot is a real
#    picture (size and dimensions).
set -u
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=$((fail + 1)); fi; }
for c in nmp_nmc811 water_graphite dry_nmc811; do
  "$EPROC" run "$SRC/cases/$c.cfg" -o "$c.h5" > "$c.out" 2>&1 || { cat "$c.out"; exit 1; }
  check "$c.xmf written beside $c.h5" "[ -s $c.xmf ]"
done
check "XDMF datasets exist with the stated sizes" "'$CHECK_XDMF' nmp_nmc811.xmf water_graphite.xmf dry_nmc811.xmf > xdmf.out"
tail -1 xdmf.out
"$EPROC" report nmp_nmc811.h5 -o one > one.out 2>&1; s=$?
check "report of one run exits 0" "[ $s -eq 0 ] && [ -s one/report.html ]"
check "one run: CSV equals the results file" "'$CHECK_REPORT' one nmp_nmc811.h5 > one_csv.out"
tail -1 one_csv.out
"$EPROC" report nmp_nmc811.h5 water_graphite.h5 dry_nmc811.h5 -o three > three.out 2>&1; s=$?
check "report of three runs exits 0" "[ $s -eq 0 ] && [ -s three/report.html ]"
check "three runs: CSV equals the results files" "'$CHECK_REPORT' three nmp_nmc811.h5 water_graphite.h5 dry_nmc811.h5 > three_csv.out"
tail -1 three_csv.out
"$EPROC" report missing.h5 -o bad > bad.out 2>&1; s=$?
check "report of a missing file fails cleanly" "[ $s -ne 0 ] && grep -q 'missing.h5' bad.out"
browser=$(command -v chromium || command -v chromium-browser)
check "a headless browser is installed (chromium)" "[ -n '$browser' ]"
for page in one three; do
  # --proxy-server to a closed local port: the page must need no network
  flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --proxy-server=127.0.0.1:9 --user-data-dir=$WORK/chrome-$page"
  timeout 120 "$browser" $flags --dump-dom "file://$WORK/$page/report.html" > "$page.dom" 2> "$page.err"
  timeout 120 "$browser" $flags --window-size=1200,3000 --screenshot="$WORK/$page.png" "file://$WORK/$page/report.html" \
    > /dev/null 2>> "$page.err"
  announced=$(sed -n 's/.*data-plots="\([0-9]*\)".*/\1/p' "$page.dom")
  figures=$(grep -o '<figure class="plot"' "$page.dom" | wc -l)
  drawn=$(tr '\n' ' ' < "$page.dom" | grep -o '<figure class="plot"[^>]*>.\{0,400\}<svg' | wc -l)
  paths=$(grep -c '<path' "$page.dom")
  check "$page: the browser rendered every announced plot ($figures of ${announced:-?})" \
    "[ -n '$announced' ] && [ $figures -eq $announced ] && [ $drawn -eq $announced ] && [ $paths -ge $((announced * 5)) ]"
  for t in summary ledger balances; do
    rows=$(tr '\n' ' ' < "$page.dom" | grep -o "<table class=\"data\" id=\"$t\">.*" | sed 's,</table>.*,,' | grep -o '<tr>' | wc -l)
    check "$page: table $t has rows ($rows)" "[ $rows -ge 3 ]"
  done
  size=$(stat -c %s "$page.png" 2> /dev/null || echo 0)
  check "$page: screenshot taken ($size bytes)" "[ $size -gt 50000 ]"
done
echo "$fail failed"
[ $fail -eq 0 ]
