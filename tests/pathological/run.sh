#!/bin/sh
# run.sh - the pathological-input suite: generated worst cases for every adapter and for render,
# each run under a memory cap (ulimit -v) with its wall time bounded as a ratio against a plain
# pass of budgetlint over a benign text of the same size, measured in this same invocation.
#
#   sh tests/pathological/run.sh [FILTER]     FILTER: run only case files whose name contains it
#
# Case files are tests/pathological/cases_*.sh, sourced with:
#   $BL   the release binary (build/budgetlint)     $GEN  generator binaries (build/patho/gen_*)
#   $W    a scratch directory                       $REL  ../shared/reliability (may be absent)
# and calling
#   patho NAME FILE RCS MSG [MEM_MB [RATIO]] [-- ARGS...]
#     runs `budgetlint ARGS FILE` (ARGS default: check --color never); passes when the exit status
#     is one of RCS ("2", "0 1"), the output (stdout+stderr) matches the extended regex MSG ("" for
#     any), memory stays under MEM_MB (default 1024) and the time under RATIO (default 20) times the
#     plain pass over FILE's size.
#   patho_cmd NAME SIZE RCS MSG MEM_MB RATIO CMD...
#     the same for any command line (ingest, render); SIZE in bytes sets the plain pass.
# Ends with "pathological: N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
BL=${BL:-./build/budgetlint}
GEN=${GEN:-./build/patho}
REL=../shared/reliability
SEEDS=../shared/corpus/seeds
filter=${1:-}
pass=0 fail=0
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }

# The plain pass: budgetlint over a benign disclosure text of about SIZE bytes (at least 64 KiB,
# the seeds repeated), once per power-of-two size, best of two.
base_for() {
	sz=$1 b=65536
	while [ "$b" -lt "$sz" ] && [ "$b" -lt 33554432 ]; do b=$((b * 2)); done
	if [ "$sz" -gt "$b" ]; then # past 32 MiB the plain pass is scaled (a text past 64 MiB is refused)
		echo "$(base_for "$b") * $sz / $b" | bc -l
		return
	fi
	f="$W/.base-$b"
	if ! [ -f "$f.t" ]; then
		: > "$f.txt"
		while [ "$(wc -c < "$f.txt")" -lt "$b" ]; do cat "$SEEDS"/*.txt >> "$f.txt"; done
		best=
		for k in 1 2; do
			t0=$(now); "$BL" check --color never "$f.txt" > /dev/null 2>&1; t1=$(now)
			t=$(elapsed "$t0" "$t1")
			if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
		done
		# the process start-up floor keeps tiny files from demanding zero time
		[ "$(echo "$best < 0.05" | bc)" = 1 ] && best=0.05
		echo "$best" > "$f.t"
		rm -f "$f.txt"
	fi
	cat "$f.t"
}

# run NAME SIZE RCS MSG MEM RATIO CMD...
run_case() {
	name=$1 size=$2 rcs=$3 msg=$4 mem=$5 ratio=$6
	shift 6
	base=$(base_for "$size")
	limit=$(echo "$base * $ratio" | bc)
	# the hard stop is well past the limit, so a slow case is measured, not only killed
	hard=$(echo "$limit * 3 + 5" | bc | cut -d. -f1)
	t0=$(now)
	( ulimit -v $((mem * 1024)); exec timeout -s KILL "$hard" "$@" ) > "$W/.out" 2>&1
	rc=$?
	t1=$(now)
	t=$(elapsed "$t0" "$t1")
	why=""
	case " $rcs " in *" $rc "*) ;; *) why="exit $rc (want $rcs)";; esac
	if [ -n "$msg" ] && ! grep -aEq "$msg" "$W/.out"; then why="$why; no message /$msg/"; fi
	if [ "$(echo "$t > $limit" | bc)" = 1 ]; then why="$why; ${t}s > ${limit}s (${ratio} x ${base}s)"; fi
	if grep -aq "AddressSanitizer\|runtime error:" "$W/.out"; then why="$why; sanitizer report"; fi
	printf '%-40s %8.2fs  limit %7.2fs  rc %d\n' "$name" "$t" "$limit" "$rc" >> "$W/.table"
	if [ -z "$why" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL patho $name: $why"
		head -c 600 "$W/.out" | sed 's/^/    /'
		echo
	fi
}

patho() {
	name=$1 file=$2 rcs=$3 msg=$4
	shift 4
	mem=1024 ratio=20
	if [ $# -gt 0 ] && [ "$1" != "--" ]; then mem=$1; shift; fi
	if [ $# -gt 0 ] && [ "$1" != "--" ]; then ratio=$1; shift; fi
	[ $# -gt 0 ] && [ "$1" = "--" ] && shift
	if ! [ -e "$file" ]; then
		fail=$((fail + 1)); echo "FAIL patho $name: no input $file"; return
	fi
	size=$(du -bL "$file" 2>/dev/null | tail -1 | cut -f1)
	if [ $# -eq 0 ]; then set -- check --color never; fi
	run_case "$name" "${size:-0}" "$rcs" "$msg" "$mem" "$ratio" "$BL" "$@" "$file"
}

patho_cmd() {
	name=$1 size=$2 rcs=$3 msg=$4 mem=$5 ratio=$6
	shift 6
	run_case "$name" "$size" "$rcs" "$msg" "$mem" "$ratio" "$@"
}

if ! [ -x "$BL" ]; then echo "run.sh: $BL is not built (make)"; echo "pathological: 0 passed, 1 failed"; exit 1; fi
for c in tests/pathological/cases_*.sh; do
	[ -f "$c" ] || continue
	case "$c" in *"$filter"*) ;; *) continue;; esac
	. "./$c"
done
[ -f "$W/.table" ] && cat "$W/.table"
echo "pathological: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
