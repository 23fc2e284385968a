#!/bin/sh
# reviewed.sh - the reviewed-errors gate: every error and warning `check`
# reports on the corpus is listed in tests/golden/corpus-findings.txt with
# one line saying why it is true; a finding not listed fails (review it and
# add it with its reason), and so does a listed one that is gone (say why in
# the commit, and remove it).
cd "$(dirname "$0")/../.." && . tests/lib.sh && suite reviewed
need_corpus
list=tests/golden/corpus-findings.txt
[ -f "$list" ] || { bad "no $list"; finish; }
sh tools/corpus-findings.sh "$BL" ../shared/corpus | sort > "$tmp/now"
grep -av '^#' "$list" | grep -a . > "$tmp/entries"
# an entry is FINDING | reason, with a reason
grep -av ' | ..' "$tmp/entries" | while IFS= read -r l; do echo "FAIL listed without a reason: $l"; done > "$tmp/noreason"
[ -s "$tmp/noreason" ] && { cat "$tmp/noreason"; bad "entries without a reason"; } || ok
sed 's/ | .*//' "$tmp/entries" | sort > "$tmp/listed"
[ "$(uniq -d "$tmp/listed" | wc -l)" -eq 0 ] && ok || bad "entries listed twice: $(uniq -d "$tmp/listed" | head -3)"
comm -13 "$tmp/listed" "$tmp/now" > "$tmp/new"
comm -23 "$tmp/listed" "$tmp/now" > "$tmp/gone"
while IFS= read -r l; do bad "not reviewed (add it to $list with why it is true, or fix the rule): $l"; done < "$tmp/new"
while IFS= read -r l; do bad "listed but no longer reported (remove it, saying why in the commit): $l"; done < "$tmp/gone"
[ -s "$tmp/new" ] || [ -s "$tmp/gone" ] || ok
finish
