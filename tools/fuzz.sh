#!/bin/sh
# fuzz.sh SECONDS TARGET... - runs each libFuzzer target (build/test/fuzz_TARGET) for SECONDS on
# a corpus in build/fuzz-corpus/TARGET that starts from fuzz/seeds/TARGET, the corpus documents of
# that format and the hostile reproducers in ../shared/reliability, with inputs allowed far past
# the seeds' length. Prints one line per target (executions, coverage, features, corpus size) and
# keeps them in build/fuzz-corpus/summary.txt; a crash leaves its input in build/fuzz-corpus/ and
# makes the exit status non-zero, the other targets still run.
set -u
cd "$(dirname "$0")/.."
secs=${1:?usage: fuzz.sh SECONDS TARGET...}
shift
C=build/fuzz-corpus
REL=../shared/reliability
CORPUS=../shared/corpus
mkdir -p "$C"
: > "$C/summary.txt.new"
status=0
for t in "$@"; do
	bin=build/test/fuzz_$t
	[ -x "$bin" ] || { echo "fuzz.sh: $bin not built"; status=1; continue; }
	d=$C/$t
	mkdir -p "$d"
	cp fuzz/seeds/$t/* "$d/" 2>/dev/null
	len=262144
	case $t in
	text) cp "$CORPUS"/seeds/*.txt "$d/" 2>/dev/null; cp "$CORPUS"/real/*.txt "$d/" 2>/dev/null
	      cp "$REL"/*.txt "$d/" 2>/dev/null;;
	pdf) cp "$CORPUS"/peer/*/*.pdf "$CORPUS"/jiangsu/*.pdf "$d/" 2>/dev/null
	     # not the 200-page glyph bomb: MuPDF grows a text page by realloc, which ASan makes
	     # quadratic (the release build refuses it in a second: tests/pathological/cases_pdf.sh)
	     for f in "$REL"/*.pdf; do [ -f "$f" ] && [ "$(wc -c < "$f")" -lt 65536 ] && cp "$f" "$d/"; done
	     len=1048576;;
	ooxml) cp "$REL"/*.xlsx "$d/" 2>/dev/null;;
	html) cp "$REL"/*.html "$d/" 2>/dev/null;;
	esac
	# small instances of the pathological generators' worst cases (tests/pathological)
	G=build/patho
	case $t in
	text) [ -x $G/gen_text ] && for m in line-figures para-figures quotes spaced table table-header phrases; do
		$G/gen_text $m "$d/gen-$m.txt" 300 > /dev/null 2>&1; done;;
	ooxml) [ -x $G/gen_struct ] && {
		$G/gen_struct xlsx-merges "$d/gen-merges.xlsx" 200 200 2; $G/gen_struct xlsx-overlap "$d/gen-overlap.xlsx" 50
		$G/gen_struct xlsx-number "$d/gen-num.xlsx" 1e400; $G/gen_struct docx-gridspan "$d/gen-grid.docx" 50
		$G/gen_struct xml-deep "$d/gen-deep.docx" 300 docx; $G/gen_struct billion-laughs "$d/gen-bl.xlsx" xlsx
		$G/gen_struct zip-overlap "$d/gen-zo.docx"; $G/gen_struct zip-dupname "$d/gen-zd.docx"; } > /dev/null 2>&1;;
	html) [ -x $G/gen_struct ] && {
		$G/gen_struct html-spans "$d/gen-spans.html" 3; $G/gen_struct html-layers "$d/gen-layers.html" 30
		$G/gen_struct xml-deep "$d/gen-deep.html" 300 html; $G/gen_struct xxe "$d/gen-xxe.html" html; } > /dev/null 2>&1;;
	pdf) [ -x $G/gen_pdf ] && {
		$G/gen_pdf pages "$d/gen-pages.pdf" 50; $G/gen_pdf bigpage "$d/gen-bigpage.pdf" 14400
		$G/gen_pdf nested "$d/gen-nested.pdf" 2000; $G/gen_pdf encrypted "$d/gen-enc.pdf"; } > /dev/null 2>&1;;
	esac
	log=$C/$t.log
	"$bin" -max_total_time="$secs" -max_len=$len -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$C/$t-" "$d" > "$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	last=$(grep -a '^#[0-9]' "$log" | tail -1)
	cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	n=$(ls "$d" | wc -l)
	line="fuzz_$t: ${secs}s, ${execs:-?} execs, cov ${cov:-?}, ft ${ft:-?}, corpus $n files, exit $rc"
	echo "$line" | tee -a "$C/summary.txt.new"
	if [ $rc -ne 0 ]; then
		status=1
		grep -a -A20 "ERROR\|==ERROR\|deadly signal\|Timeout\|out-of-memory" "$log" | head -30
	fi
done
mv "$C/summary.txt.new" "$C/summary.txt"
exit $status
