#!/bin/sh
# spec.sh - the examples of tests/spec/*.md through the library and the CLI (tests/spec/README.md)
cd "$(dirname "$0")/../.." && . tests/lib.sh && suite spec
out=$(sh tests/spec/run 2>&1); echo "$out" | grep -a -A30 "^FAIL" | head -200
add_counts "tests/spec/run" "$out"
finish
