#!/bin/sh
# corpus-findings.sh - every error and warning `check` reports on the corpus,
# one per line as PATH:LINE:COL: SEVERITY[RULE] (PATH from the corpus folder),
# each top folder checked as a whole so that the two files of a disclosure
# pair (jiangsu/). What tests/golden/corpus-findings.txt must list, each
# with its reason (tests/suites/reviewed.sh):
#   sh tools/corpus-findings.sh build/budgetlint [CORPUS] > now.txt
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
corpus=${2:-../shared/corpus}
cd "$corpus"
export BUDGETLINT_TODAY=2026-01-01
for d in */; do
	"$bin" check --color never "$d" 2> /dev/null || true
done | grep -a -E '^[^ ].*:[0-9]+:[0-9]+: (error|warning)\[' | sed 's/\(\]\): .*/\1/' | sed 's|//*|/|g'
