#!/usr/bin/env bash
# Bad study files (tests/study/bad_input.txt): each must exit 2, name the study file with a line number, say what is
# wrong (the fragment), run no case of the study and leave no study file (nor journal) behind.
set -u
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
cp "$SRC/cases/materials.cfg" "$SRC/cases/nmp_nmc811.cfg" .
fail=0; n=0
while IFS='|' read -r id base sedscript extra expect; do
  [[ -z "$id" || "$id" == \#* ]] && continue
  n=$((n + 1))
  sed -e "$sedscript" "$SRC/cases/$base" > "$id.cfg"
  # shellcheck disable=SC2086
  "$EPROC" study "$id.cfg" -o "$id.h5" $extra < /dev/null > "$id.stdout" 2> "$id.stderr"
  status=$?
  problems=""
  [[ $status -eq 2 ]] || problems+=" exit=$status (want 2);"
  grep -qF -- "$expect" "$id.stderr" || problems+=" message lacks '$expect';"
  grep -qE "$id\.cfg:[0-9]+:" "$id.stderr" || problems+=" no file:line;"
  grep -q "^study:" "$id.stderr" && problems+=" cases ran;"
  compgen -G "$id.h5*" > /dev/null && problems+=" study file left behind;"
  if [[ -n "$problems" ]]; then
    echo "FAIL $id:$problems"; echo "     stderr: $(head -c 1500 "$id.stderr")"; fail=$((fail + 1))
  else
    echo "ok   $id: $(head -n 1 "$id.stderr")"
  fi
done < "$SRC/tests/study/bad_input.txt"
echo "$n bad study files, $fail failed"
[[ $n -ge 20 && $fail -eq 0 ]]
