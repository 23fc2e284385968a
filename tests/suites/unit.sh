#!/bin/sh
# unit.sh - the unit tests (tests/unit/test_*.c, sanitizer build): each prints "name: N passed, M failed"
cd "$(dirname "$0")/../.." && . tests/lib.sh && suite unit
for t in build/test/test_*; do
	[ -x "$t" ] || { bad "no unit test binaries in build/test (make test builds them)"; break; }
	out=$($t 2>&1); rc=$?
	echo "$out" | grep FAIL
	add_counts "$t" "$out"
	[ $rc -eq 0 ] || [ "${f:-0}" -gt 0 ] || bad "$t exited $rc"
done
finish
