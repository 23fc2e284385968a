#!/bin/sh
# bench.sh - bench/run.sh still runs (one repetition; it reports, it asserts no time), and
# reports a ratio against pdftotext -layout for each corpus PDF, not only the total, and
# that of MuPDF alone (bench/floor.c)
cd "$(dirname "$0")/../.." && . tests/lib.sh && suite bench
need_corpus
sh bench/run.sh 1 > "$tmp/bench" 2>&1 && grep -q "x the 10x time" "$tmp/bench" && ok || { bad "bench/run.sh"; tail -5 "$tmp/bench"; }
if command -v pdftotext > /dev/null 2>&1 && [ -x build/paired ] && [ -x build/pdffloor ]; then
	for f in "$PEER"/*/*.pdf "$JIANGSU"/*.pdf; do
		grep -Eq "^  $(basename "$f") +[0-9]+ +[0-9.]+ ms +[0-9.]+ ms +[0-9.]+ ms +[0-9.]+x +[0-9.]+x$" "$tmp/bench" && ok || bad "bench: no ratio line for $(basename "$f")"
	done
	grep -q "^  per file: median [0-9.]*x, highest [0-9.]*x, [0-9]* of [0-9]* at most 1.0x$" "$tmp/bench" && ok || bad "bench: no per-file summary"
else
	grep -q "^pdf: skipped" "$tmp/bench" && ok || bad "bench: pdf section neither run nor skipped"
fi
finish
