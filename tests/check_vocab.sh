#!/bin/sh
# check_vocab.sh BIN - docs/facts.md is what `BIN vocab` prints, and that
# output covers every word list of lib/read: each row macro a .def file's
# header comment names (" * BL_X(...)") is listed as "`BL_X` in lib/read/F".
# Prints "vocab docs: N passed, N failed" last; exits 1 on a failure.
# `make docs` writes docs/facts.md again after a .def file changes.
set -u
cd "$(dirname "$0")/.."
bin=${1:-build/budgetlint}
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT

if "$bin" vocab > "$out"; then ok; else bad "$bin vocab exited $?"; fi
if cmp -s "$out" docs/facts.md; then
	ok
else
	bad "docs/facts.md is not what '$bin vocab' prints: run make docs"
	diff docs/facts.md "$out" | head -20
fi
# facts.def is the key table; every other .def file's row macros are lists
for def in lib/read/*.def; do
	f=$(basename "$def")
	[ "$f" = facts.def ] && continue
	macros=$(sed -n 's/^ \* \(BL_[A-Z_0-9]*\)(.*/\1/p' "$def")
	[ -n "$macros" ] && ok || bad "$def names no row macro in its header comment"
	for m in $macros; do
		grep -q "^\`$m\` in lib/read/$f\. " "$out" && ok || bad "$m of $def is not in '$bin vocab' (lib/read/words.c)"
		# and the macro has rows: a list nobody fills is a list nobody reads
		grep -q "^$m(" "$def" && ok || bad "$m of $def has no row"
	done
done
grep -q '^| key | `sangong.total` |' "$out" && ok || bad "the key table lacks sangong.total"
echo "vocab docs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
