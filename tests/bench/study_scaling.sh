#!/usr/bin/env bash
# Study throughput: the 200-case NMP study (tests/bench/study_nmp200.cfg: the base case and 199 Latin-hypercube
# cases) on 1 and 2 ranks, and the Ishigami study (20480 cases of microseconds: the scheduler's and the study file's
# own cost). Prints wall time of the whole command, cases per second while cases run (from the study's report),
# CPU seconds per case, and the parallel efficiency rate(2) / (2 rate(1)). Goals (issue 13): >= 50 NMP cases/s on
# 2 cores, >= 90 % efficiency, the 200-case study in < 10 s on 2 cores. Asserts nothing.
# usage: tests/bench/study_scaling.sh [BUILD_DIR]
set -u
cd "$(dirname "$0")/../.." || exit 1
build=${1:-${BUILD:-build}}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
tmp=$(mktemp -d)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
declare -A rate
for study in tests/bench/study_nmp200.cfg cases/study_ishigami.cfg; do
  name=$(basename "$study" .cfg)
  for np in 1 2; do
    rm -f "$tmp/s.h5"*
    /usr/bin/time -f "%e %U %S" -o "$tmp/t" mpiexec -n "$np" "$build/eproc" study "$study" -o "$tmp/s.h5" \
      -study_progress 0 < /dev/null > "$tmp/out" 2> "$tmp/err" || { echo "$name on $np ranks failed"; cat "$tmp/err"; continue; }
    read -r wall user sys < "$tmp/t"
    line=$(head -n 1 "$tmp/out")
    n=$(echo "$line" | sed -n 's/.*(\([0-9]*\) run now in \([0-9.]*\) s: \([0-9.]*\) cases\/s).*/\1 \2 \3/p')
    read -r cases secs r <<< "$n"
    rate[$name.$np]=$r
    printf "%-16s %d rank(s): %6d cases, wall %6.2f s (cases running %6.2f s), %9.1f cases/s, %.4f CPU s per case\n" \
      "$name" "$np" "$cases" "$wall" "$secs" "$r" "$(awk -v u="$user" -v s="$sys" -v c="$cases" 'BEGIN{print (u + s) / c}')"
  done
  [ -n "${rate[$name.1]:-}" ] && [ -n "${rate[$name.2]:-}" ] &&
    awk -v a="${rate[$name.1]}" -v b="${rate[$name.2]}" -v n="$name" 'BEGIN{printf "%-16s parallel efficiency on 2 ranks: %.0f %%\n", n, 100 * b / (2 * a)}'
done
rm -rf "$tmp"
