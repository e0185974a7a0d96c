#!/usr/bin/env bash
# A disk that fills up while the results file is written, on 1 and 2 ranks: a small tmpfs when one can be mounted
# (in a private mount namespace), and always the LD_PRELOAD shim (SHIM, tests/faults/enospc_shim.c), which puts the
# fault at exact byte counts and on one rank only. Every run must: end within its time limit (no hang), exit 1 with
# one "cannot write the results file" message (or exit 0 with a complete file when the data fitted), leave no
# temporary file (*.tmp-*, *.reserve-*) behind, and leave an earlier results file of the same name untouched.
#   -results_fields_reserve_MB 0 lets the disk fill up inside the stages' field writes (VecView) too; a failure
#   there may end in the bounded abort (-results_agree_timeout, or the no-progress watchdog), still exit 1.
set -u
inside_ns=0
if [ "${1:-}" = "--inside-namespace" ]; then inside_ns=1; else SHIM=${1:?usage: full_disk.sh SHIM.so}; fi
if [ $inside_ns -eq 0 ]; then rm -rf "$WORK" && mkdir -p "$WORK" || exit 1; fi
cd "$WORK" || exit 1
fail=0
limit=120
dry=("$SRC/cases/dry_nmc811.cfg" --set electrostatic_deposition.cells_across=48 --set electrostatic_deposition.cells_gap=32)
wet=("$SRC/cases/water_graphite.cfg")
reserve=$((1024 * 1024))

# run LABEL NP OUTFILE ENV... -- eproc arguments; checks the outcome
run() {
  local label=$1 np=$2 out=$3
  shift 3
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  echo "previous results" > "$out"
  local start=$SECONDS status
  if [ "$np" -eq 1 ]; then
    env "${envs[@]}" timeout -s KILL $limit "$EPROC" run "$@" -o "$out" > "$label.out" 2>&1
  else
    local xs=()
    for e in "${envs[@]}"; do xs+=(-x "$e"); done
    # without -malloc_debug (ten times slower on 2 ranks; 1-rank runs keep it and -malloc_dump)
    PETSC_OPTIONS= timeout -s KILL $limit "$MPIEXEC" -n "$np" "${xs[@]}" "$EPROC" run "$@" -o "$out" > "$label.out" 2>&1
  fi
  status=$?
  local took=$((SECONDS - start)) problems=""
  [ $status -eq 137 ] && problems+=" hung (killed after ${limit} s);"
  if [ $status -eq 0 ]; then
    head -c 8 "$out" | grep -q HDF || problems+=" exit 0 without a complete HDF5 file;"
  else
    [ $status -eq 1 ] || problems+=" exit $status (want 1);"
    [ "$(cat "$out" 2>/dev/null)" = "previous results" ] || problems+=" the earlier file changed;"
    grep -q "cannot write the results file" "$label.out" || problems+=" no 'cannot write the results file' message;"
    grep -q "Segmentation\|signal 11\|BUS" "$label.out" && problems+=" crashed;"
    grep -q "malloc_dump\|Unfreed\|unfreed" "$label.out" && problems+=" memory left allocated;"
  fi
  compgen -G "$out.tmp-*" > /dev/null && problems+=" a .tmp file is left;"
  compgen -G "$out.reserve-*" > /dev/null && problems+=" a .reserve file is left;"
  if [ -n "$problems" ]; then
    echo "FAIL $label:$problems"
    grep -E "eproc: error|PETSC ERROR" "$label.out" | head -3 | sed 's/^/     /'
    fail=$((fail + 1))
  else
    echo "ok   $label: exit $status in ${took} s $(grep -m1 -o 'cannot write the results file.*' "$label.out" | cut -c1-150)"
  fi
}

if [ $inside_ns -eq 0 ]; then
  # --- the shim: exact byte counts -------------------------------------------------------------------------
  m=(EPROC_FAULT_MATCH=shim.h5. LD_PRELOAD="$SHIM")
  # the reserve cannot be made: nothing is written at all
  run shim_np1_no_space 1 shim.h5 "${m[@]}" EPROC_FAULT_BYTES=0 -- "${wet[@]}"
  # the disk fills up at several points of the file (the fields reserve off, so that it fills inside the writing)
  for b in 0 24576 73728; do
    run shim_np1_at_$b 1 shim.h5 "${m[@]}" EPROC_FAULT_BYTES=$((reserve + b)) -- "${wet[@]}" -results_fields_reserve_MB 0
  done
  run shim_np1_fits 1 shim.h5 "${m[@]}" EPROC_FAULT_BYTES=$((reserve + 4000000)) -- "${wet[@]}" -results_fields_reserve_MB 0
  # two ranks, the disk under rank 0 (which holds the reserve and writes the replicated data): agreed failures
  run shim_np2_no_space 2 shim.h5 "${m[@]}" EPROC_FAULT_BYTES=0 EPROC_FAULT_RANK=0 -- "${dry[@]}"
  for b in 0 110592; do
    run shim_np2_rank0_at_$b 2 shim.h5 "${m[@]}" EPROC_FAULT_BYTES=$((reserve + b)) EPROC_FAULT_RANK=0 -- \
      "${dry[@]}" -results_fields_reserve_MB 0 -results_agree_timeout 10
  done
  # two ranks, only rank 1 fails, inside the deposition stage's VecView (a call that does not vote): bounded abort
  run shim_np2_rank1_only 2 shim.h5 "${m[@]}" EPROC_FAULT_BYTES=0 EPROC_FAULT_RANK=1 -- "${dry[@]}" \
    -results_agree_timeout 5

  # --- a real small file system, when this machine lets us mount one ------------------------------------------
  if unshare -m --propagation private true 2> /dev/null; then
    unshare -m --propagation private env EPROC="$EPROC" MPIEXEC="$MPIEXEC" SRC="$SRC" WORK="$WORK" SHIM="$SHIM" \
      bash "$0" --inside-namespace
    fail=$((fail + $?))
  else
    echo "skip tmpfs: cannot create a mount namespace here (the shim runs above cover the same paths)"
  fi
  echo "$fail failed"
  [ $fail -eq 0 ]
  exit
fi

# --- inside the namespace: tmpfs of a given size, the earlier file on it -------------------------------------
mkdir -p "$WORK/disk"
on_tmpfs() { # on_tmpfs LABEL SIZE_KB NP eproc-arguments...
  local label=$1 kb=$2 np=$3
  shift 3
  mount -t tmpfs -o size=${kb}k tmpfs "$WORK/disk" || { echo "skip tmpfs: mount failed"; exit 0; }
  run "$label" "$np" "$WORK/disk/out.h5" X=1 -- "$@"
  umount "$WORK/disk"
}
for kb in 16 1100; do on_tmpfs tmpfs_np1_${kb}k $kb 1 "${wet[@]}" -results_fields_reserve_MB 0; done
on_tmpfs tmpfs_np1_fits 6000 1 "${wet[@]}"
# a failure inside the fields' VecView may end in the bounded abort: 10 s instead of the default 60 s
for kb in 5000 1150; do
  on_tmpfs tmpfs_np2_${kb}k $kb 2 "${dry[@]}" -results_fields_reserve_MB $((kb > 2000 ? 4 : 0)) -results_agree_timeout 10
done
on_tmpfs tmpfs_np2_fits 6000 2 "${dry[@]}"
exit $fail
