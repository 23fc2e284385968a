#!/bin/sh
# snapshot.sh - the JSON of `check` and `extract` for every corpus document,
# one file each, so a refactoring can be shown to change no output:
#   sh tools/snapshot.sh BINARY OUTDIR [CORPUS]
#   diff -r before/ after/
# Dates in the output come from BUDGETLINT_TODAY, fixed here.
set -eu
bin=$1 out=$2 corpus=${3:-../shared/corpus}
mkdir -p "$out"
export BUDGETLINT_TODAY=2026-01-01
find "$corpus" -type f \( -name '*.txt' -o -name '*.pdf' -o -name '*.html' -o -name '*.docx' -o -name '*.xlsx' \) | sort |
while IFS= read -r f; do
	name=$(printf '%s' "${f#"$corpus"/}" | tr '/' '_')
	"$bin" check --format json "$f" > "$out/$name.check.json" 2> "$out/$name.check.err" || echo "exit $?" >> "$out/$name.check.err"
	"$bin" extract --format json "$f" > "$out/$name.extract.json" 2> "$out/$name.extract.err" || echo "exit $?" >> "$out/$name.extract.err"
done
# whole folders too, where documents meet each other
for d in "$corpus"/*/; do
	name=$(basename "$d")
	"$bin" check --format json "$d" > "$out/dir_$name.check.json" 2> "$out/dir_$name.check.err" || echo "exit $?" >> "$out/dir_$name.check.err"
	"$bin" check "$d" > "$out/dir_$name.check.txt" 2>> "$out/dir_$name.check.err" || true
done
echo "snapshot: $(ls "$out" | wc -l) files in $out"
