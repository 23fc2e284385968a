# cases_pdf.sh - hostile PDFs (sourced by tests/pathological/run.sh): the document-wide caps, the
# per-page algorithms at the per-page cap, scans too large to render, damaged, truncated and
# encrypted files. The generated files are small and deflated (gen_pdf), so a case's work is many
# times its bytes: the glyph floods get a larger ratio, said where.
G="$GEN/gen_pdf"
CORPUS=../shared/corpus

# the reliability probe's reproducers: 200 pages of 300,000 glyphs (46 s and 2.7 GB before),
# scans of 14,400 and 100,000 points (26 s and 3 GB; a request for 77 GB)
if [ -d "$REL" ]; then
	patho pdf-rel-glyphs-200x300k "$REL/glyphs_200x300k.pdf" "2" "more than 2000000 characters in the document" 256
	for f in scan_page_14400 scan_14400_x4 scan_page_100000; do
		patho "pdf-rel-$f" "$REL/$f.pdf" "2" "cannot read .*no text \(" 256
	done
fi

# glyph floods: the document cap refuses on the page that passes it; a page of a million glyphs is
# refused by the page cap; one just under it is read. Each page is 300,000 glyphs deflated to a
# few hundred bytes, so the ratio to a plain pass over the bytes is 60, not 20.
"$G" glyphs "$W/g200.pdf" 200 300000
patho pdf-glyphs-200x300k "$W/g200.pdf" "2" "more than 2000000 characters in the document \(reached on page 7\)" 256 60
"$G" glyphs "$W/g1m.pdf" 1 1000000
patho pdf-glyphs-page-1m "$W/g1m.pdf" "2" "page 1 has more than 400000 characters" 512 60
"$G" glyphs "$W/g399k.pdf" 1 399000
patho pdf-glyphs-page-399k "$W/g399k.pdf" "0 1" "" 512 60

# pages: past the page cap at once; 5,000 nearly blank pages in bounded time
"$G" pages "$W/p10000.pdf" 10000
patho pdf-pages-10000 "$W/p10000.pdf" "2" "10000 pages, more than 5000" 256
"$G" pages "$W/p5000.pdf" 5000
patho pdf-pages-5000 "$W/p5000.pdf" "0 1" "" 256

# five pages whose top row is 399,000 glyphs, each one a page-number test accepts (that test was
# quadratic in the row: 4.7 s); 4,000 pages each with a header and footer of its own and 400 rows
# (running headers were found by comparing every band row with every row of every page: 63 s)
"$G" toprow "$W/top.pdf" 5 399000
patho pdf-top-row-5x399k "$W/top.pdf" "0 1" "" 512 60
"$G" running "$W/running.pdf" 4000 400
patho pdf-running-4000x400 "$W/running.pdf" "0 1" "" 512

# ruling lines: 51 pages at the per-page cap pass the document's million (a million stroked lines
# from 98 KB: ratio 100)
"$G" rules "$W/rules.pdf" 52 20000
patho pdf-rules-doc-cap "$W/rules.pdf" "2" "more than 1000000 ruling lines in the document \(reached on page 52\)" 256 100

# a million nested q (4 MB of operators deflated to 5 KB): MuPDF's memory for the document is
# capped (616 MB before)
"$G" nested "$W/nested.pdf" 1000000
patho pdf-nested-q "$W/nested.pdf" "2" "needs more than 512 MiB of memory" 1024 60

# scans: one too large to read at 100 dpi is left unread and reported (no render at all); one of
# 2,500 points is rendered at 115 dpi instead of 200 (the suite's one OCR case: about a second of
# Tesseract for a file of a kilobyte, hence the ratio of 100)
for side in 14400 100000; do
	"$G" bigpage "$W/scan$side.pdf" "$side"
	patho "pdf-scan-$side" "$W/scan$side.pdf" "0 1" "第2页是扫描图像" 256
done
"$G" bigpage "$W/scan2500.pdf" 2500
patho pdf-scan-2500 "$W/scan2500.pdf" "0 1" "第2页是扫描图像" 512 100

# damaged: a real PDF cut to 40% was read as the pages that survived and filed as ok; cut past
# its last object (only the xref and trailer lost) it reads as the whole file
if [ -f "$CORPUS/peer/good/putuo-finance-2024-final.pdf" ]; then
	"$G" truncated "$CORPUS/peer/good/putuo-finance-2024-final.pdf" "$W/cut40.pdf" 40
	patho pdf-truncated-40 "$W/cut40.pdf" "2" "the PDF is damaged or cut short \(24 of 25 pages incomplete\)" 256
fi
if [ -f "$CORPUS/jiangsu/jiangsu-cppcc-2018-budget-text.pdf" ]; then
	"$G" truncated "$CORPUS/jiangsu/jiangsu-cppcc-2018-budget-text.pdf" "$W/cut95.pdf" 95
	patho pdf-truncated-xref "$W/cut95.pdf" "0 1" "" 256
fi

# encrypted with a user password: one line, exit 2
"$G" encrypted "$W/enc.pdf"
patho pdf-encrypted "$W/enc.pdf" "2" "cannot read .*enc.pdf': the PDF is encrypted" 256
