#!/usr/bin/env bash
# Benchmark of issue 16's goal: `eproc report` of a 200-case study in under 5 s. The study is the ZDT1 model on a
# Saltelli design (tests/report/study_zdt1_sobol.cfg: 200 cases, two objectives, Sobol indices of both, made in
# well under a second), so its report has every part: parameter table, 2 x 3 scatter multiplot, Pareto front and
# front table, two Sobol charts and their table, the 200-row case table. Also the report of a 2000-case version
# (the same study with 400 base samples) to show how it grows. Prints wall times (best of 3); asserts nothing.
set -u
cd "$(dirname "$0")/../.." || exit 1
build=${BUILD:-build}
tmp=$(mktemp -d)
"$build/eproc" study tests/report/study_zdt1_sobol.cfg -o "$tmp/s200.h5" -study_progress 0 > "$tmp/out" 2>&1 ||
  { echo "study failed"; cat "$tmp/out"; exit 1; }
sed 's/samples = 40;/samples = 400;/' tests/report/study_zdt1_sobol.cfg > "$tmp/s2000.cfg"
"$build/eproc" study "$tmp/s2000.cfg" -o "$tmp/s2000.h5" -study_progress 0 > "$tmp/out" 2>&1 ||
  { echo "study failed"; cat "$tmp/out"; exit 1; }
for n in 200 2000; do
  best=""; all=""
  for i in 1 2 3; do
    rm -rf "$tmp/r$n"
    start=$(date +%s.%N)
    "$build/eproc" report "$tmp/s$n.h5" -o "$tmp/r$n" > "$tmp/out" 2>&1 || { echo "report failed"; cat "$tmp/out"; break; }
    t=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.2f", e - s}')
    all="$all $t"
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
  done
  plots=$(sed -n 's/.*data-plots="\([0-9]*\)".*/\1/p' "$tmp/r$n/report.html")
  size=$(du -k "$tmp/r$n/report.html" | cut -f1)
  echo "eproc report of a $n-case study: wall$all s, best $best s ($plots plots, page $size kB)   (goal < 5 s for 200 cases)"
done
rm -rf "$tmp"
