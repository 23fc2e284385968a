#!/bin/sh
# hostile.sh - CLI-level hostile cases: the directory walk, ingest, the store (tests/cli_hostile.sh)
cd "$(dirname "$0")/../.." && . tests/lib.sh && suite hostile
need_corpus
# run as root, it reads a database as nobody inside $tmp/hostile: nobody must pass through $tmp
# (in the one-file run.sh of before, pg_start's chmod of the same $tmp gave that by chance)
chmod o+x "$tmp"
out=$(sh tests/cli_hostile.sh "$BL" "$tmp/hostile" 2>&1); echo "$out" | grep -a "^FAIL"
add_counts "tests/cli_hostile.sh" "$out"
finish
