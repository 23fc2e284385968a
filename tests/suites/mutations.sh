#!/bin/sh
# mutations.sh - the planted errors of tests/spec/mutations.tsv: each found where it was planted
cd "$(dirname "$0")/../.." && . tests/lib.sh && suite mutations
need_corpus
m="$tmp/m.txt"
TAB=$(printf '\t')
# the text as a basic regular expression matching itself
bre() { printf '%s' "$1" | sed 's/[][\.*^$]/\\&/g'; }
grep -v '^#' tests/spec/mutations.tsv | grep . > "$tmp/rows"
while IFS="$TAB" read -r seed addr cmd expect; do
	cp "$SEEDS/$seed" "$m"
	sed -i "$addr$cmd" "$m"
	if cmp -s "$SEEDS/$seed" "$m"; then bad "mutation did not apply: $seed:$addr $cmd"; continue; fi
	$BL check --color never "$m" > "$tmp/out" 2>&1
	what="$seed:$addr '$cmd'"
	case $expect in
	"none "*)
		if grep -aq "^$(bre "$m"):[0-9]*:[0-9]*: $(bre "${expect#none }")" "$tmp/out"; then
			bad "mutation $what gave $expect"; grep -a "^$m" "$tmp/out" | head -5
		else ok; fi ;;
	*" "*)
		if grep -aF "${expect%% *}: " "$tmp/out" | grep -aqF "${expect#* }"; then ok
		else bad "mutation $what expected ${expect%% *} naming ${expect#* }"; grep -a "^$m" "$tmp/out" | head -5; fi ;;
	*)
		if grep -aq "^$(bre "$m"):${addr%%,*}:[0-9]*: $(bre "$expect")" "$tmp/out"; then ok
		else bad "mutation $what expected $expect"; grep -a "^$m" "$tmp/out" | head -5; fi ;;
	esac
done < "$tmp/rows"
finish
