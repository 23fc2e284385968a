# cases_render.sh - hostile inputs for render (sourced by tests/pathological/run.sh).

# control characters and terminal escapes in the unit's name and a text: replaced and said so,
# and the DOCX's document.xml stays well-formed XML
if [ -d "$REL" ]; then
	patho render-ctrl-text "$REL/render_ctrl_chars.json" "0 1" "render.input" -- render --format text -o "$W/rc.txt"
	patho render-ctrl-docx "$REL/render_ctrl_chars.json" "0 1" "render.input" -- render --format docx -o "$W/rc.docx"
	if command -v unzip > /dev/null && command -v xmllint > /dev/null; then
		if unzip -p "$W/rc.docx" word/document.xml | xmllint --noout - 2> /dev/null; then pass=$((pass + 1))
		else fail=$((fail + 1)); echo "FAIL patho render-ctrl-docx: document.xml is not well-formed"; fi
	fi
fi

# JSON nested a million deep: refused, not a stack overflow
{ printf '{"kind": "budget", "year": 2025, "facts": '; head -c 1000000 /dev/zero | tr '\0' '['; } > "$W/deep.json"
patho render-deep-json "$W/deep.json" "2" "cannot read|JSON" -- render --format text -o "$W/deep.txt"

# 200,000 facts, most of them with keys render has no place for, and 20,000 texts
awk 'BEGIN {
	printf "{\"kind\": \"budget\", \"year\": 2025, \"unit\": \"某区某局\", \"facts\": [";
	for (i = 0; i < 200000; i++)
		printf "%s{\"key\": \"general.func.%d\", \"value\": \"%d.%02d\"}", i ? ", " : "", 201 + i % 30, i, i % 100;
	printf "], \"texts\": [";
	for (i = 0; i < 20000; i++)
		printf "%s{\"id\": \"reason\", \"key\": \"general.func.%d\", \"text\": \"原因%d\"}", i ? ", " : "", 100000 + i, i;
	printf "]}\n";
}' > "$W/many.json"
patho render-many-facts "$W/many.json" "0 1" "" 1024 20 -- render --format text --draft -o "$W/many.txt"

# one text of 8 MB (the department's words are carried whole)
awk 'BEGIN {
	printf "{\"kind\": \"budget\", \"year\": 2025, \"unit\": \"某区某局\", \"facts\": [{\"key\": \"general.expense\", \"value\": \"3.00\"}], \"texts\": [{\"id\": \"duties\", \"text\": \"";
	for (i = 0; i < 300000; i++) printf "主要职责是负责本区";
	printf "\"}]}\n";
}' > "$W/longtext.json"
patho render-long-text "$W/longtext.json" "0 1" "" 1024 20 -- render --format docx --draft -o "$W/longtext.docx"
