#!/bin/sh
# pdf.sh - the corpus PDFs: profile right, page counts, the template recognised, and the
# same facts as the pdftotext texts of the same files in real/, except the reviewed
# differences in tests/golden/pdf/ (facts the layout text lost); the planted problems found
cd "$(dirname "$0")/../.." && . tests/lib.sh && suite pdf
need_corpus
for spec in "good/putuo-finance-2024-final|上海市普陀区财政局|25|false" \
	    "bad/putuo-finance-2024-final-planted|上海市普陀区财政局|26|false" \
	    "bad/putuo-planning-2024-final|上海市普陀区规划和自然资源局|30|false" \
	    "bad/putuo-socialwork-2024-final|中共上海市普陀区委社会工作部|24|false" \
	    "templates/final-template-2024|上海市XX局|23|true"; do
	IFS='|' read -r f unit pages tmpl <<EOF2
$spec
EOF2
	$BL extract "$PEER/$f.pdf" > "$tmp/p" 2> "$tmp/err"; rc=$?
	if [ $rc -eq 0 ] && ! [ -s "$tmp/err" ] && grep -aq "\"kind\": \"final\", \"level\": \"[a-z]*\", \"year\": 2024, \"unit\": \"$unit\", \"pages\": $pages," "$tmp/p" \
		&& grep -aq "\"source\": \"pdf\", \"template\": $tmpl" "$tmp/p"; then ok; else bad "pdf profile $f (exit $rc)"; head -3 "$tmp/err"; fi
done
for n in finance-2024-final planning-2024-final socialwork-2024-final; do
	pdf=$(ls $PEER/*/putuo-$n.pdf)
	$BL extract --format csv "$pdf" | tail -n +2 | cut -d, -f2-6 | sort > "$tmp/a"
	$BL extract --format csv "$REAL/putuo-$n.txt" | tail -n +2 | cut -d, -f2-6 | sort > "$tmp/b"
	diff "$tmp/a" "$tmp/b" > "$tmp/d"
	if cmp -s "$tmp/d" "tests/golden/pdf/putuo-$n.facts-diff"; then ok; else bad "pdf vs text facts $n"; diff "tests/golden/pdf/putuo-$n.facts-diff" "$tmp/d" | head; fi
done
# the template: one info finding, no leftovers flood
$BL check "$PEER/templates/final-template-2024.pdf" > "$tmp/t"; rc=$?
[ $rc -eq 0 ] && [ "$(grep -ac '^[^ ].*: \(error\|warning\|info\)\[' "$tmp/t")" -eq 1 ] && grep -aq "info\[profile.template\]" "$tmp/t" && ok || bad "template not recognised (exit $rc)"
# planted problems the good copy does not have, each at its line
$BL check "$PEER/bad/putuo-finance-2024-final-planted.pdf" > "$tmp/pl"
# (the planted 收支总计 of 0: the table says 2995.39, and the percent computed from the 0 follows from it)
for want in "error\[text.template_leftover\]: 模板占位文字“XX”" "warning\[text.year_mismatch\]: 章节标题写作2023年" "error\[table.narrative\]: 正文收支总计（含结转结余）为0.00万元" "info\[change.pct\]: 收支总计"; do
	grep -aq "$want" "$tmp/pl" && ok || bad "planted PDF: no $want"
done
$BL check "$PEER/good/putuo-finance-2024-final.pdf" | grep -aq "template_leftover\|year_mismatch" && bad "good PDF: planted-type finding" || ok
finish
