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
# detect_stack_use_after_return: evidence that borrowed a stack buffer is caught only with it
export ASAN_OPTIONS=detect_stack_use_after_return=1:strict_string_checks=1:detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
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

# 4d. output hygiene: check's JSON and text and extract's text of every corpus document are valid
# UTF-8 with no NUL and no control character, and carry no sign of corrupted memory (a control
# character escaped in JSON, or a replacement character: no corpus document has invalid bytes)
U8=./build/test/utf8check
for f in $SEEDS/*.txt $REAL/*.txt ../shared/corpus/peer/*/*.pdf ../shared/corpus/jiangsu/*.pdf; do
	[ -f "$f" ] || continue
	b=$(basename "$f")
	$BL check --format json --min-severity info "$f" > "$tmp/h.json" 2> "$tmp/h.err"
	$BL check --color never --min-severity info "$f" > "$tmp/h.txt" 2>> "$tmp/h.err"
	$BL extract --format text "$f" > "$tmp/h.lines" 2>> "$tmp/h.err"
	why=""
	$U8 "$b json" < "$tmp/h.json" > "$tmp/h.why" || why="$(cat "$tmp/h.why")"
	$U8 "$b text" < "$tmp/h.txt" > "$tmp/h.why" || why="$why $(cat "$tmp/h.why")"
	$U8 --ff "$b lines" < "$tmp/h.lines" > "$tmp/h.why" || why="$why $(cat "$tmp/h.why")"
	grep -aq -e '\\u000[0-9abd-f]' -e '\\u001[0-9a-f]' -e '\\u007f' -e '\\ufffd' "$tmp/h.json" && why="$why escaped control in JSON"
	grep -aq "$(printf '\357\277\275')" "$tmp/h.json" "$tmp/h.txt" && why="$why replacement character"
	[ -s "$tmp/h.err" ] && why="$why stderr: $(head -c 300 "$tmp/h.err")"
	if [ -z "$why" ]; then ok; else bad "output hygiene $b:$why"; fi
done
# hostile text: escapes, BEL, NUL-free controls, a bidi override, invalid bytes, in a document and
# in its name; the terminal output holds none of them raw, JSON stays valid, CSV neutralises formulas
hname="$tmp/$(printf 'x\033[31m\n\377')单位.txt"
printf '%s\n' "某区教育局2024年度部门预算" "一、收入支出预算总体情况" \
	"$(printf '2024年收入总计100.00万元，比上年增加10.00万元\033]0;T\007，\342\200\256增长15.0%%。\001')" \
	"$(printf '支出总计100.00万元。\302\233[2J')" > "$hname"
$BL check --color never --min-severity info "$hname" > "$tmp/h.txt" 2>&1
$U8 hostile-text < "$tmp/h.txt" && ok || bad "hostile text: terminal output not clean"
grep -aq "控制字符或无效字节" "$tmp/h.txt" && ok || bad "hostile text: no note that characters were replaced"
$BL check --format json --min-severity info "$hname" > "$tmp/h.json" 2>&1
$U8 hostile-json < "$tmp/h.json" && ./build/test/jsoncheck < "$tmp/h.json" > /dev/null && ok || bad "hostile text: JSON not clean"
$BL extract --format csv "$hname" > "$tmp/h.csv" 2>&1
$U8 hostile-csv < "$tmp/h.csv" && ok || bad "hostile text: CSV not clean"
printf '%s\n' "=HYPERLINK(\"http://evil.example/\",\"x\")区教育局2024年度部门预算" "一、收入支出预算总体情况" \
	"2024年收入总计100.00万元，比上年减少10.00万元。" "-1+1区支出总计100.00万元。" > "$tmp/formula.txt"
$BL extract --format csv "$tmp/formula.txt" > "$tmp/f.csv"
if grep -aq ',"=' "$tmp/f.csv" || grep -aq '^=' "$tmp/f.csv" || ! grep -aq ',-10.00,' "$tmp/f.csv"; then
	bad "CSV: a formula cell not neutralised, or a signed figure mangled"; head -5 "$tmp/f.csv"
else ok; fi
# the unit's name goes into every store export: no cell may start a formula there either
$BL ingest --db "$tmp/formula.db" -q "$tmp/formula.txt" > /dev/null 2>&1
$BL export --db "$tmp/formula.db" --format csv -o "$tmp/fx" > /dev/null 2>&1
$BL ledger --db "$tmp/formula.db" --format csv > "$tmp/fx.ledger" 2>&1
if [ -n "$(ls "$tmp/fx" 2>/dev/null)" ] && grep -aq "HYPERLINK" "$tmp"/fx/* "$tmp/fx.ledger" &&
   ! grep -aqE '(^|,)"?[=+@-][^0-9]' "$tmp"/fx/* "$tmp/fx.ledger"; then ok; else bad "store CSV exports: formula cell not neutralised"; grep -a HYPERLINK "$tmp"/fx/* "$tmp/fx.ledger" | head -3; fi

# 4e. valgrind over the release binary (what ASan's build does not see: uninitialised reads, the
# optimised code): every corpus PDF, a document of every other format, render in every format
VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
if command -v valgrind > /dev/null; then
	vgrun() { # NAME CMD...: fails on any valgrind error
		name=$1; shift
		$VG "$@" > /dev/null 2> "$tmp/vg.err"; r=$?
		if [ $r -ne 99 ] && ! grep -aq "^==[0-9]*==" "$tmp/vg.err"; then ok; else bad "valgrind $name"; head -20 "$tmp/vg.err"; fi
	}
	for f in ../shared/corpus/peer/*/*.pdf ../shared/corpus/jiangsu/*.pdf; do
		[ -f "$f" ] && vgrun "$(basename "$f")" ./build/budgetlint check --format json --min-severity info "$f"
	done
	vgrun seed ./build/budgetlint check --min-severity info $SEEDS/000_f6abead5b2fb5ca3.txt
	vgrun real-text ./build/budgetlint check --min-severity info $REAL/putuo-finance-2024-final.txt
	vgrun docx ./build/budgetlint check --min-severity info fuzz/seeds/ooxml/a.docx
	vgrun xlsx ./build/budgetlint extract --format json fuzz/seeds/ooxml/b.xlsx
	vgrun html ./build/budgetlint check --min-severity info fuzz/seeds/html/c.htm
	vgrun render-docx ./build/budgetlint render --format docx -o "$tmp/vg.docx" --draft fuzz/seeds/render/seed000.json
	vgrun render-html ./build/budgetlint render --format html -o "$tmp/vg.html" --draft fuzz/seeds/render/seed004.json
else
	bad "valgrind is not installed (tools/deps.sh installs it)"
fi

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

# 7. the ledger: the corpus filed, identified, cross-checked; a crash; concurrency; PostgreSQL; FDP
LDB="$tmp/ledger.db"
$BL ingest --db "$LDB" -j2 -q $SEEDS $REAL ../shared/corpus/peer > "$tmp/ing" 2>&1 && ok || { bad "ingest corpus"; tail -5 "$tmp/ing"; }
$BL ledger --db "$LDB" --format csv > "$tmp/led.csv" 2>&1 || bad "ledger csv"
# every real document filed under the organisation, year and kind its manifest gives, 部门 or 单位 as its name says
tail -n +2 $REAL/MANIFEST.tsv | while IFS='	' read -r slug unit region year kind rest; do
	level=dept; case $slug in *-unit-*) level=unit ;; esac
	grep -q "^[^,]*,$unit,$level,$year,$kind,filed," "$tmp/led.csv" && echo ok || echo "FAIL ledger lacks $slug as $unit $level $year $kind"
done > "$tmp/man"
n=$(grep -c '^ok' "$tmp/man"); pass=$((pass + n)); grep FAIL "$tmp/man" && fail=$((fail + $(grep -c FAIL "$tmp/man")))
[ "$n" -eq "$(tail -n +2 $REAL/MANIFEST.tsv | grep -c .)" ] || bad "manifest rows checked: $n"
grep -q '^上海市普陀区,上海市普陀区人民政府万里街道办事处,dept,2023,budget' "$tmp/led.csv" && grep -q '^上海市普陀区,上海市普陀区人民政府万里街道办事处,dept,2024,budget' "$tmp/led.csv" \
	&& grep -q '^上海市普陀区,上海市普陀区人民政府万里街道办事处,dept,2025,budget' "$tmp/led.csv" && ok || bad "万里街道 2023-2025 in the ledger"
# the one document a person must look at is the blank template
$BL ledger --db "$LDB" --format json > "$tmp/led.json" && build/test/jsoncheck --any < "$tmp/led.json" > /dev/null 2>&1 \
	&& [ "$(grep -c 'final-template-2024.pdf' "$tmp/led.json")" = 1 ] && [ "$(grep -c '"ident": "review"' "$tmp/led.json")" = 0 ] \
	&& ok || bad "template not set aside, or a corpus document left for review"
# cross-checks name both documents: 万里 2024 against 2023, the 单位 budgets against their 部门 ones
$BL check --db "$LDB" --color never $REAL/putuo-wanli-2024-budget.txt $REAL/putuo-govoffice-2025-unit-budget.txt > "$tmp/xc" 2>&1
grep -q 'putuo-wanli-2024-budget.txt:[0-9]*:[0-9]*: warning\[crossdoc.yoy_reason\]: 机关运行经费443.18万元.*putuo-wanli-2023-budget.txt' "$tmp/xc" && ok || { bad "crossdoc.yoy_reason on 万里 2024"; grep crossdoc "$tmp/xc"; }
grep -q 'putuo-govoffice-2025-unit-budget.txt:.*info\[crossdoc.dept_unit\].*putuo-govoffice-2025-budget.txt' "$tmp/xc" && ok || bad "crossdoc.dept_unit on 政府办"
grep -A1 'crossdoc' "$tmp/xc" | grep -q '对照文件: ' && ok || bad "cross-document finding names the other file"
$BL ledger --db "$LDB" --verify > /dev/null && ok || bad "ledger --verify on the corpus"
# idempotent: a second run files nothing new
$BL ingest --db "$LDB" -j2 -q $SEEDS $REAL > "$tmp/ing2" 2>&1 && grep -q ' 0 filed' "$tmp/ing2" && ok || { bad "re-ingest filed again"; cat "$tmp/ing2"; }

# crash: SIGKILL the whole parallel batch while it works, then run it again
sh tools/replicate.sh 8 "$tmp/rep" > /dev/null
want=$(ls "$tmp/rep" | wc -l)
CDB="$tmp/crash.db"
setsid $BL ingest --db "$CDB" -j2 -q "$tmp/rep" > /dev/null 2>&1 &
cpid=$!
# kill once a dozen documents are in: the batch is well under way, far from done
i=0; while [ $i -lt 400 ] && [ "$($BL ledger --db "$CDB" --format csv 2>/dev/null | tail -n +2 | grep -c .)" -lt 12 ]; do sleep 0.05; i=$((i + 1)); done
kill -KILL -$cpid 2>/dev/null; wait $cpid 2>/dev/null; sleep 0.2
had=$($BL ledger --db "$CDB" --format csv 2>/dev/null | tail -n +2 | grep -c .)
[ "$had" -lt "$want" ] && ok || bad "the batch finished before the kill ($had of $want): no crash was tested"
$BL ingest --db "$CDB" -j2 -q "$tmp/rep" > /dev/null 2>&1 && ok || bad "ingest after the kill"
$BL ledger --db "$CDB" --verify > /dev/null && ok || bad "integrity after the kill"
$BL ledger --db "$CDB" --format csv | tail -n +2 > "$tmp/crash.csv"
[ "$(grep -c . "$tmp/crash.csv")" = "$want" ] && [ "$(cut -d, -f7 "$tmp/crash.csv" | sort -u)" = 1 ] && ok \
	|| bad "after the kill: $(grep -c . "$tmp/crash.csv") documents for $want files, versions $(cut -d, -f7 "$tmp/crash.csv" | sort -u | tr '\n' ' ')"

# a worker that dies on a file: the file is recorded with the signal, a new worker finishes the batch
BUDGETLINT_INJECT_CRASH=wanli-2024 ASAN_OPTIONS=handle_segv=0 $BL ingest --db "$tmp/inj.db" -j2 -q $REAL > "$tmp/inj" 2>&1; r=$?
$BL ledger --db "$tmp/inj.db" > "$tmp/injl"
[ $r -eq 2 ] && grep -q 'putuo-wanli-2024-budget.txt: worker killed by signal 11' "$tmp/injl" \
	&& [ "$($BL ledger --db "$tmp/inj.db" --format csv | tail -n +2 | grep -c .)" = $(($(ls $REAL/*.txt | wc -l) - 1)) ] && ok \
	|| { bad "a crashing worker: rc $r"; cat "$tmp/inj"; tail -5 "$tmp/injl"; }

# two ingest processes feeding one database at once: nothing lost, nothing twice
concurrent() { # target label
	$BL ingest --db "$1" -j2 -q "$tmp/rep" > "$tmp/c1" 2>&1 & p1=$!
	$BL ingest --db "$1" -j2 -q "$tmp/rep" > "$tmp/c2" 2>&1 & p2=$!
	wait $p1; r1=$?; wait $p2; r2=$?
	$BL ledger --db "$1" --format csv | tail -n +2 > "$tmp/cc.csv"
	if [ $r1 -eq 0 ] && [ $r2 -eq 0 ] && [ "$(grep -c . "$tmp/cc.csv")" = "$want" ] && [ "$(cut -d, -f7 "$tmp/cc.csv" | sort -u)" = 1 ] \
		&& $BL ledger --db "$1" --verify > /dev/null; then ok; else bad "concurrent ingest on $2 ($r1 $r2, $(grep -c . "$tmp/cc.csv") of $want)"; cat "$tmp/c1" "$tmp/c2" | head; fi
}
concurrent "$tmp/conc.db" sqlite

# PostgreSQL: the store tests and the concurrent ingest on a throwaway cluster
. tests/pg.sh
if pg_start "$tmp/pg" > "$tmp/pgstart" 2>&1; then
	url=$(pg_db bl_store_test) && BL_TEST_DB="$url" build/test/test_store > "$tmp/pgt" 2>&1
	p=$(tail -1 "$tmp/pgt" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\1/p')
	f=$(tail -1 "$tmp/pgt" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\2/p')
	grep FAIL "$tmp/pgt"; grep -q 'backend: postgres' "$tmp/pgt" || bad "test_store did not run on postgres"
	pass=$((pass + ${p:-0})); fail=$((fail + ${f:-1}))
	# the hostile store cases (reconnection, read-only, names that are not UTF-8) on PostgreSQL too
	url=$(pg_db bl_hostile_test) && BL_TEST_DB="$url" build/test/test_hostile_store > "$tmp/pgh" 2>&1
	p=$(tail -1 "$tmp/pgh" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\1/p')
	f=$(tail -1 "$tmp/pgh" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\2/p')
	grep FAIL "$tmp/pgh"; grep -q 'backend: postgres' "$tmp/pgh" || bad "test_hostile_store did not run on postgres"
	pass=$((pass + ${p:-0})); fail=$((fail + ${f:-1}))
	url=$(pg_db bl_concurrent) && concurrent "$url" postgres
	pg_stop
else
	bad "PostgreSQL cluster did not start"; cat "$tmp/pgstart"
fi

# the Fiscal Data Package validates against the FDP profile (npm: datapackage), and a broken one does not
$BL export --db "$LDB" --format fdp -o "$tmp/fdp" && ok || bad "export fdp"
if [ -d build/npm/node_modules/datapackage ] || (mkdir -p build/npm && cd build/npm && npm install --no-audit --no-fund --silent datapackage@1.1.10 tv4@1.3.0 > npm.log 2>&1); then
	node tests/fdp_validate.js "$tmp/fdp" build/npm > "$tmp/fdpv" 2>&1 && ok || { bad "FDP does not validate"; cat "$tmp/fdpv"; }
	sed 's/"currency": "CNY", //' "$tmp/fdp/datapackage.json" > "$tmp/fdp/dp2" && mv "$tmp/fdp/dp2" "$tmp/fdp/datapackage.json"
	node tests/fdp_validate.js "$tmp/fdp" build/npm > /dev/null 2>&1 && bad "FDP validator accepts a measure without currency" || ok
else
	bad "npm install datapackage failed"; cat build/npm/npm.log | tail -5
fi
$BL export --db "$LDB" --format json | build/test/jsoncheck --any > /dev/null 2>&1 && ok || bad "export json"
$BL export --db "$LDB" --format csv -o "$tmp/csv" && [ -s "$tmp/csv/facts.csv" ] && [ -s "$tmp/csv/cells.csv" ] && [ -s "$tmp/csv/findings.csv" ] \
	&& head -1 "$tmp/csv/documents.csv" | grep -q '^doc_hash,version,.*ruleset' && ok || bad "export csv"
$BL compare --db "$LDB" --org 万里街道 --format csv > "$tmp/cmp" && head -1 "$tmp/cmp" | grep -q '2023预算,2024预算,2025预算' \
	&& grep -q '^approp.expense,.*,16497.86,15621.11,18976.76$' "$tmp/cmp" && ok || { bad "compare 万里 across years"; head -3 "$tmp/cmp"; }

# 8. render: the narrative from figures, behind the gate (docs/render.md)
r="$tmp/render"; mkdir -p "$r"
$BL extract $SEEDS/004_2ccfc830364209d8.txt > "$r/004.json"
# a consistent input: written, and the narrative reads back with nothing above info
if $BL render "$r/004.json" -o "$r/004.txt" 2>"$r/err" && [ -s "$r/004.txt" ] \
	&& ! $BL check --min-severity error "$r/004.txt" | grep -q "error\[" ; then ok; else bad "render 004"; cat "$r/err"; fi
# the zero-base percent the seed printed is not written, and render says so
if grep -q "render.zero_base" "$r/err" && ! grep -q "增加83.32万元，增长100.0%" "$r/004.txt"; then ok; else bad "render zero base"; fi
# HTML and DOCX carry the same figures
$BL render "$r/004.json" --format html -o "$r/004.html" 2>/dev/null
$BL render "$r/004.json" --format docx -o "$r/004.docx" 2>/dev/null
for x in html docx; do
	$BL extract --format csv "$r/004.txt" | cut -d, -f2-7 | sort > "$r/a"
	$BL extract --format csv "$r/004.$x" | cut -d, -f2-7 | sort > "$r/b"
	if [ -s "$r/a" ] && diff -q "$r/a" "$r/b" >/dev/null; then ok; else bad "render $x figures differ from text"; diff "$r/a" "$r/b" | head -5; fi
done
# docx needs a file; an unknown option or format is usage
$BL render "$r/004.json" --format docx >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "render docx to stdout must be refused"
$BL render "$r/004.json" --format pdf >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "render unknown format"
$BL render "$r/missing.json" >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "render missing input"
# the gate: seed 001's sum error refuses the output (exit 1, finding printed, nothing written)
$BL render $SEEDS/001_594fbc126104c74b.txt -o "$r/001.txt" > /dev/null 2> "$r/err1"; rc=$?
if [ $rc -eq 1 ] && grep -q "error\[sum.changes\]" "$r/err1" && [ ! -e "$r/001.txt" ]; then ok; else bad "render gate (rc $rc)"; cat "$r/err1" | head; fi
# ... unless a draft is asked for: written, watermarked in every format
$BL render $SEEDS/001_594fbc126104c74b.txt --draft -o "$r/001.txt" 2>/dev/null; rc=$?
if [ $rc -eq 0 ] && head -1 "$r/001.txt" | grep -q "草稿"; then ok; else bad "render draft text (rc $rc)"; fi
$BL render $SEEDS/001_594fbc126104c74b.txt --draft --format html -o "$r/001.html" 2>/dev/null
grep -q 'class="draft"' "$r/001.html" && ok || bad "render draft html"
$BL render $SEEDS/001_594fbc126104c74b.txt --draft --format docx -o "$r/001.docx" 2>/dev/null
unzip -p "$r/001.docx" word/header1.xml 2>/dev/null | grep -q "草稿" && unzip -p "$r/001.docx" word/document.xml | grep -q "headerReference" \
	&& ok || bad "render draft docx"
# a hand-written facts file with several documents needs --doc
$BL extract $SEEDS/000_f6abead5b2fb5ca3.txt $SEEDS/002_bc76dcabdb26b188.txt > "$r/two.json"
$BL render "$r/two.json" >/dev/null 2>"$r/err2"; rc=$?
if [ $rc -eq 2 ] && grep -q -- "--doc" "$r/err2"; then ok; else bad "render two documents (rc $rc)"; fi
$BL render "$r/two.json" --doc 2 2>/dev/null | grep -q "2026年部门预算情况说明" && ok || bad "render --doc 2"
# last year's figures from another file give the changes; a wrong year is refused
printf '{"kind": "budget", "year": 2025, "unit": "某某中心", "facts": [{"key": "sangong.total", "value": "5.00"}]}' > "$r/y.json"
printf '{"kind": "budget", "year": 2024, "facts": [{"key": "sangong.total", "value": "4.00"}]}' > "$r/p.json"
$BL render "$r/y.json" --prev "$r/p.json" 2>/dev/null | grep -q "“三公”经费预算5.00万元，比2024年增加1.00万元，增长25.0%，主要原因是【待补充" && ok || bad "render --prev"
$BL render "$r/y.json" --prev "$r/y.json" >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "render --prev of the same year"

# 5b. hostile inputs (tests/pathological): bounded time against a plain pass, memory under ulimit -v,
# the expected message; CLI-level hostile cases (walk, ingest, store) in tests/cli_hostile.sh
# the 50 MB line and the 64 MiB text included (PATHO_BIG=0 leaves them out: 40 s)
out=$(PATHO_BIG=${PATHO_BIG:-1} sh tests/pathological/run.sh 2>&1); echo "$out" | grep -a "^FAIL" -A4
p=$(echo "$out" | tail -1 | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\1/p')
f=$(echo "$out" | tail -1 | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\2/p')
[ -n "$p" ] || { bad "pathological suite did not finish"; echo "$out" | tail -5; }
pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
if [ -f tests/cli_hostile.sh ]; then
	out=$(sh tests/cli_hostile.sh "$BL" "$tmp/hostile" 2>&1); echo "$out" | grep -a "^FAIL"
	p=$(echo "$out" | tail -1 | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\1/p')
	f=$(echo "$out" | tail -1 | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\2/p')
	[ -n "$p" ] || { bad "cli_hostile.sh did not finish"; echo "$out" | tail -5; }
	pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
fi

# 6. a short fuzz run of the text pipeline
if [ -x build/test/fuzz_text ]; then
	mkdir -p "$tmp/corpus"; cp $SEEDS/*.txt fuzz/seeds/text/*.txt "$tmp/corpus/"
	if build/test/fuzz_text -max_total_time=20 -max_len=8192 "$tmp/corpus" > "$tmp/fuzz" 2>&1; then ok; else bad "fuzz"; tail -30 "$tmp/fuzz"; fi
fi
# and of each adapter, from the seeds in fuzz/seeds (a bounded number of runs)
# (inputs may grow to 64 KiB, far past the seeds; fuzz_oxml mutates the XML inside DOCX/XLSX)
for t in pdf ooxml oxml html render; do
	[ -x build/test/fuzz_$t ] || { bad "fuzz_$t not built"; continue; }
	mkdir -p "$tmp/corpus_$t"; cp fuzz/seeds/$t/* "$tmp/corpus_$t/"
	if build/test/fuzz_$t -runs=3000 -max_total_time=25 -max_len=65536 -timeout=20 -rss_limit_mb=2048 \
		"$tmp/corpus_$t" > "$tmp/fuzz_$t" 2>&1; then ok
	else bad "fuzz_$t"; tail -30 "$tmp/fuzz_$t"; fi
done

echo "total: $pass passed, $fail failed"
[ $fail -eq 0 ]
