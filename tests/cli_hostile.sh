#!/bin/sh
# cli_hostile.sh BL TMP - the directory walk, the ingest batch and the ledger's database against
# hostile conditions: symbolic link loops, a FIFO named x.txt, a directory that fails to be read,
# 300 files that crash a worker, a file that hangs one, a worker that hangs opening the database
# or recording a failure, a batch stopped (SIGSTOP) or held up past --timeout, a file whose read
# fails with ECONNRESET, failure records the database refuses, input caps, a full disk, a
# read-only database, PostgreSQL lost mid-batch or refusing connections, file names that are not
# UTF-8 or hold a newline or an escape sequence. Misbehaving file systems and databases are an
# LD_PRELOAD shim compiled here (after ASan's runtime when BL is built with it).
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

# The shim: a file system and a database that misbehave on cue, by name. fopen: a path with "netfs"
# opens but fails to read (ECONNRESET, as a network file system may), one with "slow-" takes 1.5 s;
# stat: "sleepy" takes 1.5 s (the walk held up), a path over 60000 bytes is a small regular file;
# readdir: a directory with "badfs" fails (EIO); SQLite, in any process but the one that opened the
# database first (so in the workers, not the parent): $SHIM_HANG_OPEN hangs opening it,
# $SHIM_HANG_RECORD hangs preparing a failure record.
cat > "$T/shim.c" <<'EOF'
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
static void nap(long ms) { struct timespec t = {ms / 1000, ms % 1000 * 1000000L}; nanosleep(&t, NULL); }
static ssize_t rd(void *c, char *b, size_t n) { (void)c, (void)b, (void)n; errno = ECONNRESET; return -1; }
static int cl(void *c) { (void)c; return 0; }
FILE *fopen(const char *p, const char *m)
{
	static FILE *(*real)(const char *, const char *);
	if (!real) real = (FILE *(*)(const char *, const char *))dlsym(RTLD_NEXT, "fopen");
	if (strstr(p, "netfs")) { cookie_io_functions_t f = {rd, 0, 0, cl}; return fopencookie(NULL, m, f); }
	if (strstr(p, "slow-")) nap(1500);
	return real(p, m);
}
FILE *fopen64(const char *p, const char *m) { return fopen(p, m); }
int stat(const char *p, struct stat *sb)
{
	static int (*real)(const char *, struct stat *);
	if (!real) real = (int (*)(const char *, struct stat *))dlsym(RTLD_NEXT, "stat");
	if (strstr(p, "sleepy")) nap(1500);
	if (strlen(p) > 60000) { memset(sb, 0, sizeof *sb); sb->st_mode = S_IFREG | 0644; sb->st_size = 10; return 0; }
	return real(p, sb);
}
struct dirent *readdir(DIR *d)
{
	static struct dirent *(*real)(DIR *);
	if (!real) real = (struct dirent *(*)(DIR *))dlsym(RTLD_NEXT, "readdir");
	char link[64], at[4096];
	snprintf(link, sizeof link, "/proc/self/fd/%d", dirfd(d));
	ssize_t n = readlink(link, at, sizeof at - 1);
	if (n > 0 && (at[n] = 0, strstr(at, "badfs"))) { errno = EIO; return NULL; }
	return real(d);
}
static pid_t first;
int sqlite3_open_v2(const char *f, void **db, int flags, const char *vfs)
{
	static int (*real)(const char *, void **, int, const char *);
	if (!real) real = (int (*)(const char *, void **, int, const char *))dlsym(RTLD_NEXT, "sqlite3_open_v2");
	if (!first) first = getpid();
	if (getenv("SHIM_HANG_OPEN") && getpid() != first) for (;;) pause();
	return real(f, db, flags, vfs);
}
int sqlite3_prepare_v2(void *db, const char *sql, int n, void **st, const char **tail)
{
	static int (*real)(void *, const char *, int, void **, const char **);
	if (!real) real = (int (*)(void *, const char *, int, void **, const char **))dlsym(RTLD_NEXT, "sqlite3_prepare_v2");
	if (getenv("SHIM_HANG_RECORD") && first && getpid() != first && !strncmp(sql, "INSERT INTO failures", 20)) for (;;) pause();
	return real(db, sql, n, st, tail);
}
EOF
PRE=""
asan=$(ldd "$BL" 2> /dev/null | awk '/libasan/ { print $3; exit }')
if cc -shared -fPIC -O1 -o "$T/shim.so" "$T/shim.c" -ldl 2> "$T/shim.err"; then PRE=${asan:+$asan:}$T/shim.so; else echo "SKIP the shim cases: $(head -1 "$T/shim.err")"; fi
# a case that needs the shim runs with env LD_PRELOAD="$PRE" when PRE is set, and is skipped when not
# counts OUT ERR: the stop line (ERR) gives the summary's (OUT) numbers, and filed + already filed +
# failed + not read (some) = the files found
counts() {
	o=$(sed -n 's/^\([0-9]*\) files: \([0-9]*\) filed, \([0-9]*\) already filed, \([0-9]*\) failed\( ([0-9]* not recorded in the ledger)\)*\(, \([0-9]*\) not read ([a-z ]*)\)*;.*/\1 \2 \3 \4 \7/p' "$1")
	e=$(sed -n 's/.*in this run \([0-9]*\) files filed, each whole, \([0-9]*\) already filed, \([0-9]*\) failed, \([0-9]*\) not read.*/\1 \2 \3 \4/p' "$2")
	# shellcheck disable=SC2086
	set -- $o
	[ $# -eq 5 ] && [ "$2 $3 $4 $5" = "$e" ] && [ $(($2 + $3 + $4 + $5)) -eq "$1" ] && [ "$5" -gt 0 ]
}

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

# a directory that fails to be read (readdir's error, as on a failing disk or network file system):
# an error naming it, exit status 2, the other files still filed
if [ -n "$PRE" ]; then
	d=$T/rdir
	mkdir -p "$d/badfs" && doc "$d/a.txt" 910 && doc "$d/badfs/b.txt" 911
	timeout 20 env LD_PRELOAD="$PRE" "$BL" ingest --db "$T/rdir.db" -q "$d" > "$T/rdir.out" 2> "$T/rdir.err"; r=$?
	[ $r -eq 2 ] && grep -q "cannot read the directory '$d/badfs': Input/output error" "$T/rdir.err" && grep -q '^1 files: 1 filed' "$T/rdir.out" \
		&& ok || { bad "a directory that fails to be read: rc $r, $(cat "$T/rdir.out")"; cat "$T/rdir.err"; }
fi

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
	&& grep -q "^budgetlint: '$d/a-crash-000.txt': worker killed by signal 11" "$T/crash.err" \
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

# the walk held up past --timeout (a slow stat) while a worker's answer waits: that file is filed,
# its worker not killed for the parent's lateness, and no file is handed to a dying worker and
# blamed for its death
if [ -n "$PRE" ]; then
	d=$T/late
	mkdir -p "$d" && doc "$d/a.txt" 912 && : > "$d/m-sleepy.dat" && doc "$d/z.txt" 913
	timeout 30 env LD_PRELOAD="$PRE" "$BL" ingest --db "$T/late.db" -j1 -q --timeout 1 "$d" > "$T/late.out" 2> "$T/late.err"; r=$?
	[ $r -eq 0 ] && grep -q '^2 files: 2 filed, 0 already filed, 0 failed;' "$T/late.out" && ! [ -s "$T/late.err" ] && ok \
		|| { bad "an answer read after the deadline passed: rc $r, $(cat "$T/late.out")"; cat "$T/late.err"; }
fi

# the batch stopped (SIGSTOP to its process group, as ctrl-Z does) for longer than --timeout while a
# file is in flight: the time stopped does not count, nothing is killed for it
if [ -n "$PRE" ]; then
	d=$T/stopped
	mkdir -p "$d" && doc "$d/slow-a.txt" 914
	setsid env LD_PRELOAD="$PRE" "$BL" ingest --db "$T/stopped.db" -j1 -q --timeout 2 "$d" > "$T/stopped.out" 2> "$T/stopped.err" &
	p=$!
	sleep 0.6; kill -STOP -$p; sleep 3.5; kill -CONT -$p; wait $p; r=$?
	[ $r -eq 0 ] && grep -q '^1 files: 1 filed' "$T/stopped.out" && ! [ -s "$T/stopped.err" ] && ok \
		|| { bad "a batch stopped past --timeout: rc $r, $(cat "$T/stopped.out")"; cat "$T/stopped.err"; }
fi

# a file on a network file system whose read fails with ECONNRESET: that file's failure, recorded;
# not a lost database (no reconnecting, no stop)
if [ -n "$PRE" ]; then
	d=$T/nfs
	mkdir -p "$d" && doc "$d/a.txt" 915 && doc "$d/netfs-b.txt" 916 && doc "$d/z.txt" 917
	BUDGETLINT_TEST_BACKOFF_MS=10 timeout 30 env LD_PRELOAD="$PRE" "$BL" ingest --db "$T/nfs.db" -j1 -q "$d" > "$T/netfs.out" 2> "$T/netfs.err"; r=$?
	"$BL" ledger --db "$T/nfs.db" > "$T/netfs.led" 2>&1
	[ $r -eq 2 ] && grep -q '^3 files: 2 filed, 0 already filed, 1 failed;' "$T/netfs.out" && [ "$(grep -c . "$T/netfs.err")" = 1 ] \
		&& grep -q "cannot read '$d/netfs-b.txt': Connection reset by peer" "$T/netfs.err" && grep -q 'netfs-b.txt.*Connection reset' "$T/netfs.led" \
		&& ok || { bad "a file's own ECONNRESET taken for the database's: rc $r, $(cat "$T/netfs.out")"; cat "$T/netfs.err"; }
fi

# a worker that hangs opening the database: killed past --timeout, the batch stops saying so, and
# the file it held (never read) is not blamed: not read, not recorded as failed
if [ -n "$PRE" ]; then
	SHIM_HANG_OPEN=1 timeout 30 env LD_PRELOAD="$PRE" "$BL" ingest --db "$T/hopen.db" -j1 -q --timeout 1 "$T/cap" > "$T/hopen.out" 2> "$T/hopen.err"; r=$?
	"$BL" ledger --db "$T/hopen.db" > "$T/hopen.led" 2>&1
	[ $r -eq 2 ] && grep -q 'stopped: a worker did not open the database within 1 s' "$T/hopen.err" && counts "$T/hopen.out" "$T/hopen.err" \
		&& grep -q '^[0-9]* files: 0 filed, 0 already filed, 0 failed, [0-9]* not read' "$T/hopen.out" && ! grep -q '读取失败' "$T/hopen.led" \
		&& ok || { bad "a worker that hangs opening the database: rc $r, $(cat "$T/hopen.out")"; cat "$T/hopen.err"; }
fi

# a worker that hangs recording a failure: killed past --timeout too; the parent records it at the end
if [ -n "$PRE" ]; then
	d=$T/hrec
	mkdir -p "$d" && doc "$d/a-crash.txt" 918 && doc "$d/b.txt" 919
	SHIM_HANG_RECORD=1 BUDGETLINT_INJECT_CRASH=a-crash ASAN_OPTIONS=handle_segv=0:$ASAN_OPTIONS timeout 30 env LD_PRELOAD="$PRE" \
		"$BL" ingest --db "$T/hrec.db" -j1 -q --timeout 1 "$d" > "$T/hrec.out" 2> "$T/hrec.err"; r=$?
	"$BL" ledger --db "$T/hrec.db" > "$T/hrec.led" 2>&1
	[ $r -eq 2 ] && grep -q '^2 files: 1 filed, 0 already filed, 1 failed;' "$T/hrec.out" && grep -q 'a-crash.txt: worker killed by signal 11' "$T/hrec.led" \
		&& ok || { bad "a worker that hangs recording a failure: rc $r, $(cat "$T/hrec.out")"; cat "$T/hrec.err"; }
fi

# a worker does not hold the walk's directories open (it never walks; they are the parent's)
d=$T/fds
mkdir -p "$d/sub" && doc "$d/sub/b-hang.txt" 920
BUDGETLINT_INJECT_HANG=b-hang "$BL" ingest --db "$T/fds.db" -j1 -q --timeout 30 "$d" > "$T/fds.out" 2> "$T/fds.err" &
p=$!
w=""; i=0
while [ $i -lt 100 ] && [ -z "$w" ]; do sleep 0.05; w=$(cat "/proc/$p/task/$p/children" 2> /dev/null | cut -d' ' -f1); i=$((i + 1)); done
sleep 0.5 # it has taken the file and hangs on it
held=$(for f in /proc/"$w"/fd/*; do readlink "$f"; done 2> /dev/null | grep -cx -e "$d" -e "$d/sub")
[ -n "$w" ] && kill -KILL "$w"
wait $p
[ -n "$w" ] && [ "$held" = 0 ] && ok || bad "a worker holds the walk's directories open (worker ${w:-not found}, $held)"

# a path too long to hand to a worker (past 64 KB; only a shimmed stat lets one through the walk):
# counted among the files found, and recorded as failed
if [ -n "$PRE" ]; then
	long=$T/$(printf '%070000d' 0).txt
	env LD_PRELOAD="$PRE" "$BL" ingest --db "$T/long.db" -q "$long" > "$T/long.out" 2> "$T/long.err"; r=$?
	"$BL" ledger --db "$T/long.db" > "$T/long.led" 2>&1
	[ $r -eq 2 ] && grep -q '^1 files: 0 filed, 0 already filed, 1 failed;' "$T/long.out" && grep -q '读取失败（1）' "$T/long.led" \
		&& ok || { bad "a path too long for a job: rc $r, $(cat "$T/long.out")"; head -c 300 "$T/long.err"; echo; }
fi

# failures the database refuses to record (SQLite triggers): one refused once is recorded by another
# worker; one refused always is printed and counted as not recorded; none goes missing unsaid
if command -v sqlite3 > /dev/null; then
	d=$T/refuse
	mkdir -p "$d" && doc "$d/a.txt" 921
	printf 'a text, not a document\n' > "$d/b-once.docx"
	printf 'a text, not a document\n' > "$d/c-never.docx"
	"$BL" ingest --db "$T/refuse.db" -q "$d/a.txt" > /dev/null 2>&1
	sqlite3 "$T/refuse.db" "CREATE TABLE seen (path TEXT PRIMARY KEY);
		CREATE TRIGGER once BEFORE INSERT ON failures WHEN NEW.path LIKE '%once%' AND NOT EXISTS (SELECT 1 FROM seen WHERE path = NEW.path)
		BEGIN INSERT INTO seen VALUES (NEW.path); SELECT RAISE(FAIL, 'refused once'); END;
		CREATE TRIGGER never BEFORE INSERT ON failures WHEN NEW.path LIKE '%never%' BEGIN SELECT RAISE(FAIL, 'refused'); END;"
	"$BL" ingest --db "$T/refuse.db" -j1 -q "$d" > "$T/refuse.out" 2> "$T/refuse.err"; r=$?
	"$BL" ledger --db "$T/refuse.db" > "$T/refuse.led" 2>&1
	[ $r -eq 2 ] && grep -q '^3 files: 0 filed, 1 already filed, 2 failed (1 not recorded in the ledger);' "$T/refuse.out" \
		&& grep -q "'$d/c-never.docx': its failure is not recorded in the ledger: .*refused" "$T/refuse.err" \
		&& grep -q '读取失败（1）' "$T/refuse.led" && grep -q 'b-once.docx' "$T/refuse.led" && ok \
		|| { bad "failures the database refuses: rc $r, $(cat "$T/refuse.out")"; cat "$T/refuse.err"; }
else
	echo "SKIP refused failure records: no sqlite3 command"
fi

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
	[ $r -eq 2 ] && [ "$(grep -c . "$T/full.err")" = 1 ] && grep -q "disk is full.*in this run [0-9]* files filed" "$T/full.err" \
		&& counts "$T/full.out" "$T/full.err" && ok \
		|| { bad "a full disk: rc $r, $(grep -c . "$T/full.err") lines, $(cat "$T/full.out")"; head -3 "$T/full.err"; }
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

# a database others may write, in a directory this user may not write: not read as immutable (an
# immutable reader takes no locks, so an ingest by its owner could be read half done), but refused
# in one line saying what a reader needs
mkdir -p "$T/ro2" && cp "$T/ro/l.db" "$T/ro2/l.db" && chmod 644 "$T/ro2/l.db"
if [ "$(id -u)" = 0 ]; then
	chmod 755 "$T/ro2" && chmod o+rx "$T"
	runuser -u nobody -- "$BL" ledger --db "$T/ro2/l.db" > "$T/ro2.out" 2> "$T/ro2.err"; r=$?
else
	chmod 575 "$T/ro2" # its owner may not write it, its group may
	"$BL" ledger --db "$T/ro2/l.db" > "$T/ro2.out" 2> "$T/ro2.err"; r=$?
	chmod 755 "$T/ro2"
fi
[ $r -eq 2 ] && [ "$(grep -c . "$T/ro2.err")" = 1 ] && grep -q "keep the -wal and -shm files beside it.*or read a copy" "$T/ro2.err" && ok \
	|| { bad "a database others may write read without locks: rc $r"; cat "$T/ro2.err"; }

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
	[ $r -eq 2 ] && [ "$had" -lt 150 ] && [ "$(grep -c . "$T/pg.err")" = 1 ] && grep -q "connection to the database is lost.*in this run [0-9]* files filed" "$T/pg.err" \
		&& counts "$T/pg.out" "$T/pg.err" && ok \
		|| { bad "PostgreSQL lost mid-batch: rc $r, $had of 150 filed, $(grep -c . "$T/pg.err") lines, $(cat "$T/pg.out")"; head -3 "$T/pg.err" | cut -c1-300; }
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
	# a server that refuses the connection (too many for the role): one clear line at once, not a
	# lost server retried for 15 s; the files not read are counted, none blamed
	pg_as "$PGBIN/psql" -h "$PGDIR" -p "$PGPORT_T" -U postgres -q -c "CREATE ROLE blc LOGIN CONNECTION LIMIT 1" postgres > /dev/null 2>&1
	pg_as "$PGBIN/createdb" -h "$PGDIR" -p "$PGPORT_T" -U postgres -O blc hostile_limit
	lurl="postgresql:///hostile_limit?host=$PGDIR&port=$PGPORT_T&user=blc"
	timeout 12 "$BL" ingest --db "$lurl" -j3 -q "$T/cap" > "$T/lim.out" 2> "$T/lim.err"; r=$?
	[ $r -eq 2 ] && grep -q 'stopped: cannot open the database: .*too many connections for role' "$T/lim.err" && ! grep -q 'is lost' "$T/lim.err" \
		&& ! grep -q 'LOCATION\|53300' "$T/lim.err" && counts "$T/lim.out" "$T/lim.err" && ok \
		|| { bad "a server refusing connections: rc $r, $(cat "$T/lim.out")"; cut -c1-300 "$T/lim.err"; }
	# the summary names the database without its password
	purl="postgresql://postgres:s3cret@/hostile_limit?host=$PGDIR&port=$PGPORT_T&password=s3cret"
	"$BL" ingest --db "$purl" -q "$T/stream" > "$T/pw.out" 2>&1
	! grep -q s3cret "$T/pw.out" && grep -q 'postgres:\*\*\*@/hostile_limit?.*password=\*\*\*' "$T/pw.out" && ok || { bad "a password shown"; cat "$T/pw.out"; }
	# names that are not UTF-8 beside names holding U+F7xx code points: kept apart, and read back by
	# the ledger as their bytes, as on SQLite
	d=$T/names2
	mkdir -p "$d" && doc "$d/$(printf 'c\377.txt')" 930 && doc "$d/$(printf 'c\357\237\277.txt')" 931 && doc "$d/$(printf 'c\357\236\200x.txt')" 932
	printf 'a text, not a document\n' > "$d/$(printf 'f\377\357\237\277.docx')"
	"$BL" ingest --db "$T/names2.db" -q "$d" > /dev/null 2>&1
	url=$(pg_db hostile_names2)
	"$BL" ingest --db "$url" -q "$d" > "$T/n2.out" 2>&1
	for c in "ledger --format csv" "ledger"; do
		# shellcheck disable=SC2086
		"$BL" $c --db "$T/names2.db" > "$T/n2.lite" 2>&1; "$BL" $c --db "$url" > "$T/n2.pg" 2>&1
		grep -q '^4 files: 3 filed, 0 already filed, 1 failed' "$T/n2.out" && cmp -s "$T/n2.lite" "$T/n2.pg" && ok \
			|| { bad "names on PostgreSQL read back otherwise than on SQLite ($c)"; cat "$T/n2.out"; diff "$T/n2.lite" "$T/n2.pg" | cat -v | head -6; }
	done
	pg_stop
else
	echo "SKIP PostgreSQL: no server binaries, or the cluster did not start"
fi

# two ingests starting at once on one new SQLite database: switching it to WAL once failed one of
# them with "database is locked" about half the time (the busy handler does not wait for it)
mkdir -p "$T/race"; doc "$T/race/a.txt" 1
locked=0 r=0
while [ $r -lt 8 ]; do
	rm -f "$T/race.db" "$T/race.db-wal" "$T/race.db-shm"
	"$BL" ingest --db "$T/race.db" -j2 -q "$T/race" > "$T/race1" 2>&1 &
	"$BL" ingest --db "$T/race.db" -j2 -q "$T/race" > "$T/race2" 2>&1
	wait
	grep -q "locked" "$T/race1" "$T/race2" && locked=$((locked + 1))
	r=$((r + 1))
done
[ $locked -eq 0 ] && ok || bad "two ingests on a new database: 'database is locked' in $locked of 8 rounds"

echo "cli_hostile: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
