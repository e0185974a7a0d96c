#!/usr/bin/env bash
# Resume after SIGKILL: a study is run uninterrupted on one rank (the reference), then for each rank count given
# it is started, killed with SIGKILL (mpiexec and every rank at once) at a random point, and
# started again, 10 times in a row, then run to the end. The final study file must hold every case exactly once,
# equal to the reference case by case and bit for bit, with the same front (study_check --compare).
# Kill k (1..10) comes when the journal holds a random number of cases drawn in the k-th tenth of the study (at
# least one more than the run started with), plus a random delay in [KILL_MIN_S, KILL_MAX_S]: every run makes
# progress and the kills spread over every phase (design, generations, refinement). The draws come from a seeded
# generator (STUDY_KILL_SEED, default 13). A kill that comes after the study ended (a fast study on a loaded machine)
# is tried again on a fresh start of the study, at most twice per tenth.
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
read -r ncases reclen <<< "$("$CHECK" --shape reference.h5)"
for np in $ranks; do
  out=killed_np$np.h5
  landed=0
  sizes=""
  k=1
  missed=0
  while [ "$k" -le 10 ]; do
    delay=$(awk -v r=$RANDOM -v a="$kmin" -v b="$kmax" 'BEGIN{printf "%.3f", a + (b - a) * r / 32767}')
    "$MPIEXEC" -n "$np" "$EPROC" study "$study" -o "$out" -study_progress 0 > /dev/null 2>> "$out.stderr" &
    pid=$!
    before=$(stat -c %s "$out.journal" 2> /dev/null || echo 0)
    target=$(awk -v r=$RANDOM -v k="$k" -v n="$ncases" 'BEGIN{printf "%d", n * (k - 1 + r / 32768) / 10}')
    want=$((64 + target * reclen))
    [ "$want" -gt "$before" ] || want=$((before + 1))
    for _ in $(seq 1 60000); do # until the journal holds the target (or the run ended)
      now=$(stat -c %s "$out.journal" 2> /dev/null || echo 0)
      [ "$now" -ge "$want" ] && break
      kill -0 "$pid" 2> /dev/null || break
      sleep 0.01
    done
    sleep "$delay"
    # mpiexec and its ranks (Open MPI gives each rank its own process group): all at once
    procs="$pid $(pgrep -P "$pid" | tr '\n' ' ')"
    hit=0
    if kill -0 "$pid" 2> /dev/null; then
      # shellcheck disable=SC2086
      kill -9 $procs 2> /dev/null
      [ -e "$out.journal" ] && {
        hit=1
        landed=$((landed + 1))
        sizes+=" $((($(stat -c %s "$out.journal") - 64) / reclen))"
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
    if [ "$hit" -eq 1 ] || [ "$missed" -ge 2 ]; then
      k=$((k + 1))
      missed=0
    else
      # the study ended before this kill (a fast study on a loaded machine): start it again from nothing so that
      # the kill for this tenth can land (at most twice; the landed count below still has to reach 5)
      missed=$((missed + 1))
      rm -f "$out" "$out.journal"
    fi
  done
  run "$np" "$out" || { echo "FAIL final run on $np ranks"; tail -5 "$out.stderr"; fail=$((fail + 1)); continue; }
  echo "$np ranks: 10 kills (after $kmin..$kmax s), $landed of them while the study was running (cases recorded at each kill:$sizes of $ncases)"
  [ "$landed" -ge 5 ] || { echo "FAIL fewer than 5 kills landed inside the study"; fail=$((fail + 1)); }
  "$CHECK" --compare reference.h5 "$out" || fail=$((fail + 1))
  [ -e "$out.journal" ] && { echo "FAIL the journal is left behind"; fail=$((fail + 1)); }
done
echo "$fail failed"
[ $fail -eq 0 ]
