#!/bin/sh
# render.sh - render: the narrative from figures, behind the gate (docs/render.md)
cd "$(dirname "$0")/../.." && . tests/lib.sh && suite render
need_corpus
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
finish
