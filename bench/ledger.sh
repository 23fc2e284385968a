#!/bin/sh
# bench/ledger.sh - the ledger at scale: N documents made by replicating the real texts with
# the district renamed (tools/replicate.sh), filed with 1 and with 2 workers. Reports documents
# per second, the ratio to `budgetlint check` over the same files in this same invocation (what
# filing costs on top of checking), database bytes per document, and ledger/compare query times.
# Asserts nothing.
#   sh bench/ledger.sh [DOCS]        (default 10000; make bench-ledger)
set -eu
BL=${BL:-build/budgetlint}
SHARED=${SHARED:-../shared}
DOCS=${1:-10000}
[ -x "$BL" ] || { echo "bench: $BL missing; run make first" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
per=$(ls "$SHARED"/corpus/real/*.txt | wc -l)
copies=$(( (DOCS + per - 1) / per ))
sh tools/replicate.sh "$copies" "$tmp/docs" "$SHARED/corpus/real"
n=$(ls "$tmp/docs" | wc -l)
bytes=$(cat "$tmp"/docs/* | wc -c)
echo "corpus: $n documents ($copies copies of $per real texts, districts renamed), $bytes bytes"
now() { date +%s%N; }
secs() { awk -v a="$1" 'BEGIN { printf "%.2f", a / 1e9 }'; }
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.1f", n / (t / 1e9) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

t0=$(now); "$BL" check "$tmp/docs" > /dev/null 2>&1 || [ $? -le 1 ]; t_check=$(( $(now) - t0 ))
echo "check (reference, no database, 1 process): $(secs $t_check) s, $(rate $n $t_check) docs/s"
for j in 1 2; do
	db="$tmp/ledger$j.db"
	t0=$(now); "$BL" ingest --db "$db" -j$j -q "$tmp/docs" > "$tmp/out$j" 2>&1; t=$(( $(now) - t0 ))
	size=$(( $(stat -c %s "$db") + $(stat -c %s "$db-wal" 2>/dev/null || echo 0) ))
	echo "ingest -j$j: $(secs $t) s, $(rate $n $t) docs/s, $(ratio $t $t_check) x the check time; database $size bytes, $((size / n)) bytes/document"
	tail -1 "$tmp/out$j"
done
db="$tmp/ledger2.db"
best=
for i in 1 2 3 4 5; do
	t0=$(now); "$BL" ledger --db "$db" > /dev/null; t=$(( $(now) - t0 ))
	if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
done
echo "ledger (text, whole matrix, $n documents): best of 5 $(secs $best) s"
best=
for i in 1 2 3 4 5; do
	t0=$(now); "$BL" compare --db "$db" --org 万里街道 > /dev/null; t=$(( $(now) - t0 ))
	if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
done
echo "compare --org 万里街道 (one unit across years, $copies districts match): best of 5 $(secs $best) s"
t0=$(now); "$BL" ingest --db "$db" -j2 -q "$tmp/docs" > /dev/null 2>&1; t=$(( $(now) - t0 ))
echo "re-ingest of the same files (all already filed): $(secs $t) s, $(rate $n $t) docs/s"
