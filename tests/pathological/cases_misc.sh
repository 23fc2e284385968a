# cases_misc.sh - bad input that is no format's in particular (sourced by tests/pathological/run.sh).

# nothing to check is an error, in one line
: > "$W/empty.txt"
patho empty-file "$W/empty.txt" "2" "cannot read .*empty"
printf '  \n\t\n\f\n\343\200\200\n' > "$W/blank.txt"
patho blank-file "$W/blank.txt" "2" "cannot read .*no text"
printf 'x\000y' > "$W/nul.txt"
patho nul-bytes "$W/nul.txt" "2" "cannot read .*binary"
printf 'ab\377\376\375cd\n' > "$W/badenc.txt"
patho bad-encoding "$W/badenc.txt" "2" "cannot read '.*badenc.txt'"

# figures of any length or form in the narrative and in table cells: never a crash
big=$(head -c 10000 /dev/zero | tr '\0' '9')
printf '某区教育局2024年度部门预算\n一、收入支出预算总体情况\n2024年收入总计%s万元，比上年增加1e309万元，增长NaN%%。支出0x1F万元，-inf万元。\n' "$big" > "$W/numbers.txt"
patho number-forms-text "$W/numbers.txt" "0 1" ""
printf '<html><body><p>某区教育局2024年度部门预算</p><table><tr><td>项目</td><td>金额</td></tr><tr><td>收入合计</td><td>%s</td></tr><tr><td>inf</td><td>1e400</td></tr><tr><td>NaN</td><td>-inf</td></tr><tr><td>0x1F</td><td>1.0e-400</td></tr></table></body></html>' "$big" > "$W/numbers.html"
patho number-forms-html "$W/numbers.html" "0 1" ""

# unit names and texts that start a spreadsheet formula: neutralised in every CSV export
if [ -d "$REL" ]; then
	for f in "$REL"/csv_formula_*.txt; do
		b=$(basename "$f" .txt)
		rm -f "$W/$b.db"
		patho_cmd "ingest-$b" 65536 "0 1" "" 1024 20 "$BL" ingest --db "$W/$b.db" -q "$f"
		rm -rf "$W/$b.x"
		"$BL" export --db "$W/$b.db" --format csv -o "$W/$b.x" > /dev/null 2>&1
		"$BL" ledger --db "$W/$b.db" --format csv > "$W/$b.x.ledger" 2>&1
		if ls "$W/$b.x"/*.csv > /dev/null 2>&1 && ! grep -aqE '(^|,)"?[=+@-][^0-9]' "$W/$b.x"/*.csv "$W/$b.x.ledger"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1)); echo "FAIL patho csv-formula $b: a cell starts a formula"
			grep -aE '(^|,)"?[=+@-][^0-9]' "$W/$b.x"/*.csv "$W/$b.x.ledger" | head -3
		fi
	done
fi

# the text report on an 8 MB one-line text: each finding quotes a window around its caret and
# a long note as its head and tail, so the report stays near the size of the findings, not
# findings x line (a 50 MB line once meant terabytes of output)
if [ -x "$GEN/gen_text" ]; then
	"$GEN/gen_text" long-line "$W/longline.txt" 8000000
	patho text-report-long-line "$W/longline.txt" "0 1" "" 1024 20
	sz=$(wc -c < "$W/.out")
	if [ "$sz" -lt 200000000 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL patho text-report-long-line: $sz bytes of report"; fi
fi
