# lib.sh - what every suite shares: paths, sanitizer options, a scratch directory, counting.
#
# A suite (tests/suites/NAME.sh) starts with
#     cd "$(dirname "$0")/../.." && . tests/lib.sh && suite NAME
# counts each check with ok or bad "what failed", adds a program's own
# "N passed, N failed" line with add_counts, and ends with finish, which
# prints "NAME: N passed, N failed" and exits 1 on any failure. tests/run.sh
# runs suites one after another and adds their last lines up.
set -u
BL=./build/test/budgetlint       # the sanitizer build: every suite's CLI
BLR=./build/budgetlint           # the release build: valgrind, the spec runner
JC=./build/test/jsoncheck
U8=./build/test/utf8check
SEEDS=../shared/corpus/seeds
REAL=../shared/corpus/real
PEER=../shared/corpus/peer
JIANGSU=../shared/corpus/jiangsu
# detect_stack_use_after_return: evidence that borrowed a stack buffer is caught only with it
export ASAN_OPTIONS=detect_stack_use_after_return=1:strict_string_checks=1:detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

# suite NAME: the scratch directory $tmp (removed at exit), and $shared, where
# suites of one tests/run.sh leave what a later suite may reuse (the corpus
# ledger, the replicated corpus); a suite run alone makes its own.
suite() {
	SUITE=$1
	tmp=$(mktemp -d)
	if [ -n "${BL_SUITE_SHARED:-}" ]; then
		shared=$BL_SUITE_SHARED
	else
		shared=$tmp/shared
		mkdir -p "$shared"
	fi
	trap 'rm -rf "$tmp"' EXIT
}

finish() {
	echo "$SUITE: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit
}

# need_corpus: the corpus beside the checkout, or the suite stops with one failure
need_corpus() {
	if ! [ -d "$SEEDS" ] || ! [ -d "$REAL" ]; then
		bad "../shared/corpus is missing beside the checkout; the $SUITE suite cannot run"
		finish
	fi
}

# add_counts NAME OUTPUT: adds the "N passed, M failed" of OUTPUT's last line;
# a program that printed none failed once
add_counts() {
	last=$(printf '%s\n' "$2" | tail -1)
	p=$(echo "$last" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\1/p')
	f=$(echo "$last" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed/\2/p')
	if [ -z "$p" ]; then
		bad "$1 did not finish"
		printf '%s\n' "$2" | tail -5
		return
	fi
	pass=$((pass + p)); fail=$((fail + f))
}

# replicas: $rep, 8 renamed copies of the real corpus (tools/replicate.sh), and $want, their number
replicas() {
	rep=$shared/rep
	[ -d "$rep" ] || sh tools/replicate.sh 8 "$rep" > /dev/null
	want=$(ls "$rep" | wc -l)
}

# corpus_ledger: $LDB, the corpus filed in a ledger (the ledger suite's, when it ran before)
corpus_ledger() {
	LDB=$shared/ledger.db
	[ -f "$LDB" ] || $BL ingest --db "$LDB" -j2 -q $SEEDS $REAL $PEER > "$tmp/ing" 2>&1 || { bad "ingest corpus"; tail -5 "$tmp/ing"; }
}

# concurrent DB LABEL: two ingest processes feeding one database at once: nothing lost, nothing twice
concurrent() {
	replicas
	$BL ingest --db "$1" -j2 -q "$rep" > "$tmp/c1" 2>&1 & p1=$!
	$BL ingest --db "$1" -j2 -q "$rep" > "$tmp/c2" 2>&1 & p2=$!
	wait $p1; r1=$?; wait $p2; r2=$?
	$BL ledger --db "$1" --format csv | tail -n +2 > "$tmp/cc.csv"
	if [ $r1 -eq 0 ] && [ $r2 -eq 0 ] && [ "$(grep -c . "$tmp/cc.csv")" = "$want" ] && [ "$(cut -d, -f7 "$tmp/cc.csv" | sort -u)" = 1 ] \
		&& $BL ledger --db "$1" --verify > /dev/null; then ok; else bad "concurrent ingest on $2 ($r1 $r2, $(grep -c . "$tmp/cc.csv") of $want)"; cat "$tmp/c1" "$tmp/c2" | head; fi
}
