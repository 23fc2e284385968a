#!/bin/sh
# cli.sh - the CLI contract: exit codes, unreadable input reported without stopping, JSON shape, structured inputs
cd "$(dirname "$0")/../.." && . tests/lib.sh && suite cli
need_corpus
$BL check $SEEDS/001_594fbc126104c74b.txt > /dev/null; [ $? -eq 1 ] && ok || bad "exit 1 on error finding"
$BL check $SEEDS/002_bc76dcabdb26b188.txt > /dev/null; [ $? -eq 0 ] && ok || bad "exit 0 without error"
$BL check /nonexistent.txt $SEEDS/002_bc76dcabdb26b188.txt > "$tmp/o" 2> "$tmp/e"; rc=$?
[ $rc -eq 2 ] && grep -q "budgetlint: cannot open '/nonexistent.txt'" "$tmp/e" && ok || bad "unreadable input: exit $rc"
$BL check --bogus x > /dev/null 2>&1; [ $? -eq 2 ] && ok || bad "bad option exit 2"
$BL check --format json $SEEDS/001_594fbc126104c74b.txt > "$tmp/j"
grep -aq '"stated": "1110.21", "expected": "1075.21"' "$tmp/j" && grep -aq '^{"tool": {"name": "budgetlint"' "$tmp/j" && ok || bad "json findings"
grep -aq '"key": "general.basic", "measure": "value", "basis": null, "period": 2024, "value": "369.62", "unit": "万元"' "$tmp/j" && ok || bad "json facts"
# the JSON parsed by a real parser and checked field by field against the contract
$BL check --format json $SEEDS/*.txt $REAL/*.txt > "$tmp/j"
$JC < "$tmp/j" > "$tmp/jc" && ok || { bad "check --format json contract"; grep -a FAIL "$tmp/jc" | head; }
$BL extract --format json $SEEDS/*.txt $REAL/*.txt > "$tmp/j"
$JC --extract < "$tmp/j" > "$tmp/jc" && ok || { bad "extract --format json contract"; grep -a FAIL "$tmp/jc" | head; }
printf '{"tool": {"name": "budgetlint"}, "documents": [{"path": "x", "kind": "draft"}]}' | $JC > /dev/null && bad "jsoncheck accepts a broken document" || ok
# the tables in extract JSON: nine per final-account PDF, cells three-state
$BL extract --format json "$PEER"/*/*.pdf > "$tmp/j"
$JC --extract < "$tmp/j" > "$tmp/jc" && grep -aq '"state": "number", "value": "2940.05"' "$tmp/j" && ok || { bad "extract json tables"; grep -a FAIL "$tmp/jc" | head; }
# structured inputs through the CLI: a directory walk picks them up by name, JSON names the format
$BL extract --format json fuzz/seeds/ooxml fuzz/seeds/html > "$tmp/j"
$JC --extract < "$tmp/j" > "$tmp/jc" && grep -aq '"source": "docx"' "$tmp/j" && grep -aq '"source": "xlsx"' "$tmp/j" \
	&& grep -aq '"source": "html"' "$tmp/j" && [ "$(grep -ao '"kind": "[a-z]*", "title"' "$tmp/j" | sort | tr -d '\n')" = '"kind": "approp", "title""kind": "general", "title""kind": "summary", "title"' ] \
	&& ok || { bad "docx/xlsx/html through extract json"; grep -a FAIL "$tmp/jc" | head; }
$BL check --min-severity error $SEEDS/004_2ccfc830364209d8.txt | grep -aq "warning\[" && bad "min-severity" || ok
# OCR is the command line's choice through BL_NO_OCR (the library reads no environment):
# a one-page scan is refused with it, read by OCR without it, by check and by ingest
./build/mkscan "$(ls "$PEER"/*/*.pdf | head -1)" "$tmp/scan.pdf" 150 1 > /dev/null 2>&1 || bad "mkscan"
BL_NO_OCR=1 $BL check "$tmp/scan.pdf" > /dev/null 2> "$tmp/e"; rc=$?
[ $rc -eq 2 ] && grep -q "OCR read nothing" "$tmp/e" && ok || bad "BL_NO_OCR: a scan refused (exit $rc)"
$BL check "$tmp/scan.pdf" > "$tmp/o" 2> "$tmp/e"; rc=$?
[ $rc -ne 2 ] && grep -aq "ingest.ocr" "$tmp/o" && ok || bad "a scan read by OCR (exit $rc)"
BL_NO_OCR=1 $BL ingest -q --db "$tmp/ocr.db" "$tmp/scan.pdf" > "$tmp/o" 2>&1
grep -q "0 filed, 0 already filed, 1 failed" "$tmp/o" && ok || { bad "BL_NO_OCR: ingest records the scan as failed"; cat "$tmp/o"; }
$BL ingest -q --db "$tmp/ocr.db" "$tmp/scan.pdf" > "$tmp/o" 2>&1
grep -q "1 filed, 0 already filed, 0 failed" "$tmp/o" && ok || { bad "ingest files the scan read by OCR"; cat "$tmp/o"; }
# one disclosure in two files: paired when named together or found in one directory; a half alone says what it lacks
mkdir -p "$tmp/pair"
printf '某某县某某局\n2023年度部门预算公开说明\n一、一般公共预算支出情况\n2023年一般公共预算支出90.00万元，其中基本支出50.00万元，项目支出40.00万元。\n二、公开表\n公开表附后。\n' > "$tmp/pair/说明.txt"
printf '2023年度部门预算公开表\n                 一般公共预算支出预算表\n编制单位：某某县某某局                          单位：万元\n  科目编码   科目名称         合计     基本支出      项目支出\n            合计         80.00    50.00    30.00\n' > "$tmp/pair/表.txt"
$BL check "$tmp/pair" > "$tmp/o"; rc=$?
[ $rc -eq 1 ] && [ "$(grep -ac 'info\[profile.pair\]' "$tmp/o")" -eq 2 ] && grep -aq "说明.txt:4:[0-9]*: error\[table.narrative\]" "$tmp/o" \
	&& grep -aq "note: $tmp/pair/表.txt 第5行: 80.00" "$tmp/o" && ! grep -aq "complete\.\(pair\|sections\)" "$tmp/o" && ok || { bad "a directory's two halves checked as one (exit $rc)"; cat "$tmp/o"; }
$BL check --format json "$tmp/pair/表.txt" "$tmp/pair/说明.txt" > "$tmp/j"
$JC < "$tmp/j" > "$tmp/jc" && grep -aq '"companion": "'"$tmp"'/pair/说明.txt"' "$tmp/j" && grep -aq '"evidence": \[{"page": 1, "line": 4, [^]]*{"path": "'"$tmp"'/pair/表.txt", "page": 1, "line": 5' "$tmp/j" \
	&& ok || { bad "two files named together are paired (json)"; grep -a FAIL "$tmp/jc" | head; }
# a subdirectory walked between the two files of a directory does not part them
mkdir -p "$tmp/sub/b"
cp "$tmp/pair/说明.txt" "$tmp/sub/a-说明.txt"; cp "$tmp/pair/表.txt" "$tmp/sub/c-表.txt"
printf '某某县另一局\n2023年度部门预算公开说明\n一、收支预算总体情况\n2023年收入预算10.00万元。\n' > "$tmp/sub/b/x.txt"
$BL check "$tmp/sub" > "$tmp/o"
[ "$(grep -ac 'info\[profile.pair\]' "$tmp/o")" -eq 2 ] && ok || { bad "a subdirectory between a pair's files"; grep -a "pair" "$tmp/o"; }
$BL check "$tmp/pair/表.txt" > "$tmp/o"
[ "$(grep -ac 'warning\[complete.pair\]' "$tmp/o")" -eq 1 ] && ! grep -aq "complete.sections" "$tmp/o" && ok || { bad "tables alone: the narrative missing, once"; cat "$tmp/o"; }
$BL check "$tmp/pair/说明.txt" > "$tmp/o"
grep -aq 'info\[complete.pair\]' "$tmp/o" && ! grep -aq "table\.narrative" "$tmp/o" && ok || { bad "a narrative alone"; cat "$tmp/o"; }
finish
