#!/bin/sh
# bench/run.sh - how fast `budgetlint check` is, as ratios against plain passes
# over the same bytes run in this same invocation, and each corpus PDF against
# pdftotext -layout on the same file. Prints a report; asserts nothing.
#   sh bench/run.sh [REPEATS]        (make bench)
set -eu
BL=${BL:-build/budgetlint}
SHARED=${SHARED:-../shared}
N=${1:-20}
[ -x "$BL" ] || { echo "bench: $BL missing; run make first" >&2; exit 2; }
[ -d "$SHARED/corpus" ] || { echo "bench: $SHARED/corpus missing" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

now() { date +%s%N; }
# best of N wall-clock runs of "$@", in microseconds (best, not mean: the noise is one-sided)
best() {
	b=
	i=0
	while [ $i -lt "$N" ]; do
		t0=$(now)
		"$@" > /dev/null 2>&1 || [ $? -le "${BEST_RC:-1}" ]
		t1=$(now)
		d=$(((t1 - t0) / 1000))
		if [ -z "$b" ] || [ $d -lt $b ]; then b=$d; fi
		i=$((i + 1))
	done
	echo $b
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
ms() { awk -v a="$1" 'BEGIN { printf "%.2f ms", a / 1000 }'; }
field() { shift "$1"; echo "$1"; } # field K WORDS...: the K-th word

set -- "$SHARED"/corpus/real/*.txt "$SHARED"/corpus/seeds/*.txt
files=$#
bytes=$(cat "$@" | wc -c)
echo "corpus: $files text files, $bytes bytes; best of $N runs each"
t_bl=$(best "$BL" check "$@")
t_json=$(best "$BL" check --format json "$@")
t_ext=$(best "$BL" extract --format csv "$@")
t_wc=$(best wc -m "$@")
t_iconv=$(best iconv -f utf-8 -t utf-8 "$@")
t_cat=$(best cat "$@")
printf '  %-34s %12s\n' "cat" "$(ms $t_cat)"
printf '  %-34s %12s\n' "wc -m" "$(ms $t_wc)"
printf '  %-34s %12s\n' "iconv -f utf-8 -t utf-8" "$(ms $t_iconv)"
printf '  %-34s %12s  = %s x wc -m, %s x iconv\n' "budgetlint check" "$(ms $t_bl)" "$(ratio $t_bl $t_wc)" "$(ratio $t_bl $t_iconv)"
printf '  %-34s %12s  = %s x wc -m\n' "budgetlint check --format json" "$(ms $t_json)" "$(ratio $t_json $t_wc)"
printf '  %-34s %12s  = %s x wc -m\n' "budgetlint extract --format csv" "$(ms $t_ext)" "$(ratio $t_ext $t_wc)"
awk -v b="$bytes" -v t="$t_bl" 'BEGIN { printf "  throughput: %.1f MB/s, %.0f documents/s\n", b / t, '"$files"' * 1e6 / t }'

# scaling: the largest real text, then the same text 10x and 100x in one document
big=$(ls -S "$SHARED"/corpus/real/*.txt | head -1)
cp "$big" "$tmp/x1.txt"
: > "$tmp/x10.txt"
i=0; while [ $i -lt 10 ]; do cat "$big" >> "$tmp/x10.txt"; i=$((i + 1)); done
: > "$tmp/x100.txt"
i=0; while [ $i -lt 10 ]; do cat "$tmp/x10.txt" >> "$tmp/x100.txt"; i=$((i + 1)); done
echo "scaling: $(basename "$big") ($(wc -c < "$big") bytes) repeated in one document"
t1=$(best "$BL" check "$tmp/x1.txt")
t10=$(best "$BL" check "$tmp/x10.txt")
t100=$(best "$BL" check "$tmp/x100.txt")
w1=$(best wc -m "$tmp/x1.txt")
w100=$(best wc -m "$tmp/x100.txt")
printf '  %-34s %12s\n' "1x" "$(ms $t1)"
printf '  %-34s %12s  = %s x the 1x time\n' "10x" "$(ms $t10)" "$(ratio $t10 $t1)"
printf '  %-34s %12s  = %s x the 10x time\n' "100x" "$(ms $t100)" "$(ratio $t100 $t10)"
printf '  %-34s %12s  (wc -m on 100x: %s)\n' "100x vs wc -m on the same bytes" "$(ratio $t100 $w100)" "$(ms $w100)"

# PDFs: every corpus PDF checked against pdftotext -layout on the same file, one line a
# file: the median of N pairs of runs, interleaved (bench/paired.c: in each pair both run
# back to back, in alternating order), and the median of the per-pair ratios. The mupdf
# column is MuPDF alone reading the file as check has it read (bench/floor.c), paired
# with pdftotext the same way: the part of the ratio that only MuPDF spends. Then the
# whole set in one check against pdftotext once per file (the reference runs in one sh).
PAIRED=${PAIRED:-build/paired}
FLOOR=${FLOOR:-build/pdffloor}
set -- "$SHARED"/corpus/peer/*/*.pdf "$SHARED"/corpus/jiangsu/*.pdf
if [ $# -gt 0 ] && [ -f "$1" ] && [ -x "$PAIRED" ] && [ -x "$FLOOR" ] && command -v pdftotext > /dev/null 2>&1; then
	echo "pdf: $# files; median of $N paired runs each (ratio = check / pdftotext -layout; mupdf = MuPDF alone / pdftotext)"
	printf '  %-44s %5s %12s %12s %12s %7s %7s\n' "file" "pages" "pdftotext" "mupdf" "check" "ratio" "mupdf"
	ratios=
	for f in "$@"; do
		pages=$(pdfinfo "$f" 2>/dev/null | sed -n 's/^Pages: *//p')
		r=$("$PAIRED" "$N" pdftotext -layout "$f" - -- "$BL" check "$f")
		m=$("$PAIRED" "$N" pdftotext -layout "$f" - -- "$FLOOR" "$f")
		printf '  %-44s %5s %12s %12s %12s %6sx %6sx\n' "$(basename "$f")" "${pages:-?}" "$(ms "$(field 1 $r)")" \
			"$(ms "$(field 2 $m)")" "$(ms "$(field 2 $r)")" "$(field 3 $r)" "$(field 3 $m)"
		ratios="$ratios $(field 3 $r)"
	done
	echo "$ratios" | tr ' ' '\n' | sed '/^$/d' | sort -n | awk '
		{ r[NR] = $1; if ($1 <= 1.0) ok++ }
		END { m = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
		      printf "  per file: median %.2fx, highest %.2fx, %d of %d at most 1.0x\n", m, r[NR], ok, NR }'
	ptt='for f; do pdftotext -layout "$f" - || exit 2; done'
	r=$("$PAIRED" "$N" sh -c "$ptt" sh "$@" -- "$BL" check "$@")
	x=$("$PAIRED" "$N" sh -c "$ptt" sh "$@" -- "$BL" extract --format text "$@")
	printf '  %-44s %12s  = %sx pdftotext -layout once a file (%s)\n' "all in one check" \
		"$(ms "$(field 2 $r)")" "$(field 3 $r)" "$(ms "$(field 1 $r)")"
	printf '  %-44s %12s  = %sx\n' "all in one extract --format text" "$(ms "$(field 2 $x)")" "$(field 3 $x)"
else
	echo "pdf: skipped (needs the corpus PDFs, $PAIRED and $FLOOR (make bench) and pdftotext)"
fi

# OCR: a scanned copy of three pages of the good PDF (a table page, its continuation, a narrative
# page), each an image at 200 dpi; seconds per page with one and with two OCR threads
good="$SHARED/corpus/peer/good/putuo-finance-2024-final.pdf"
if [ -x build/mkscan ] && [ -f "$good" ] && build/mkscan "$good" "$tmp/scan.pdf" 200 6 7 21; then
	M=$N; [ "$M" -gt 3 ] && M=3
	NN=$N; N=$M
	t_o1=$(BL_OCR_JOBS=1 best "$BL" check "$tmp/scan.pdf")
	t_o2=$(BL_OCR_JOBS=2 best "$BL" check "$tmp/scan.pdf")
	t_no=$(BEST_RC=2 BL_NO_OCR=1 best "$BL" check "$tmp/scan.pdf") # nothing read: exit 2
	N=$NN
	echo "ocr: 3 scanned pages at 200 dpi, Tesseract chi_sim; best of $M runs each"
	printf '  %-34s %12s
' "check without OCR (scan refused)" "$(ms $t_no)"
	printf '  %-34s %12s  = %s s/page
' "check, 1 OCR thread" "$(ms $t_o1)" "$(awk -v a="$t_o1" 'BEGIN { printf "%.2f", a / 3e6 }')"
	printf '  %-34s %12s  = %s s/page, %s x faster
' "check, 2 OCR threads" "$(ms $t_o2)" \
		"$(awk -v a="$t_o2" 'BEGIN { printf "%.2f", a / 3e6 }')" "$(ratio $t_o1 $t_o2)"
else
	echo "ocr: build/mkscan or $good missing; skipped"
fi
