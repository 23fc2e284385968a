#!/bin/sh
# docs.sh - the docs against the code: docs/rules.md as `budgetlint rules` writes it, every fact key documented
cd "$(dirname "$0")/../.." && . tests/lib.sh && suite docs
need_corpus
$BL rules --format markdown | cmp -s - docs/rules.md && ok || bad "docs/rules.md is stale: run make docs"
# every key the seeds yield is documented: whole, or as scope + item
for k in $($BL extract $SEEDS/*.txt | grep -ao '"key": "[a-z_.0-9]*"' | sed 's/.*: "\(.*\)"/\1/' | sort -u); do
	item=$(echo "$k" | sed 's/^\(total\|general\|fund\|capital\|approp\)\.//')
	if grep -q "\`$k\`" docs/facts.md || grep -q "| item | \`$item\`" docs/facts.md; then ok; else bad "docs/facts.md lacks $k"; fi
done
finish
