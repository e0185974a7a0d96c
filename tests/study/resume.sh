#!/usr/bin/env bash
# Resume after SIGKILL: a study is run uninterrupted on one rank (the reference), then for each rank count given
# it is started, killed with SIGKILL (mpiexec and every rank at once) at a random point, and
# started again, 10 times in a row, then run to the end. The final study file must hold every case exactly once,
# equal to the reference case by case and bit for bit, with the same front (study_check --compare).
# Each kill comes a random time in [KILL_MIN_S, KILL_MAX_S] after the run has recorded its first case (so that
# every run makes progress and the kills spread over the whole study); the times come from a seeded generator
# (STUDY_KILL_SEED, default 13).
# usage: resume.sh STUDY.cfg "NPROCS ..." KILL_MIN_S KILL_MAX_S
set -u
study=$1; ranks=$2; kmin=$3; kmax=$4
CHECK=$(dirname "$EPROC")/tests/study_check
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
RANDOM=${STUDY_KILL_SEED:-13}
fail=0
run() { # run NP OUT: the study under mpiexec, quietly
  "$MPIEXEC" -n "$1" "$EPROC" study "$study" -o "$2" -study_progress 0 > /dev/null 2> "$2.stderr"
}
t0=$(date +%s.%N)
run 1 reference.h5 || { echo "FAIL reference run"; cat reference.h5.stderr; exit 1; }
t1=$(date +%s.%N)
echo "reference run (1 rank): $(awk "BEGIN{printf \"%.2f\", $t1 - $t0}") s"
for np in $ranks; do
  out=killed_np$np.h5
  landed=0
  sizes=""
  for k in $(seq 1 10); do
    delay=$(awk -v r=$RANDOM -v a="$kmin" -v b="$kmax" 'BEGIN{printf "%.3f", a + (b - a) * r / 32767}')
    "$MPIEXEC" -n "$np" "$EPROC" study "$study" -o "$out" -study_progress 0 > /dev/null 2>> "$out.stderr" &
    pid=$!
    before=$(stat -c %s "$out.journal" 2> /dev/null || echo 0)
    for _ in $(seq 1 3000); do # until this run has recorded a case (or ended)
      now=$(stat -c %s "$out.journal" 2> /dev/null || echo 0)
      [ "$now" -gt "$before" ] && break
      kill -0 "$pid" 2> /dev/null || break
      sleep 0.01
    done
    sleep "$delay"
    # mpiexec and its ranks (Open MPI gives each rank its own process group): all at once
    procs="$pid $(pgrep -P "$pid" | tr '\n' ' ')"
    if kill -0 "$pid" 2> /dev/null; then
      # shellcheck disable=SC2086
      kill -9 $procs 2> /dev/null
      [ -e "$out.journal" ] && {
        landed=$((landed + 1))
        sizes+=" $(stat -c %s "$out.journal")"
      }
    fi
    for p in $procs; do # until every one is gone or a zombie (its lock on the journal goes with it), at most 10 s
      for _ in $(seq 1 1000); do
        st=$(ps -o stat= -p "$p" 2> /dev/null)
        [ -z "$st" ] || [ "${st#Z}" != "$st" ] && break
        sleep 0.01
      done
    done
    wait "$pid" 2> /dev/null
  done
  run "$np" "$out" || { echo "FAIL final run on $np ranks"; tail -5 "$out.stderr"; fail=$((fail + 1)); continue; }
  echo "$np ranks: 10 kills (after $kmin..$kmax s), $landed of them while the study was running (journal bytes:$sizes)"
  [ "$landed" -ge 5 ] || { echo "FAIL fewer than 5 kills landed inside the study"; fail=$((fail + 1)); }
  "$CHECK" --compare reference.h5 "$out" || fail=$((fail + 1))
  [ -e "$out.journal" ] && { echo "FAIL the journal is left behind"; fail=$((fail + 1)); }
done
echo "$fail failed"
[ $fail -eq 0 ]
