#!/bin/sh
# cli_hostile.sh BL TMP - the directory walk, the ingest batch and the ledger's database against
# hostile conditions: symbolic link loops, a FIFO named x.txt, 300 files that crash a worker, a
# file that hangs one, input caps, a full disk, a read-only database, PostgreSQL lost mid-batch,
# file names that are not UTF-8 or hold a newline or an escape sequence.
#   BL   the budgetlint binary to test (the sanitizer build, e.g. build/test/budgetlint)
#   TMP  a scratch directory (created; what is mounted in it is unmounted at the end)
# Prints "FAIL <reason>" per failure, "SKIP <reason>" for a case this machine cannot set up
# (a tmpfs or a read-only mount needs root; PostgreSQL needs its server binaries), and ends
# with "cli_hostile: N passed, N failed". Needs no network; well under a minute.
set -u
BL=$1 T=$2
case $BL in /*) ;; *) BL=$(pwd)/$BL ;; esac
cd "$(dirname "$0")/.."
mkdir -p "$T"
T=$(cd "$T" && pwd)
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_stack_use_after_return=1:strict_string_checks=1:detect_leaks=1}
mounts=""
cleanup() {
	for m in $mounts; do umount "$m" 2>/dev/null; done
	[ -n "${PGBIN:-}" ] && pg_stop
}
trap cleanup EXIT
ESC=$(printf '\033') BEL=$(printf '\007')

# doc FILE N: a small budget of unit N (each N another organisation, other bytes)
doc() {
	printf '上海市普陀区测试%s局2024年部门预算\n\n一、收支预算总体情况说明\n2024年，上海市普陀区测试%s局收入预算%s.00万元，其中：财政拨款收入%s.00万元。\n支出预算%s.00万元。\n' \
		"$2" "$2" "$((1000 + $2))" "$((1000 + $2))" "$((1000 + $2))" > "$1"
}
# bigdocs DIR N: N copies of the bundled example, each another district (9 KB, many facts)
bigdocs() {
	mkdir -p "$1"
	i=1
	while [ $i -le "$2" ]; do
		sed "s/开州区/开州${i}区/g" examples/kaizhou-zhengguanban-2024-budget.txt > "$1/k$i.txt"
		i=$((i + 1))
	done
}
rows() { "$BL" ledger --db "$1" --format csv 2>/dev/null | tail -n +2 | grep -c .; }

# ---- the walk ----

# two symbolic links to '.' beside one document: each directory is walked once, a loop is a
# warning naming the link (exit status unchanged), not 2^33 paths
d=$T/loop
mkdir -p "$d" && doc "$d/a.txt" 1 && ln -s . "$d/l1" && ln -s . "$d/l2"
timeout 20 "$BL" check --color never "$d" > "$T/loop.out" 2> "$T/loop.err"; r=$?
[ $r -le 1 ] && [ "$(grep -c 'symbolic link loop' "$T/loop.err")" = 2 ] && grep -q "'$d/l1' leads back to '$d'" "$T/loop.err" \
	&& [ "$(grep -vc 'symbolic link loop' "$T/loop.err")" = 0 ] && ok || { bad "check on a symlink loop: rc $r"; head -3 "$T/loop.err"; }
timeout 20 "$BL" ingest --db "$T/loop.db" -q "$d" > "$T/loop.ing" 2>&1; r=$?
[ $r -eq 0 ] && grep -q '^1 files: 1 filed' "$T/loop.ing" && ok || { bad "ingest on a symlink loop: rc $r"; head -3 "$T/loop.ing"; }

# a link to a file is read; a second path to a directory is not walked twice
d=$T/dup
mkdir -p "$d/sub" && doc "$d/sub/x.txt" 2 && ln -s sub "$d/alias" && ln -s sub/x.txt "$d/y.txt"
"$BL" ingest --db "$T/dup.db" -q "$d" > "$T/dup.out" 2> "$T/dup.err"; r=$?
[ $r -eq 0 ] && grep -q '^2 files: 1 filed, 1 already filed, 0 failed' "$T/dup.out" \
	&& grep -q "'$d/sub' is the directory '$d/alias' again" "$T/dup.err" && ok \
	|| { bad "a directory reached twice: rc $r, $(cat "$T/dup.out")"; head -3 "$T/dup.err"; }

# a FIFO named like a document in a directory: skipped with a warning, not read for ever
d=$T/fifo
mkdir -p "$d" && doc "$d/a.txt" 3 && mkfifo "$d/b.txt"
timeout 20 "$BL" check --color never "$d" > /dev/null 2> "$T/fifo.err"; r=$?
[ $r -le 1 ] && grep -q "'$d/b.txt' is not a regular file" "$T/fifo.err" && ok || bad "a FIFO in a directory: rc $r"

# ---- the batch ----

# streaming: with one worker the walk waits for it, so the first file is filed before the
# walk reaches a later path (collecting every path first reports that path first)
d=$T/stream
mkdir -p "$d" && doc "$d/a.txt" 4 && doc "$d/b.txt" 5
"$BL" ingest --db "$T/stream.db" -j1 --verbose "$d/a.txt" "$d/b.txt" "$d/missing.txt" > /dev/null 2> "$T/stream.err"; r=$?
fa=$(grep -n "a.txt: filed" "$T/stream.err" | cut -d: -f1); fm=$(grep -n "cannot open '$d/missing.txt'" "$T/stream.err" | cut -d: -f1)
[ $r -eq 2 ] && [ -n "$fa" ] && [ -n "$fm" ] && [ "$fa" -lt "$fm" ] && ok || { bad "files are not streamed to the workers: rc $r"; cat "$T/stream.err"; }

# 300 files that each crash a worker, then 20 good ones: every file filed or recorded as failed
d=$T/crash
mkdir -p "$d"
i=0; while [ $i -lt 300 ]; do doc "$d/a-crash-$(printf %03d $i).txt" $((100 + i)); i=$((i + 1)); done
i=0; while [ $i -lt 20 ]; do doc "$d/zz-good-$(printf %02d $i).txt" $((500 + i)); i=$((i + 1)); done
BUDGETLINT_INJECT_CRASH=a-crash ASAN_OPTIONS=handle_segv=0:$ASAN_OPTIONS timeout 120 "$BL" ingest --db "$T/crash.db" -j2 -q "$d" \
	> "$T/crash.out" 2> "$T/crash.err"; r=$?
"$BL" ledger --db "$T/crash.db" > "$T/crash.led" 2>&1
[ $r -eq 2 ] && grep -q '^320 files: 20 filed, 0 already filed, 300 failed' "$T/crash.out" && grep -q '读取失败（300）' "$T/crash.led" \
	&& [ "$(grep -c 'a-crash-[0-9]*.txt: worker killed by signal 11' "$T/crash.led")" = 300 ] && [ "$(rows "$T/crash.db")" = 20 ] && ok \
	|| { bad "300 crashing files and 20 good ones: rc $r, $(cat "$T/crash.out")"; tail -2 "$T/crash.err"; }

# a file that hangs its worker: killed past --timeout, recorded, the batch goes on
d=$T/hang
mkdir -p "$d" && doc "$d/a.txt" 601 && doc "$d/b-hang.txt" 602 && doc "$d/c.txt" 603
BUDGETLINT_INJECT_HANG=b-hang timeout 60 "$BL" ingest --db "$T/hang.db" -j2 -q --timeout 1 "$d" > "$T/hang.out" 2> "$T/hang.err"; r=$?
"$BL" ledger --db "$T/hang.db" > "$T/hang.led" 2>&1
[ $r -eq 2 ] && grep -q '^3 files: 2 filed, 0 already filed, 1 failed' "$T/hang.out" && grep -q 'b-hang.txt: timed out after 1 s' "$T/hang.led" \
	&& ok || { bad "a hanging file: rc $r, $(cat "$T/hang.out")"; cat "$T/hang.err"; }

# the input caps per run: the batch stops at the cap and says so
d=$T/cap
mkdir -p "$d" && for i in 1 2 3 4; do doc "$d/c$i.txt" $((700 + i)); done
"$BL" ingest --db "$T/cap.db" -q --max-files 2 "$d" > "$T/cap.out" 2> "$T/cap.err"; r=$?
[ $r -eq 2 ] && grep -q '^2 files: 2 filed' "$T/cap.out" && grep -q "input cap of 2 files per run (--max-files): '$d/c3.txt'" "$T/cap.err" \
	&& ok || { bad "--max-files: rc $r, $(cat "$T/cap.out")"; cat "$T/cap.err"; }
"$BL" ingest --db "$T/cap.db" -q --max-bytes 500 "$d" > "$T/cap.out" 2> "$T/cap.err"; r=$?
[ $r -eq 2 ] && grep -q 'input cap of 500 bytes per run (--max-bytes)' "$T/cap.err" && ! grep -q '^4 files' "$T/cap.out" \
	&& ok || { bad "--max-bytes: rc $r, $(cat "$T/cap.out")"; cat "$T/cap.err"; }

# file names that are not UTF-8, hold a newline or an escape sequence: filed, shown on one line each
d=$T/names
mkdir -p "$d"
doc "$d/$(printf 'a\nb.txt')" 801; doc "$d/$(printf 'bad\377\376.txt')" 802; doc "$d/$(printf 'esc\033[31mred.txt')" 803
printf 'a text, not a document\n' > "$d/$(printf 'lie\033]0;x\007.docx')"
"$BL" ingest --db "$T/names.db" -q "$d" > "$T/names.out" 2> "$T/names.err"; r=$?
"$BL" ledger --db "$T/names.db" > "$T/names.led" 2>&1
"$BL" review --db "$T/names.db" --list > "$T/names.rev" 2>&1
[ $r -eq 2 ] && grep -q '^4 files: 3 filed, 0 already filed, 1 failed' "$T/names.out" && [ "$(grep -c . "$T/names.err")" = 1 ] \
	&& ! grep -q "[$ESC$BEL]" "$T/names.err" "$T/names.led" "$T/names.rev" \
	&& [ "$(sed -n '/读取失败（1）/,$p' "$T/names.led" | grep -c .)" = 2 ] && ok \
	|| { bad "file names with control characters or bytes that are not UTF-8: rc $r, $(cat "$T/names.out")"; cat -v "$T/names.err"; }

# ---- the database ----

# a full disk: one line saying so and how many were filed; nothing half-written; a rerun files the rest
if [ "$(id -u)" = 0 ] && mkdir -p "$T/full" && mount -t tmpfs -o size=600k tmpfs "$T/full" 2> /dev/null; then
	mounts="$T/full $mounts"
	bigdocs "$T/fdocs" 40
	"$BL" ingest --db "$T/full/l.db" -j2 -q "$T/fdocs" > "$T/full.out" 2> "$T/full.err"; r=$?
	[ $r -eq 2 ] && [ "$(grep -c . "$T/full.err")" = 1 ] && grep -q "disk is full.*files filed in this run" "$T/full.err" && ok \
		|| { bad "a full disk: rc $r, $(grep -c . "$T/full.err") lines"; head -3 "$T/full.err"; }
	mount -o remount,size=64m "$T/full"
	"$BL" ledger --db "$T/full/l.db" --verify > /dev/null 2>&1 && ok || bad "the ledger after a full disk is not sound"
	"$BL" ingest --db "$T/full/l.db" -j2 -q "$T/fdocs" > "$T/full.out" 2>&1; r=$?
	[ $r -eq 0 ] && [ "$(rows "$T/full/l.db")" = 40 ] && "$BL" ledger --db "$T/full/l.db" --verify > /dev/null 2>&1 && ok \
		|| { bad "the rerun after a full disk: rc $r, $(rows "$T/full/l.db") of 40"; cat "$T/full.out"; }
else
	echo "SKIP full disk: no tmpfs can be mounted here (needs root)"
fi

# a read-only database: every read-only command works, a write is one clear line
mkdir -p "$T/ro"
"$BL" ingest --db "$T/ro/l.db" -q "$T/cap" "$T/names" > /dev/null 2>&1
rodb=""
if [ "$(id -u)" = 0 ]; then
	mkdir -p "$T/romnt"
	if mount --bind "$T/ro" "$T/romnt" 2> /dev/null; then
		mounts="$T/romnt $mounts"
		mount -o remount,ro,bind "$T/romnt" 2> /dev/null && rodb=$T/romnt/l.db
	fi
else
	chmod 444 "$T/ro/l.db" && chmod 555 "$T/ro" && rodb=$T/ro/l.db
fi
if [ -n "$rodb" ]; then
	for c in "ledger" "ledger --format json" "ledger --verify" "compare --year 2024" "export --format csv" "review --list"; do
		# shellcheck disable=SC2086
		"$BL" $c --db "$rodb" > "$T/ro.out" 2> "$T/ro.err"; r=$?
		# review --list may rightly print nothing: these documents have no warning
		[ $r -eq 0 ] && { [ -s "$T/ro.out" ] || [ "$c" = "review --list" ]; } && ! [ -s "$T/ro.err" ] && ok \
			|| { bad "$c on a read-only database: rc $r"; head -2 "$T/ro.err"; }
	done
	"$BL" ingest --db "$rodb" -q "$T/stream" > /dev/null 2> "$T/ro.err"; r=$?
	[ $r -eq 2 ] && [ "$(grep -c . "$T/ro.err")" = 1 ] && grep -q "is read-only" "$T/ro.err" && ok || { bad "ingest into a read-only database: rc $r"; cat "$T/ro.err"; }
	"$BL" ledger --db "$T/ro/none.db" > /dev/null 2> "$T/ro.err"; r=$?
	[ $r -eq 2 ] && grep -q "no ledger at" "$T/ro.err" && ! [ -e "$T/ro/none.db" ] && ok || bad "ledger on a missing database: rc $r"
	[ "$(id -u)" = 0 ] || chmod 755 "$T/ro"
else
	echo "SKIP read-only database: no read-only bind mount here"
fi

# PostgreSQL lost mid-batch: a few reconnection attempts, then one line; back in time: nothing lost
. tests/pg.sh
pg_restart() {
	pg_as "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
		-o "-c listen_addresses='' -c unix_socket_directories=$PGDIR -p $PGPORT_T -c fsync=off" start > /dev/null 2>&1
}
pg_halt() { pg_as "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop > /dev/null 2>&1; }
# lose DB WHEN MS: ingest 150 documents with one worker, stop the server once 5 are filed (WHEN
# back: start it again a second later); MS is the first wait before reconnecting
lose() {
	BUDGETLINT_TEST_BACKOFF_MS=$3 "$BL" ingest --db "$1" -j1 -q "$T/pgdocs" > "$T/pg.out" 2> "$T/pg.err" &
	p=$!
	i=0; while [ $i -lt 300 ] && [ "$(rows "$1")" -lt 5 ]; do sleep 0.05; i=$((i + 1)); done
	pg_halt
	[ "$2" = back ] && sleep 1 && pg_restart
	wait $p
}
if [ "$(id -u)" = 0 ]; then chmod o+rx "$T"; fi
if [ -n "$(pg_bin)" ] && pg_start "$T/pg" > "$T/pgstart" 2>&1; then
	bigdocs "$T/pgdocs" 150
	url=$(pg_db hostile_gone)
	lose "$url" gone 100; r=$?
	pg_restart
	had=$(rows "$url")
	[ $r -eq 2 ] && [ "$had" -lt 150 ] && [ "$(grep -c . "$T/pg.err")" = 1 ] && grep -q "connection to the database is lost.*files filed in this run" "$T/pg.err" \
		&& ok || { bad "PostgreSQL lost mid-batch: rc $r, $had of 150 filed, $(grep -c . "$T/pg.err") lines"; head -3 "$T/pg.err" | cut -c1-300; }
	"$BL" ingest --db "$url" -j2 -q "$T/pgdocs" > "$T/pg.out" 2>&1; r=$?
	[ $r -eq 0 ] && [ "$(rows "$url")" = 150 ] && "$BL" ledger --db "$url" --verify > /dev/null 2>&1 && ok \
		|| { bad "the rerun after PostgreSQL came back: rc $r, $(rows "$url") of 150"; tail -3 "$T/pg.out"; }
	url=$(pg_db hostile_back)
	lose "$url" back 500; r=$?
	[ $r -eq 0 ] && [ "$(rows "$url")" = 150 ] && ! [ -s "$T/pg.err" ] && "$BL" ledger --db "$url" --verify > /dev/null 2>&1 && ok \
		|| { bad "PostgreSQL back within the reconnection attempts: rc $r, $(rows "$url") of 150"; head -3 "$T/pg.err" | cut -c1-300; }
	# names that are not UTF-8 on a server whose text must be
	url=$(pg_db hostile_names)
	"$BL" ingest --db "$url" -q "$T/names" > "$T/pg.out" 2>&1; r=$?
	[ $r -eq 2 ] && grep -q '^4 files: 3 filed, 0 already filed, 1 failed' "$T/pg.out" && "$BL" ledger --db "$url" | grep -q '读取失败（1）' \
		&& ok || { bad "file names that are not UTF-8 on PostgreSQL: rc $r"; cat "$T/pg.out"; }
	pg_stop
else
	echo "SKIP PostgreSQL: no server binaries, or the cluster did not start"
fi

echo "cli_hostile: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
