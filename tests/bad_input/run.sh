#!/usr/bin/env bash
# Bad-input tests: each line of cases.txt makes a malformed case from a shipped case file with a sed
# script (or an extra command-line argument) and states a fragment the error message must contain. A line
# whose base is plant.cfg makes a malformed plant file instead, which the NMP case reads (plant.file).
# Every one must: exit with status 2, name the file (or the command line), a line number and the key,
# and leave no results file (neither RESULTS.h5 nor RESULTS.h5.tmp) behind.
set -u
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
cp "$SRC/cases/materials.cfg" .
fail=0; n=0
while IFS='|' read -r id base sedscript extra expect; do
  [[ -z "$id" || "$id" == \#* ]] && continue
  n=$((n + 1))
  case_file="$WORK/$id.cfg"
  sed -e "$sedscript" "$SRC/cases/$base" > "$case_file"
  run_file="$case_file"
  if [[ "$base" == plant.cfg ]]; then # a bad plant file ($id.cfg), read by the NMP case through plant.file
    run_file="$WORK/${id}_case.cfg"
    sed -e "\$a plant = { file = \"$id.cfg\"; };" "$SRC/cases/nmp_nmc811.cfg" > "$run_file"
  fi
  out="$WORK/$id.h5"
  # shellcheck disable=SC2086
  "$EPROC" run "$run_file" -o "$out" $extra > "$id.stdout" 2> "$id.stderr"
  status=$?
  msg=$(head -c 2000 "$id.stderr")
  problems=""
  [[ $status -eq 2 ]] || problems+=" exit=$status (want 2);"
  grep -qF -- "$expect" "$id.stderr" || problems+=" message lacks '$expect';"
  # where: file:line, or the command line for --set
  grep -qE "($id\.cfg|materials[a-z_]*\.cfg):[0-9]+:|command line" "$id.stderr" || problems+=" no file:line;"
  grep -q "energy ledger" "$id.stdout" && problems+=" a stage ran before the error;"
  [[ -e "$out" ]] || compgen -G "$out.tmp*" >/dev/null && problems+=" results file left behind;"
  if [[ -n "$problems" ]]; then
    echo "FAIL $id:$problems"; echo "     stderr: $msg"; fail=$((fail + 1))
  else
    echo "ok   $id: $(head -n 1 "$id.stderr")"
  fi
done < "$SRC/tests/bad_input/cases.txt"
echo "$n bad inputs, $fail failed"
[[ $n -ge 15 && $fail -eq 0 ]]
