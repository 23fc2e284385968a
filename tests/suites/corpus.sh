#!/bin/sh
# corpus.sh - the real corpus: no crash, no sanitizer report, unit/year/kind as MANIFEST.tsv says
cd "$(dirname "$0")/../.." && . tests/lib.sh && suite corpus
need_corpus
tail -n +2 "$REAL/MANIFEST.tsv" | while IFS="$(printf '\t')" read slug unit region year kind rest; do
	out=$($BL extract "$REAL/$slug.txt" 2>&1); rc=$?
	if [ $rc -ne 0 ]; then echo "FAIL real $slug exit $rc"; echo "$out" | tail -5; continue; fi
	echo "$out" | grep -aq "\"kind\": \"$kind\", \"level\": \"[a-z]*\", \"year\": $year, \"unit\": \"$unit\"" \
		&& echo "PASS" || echo "FAIL real $slug: expected $unit $year $kind"
done > "$tmp/real"
grep -a FAIL "$tmp/real"
pass=$((pass + $(grep -ac PASS "$tmp/real"))); fail=$((fail + $(grep -ac FAIL "$tmp/real")))
$BL check $REAL > /dev/null 2>"$tmp/err"; rc=$?
if [ $rc -le 1 ] && ! [ -s "$tmp/err" ]; then ok; else bad "check over real corpus exit $rc"; head "$tmp/err"; fi
finish
