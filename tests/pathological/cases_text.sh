# cases_text.sh - the text pipeline against hostile texts: figures per line, per sentence and
# per paragraph, facts per document, sections, near-miss phrases, quote runs, long lines and
# laid-out tables, each bounded as a ratio to a benign text of the same size.
# Sourced by run.sh ($BL, $GEN, $W, $REL; patho). Every case must stay within 5 x of the benign
# text; the pipeline runs them at 1-3 x. The generated cases are read as
# JSON, whose size follows the facts: the text report quotes a finding's whole line, so on a
# text of one long line its output grows with findings x line length, whatever the checking.
# PATHO_BIG=1 adds the sizes (a 50 MB line, 64 MiB of text: about 40 s more); make test sets it.

gen_text() { # MODE N: writes $W/text-MODE-N.txt once, prints its name
	f="$W/text-$1-$2.txt"
	[ -f "$f" ] || "$GEN/gen_text" "$1" "$f" "$2" || echo "FAIL gen_text $1 $2" >&2
	echo "$f"
}

J="-- check --format json"
DOC='"facts": \['

# the probe's reproducer: one line of 10,000 figures (12-17 s for 270 KB before)
if [ -d "$REL" ]; then
	patho text-line-facts-10000 "$REL/line_facts_10000.txt" "0 1" "" 1024 5
fi
# figures per line and per sentence: fact lookup, anchors, reasons, positions on the line
patho text-line-figures-20000 "$(gen_text line-figures 20000)" "0 1" "$DOC" 1024 5 $J
# figures per paragraph: changes, percents and shares paired across its sentences
patho text-para-figures-5000 "$(gen_text para-figures 5000)" "0 1" "$DOC" 1024 5 $J
# facts per document: duplicates, sums and the majority of statements of each key
patho text-doc-facts-40000 "$(gen_text doc-facts 40000)" "0 1" "$DOC" 1024 5 $J
patho text-many-sections-40000 "$(gen_text many-sections 40000)" "0 1" "$DOC" 1024 5 $J
# near misses of the vocabulary, and the item search sent back to the sentence's start
patho text-phrases-20000 "$(gen_text phrases 20000)" "0 1" "$DOC" 1024 5 $J
# runs of quotation marks, which every phrase match skips
patho text-quotes-50000 "$(gen_text quotes 50000)" "0 1" "$DOC" 1024 5 $J
# spaced ideographs on one prose line (text.space_in_name reads the line per space)
patho text-spaced-50000 "$(gen_text spaced 50000)" "0 1" "$DOC" 1024 5 $J
patho text-long-line-8mb "$(gen_text long-line 8000000)" "0 1" "$DOC" 1024 5 $J
patho text-big-8mb "$(gen_text big 8000000)" "0 1" "$DOC" 1024 5 $J
# a 6 MB first paragraph holding the title: each missing section quotes that line
patho text-title-line-6mb "$(gen_text title-line 6000000)" "0 1" "$DOC" 256 5 $J
# a table of 20,000 rows: 款 and their 项, figures read with doubt until confirmed
patho text-table-20000 "$(gen_text table 20000)" "0 1" "$DOC" 1024 5 $J
# 300 tables of one kind: each figure against the same key in the other tables
patho text-tables-300 "$(gen_text tables 300)" "0 1" "$DOC" 1024 5 $J
# a table header of 10,000 names over 10,001, and one of 20,000 names on a line
patho text-table-header-10000 "$(gen_text table-header 10000)" "0 1" "$DOC" 1024 5 $J
patho text-table-wide-20000 "$(gen_text table-wide 20000)" "0 1" "$DOC" 1024 5 $J

# The plain pass of these sizes would read the seeds repeated past 64 MiB, which the reader
# refuses: they are measured against the 32 MiB pass, at twice the ratio.
if [ "${PATHO_BIG:-0}" != 0 ]; then
	patho_cmd text-long-line-50mb 33554432 "0 1" "$DOC" 2048 10 "$BL" check --format json \
		"$(gen_text long-line 50000000)"
	patho_cmd text-big-64mib 33554432 "0 1" "$DOC" 2048 10 "$BL" check --format json \
		"$(gen_text big 67108864)"
fi
rm -f "$W"/text-*.txt
