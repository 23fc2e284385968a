#!/bin/sh
# bench/render.sh - render at scale: N facts files (the seeds' extracts, consistent ones only,
# replicated) rendered in one process with --out-dir, each through the whole gate (narrative
# written, read back and checked). The reference, run in this same invocation, is
# `budgetlint check` over the N narratives render wrote: render's cost is reported as seconds
# per hundred documents and as a ratio to checking the same text. Asserts nothing.
#   sh bench/render.sh [DOCS]        (default 1000; make bench-render)
set -eu
BL=${BL:-build/budgetlint}
SHARED=${SHARED:-../shared}
DOCS=${1:-1000}
[ -x "$BL" ] || { echo "bench: $BL missing; run make first" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/in" "$tmp/out"
k=0
for f in "$SHARED"/corpus/seeds/*.txt; do
	"$BL" extract "$f" > "$tmp/seed$k.json"
	# only inputs that pass the gate: a refused one would be rendered to nothing
	if "$BL" render "$tmp/seed$k.json" > /dev/null 2>&1; then k=$((k + 1)); fi
done
[ $k -gt 0 ] || { echo "bench: no seed renders" >&2; exit 2; }
i=0
while [ $i -lt "$DOCS" ]; do
	cp "$tmp/seed$((i % k)).json" "$tmp/in/d$i.json"
	i=$((i + 1))
done
echo "inputs: $DOCS facts files ($k seeds that pass the gate, replicated)"
now() { date +%s%N; }
secs() { awk -v a="$1" 'BEGIN { printf "%.3f", a / 1e9 }'; }
per100() { awk -v t="$1" -v n="$2" 'BEGIN { printf "%.3f", t / 1e9 / n * 100 }'; }
t0=$(now); "$BL" render --out-dir "$tmp/out" "$tmp"/in/*.json 2> "$tmp/err" || true; t_render=$(( $(now) - t0 ))
n=$(ls "$tmp/out" | wc -l)
t0=$(now); "$BL" check "$tmp/out" > /dev/null 2>&1 || [ $? -le 1 ]; t_check=$(( $(now) - t0 ))
echo "render: $n narratives in $(secs $t_render) s, $(per100 $t_render $n) s per hundred (incl. the gate's read-back check)"
echo "check (reference) of the same $n narratives: $(secs $t_check) s, $(per100 $t_check $n) s per hundred"
echo "ratio render/check: $(awk -v a=$t_render -v b=$t_check 'BEGIN { printf "%.2f", a / b }')"
