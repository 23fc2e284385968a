#!/bin/sh
# bench.sh - bench/run.sh still runs (one repetition; it reports, it asserts no time)
cd "$(dirname "$0")/../.." && . tests/lib.sh && suite bench
need_corpus
sh bench/run.sh 1 > "$tmp/bench" 2>&1 && grep -q "x the 10x time" "$tmp/bench" && ok || { bad "bench/run.sh"; tail -5 "$tmp/bench"; }
finish
