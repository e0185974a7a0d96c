#!/usr/bin/env bash
# Names eproc writes are never followed as links (the results file, its temporaries, the .xmf beside it), and files it must not replace stay as they are:
# a link planted at the results name (replaced by the new file, its target untouched), at the old predictable
# temporary name, a dangling link, a link to the input case, a read-only results file, a results file in a
# directory given through a link, and the same in a batch run (-o DIR/), in a comparison and in a report.
set -u
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=$((fail + 1)); fi; }
case_file="$SRC/cases/water_graphite.cfg"
cp "$SRC/cases/materials.cfg" .
echo "victim" > victim.txt
echo "victim 2" > victim2.txt

echo "victim 3" > victim3.txt
ln -s "$WORK/victim.txt" out.h5
ln -s "$WORK/victim2.txt" out.h5.tmp
ln -s "$WORK/victim3.txt" out.xmf
"$EPROC" run "$case_file" -o out.h5 > link.out 2>&1; s=$?
check "a link at the results name: exit 0" "[ $s -eq 0 ]"
check "  the link's target is untouched" "[ \"\$(cat victim.txt)\" = victim ]"
check "  the link at the old temporary name is not followed" "[ \"\$(cat victim2.txt)\" = 'victim 2' ] && [ -L out.h5.tmp ]"
check "  the results name is now a regular HDF5 file" "[ -f out.h5 ] && [ ! -L out.h5 ] && head -c 8 out.h5 | grep -q HDF"
check "  the link at the XDMF name beside it is replaced, its target untouched" "[ \"\$(cat victim3.txt)\" = 'victim 3' ] && [ -f out.xmf ] && [ ! -L out.xmf ]"
check "  no temporary file left" "! compgen -G 'out.h5.tmp-*' >/dev/null && ! compgen -G 'out.h5.reserve-*' >/dev/null"
check "  the results file has the umask's permissions" "[ \"\$(stat -c %a out.h5)\" = \"\$(printf %o \$((0666 & ~0\$(umask))))\" ]"

ln -s "$WORK/nowhere/new.h5" dangling.h5
"$EPROC" run "$case_file" -o dangling.h5 > dangling.out 2>&1; s=$?
check "a dangling link at the results name: exit 0, nothing made where it pointed" "[ $s -eq 0 ] && [ ! -e nowhere ] && [ -f dangling.h5 ] && [ ! -L dangling.h5 ]"

cp "$case_file" mycase.cfg
ln -s "$WORK/mycase.cfg" case_link.h5
"$EPROC" run mycase.cfg -o case_link.h5 > self.out 2>&1; s=$?
check "a results name that links to the input case: exit 2, the case kept" "[ $s -eq 2 ] && cmp -s mycase.cfg '$case_file' && grep -q 'is the input file' self.out"

echo "read-only results" > ro.h5 && chmod 444 ro.h5
"$EPROC" run "$case_file" -o ro.h5 > ro.out 2>&1; s=$?
check "a read-only results file: exit 2 before the run, kept" "[ $s -eq 2 ] && [ \"\$(cat ro.h5)\" = 'read-only results' ] && grep -q 'read-only' ro.out && ! grep -q 'energy ledger' ro.out"

mkdir -p realdir && ln -s "$WORK/realdir" dirlink
"$EPROC" run "$case_file" -o dirlink/x.h5 > dirlink.out 2>&1; s=$?
check "a results directory given through a link: exit 0, the file in it" "[ $s -eq 0 ] && [ -f realdir/x.h5 ]"

mkdir -p batch && cp "$case_file" batch_a.cfg && ln -s "$WORK/victim.txt" batch/batch_a.h5
"$EPROC" run batch_a.cfg "$SRC/cases/nmp_nmc811.cfg" -o batch/ > batch.out 2>&1; s=$?
check "batch run over a planted link: exit 0, the target untouched" "[ $s -eq 0 ] && [ \"\$(cat victim.txt)\" = victim ] && [ -f batch/batch_a.h5 ] && [ ! -L batch/batch_a.h5 ]"

mkdir -p adir
"$EPROC" run "$case_file" -o adir > isdir.out 2>&1; s=$?
check "-o naming a directory: exit 2 before the run" "[ $s -eq 2 ] && ! grep -q 'energy ledger' isdir.out"

# eproc compare: links at every name it writes in DIR (its tables, its HDF5 file, each route's results and XDMF)
mkdir -p cmp
for f in compare.h5 compare_summary.csv compare_ledger.csv water_graphite.h5 water_graphite.xmf nmp_nmc811.h5; do
  ln -s "$WORK/victim.txt" "cmp/$f"
done
"$EPROC" compare "$case_file" "$SRC/cases/nmp_nmc811.cfg" -o cmp/ > cmp.out 2>&1; s=$?
check "compare over links at all its names: exit 0, the target untouched" "[ $s -eq 0 ] && [ \"\$(cat victim.txt)\" = victim ]"
check "  every name is now a regular file with the umask's permissions" "for f in cmp/compare.h5 cmp/compare_summary.csv cmp/compare_ledger.csv cmp/water_graphite.h5 cmp/water_graphite.xmf cmp/nmp_nmc811.h5; do [ -f \$f ] && [ ! -L \$f ] && [ \"\$(stat -c %a \$f)\" = \"\$(printf %o \$((0666 & ~0\$(umask))))\" ] || exit 1; done"

# eproc report into an existing directory: links planted at the names it writes there are replaced, not followed
mkdir -p rep && ln -s "$WORK/victim.txt" rep/report.html && ln -s "$WORK/victim.txt" rep/ledger.csv
"$EPROC" report out.h5 -o rep > rep.out 2>&1; s=$?
check "report over links in an existing directory: exit 0, the target untouched" "[ $s -eq 0 ] && [ \"\$(cat victim.txt)\" = victim ]"
check "  the page and the table are regular files now" "[ -f rep/report.html ] && [ ! -L rep/report.html ] && [ -f rep/ledger.csv ] && [ ! -L rep/ledger.csv ]"

echo "$fail failed"
[ $fail -eq 0 ]
