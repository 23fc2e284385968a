#!/bin/sh
# fuzz.sh - a short fuzz run of the text pipeline and of each adapter, from fuzz/seeds
cd "$(dirname "$0")/../.." && . tests/lib.sh && suite fuzz
need_corpus
# the text pipeline
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
finish
