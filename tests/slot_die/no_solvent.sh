#!/usr/bin/env bash
# slot_die_coating on a slurry without a solvent is an input error on electrode.solvent (exit status 2).
set -u
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
"$EPROC" run "$SRC/cases/nmp_nmc811.cfg" -o out.h5 --set electrode.solvent=none > run.out 2> run.err
status=$?
cat run.err
[ "$status" -eq 2 ] || { echo "FAIL: exit status $status, expected 2"; exit 1; }
grep -q "electrode.solvent" run.err || { echo "FAIL: the message does not name electrode.solvent"; exit 1; }
[ -e out.h5 ] && { echo "FAIL: a results file was written"; exit 1; }
echo "ok: input error on electrode.solvent"
