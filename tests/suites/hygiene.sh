#!/bin/sh
# hygiene.sh - output hygiene: check's JSON and text and extract's text of every corpus document, hostile text, formula cells in CSV
cd "$(dirname "$0")/../.." && . tests/lib.sh && suite hygiene
need_corpus
# check's JSON and text and extract's text of every corpus document are valid UTF-8
# with no NUL and no control character, and carry no sign of corrupted memory (a control
# character escaped in JSON, or a replacement character: no corpus document has invalid bytes)
for f in $SEEDS/*.txt $REAL/*.txt $PEER/*/*.pdf $JIANGSU/*.pdf; do
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
$U8 hostile-json < "$tmp/h.json" && $JC < "$tmp/h.json" > /dev/null && ok || bad "hostile text: JSON not clean"
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
finish
