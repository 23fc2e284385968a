#!/bin/sh
# patho.sh - hostile inputs (tests/pathological): bounded time against a plain pass, memory under
# ulimit -v, the expected message; the 50 MB line and the 64 MiB text included (PATHO_BIG=0
# leaves them out: 40 s)
cd "$(dirname "$0")/../.." && . tests/lib.sh && suite patho
need_corpus
out=$(PATHO_BIG=${PATHO_BIG:-1} sh tests/pathological/run.sh 2>&1); echo "$out" | grep -a "^FAIL" -A4
add_counts "the pathological suite" "$out"
finish
