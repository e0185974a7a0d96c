#!/usr/bin/env bash
# Every input the case-loader fuzzer crashed on, run through `eproc run` (with its "#SET path=value" lines as --set):
# each must end as an input error (exit 2) or a clean run (0), never a crash, a hang or a sanitizer report.
set -u
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
cp "$SRC/cases/materials.cfg" .
fail=0; n=0
for f in "$SRC"/tests/fuzz/regressions/*; do
  [ -f "$f" ] || continue
  n=$((n + 1))
  name=$(basename "$f")
  cp "$f" case.cfg
  sets=()
  while IFS= read -r l; do sets+=(--set "${l#\#SET }"); done < <(grep -a '^#SET ' case.cfg | head -16)
  timeout -s KILL 120 "$EPROC" run case.cfg -o out.h5 "${sets[@]}" > "$name.out" 2>&1
  s=$?
  if [ $s -eq 0 ] || [ $s -eq 2 ]; then
    echo "ok   $name: exit $s $(grep -m1 'eproc: error' "$name.out" | cut -c1-140)"
  else
    echo "FAIL $name: exit $s"; tail -5 "$name.out"; fail=$((fail + 1))
  fi
  rm -f out.h5 out.xmf
done
echo "$n regression inputs, $fail failed"
[ $fail -eq 0 ]
