#!/usr/bin/env bash
# Error paths under valgrind memcheck: no invalid access and no definite leak of our own when a run stops on a bad
# materials property (the materials file's parsed tree), a refused case option, or a results file that cannot be
# written (the writer's buffers, viewer and HDF5 objects). Argument: the LD_PRELOAD full-disk shim.
set -u
SHIM=$1
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
fail=0
supp=(--suppressions="$SRC/tests/valgrind/mpi.supp")
[ -f /usr/share/openmpi/openmpi-valgrind.supp ] && supp+=(--suppressions=/usr/share/openmpi/openmpi-valgrind.supp)
vg() { # vg LABEL WANT_STATUS [env ...] -- eproc arguments
  local label=$1 want=$2
  shift 2
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  env "${envs[@]}" valgrind -q --error-exitcode=7 --leak-check=full --errors-for-leak-kinds=definite "${supp[@]}" \
    "$EPROC" run "$@" > "$label.out" 2>&1
  local s=$?
  if [ $s -eq "$want" ]; then echo "ok   $label: exit $s"; else
    echo "FAIL $label: exit $s (want $want; 7: valgrind errors)"; grep -E "==[0-9]+==|eproc: error" "$label.out" | head -20
    fail=$((fail + 1))
  fi
}
cp "$SRC/cases/water_graphite.cfg" case.cfg
sed 's/^\(\s*density_kg_per_m3 = \)[0-9.e+]*;/\1-5.0;/' "$SRC/cases/materials.cfg" > materials.cfg
vg bad_materials 2 X=1 -- case.cfg -o a.h5
cp "$SRC/cases/materials.cfg" materials.cfg
vg refused_option 2 X=1 -- case.cfg -o b.h5 --set "process.petsc_options=-drying_ts_view ascii:$WORK/x"
vg full_disk 1 EPROC_FAULT_MATCH=c.h5. EPROC_FAULT_BYTES=$((1024 * 1024 + 24576)) LD_PRELOAD="$SHIM" -- \
  case.cfg -o c.h5 -results_fields_reserve_MB 0
echo "$fail failed"
[ $fail -eq 0 ]
