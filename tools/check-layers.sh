#!/bin/sh
# check-layers.sh - the library's stages include only their own folder and
# earlier stages, and of an earlier stage only its header: the data flows one
# way (docs/architecture.md). Prints each include that breaks it; exit 1 if any.
#   sh tools/check-layers.sh [LIBDIR]
lib=${1:-lib}
order="base doc ingest read table rules report store render"
rank() { n=0; for s in $order; do [ "$s" = "$1" ] && { echo $n; return; }; n=$((n + 1)); done; echo -1; }
# What a stage offers the stages after it: its header (stage/stage.h), the
# headers listed here, and its data tables (*.def).
interface="base/cp.h read/fkeys.h rules/sums.h"
exported() {
	case $1 in
	*/*.def) return 0 ;;
	esac
	for h in $interface; do [ "$h" = "$1" ] && return 0; done
	[ "$1" = "${1%%/*}/${1%%/*}.h" ]
}
bad=0
for f in $(find "$lib" -name '*.[ch]' | sort); do
	rel=${f#"$lib"/}
	case $rel in
	*/*) stage=${rel%%/*} ;;
	*) stage= ;; # lib/pipeline.c: the one file that runs every stage
	esac
	grep -n '^#include "' "$f" | while IFS= read -r line; do
		inc=$(printf '%s' "$line" | sed 's/^[0-9]*:#include "\(.*\)".*/\1/')
		no=${line%%:*}
		case $inc in
		budgetlint/*) continue ;;
		../*) echo "$f:$no: includes \"$inc\" by a relative path; name it from lib/ (\"stage/file.h\")"; continue ;;
		*/*) ;;
		*) [ -n "$stage" ] && [ -e "$lib/$stage/$inc" ] && continue
		   echo "$f:$no: includes \"$inc\": name it from lib/ (\"stage/file.h\")"; continue ;;
		esac
		to=${inc%%/*}
		r=$(rank "$to")
		if [ "$r" -lt 0 ]; then
			echo "$f:$no: includes \"$inc\" from no stage folder"
		elif [ -z "$stage" ] || [ "$to" = "$stage" ]; then
			continue
		elif [ "$r" -gt "$(rank "$stage")" ]; then
			echo "$f:$no: stage $stage includes \"$inc\" of the later stage $to"
		elif ! exported "$inc"; then
			echo "$f:$no: stage $stage includes \"$inc\", a private header of $to (use $to/$to.h)"
		fi
	done
done > /tmp/check-layers.$$
if [ -s /tmp/check-layers.$$ ]; then
	cat /tmp/check-layers.$$
	echo "check-layers: $(wc -l < /tmp/check-layers.$$) includes break the stage order"
	bad=1
fi
rm -f /tmp/check-layers.$$
# the command line sees the public headers only
if grep -n '^#include "' cli/*.c cli/*.h 2>/dev/null | grep -v '"budgetlint/\|"cli\.h"\|"cli_[a-z_]*\.h"'; then
	echo "check-layers: cli/ includes a library-internal header"
	bad=1
fi
[ $bad = 0 ] && echo "check-layers: ok ($(find "$lib" -name '*.[ch]' | wc -l) files)"
exit $bad
