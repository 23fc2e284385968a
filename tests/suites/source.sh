#!/bin/sh
# source.sh - the tree keeps its own rules: the stage layering, the
# formatting, the generated files current (docs/rules.md, docs/facts.md,
# lib/read/fkeys.h), and the CLI's text one (README's usage block, --help).
cd "$(dirname "$0")/../.." && . tests/lib.sh && suite source
out=$(sh tools/check-layers.sh lib 2>&1) && ok || { bad "check-layers"; printf '%s\n' "$out" | head; }
if command -v clang-format > /dev/null; then
	out=$(make --no-print-directory check-format 2>&1)
	case $out in *"check-format: ok"*) ok ;; *) bad "check-format: run make format"; printf '%s\n' "$out" | head ;; esac
else
	bad "clang-format is missing (make deps installs it)"
fi
out=$(sh tests/check_generated.sh $BL 2>&1) && ok || bad "$out"
add_counts check_vocab "$(sh tests/check_vocab.sh $BL 2>&1)"
add_counts check_usage "$(sh tests/check_usage.sh $BL 2>&1)"
finish
