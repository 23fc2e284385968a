#!/bin/sh
# check_generated.sh - the generated files are current: docs/rules.md is what
# `BIN rules --format markdown` prints, lib/read/fkeys.h is what
# tools/genkeys.c (built as `make build/genkeys` builds it) prints, and
# lib/rules/templates/index.h is what tools/gentemplates.sh prints.
#   sh tests/check_generated.sh build/budgetlint
# Exits 0 when both are current; else prints one line saying which is stale
# and how to refresh it, and exits 1 (2 on bad usage or a failed build).
set -u
[ $# -eq 1 ] || { echo "usage: sh tests/check_generated.sh BIN" >&2; exit 2; }
case $1 in /*) bin=$1 ;; *) bin=$(pwd)/$1 ;; esac
cd "$(dirname "$0")/.." || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
[ -x "$bin" ] || { echo "check_generated: $1 is not an executable" >&2; exit 2; }
"$bin" rules --format markdown > "$tmp/rules.md" || { echo "check_generated: '$1 rules --format markdown' failed" >&2; exit 2; }
cmp -s "$tmp/rules.md" docs/rules.md || { echo "check_generated: docs/rules.md differs from '$1 rules --format markdown': run make docs"; exit 1; }
${CC:-cc} -std=c17 -o "$tmp/genkeys" tools/genkeys.c || { echo "check_generated: cannot build tools/genkeys.c" >&2; exit 2; }
"$tmp/genkeys" > "$tmp/fkeys.h" || { echo "check_generated: genkeys failed" >&2; exit 2; }
cmp -s "$tmp/fkeys.h" lib/read/fkeys.h || { echo "check_generated: lib/read/fkeys.h differs from what build/genkeys prints: run make lib/read/fkeys.h"; exit 1; }
sh tools/gentemplates.sh > "$tmp/index.h" || { echo "check_generated: gentemplates failed" >&2; exit 2; }
cmp -s "$tmp/index.h" lib/rules/templates/index.h || { echo "check_generated: lib/rules/templates/index.h differs from what tools/gentemplates.sh prints: run make lib/rules/templates/index.h"; exit 1; }
exit 0
