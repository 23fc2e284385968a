#!/bin/sh
# valgrind.sh - valgrind over the release binary: every corpus PDF, a document of every other format, render in every format
cd "$(dirname "$0")/../.." && . tests/lib.sh && suite valgrind
need_corpus
# (what ASan's build does not see: uninitialised reads, the optimised code)
VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
if command -v valgrind > /dev/null; then
	vgrun() { # NAME CMD...: fails on any valgrind error
		name=$1; shift
		$VG "$@" > /dev/null 2> "$tmp/vg.err"; r=$?
		if [ $r -ne 99 ] && ! grep -aq "^==[0-9]*==" "$tmp/vg.err"; then ok; else bad "valgrind $name"; head -20 "$tmp/vg.err"; fi
	}
	for f in $PEER/*/*.pdf $JIANGSU/*.pdf; do
		[ -f "$f" ] && vgrun "$(basename "$f")" $BLR check --format json --min-severity info "$f"
	done
	vgrun seed $BLR check --min-severity info $SEEDS/000_f6abead5b2fb5ca3.txt
	vgrun real-text $BLR check --min-severity info $REAL/putuo-finance-2024-final.txt
	vgrun docx $BLR check --min-severity info fuzz/seeds/ooxml/a.docx
	vgrun xlsx $BLR extract --format json fuzz/seeds/ooxml/b.xlsx
	vgrun html $BLR check --min-severity info fuzz/seeds/html/c.htm
	vgrun render-docx $BLR render --format docx -o "$tmp/vg.docx" --draft fuzz/seeds/render/seed000.json
	vgrun render-html $BLR render --format html -o "$tmp/vg.html" --draft fuzz/seeds/render/seed004.json
else
	bad "valgrind is not installed (tools/deps.sh installs it)"
fi
finish
