#!/bin/sh
# golden.sh - the seeds' facts and findings, reviewed by hand (tests/golden/README.md)
cd "$(dirname "$0")/../.." && . tests/lib.sh && suite golden
need_corpus
for f in $SEEDS/*.txt; do
	b=$(basename "$f" .txt)
	(cd $SEEDS && "$OLDPWD/$BL" extract --format csv "$b.txt") > "$tmp/facts" 2>"$tmp/err"
	if diff -u "tests/golden/$b.facts.csv" "$tmp/facts" > "$tmp/d"; then ok; else bad "golden facts $b"; head -20 "$tmp/d"; fi
	(cd $SEEDS && "$OLDPWD/$BL" check --color never "$b.txt") > "$tmp/find" 2>>"$tmp/err"
	if diff -u "tests/golden/$b.findings.txt" "$tmp/find" > "$tmp/d"; then ok; else bad "golden findings $b"; head -20 "$tmp/d"; fi
	[ -s "$tmp/err" ] && { bad "stderr on $b"; cat "$tmp/err"; }
done
finish
