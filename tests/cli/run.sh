#!/usr/bin/env bash
# The command line: help, version, bad usage, PETSc options from the command line (and that they win
# over the case's process.petsc_options), -log_view events per stage, an unwritable results path, and
# a bad input that must not touch an existing results file.
set -u
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=$((fail + 1)); fi; }

"$EPROC" --help > help.out 2>&1; s=$?
check "--help exits 0 and shows eproc run" "[ $s -eq 0 ] && grep -q 'eproc run CASE.cfg' help.out"
"$EPROC" --version > version.out 2>&1; s=$?
check "--version exits 0" "[ $s -eq 0 ] && grep -q '^eproc [0-9]' version.out"
"$EPROC" frobnicate > bad.out 2>&1; s=$?
check "unknown command exits 2" "[ $s -eq 2 ] && grep -q \"unknown command 'frobnicate'\" bad.out"
"$EPROC" run > nocase.out 2>&1; s=$?
check "run without a case exits 2" "[ $s -eq 2 ]"
"$EPROC" run "$SRC/cases/nmp_nmc811.cfg" --set > noval.out 2>&1; s=$?
check "--set without a value exits 2" "[ $s -eq 2 ]"

# PETSc options: the case sets a default, the command line wins
"$EPROC" run "$SRC/cases/water_graphite.cfg" -o opt.h5 --set 'process.petsc_options=-drying_ts_type bdf' \
  -drying_ts_type arkimex -drying_ts_view -log_view > opts.out 2>&1; s=$?
check "run with PETSc options exits 0" "[ $s -eq 0 ]"
check "command line -drying_ts_type arkimex wins over the case's bdf" "grep -q 'type: arkimex' opts.out && ! grep -q 'type: bdf' opts.out"
check "-log_view lists one event per stage" "grep -q '^slot_die_coating' opts.out && grep -q '^convective_drying' opts.out"
"$EPROC" run "$SRC/cases/water_graphite.cfg" -o def.h5 --set 'process.petsc_options=-drying_ts_type bdf' -drying_ts_view -drying_ts_max_reject 20 > def.out 2>&1
check "the case's petsc_options apply without a command-line override" "grep -q 'type: bdf' def.out"

# a single command-line option reaches the run's options database whole (PETSc 3.18's PetscStrlcat cut it)
"$EPROC" run "$SRC/cases/water_graphite.cfg" -o mon.h5 -drying_ts_monitor > mon.out 2>&1; s=$?
check "a lone -drying_ts_monitor prints the time steps" "[ $s -eq 0 ] && grep -q 'TS dt' mon.out"
# the drying stage switches PETSc's viewer look-ups off while it solves unless an option asks for one
"$EPROC" run "$SRC/cases/water_graphite.cfg" -o rsn.h5 -drying_snes_converged_reason > rsn.out 2>&1; s=$?
check "-drying_snes_converged_reason prints every Newton solve of the drying stage" \
  "[ $s -eq 0 ] && [ \$(grep -c 'Nonlinear drying_ solve converged' rsn.out) -gt 100 ]"

# a results path in a directory that does not exist: found before computing (exit 2), nothing left behind
"$EPROC" run "$SRC/cases/water_graphite.cfg" -o "$WORK/no/such/dir/out.h5" > unw.out 2>&1; s=$?
check "results path in a missing directory exits 2 before the run" "[ $s -eq 2 ] && grep -q 'does not exist' unw.out && ! grep -q 'energy ledger' unw.out"
# the input file is never the output
cp "$SRC/cases/water_graphite.cfg" self.cfg
"$EPROC" run self.cfg -o self.cfg > self.out 2>&1; s=$?
check "-o the case file itself exits 2 and keeps it" "[ $s -eq 2 ] && cmp -s self.cfg '$SRC/cases/water_graphite.cfg'"
# a device is never replaced
"$EPROC" run "$SRC/cases/water_graphite.cfg" -o /dev/null > dev.out 2>&1; s=$?
check "-o /dev/null exits 2 and leaves the device" "[ $s -eq 2 ] && [ -c /dev/null ]"

# bad input leaves an existing results file untouched
echo "previous results" > keep.h5
"$EPROC" run "$SRC/cases/nmp_nmc811.cfg" -o keep.h5 --set electrode.areal_loading_mg_per_cm2=500 > keep.out 2>&1; s=$?
check "bad input keeps an existing results file" "[ $s -eq 2 ] && [ \"\$(cat keep.h5)\" = 'previous results' ] && ! compgen -G 'keep.h5.tmp*' >/dev/null"

# a diverging case (the drying Newton steps made useless by the linear solver): exit 3, the stage named, no results
echo "previous results" > div.h5
"$EPROC" run "$SRC/cases/water_graphite.cfg" -o div.h5 -drying_ksp_type richardson -drying_pc_type none \
  -drying_ksp_max_it 1 -drying_ksp_richardson_scale 1e300 > div.out 2>&1; s=$?
check "a diverging case exits 3 and names the stage" "[ $s -eq 3 ] && grep -q \"stage 'convective_drying' did not converge\" div.out"
check "  the earlier results file is kept, nothing else written" "[ \"\$(cat div.h5)\" = 'previous results' ] && ! compgen -G 'div.h5.*' >/dev/null && ! grep -q 'PETSC ERROR' div.out"
"$EPROC" --help > help2.out 2>&1
check "--help documents exit status 3" "grep -q '3 the case diverged' help2.out"

# hostile case files that libconfig would take minutes (or for ever) to read: refused before it reads them
{ echo 'process = {'; for i in $(seq 1 30000); do echo "  k$i = 1;"; done; echo '};'; } > big.cfg
start=$SECONDS; timeout -s KILL 60 "$EPROC" run big.cfg -o big.h5 > big.out 2>&1; s=$?
check "a 300 kB case file: exit 2 at once" "[ $s -eq 2 ] && grep -q 'input files are limited to 256 kB' big.out && [ $((SECONDS - start)) -lt 30 ]"
{ echo 'process = {'; for i in $(seq 1 6000); do echo "k$i=1;"; done; echo '};'; } > many.cfg
start=$SECONDS; timeout -s KILL 60 "$EPROC" run many.cfg -o many.h5 > many.out 2>&1; s=$?
check "a case file with 6000 settings: exit 2 at once" "[ $s -eq 2 ] && grep -q 'holds 6001 settings; input files are limited to 5000' many.out && [ $((SECONDS - start)) -lt 30 ]"
mkfifo fifo.cfg
timeout -s KILL 60 "$EPROC" run fifo.cfg -o fifo.h5 > fifo.out 2>&1; s=$?
check "a FIFO as the case file: exit 2, no hang" "[ $s -eq 2 ] && grep -q 'not a regular file' fifo.out"

echo "$fail failed"
[ $fail -eq 0 ]
