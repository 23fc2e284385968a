#!/bin/sh
# tables.sh - tables read from the ruling lines: every table, column and cell against the
# expected files reviewed by hand (tests/golden/tables; the Jiangsu ones too); the clean document's table findings
# at info at most; the planted copy's missing 支出决算表 and emptied 三公 table found
cd "$(dirname "$0")/../.." && . tests/lib.sh && suite tables
need_corpus
for f in good/putuo-finance-2024-final bad/putuo-finance-2024-final-planted bad/putuo-planning-2024-final \
	 bad/putuo-socialwork-2024-final templates/final-template-2024; do
	n=$(basename "$f")
	$BL extract --format tables "$PEER/$f.pdf" > "$tmp/tb"
	if cmp -s "$tmp/tb" "tests/golden/tables/$n.tables"; then ok; else bad "tables $n"; diff "tests/golden/tables/$n.tables" "$tmp/tb" | head; fi
	[ "$(grep -c '^table ' "$tmp/tb")" -ge 8 ] && ok || bad "tables $n: fewer than eight found"
done
# the Jiangsu tables PDFs (Excel exports: merged total cells, group labels merged down, numbered
# titles, empty tables with a note): every cell against the file reviewed by hand against the PDF
# text; their identities (收入合计 = 支出合计, both 支出 views = 支出合计, 类 = Σ款 = Σ项, 合计 =
# 基本 + 项目 + 单位预留机动经费, the 三公 sums) hold, so no table finding above info
for n in jiangsu-cppcc-2018-budget-tables jiangsu-partyoffice-2018-budget-tables; do
	$BL extract --format tables "$JIANGSU/$n.pdf" > "$tmp/tb"
	if cmp -s "$tmp/tb" "tests/golden/tables/$n.tables"; then ok; else bad "tables $n"; diff "tests/golden/tables/$n.tables" "$tmp/tb" | head; fi
	[ "$(grep -c '^table ' "$tmp/tb")" -eq 12 ] && ok || bad "tables $n: not the twelve tables"
	$BL check "$JIANGSU/$n.pdf" > "$tmp/js"
	if grep -aq "\(error\|warning\)\[table\." "$tmp/js"; then bad "$n: a table finding above info"; grep -a "\[table\." "$tmp/js" | head -3; else ok; fi
done
$BL check "$PEER/good/putuo-finance-2024-final.pdf" > "$tmp/g"
# (its two table findings above info are genuine: 财政拨款收入支出总计0.3万元 where the table says
# 2,961.68, and 个人农业生产补贴 listed as part of 人员经费 where the 基本支出表 leaves it blank)
grep -aq "info\[table\.codes\]" "$tmp/g" && [ "$(grep -ac "\(error\|warning\)\[table\." "$tmp/g")" -eq 2 ] \
	&& grep -aq "error\[table.narrative\]: 正文财政拨款（全部）收支总计（含结转结余）为0.30万元" "$tmp/g" \
	&& grep -aq "warning\[table.items\]: 正文称人员经费主要包括“个人农业生产补贴”" "$tmp/g" && ok || bad "good PDF: table findings above info"
$BL check "$PEER/bad/putuo-planning-2024-final.pdf" | grep -aq "error\[table.narrative\]: 正文一般公共预算财政拨款基本支出为5377.64万元，《一般公共预算财政拨款支出决算表》合计“基本支出”列为5364.75万元" \
	&& ok || bad "planning PDF: narrative 基本支出 against the table"
$BL check "$PEER/bad/putuo-finance-2024-final-planted.pdf" > "$tmp/pl"
grep -aq "error\[table.narrative\]: 正文收支总计（含结转结余）为0.00万元" "$tmp/pl" && ok || bad "planted PDF: 收支总计 0 against the table"
grep -aq "error\[table.required\]: 部门决算公开表缺少《支出决算表》" "$tmp/pl" && ok || bad "planted PDF: missing 支出决算表 not found"
grep -aq "warning\[table.empty_note\]: 《财政拨款“三公”经费支出决算表》为空表" "$tmp/pl" && ok || bad "planted PDF: emptied 三公 table not found"
$BL check --format json "$PEER"/*/*.pdf > "$tmp/j"
$JC < "$tmp/j" > "$tmp/jc" && grep -aq '"box": \[' "$tmp/j" && ok || { bad "pdf json contract or boxes"; grep -a FAIL "$tmp/jc" | head; }
finish
