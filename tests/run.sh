#!/bin/sh
# run.sh - the whole suite: unit tests, golden seeds, mutations, real corpus, CLI contract, fuzz.
# Ends with "total: N passed, N failed". Binaries are the sanitizer build (build/test).
set -u
cd "$(dirname "$0")/.."
BL=./build/test/budgetlint
SEEDS=../shared/corpus/seeds
REAL=../shared/corpus/real
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
if ! [ -d "$SEEDS" ] || ! [ -d "$REAL" ]; then
	echo "run.sh: ../shared/corpus is missing beside the checkout; the corpus stages cannot run"
	echo "total: 0 passed, 1 failed"
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. unit tests: each prints "name: N passed, M failed"
for t in build/test/test_*; do
	out=$($t 2>&1); rc=$?
	echo "$out" | grep FAIL
	p=$(echo "$out" | tail -1 | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\1/p')
	f=$(echo "$out" | tail -1 | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\2/p')
	pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
	[ $rc -eq 0 ] || [ "${f:-0}" -gt 0 ] || bad "$t exited $rc"
done

# 2. golden: the seeds' facts and findings, reviewed by hand (tests/golden/README.md)
for f in $SEEDS/*.txt; do
	b=$(basename "$f" .txt)
	(cd $SEEDS && "$OLDPWD/$BL" extract --format csv "$b.txt") > "$tmp/facts" 2>"$tmp/err"
	if diff -u "tests/golden/$b.facts.csv" "$tmp/facts" > "$tmp/d"; then ok; else bad "golden facts $b"; head -20 "$tmp/d"; fi
	(cd $SEEDS && "$OLDPWD/$BL" check --color never "$b.txt") > "$tmp/find" 2>>"$tmp/err"
	if diff -u "tests/golden/$b.findings.txt" "$tmp/find" > "$tmp/d"; then ok; else bad "golden findings $b"; head -20 "$tmp/d"; fi
	[ -s "$tmp/err" ] && { bad "stderr on $b"; cat "$tmp/err"; }
done

# 3. mutations: plant one error in a seed copy; the rule must fire at that line.
#    file | line | sed expression | rule | severity
mutate() {
	file=$1 line=$2 expr=$3 rule=$4 sev=$5
	cp "$SEEDS/$file" "$tmp/m.txt"
	sed -i "${line}s/$expr/" "$tmp/m.txt"
	if cmp -s "$SEEDS/$file" "$tmp/m.txt"; then bad "mutation did not apply: $file:$line $expr"; return; fi
	$BL check --color never "$tmp/m.txt" > "$tmp/out" 2>&1
	if grep -aq "^$tmp/m.txt:$line:[0-9]*: $sev\[$rule\]" "$tmp/out"; then ok; else bad "mutation $file:$line '$expr' expected $sev[$rule]"; grep -a "^$tmp" "$tmp/out" | head -5; fi
}
mutate 000_f6abead5b2fb5ca3.txt 42 "住房保障支出预算28.31/住房保障支出预算38.31" sum.func_classes error
mutate 000_f6abead5b2fb5ca3.txt 40 "政府性基金预算拨款0万元/政府性基金预算拨款10万元" sum.income_sources error
mutate 000_f6abead5b2fb5ca3.txt 46 "基本支出558.29万元/基本支出568.29万元" sum.basic_project error
mutate 000_f6abead5b2fb5ca3.txt 51 "公务接待费1.8万元/公务接待费2.8万元" sum.sangong error
mutate 002_bc76dcabdb26b188.txt 61 "政府采购货物预算5万元/政府采购货物预算4万元" sum.procurement error
mutate 004_2ccfc830364209d8.txt 22 "下降35.2%/下降25.2%" change.pct error
mutate 000_f6abead5b2fb5ca3.txt 46 "基本支出558.29万元，比2023年增加14.5万元/基本支出558.29万元，比2023年减少14.5万元" sum.changes error
mutate 003_805888eae833e04a.txt 21 "增加0.03万元/增加0.13万元" sum.changes error
mutate 004_2ccfc830364209d8.txt 22 "减少306.59万元，下降35.2%/增加306.59万元，下降35.2%" change.direction error
mutate 004_2ccfc830364209d8.txt 24 "占67.9%/占76.9%" share.pct error
mutate 004_2ccfc830364209d8.txt 55 "人均接待费98.25元/人均接待费108.25元" per_person.reception error
mutate 004_2ccfc830364209d8.txt 40 "增长28.7%/增长38.7%" change.pct error
mutate 004_2ccfc830364209d8.txt 22 "2024年度收、支总计/2023年度收、支总计" text.year_mismatch warning
mutate 000_f6abead5b2fb5ca3.txt 8 "第一部分：2024年部门预算/第一部分：2023年部门预算" text.year_mismatch warning
mutate 001_594fbc126104c74b.txt 58 "2024年项目支出均实行了/2024年项目支出增加（减少）均实行了" text.template_leftover error
mutate 003_805888eae833e04a.txt 21 "主要原因是人员减少工资薪金减少9.85万元。/主要原因是。" text.empty_reason warning
mutate 002_bc76dcabdb26b188.txt 65 "截至2025年12月/截止2025年12月" text.jiezhi warning
# a removed section: the whole 三公 part of seed 000 (its heading and text)
cp "$SEEDS/000_f6abead5b2fb5ca3.txt" "$tmp/m.txt"; sed -i '50,51d' "$tmp/m.txt"
if $BL check "$tmp/m.txt" | grep -aq "warning\[complete.sections\]: .*三公"; then ok; else bad "removed 三公 section not reported"; fi
# rounding-only differences never give an error: move one addend by 0.01
for m in "s/住房保障18.97万元/住房保障18.96万元/" "s/基本支出358.68万元/基本支出358.69万元/"; do
	cp "$SEEDS/003_805888eae833e04a.txt" "$tmp/m.txt"; sed -i "$m" "$tmp/m.txt"
	if $BL check "$tmp/m.txt" | grep -aq "error\[sum"; then bad "rounding gave an error: $m"; else ok; fi
done

# 4. the real corpus: no crash, no sanitizer report, unit/year/kind as MANIFEST.tsv says
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

# 4b. the PDFs: profile right, page counts, the template recognised, and the
# same facts as the pdftotext texts of the same files in real/, except the
# reviewed differences in tests/golden/pdf/ (facts the layout text lost)
PEER=../shared/corpus/peer
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
for want in "error\[text.template_leftover\]: 模板占位文字“XX”" "warning\[text.year_mismatch\]: 章节标题写作2023年" "error\[change.pct\]: 收支总计"; do
	grep -aq "$want" "$tmp/pl" && ok || bad "planted PDF: no $want"
done
$BL check "$PEER/good/putuo-finance-2024-final.pdf" | grep -aq "template_leftover\|year_mismatch" && bad "good PDF: planted-type finding" || ok
# 4c. tables read from the ruling lines: every table, column and cell against
# the expected files reviewed by hand (tests/golden/tables); the clean
# document's table findings at info at most; the planted copy's missing
# 支出决算表 and emptied 三公 table found
for f in good/putuo-finance-2024-final bad/putuo-finance-2024-final-planted bad/putuo-planning-2024-final \
	 bad/putuo-socialwork-2024-final templates/final-template-2024; do
	n=$(basename "$f")
	$BL extract --format tables "$PEER/$f.pdf" > "$tmp/tb"
	if cmp -s "$tmp/tb" "tests/golden/tables/$n.tables"; then ok; else bad "tables $n"; diff "tests/golden/tables/$n.tables" "$tmp/tb" | head; fi
	[ "$(grep -c '^table ' "$tmp/tb")" -ge 8 ] && ok || bad "tables $n: fewer than eight found"
done
$BL check "$PEER/good/putuo-finance-2024-final.pdf" > "$tmp/g"
# (its two table findings above info are genuine: 财政拨款收入支出总计0.3万元 where the table says
# 2,961.68, and 个人农业生产补贴 listed as part of 人员经费 where the 基本支出表 leaves it blank)
grep -aq "info\[table\.codes\]" "$tmp/g" && [ "$(grep -ac "\(error\|warning\)\[table\." "$tmp/g")" -eq 2 ] \
	&& grep -aq "error\[table.narrative\]: 正文财政拨款（全部）收支总计（含结转结余）为0.30万元" "$tmp/g" \
	&& grep -aq "warning\[table.items\]: 正文称人员经费主要包括“个人农业生产补贴”" "$tmp/g" && ok || bad "good PDF: table findings above info"
$BL check "$PEER/bad/putuo-planning-2024-final.pdf" | grep -aq "error\[table.narrative\]: 正文一般公共预算财政拨款基本支出为5377.64万元，《一般公共预算财政拨款支出决算表》合计“基本支出”列为5364.75万元" \
	&& ok || bad "planning PDF: narrative 基本支出 against the table"
grep -aq "error\[table.narrative\]: 正文收支总计（含结转结余）为0.00万元" "$tmp/pl" && ok || bad "planted PDF: 收支总计 0 against the table"
grep -aq "error\[table.required\]: 部门决算公开表缺少《支出决算表》" "$tmp/pl" && ok || bad "planted PDF: missing 支出决算表 not found"
grep -aq "warning\[table.empty_note\]: 《财政拨款“三公”经费支出决算表》为空表" "$tmp/pl" && ok || bad "planted PDF: emptied 三公 table not found"
$BL check --format json "$PEER"/*/*.pdf > "$tmp/j"
build/test/jsoncheck < "$tmp/j" > "$tmp/jc" && grep -aq '"box": \[' "$tmp/j" && ok || { bad "pdf json contract or boxes"; grep -a FAIL "$tmp/jc" | head; }

# 5. CLI contract: exit codes, unreadable input reported without stopping, JSON shape, docs
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
build/test/jsoncheck < "$tmp/j" > "$tmp/jc" && ok || { bad "check --format json contract"; grep -a FAIL "$tmp/jc" | head; }
$BL extract --format json $SEEDS/*.txt $REAL/*.txt > "$tmp/j"
build/test/jsoncheck --extract < "$tmp/j" > "$tmp/jc" && ok || { bad "extract --format json contract"; grep -a FAIL "$tmp/jc" | head; }
printf '{"tool": {"name": "budgetlint"}, "documents": [{"path": "x", "kind": "draft"}]}' | build/test/jsoncheck > /dev/null && bad "jsoncheck accepts a broken document" || ok
# the tables in extract JSON: nine per final-account PDF, cells three-state
$BL extract --format json "$PEER"/*/*.pdf > "$tmp/j"
build/test/jsoncheck --extract < "$tmp/j" > "$tmp/jc" && grep -aq '"state": "number", "value": "2940.05"' "$tmp/j" && ok || { bad "extract json tables"; grep -a FAIL "$tmp/jc" | head; }
# structured inputs through the CLI: a directory walk picks them up by name, JSON names the format
$BL extract --format json fuzz/seeds/ooxml fuzz/seeds/html > "$tmp/j"
build/test/jsoncheck --extract < "$tmp/j" > "$tmp/jc" && grep -aq '"source": "docx"' "$tmp/j" && grep -aq '"source": "xlsx"' "$tmp/j" \
	&& grep -aq '"source": "html"' "$tmp/j" && [ "$(grep -ao '"kind": "[a-z]*", "title"' "$tmp/j" | sort | tr -d '\n')" = '"kind": "approp", "title""kind": "general", "title""kind": "summary", "title"' ] \
	&& ok || { bad "docx/xlsx/html through extract json"; grep -a FAIL "$tmp/jc" | head; }
$BL check --min-severity error $SEEDS/004_2ccfc830364209d8.txt | grep -aq "warning\[" && bad "min-severity" || ok
$BL rules --format markdown | cmp -s - docs/rules.md && ok || bad "docs/rules.md is stale: run make docs"
# every key the seeds yield is documented: whole, or as scope + item
for k in $($BL extract $SEEDS/*.txt | grep -ao '"key": "[a-z_.0-9]*"' | sed 's/.*: "\(.*\)"/\1/' | sort -u); do
	item=$(echo "$k" | sed 's/^\(total\|general\|fund\|capital\|approp\)\.//')
	if grep -q "\`$k\`" docs/facts.md || grep -q "| item | \`$item\`" docs/facts.md; then ok; else bad "docs/facts.md lacks $k"; fi
done

# bench/run.sh still runs (one repetition; it reports, it asserts no time)
sh bench/run.sh 1 > "$tmp/bench" 2>&1 && grep -q "x the 10x time" "$tmp/bench" && ok || { bad "bench/run.sh"; tail -5 "$tmp/bench"; }

# 6. a short fuzz run of the text pipeline
if [ -x build/test/fuzz_text ]; then
	mkdir -p "$tmp/corpus"; cp $SEEDS/*.txt fuzz/seeds/text/*.txt "$tmp/corpus/"
	if build/test/fuzz_text -max_total_time=20 -max_len=8192 "$tmp/corpus" > "$tmp/fuzz" 2>&1; then ok; else bad "fuzz"; tail -30 "$tmp/fuzz"; fi
fi
# and of each adapter, from the seeds in fuzz/seeds (a bounded number of runs)
for t in pdf ooxml html; do
	[ -x build/test/fuzz_$t ] || { bad "fuzz_$t not built"; continue; }
	mkdir -p "$tmp/corpus_$t"; cp fuzz/seeds/$t/* "$tmp/corpus_$t/"
	if build/test/fuzz_$t -runs=3000 -max_total_time=25 -max_len=16384 "$tmp/corpus_$t" > "$tmp/fuzz_$t" 2>&1; then ok
	else bad "fuzz_$t"; tail -30 "$tmp/fuzz_$t"; fi
done

echo "total: $pass passed, $fail failed"
[ $fail -eq 0 ]
