# cases_struct.sh - pathological inputs of the structured adapters (XLSX, DOCX, HTML, and the zip
# and XML beneath them), sourced by run.sh: the reproducers of issue 14 in ../shared/reliability
# when present, and cases written here by gen_struct (tests/pathological/gen_struct.c).
# Each must end with its exit status and message, in time proportional to its bytes, in memory
# well under a gigabyte.

G=$GEN/gen_struct
if ! [ -x "$G" ]; then
	echo "FAIL patho struct: $G is not built (make B=... \$B/patho/gen_struct)"
	fail=$((fail + 1))
	return 0
fi
gen() { "$G" "$@" || { echo "FAIL patho struct: gen_struct $*"; fail=$((fail + 1)); }; }
TXT="-- extract --format text"

if [ -d "$REL" ]; then
	# numbers Excel cannot hold: a parse doubt, never a crash (SIGSEGV before)
	for f in xlsx_10000_digits xlsx_inf; do
		patho "rel-$f" "$REL/$f.xlsx" "0 1" '#NUM!' 256 20 $TXT
	done
	patho rel-xlsx_nan "$REL/xlsx_nan.xlsx" "0 1" '#VALUE!' 256 20 $TXT
	# merged ranges: linear (14 s and 170 s before), the big ones past the table cell cap
	patho rel-xlsx_merges_quadratic "$REL/xlsx_merges_quadratic.xlsx" "0 1" "" 256
	for f in xlsx_merges_quadratic_big xlsx_merges_10sheets xlsx_merges_256sheets; do
		patho "rel-$f" "$REL/$f.xlsx" 2 "past the limits" 256
	done
	# 256 sheets of four far cells: cost of the cells, not of 20000 x 256 each (17 s before)
	patho rel-xlsx_256_sparse_sheets "$REL/xlsx_256_sparse_sheets.xlsx" "0 1" "" 256
	# nested spans: a rowspan ends with its table (2 GB and abort before)
	for f in html_span_amp_100 html_span_amp_400; do
		patho "rel-$f" "$REL/$f.html" "0 1" "" 256
	done
fi

# --- XLSX ---
gen xlsx-merges "$W/merges.xlsx" 2000 30000
patho xlsx-merges-30000 "$W/merges.xlsx" "0 1" "" 256
gen xlsx-merges "$W/merges10.xlsx" 2000 30000 10
patho xlsx-merges-10-sheets "$W/merges10.xlsx" 2 "past the limits .*2000000 table cells in all" 256
gen xlsx-overlap "$W/overlap.xlsx" 1000
patho xlsx-merges-overlapping "$W/overlap.xlsx" 2 "sheet 'S1' has merged ranges that overlap" 256
gen xlsx-sparse "$W/sparse.xlsx" 256
patho xlsx-256-sparse-sheets "$W/sparse.xlsx" "0 1" "" 256
gen xlsx-rows "$W/rows.xlsx" 1000000
patho xlsx-1m-rows "$W/rows.xlsx" 2 "sheet 'S1' has text in row 20001, past the 20000 rows" 512
for v in digits:10000 1e400 1e309 INF NaN; do
	gen xlsx-number "$W/num.xlsx" "$v"
	patho "xlsx-number-$v" "$W/num.xlsx" "0 1" '“#NUM!”不是一个金额' 256
done
for v in 0x1F - garbage 1,000 12abc; do
	gen xlsx-number "$W/num.xlsx" "$v"
	patho "xlsx-number-$v" "$W/num.xlsx" "0 1" '“#VALUE!”不是一个金额' 256
done
gen xlsx-number "$W/num.xlsx" "1000.5"
patho xlsx-number-normal "$W/num.xlsx" "0 1" '收入总计  1000.5' 256 20 $TXT

# --- HTML ---
gen html-spans "$W/spans.html" 400
patho html-spans-400 "$W/spans.html" "0 1" "" 256
gen html-layers "$W/layers.html" 7000
patho html-spans-overlapping "$W/layers.html" 2 "spans overlap cover more than 4 times" 256
gen html-nodes "$W/nodes.html" 2100000
patho html-tree-cap "$W/nodes.html" 2 "the page has more than 2000000 elements and attributes" 768
gen html-wide "$W/wide.html" 10000
patho html-grid-cap "$W/wide.html" 2 "2000000 table cells in all" 256

# --- DOCX ---
gen docx-gridspan "$W/gridspan.docx" 10000
patho docx-gridspan-cap "$W/gridspan.docx" 2 "2000000 table cells in all" 256
gen docx-nodes "$W/nodes.docx" 2100000
patho docx-tree-cap "$W/nodes.docx" 2 "has more than 2000000 elements and attributes" 768

# --- XML: nesting, DTDs, entities ---
for k in docx xlsx html; do
	gen xml-deep "$W/deep.$k" 100000 "$k"
	patho "deep-$k" "$W/deep.$k" 2 "nests elements more than 250 deep" 256
done
for k in docx xlsx; do
	gen billion-laughs "$W/lol.$k" "$k"
	patho "billion-laughs-$k" "$W/lol.$k" 2 "declares a DTD" 256
	gen xxe "$W/xxe.$k" "$k"
	patho "xxe-$k" "$W/xxe.$k" 2 "declares a DTD" 256
done
gen billion-laughs "$W/lol-sst.xlsx" sst
patho billion-laughs-shared-strings "$W/lol-sst.xlsx" 2 "sharedStrings.xml declares a DTD" 256
# a page keeps its DOCTYPE; its entities are neither expanded nor fetched
gen billion-laughs "$W/lol.html" html
patho billion-laughs-html "$W/lol.html" "0 1" '\[&lol9;\]' 256 20 $TXT
gen xxe "$W/xxe.html" html
patho xxe-html "$W/xxe.html" "0 1" '\[&x;\]' 256 20 $TXT
patho_cmd xxe-html-no-file 4096 0 "" 256 20 sh -c "! '$BL' extract --format text '$W/xxe.html' | grep -q 'root:'"

# --- zips ---
gen zip-bomb "$W/bomb.docx" 200
patho zip-bomb-lying-size "$W/bomb.docx" 2 "expands past the 1000 bytes its directory entry declares" 256
gen zip-ratio "$W/ratio.docx" 60
patho zip-bomb-ratio "$W/ratio.docx" 2 "refused as a zip bomb" 256
gen zip-overlap "$W/overlap.docx"
patho zip-overlapping-entries "$W/overlap.docx" 2 "share the same bytes" 256
gen zip-many "$W/many.docx" 30000
patho zip-30000-members "$W/many.docx" 2 "more than 20000 members" 256
gen zip-dupname "$W/dup.docx"
patho zip-duplicate-part "$W/dup.docx" 2 "holds word/document.xml twice" 256
gen zip-method "$W/bzip2.docx"
patho zip-bzip2-member "$W/bzip2.docx" 2 "compressed with method 12" 256
gen zip-plain "$W/plain.docx"
patho zip-not-ooxml "$W/plain.docx" 2 "cannot read '.*plain.docx': .*zip archive without the parts" 256
gen zip-plain "$W/plain.xlsx"
patho zip-not-ooxml-xlsx "$W/plain.xlsx" 2 "cannot read '.*plain.xlsx': .*zip archive without the parts" 256
gen zip-plain "$W/plain.zip"
patho zip-not-ooxml-named-zip "$W/plain.zip" 2 "cannot read '.*plain.zip': a zip archive that is neither DOCX nor XLSX" 256

# --- documents without text: refused by the document (doc.c), never a crash ---
for k in docx xlsx html; do
	gen empty "$W/empty.$k" "$k"
	patho "no-text-$k" "$W/empty.$k" 2 "cannot read '.*empty.$k'" 256
done
