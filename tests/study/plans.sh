#!/usr/bin/env bash
# Every shipped study file (cases/study_*.cfg) is valid: -study_plan checks it, runs its base case, prints the plan
# and writes nothing.
set -u
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
fail=0; n=0
for f in "$SRC"/cases/study_*.cfg; do
  n=$((n + 1))
  name=$(basename "$f" .cfg)
  if "$EPROC" study "$f" -o "$name.h5" -study_plan > "$name.out" 2>&1 && grep -q "cases in all" "$name.out" && [ ! -e "$name.h5" ]; then
    echo "ok   $name: $(grep 'cases in all' "$name.out")"
  else
    echo "FAIL $name"; cat "$name.out"; fail=$((fail + 1))
  fi
done
echo "$n study files, $fail failed"
[ $n -ge 3 ] && [ $fail -eq 0 ]
