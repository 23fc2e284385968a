#!/bin/sh
# run.sh - the suite: every tests/suites/<name>.sh in the order below, or only those named
# (sh tests/run.sh ledger pg). Each suite ends with "<name>: N passed, N failed" (tests/lib.sh);
# this adds them up and ends with "total: N passed, N failed", the line CI reads. Binaries are
# the sanitizer build (build/test); make test builds them.
set -u
cd "$(dirname "$0")/.."
ALL="source unit spec golden reviewed mutations corpus pdf tables hygiene valgrind cli docs bench ledger pg npm render patho hostile fuzz"
[ $# -gt 0 ] && ALL="$*"
for s in $ALL; do
	[ -f "tests/suites/$s.sh" ] || { echo "run.sh: no suite '$s' (tests/suites: $(ls tests/suites | sed 's/\.sh$//' | tr '\n' ' '))"; exit 2; }
done
# what one suite leaves for a later one (the corpus ledger, the replicated corpus)
BL_SUITE_SHARED=$(mktemp -d)
export BL_SUITE_SHARED
trap 'rm -rf "$BL_SUITE_SHARED"' EXIT
pass=0 fail=0
for s in $ALL; do
	sh "tests/suites/$s.sh" 2>&1 | tee "$BL_SUITE_SHARED/out"
	last=$(tail -1 "$BL_SUITE_SHARED/out")
	p=$(echo "$last" | sed -n "s/^$s: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p")
	f=$(echo "$last" | sed -n "s/^$s: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p")
	if [ -z "$p" ]; then echo "FAIL suite $s did not finish"; p=0 f=1; fi
	pass=$((pass + p)); fail=$((fail + f))
done
echo "total: $pass passed, $fail failed"
[ $fail -eq 0 ]
