#!/bin/sh
# ledger.sh - the ledger: the corpus filed, identified, cross-checked; a crash; a crashing worker; concurrency; exports
cd "$(dirname "$0")/../.." && . tests/lib.sh && suite ledger
need_corpus
# the corpus ledger, left in $shared for the npm suite
LDB=$shared/ledger.db
rm -f "$LDB" "$LDB"-*
$BL ingest --db "$LDB" -j2 -q $SEEDS $REAL $PEER > "$tmp/ing" 2>&1 && ok || { bad "ingest corpus"; tail -5 "$tmp/ing"; }
$BL ledger --db "$LDB" --format csv > "$tmp/led.csv" 2>&1 || bad "ledger csv"
# every real document filed under the organisation, year and kind its manifest gives, 部门 or 单位 as its name says
tail -n +2 $REAL/MANIFEST.tsv | while IFS='	' read -r slug unit region year kind rest; do
	level=dept; case $slug in *-unit-*) level=unit ;; esac
	grep -q "^[^,]*,$unit,$level,$year,$kind,filed," "$tmp/led.csv" && echo ok || echo "FAIL ledger lacks $slug as $unit $level $year $kind"
done > "$tmp/man"
n=$(grep -c '^ok' "$tmp/man"); pass=$((pass + n)); grep FAIL "$tmp/man" && fail=$((fail + $(grep -c FAIL "$tmp/man")))
[ "$n" -eq "$(tail -n +2 $REAL/MANIFEST.tsv | grep -c .)" ] || bad "manifest rows checked: $n"
grep -q '^上海市普陀区,上海市普陀区人民政府万里街道办事处,dept,2023,budget' "$tmp/led.csv" && grep -q '^上海市普陀区,上海市普陀区人民政府万里街道办事处,dept,2024,budget' "$tmp/led.csv" \
	&& grep -q '^上海市普陀区,上海市普陀区人民政府万里街道办事处,dept,2025,budget' "$tmp/led.csv" && ok || bad "万里街道 2023-2025 in the ledger"
# the one document a person must look at is the blank template
$BL ledger --db "$LDB" --format json > "$tmp/led.json" && $JC --any < "$tmp/led.json" > /dev/null 2>&1 \
	&& [ "$(grep -c 'final-template-2024.pdf' "$tmp/led.json")" = 1 ] && [ "$(grep -c '"ident": "review"' "$tmp/led.json")" = 0 ] \
	&& ok || bad "template not set aside, or a corpus document left for review"
# cross-checks name both documents: 万里 2024 against 2023, the 单位 budgets against their 部门 ones
$BL check --db "$LDB" --color never $REAL/putuo-wanli-2024-budget.txt $REAL/putuo-govoffice-2025-unit-budget.txt > "$tmp/xc" 2>&1
grep -q 'putuo-wanli-2024-budget.txt:[0-9]*:[0-9]*: warning\[crossdoc.yoy_reason\]: 机关运行经费443.18万元.*putuo-wanli-2023-budget.txt' "$tmp/xc" && ok || { bad "crossdoc.yoy_reason on 万里 2024"; grep crossdoc "$tmp/xc"; }
grep -q 'putuo-govoffice-2025-unit-budget.txt:.*info\[crossdoc.dept_unit\].*putuo-govoffice-2025-budget.txt' "$tmp/xc" && ok || bad "crossdoc.dept_unit on 政府办"
grep -A1 'crossdoc' "$tmp/xc" | grep -q '对照文件: ' && ok || bad "cross-document finding names the other file"
$BL ledger --db "$LDB" --verify > /dev/null && ok || bad "ledger --verify on the corpus"
# idempotent: a second run files nothing new
$BL ingest --db "$LDB" -j2 -q $SEEDS $REAL > "$tmp/ing2" 2>&1 && grep -q ' 0 filed' "$tmp/ing2" && ok || { bad "re-ingest filed again"; cat "$tmp/ing2"; }

# a disclosure in two files, filed apart by two workers (or two runs), is
# checked as one once both are in: one organisation each, both halves
# current, neither saying the other is missing; a rerun tries nothing again
JDB="$tmp/js.db"
$BL ingest --db "$JDB" -j2 -q "$JIANGSU" > "$tmp/js" 2>&1 && grep -q ' 0 failed, 2 disclosures in two files checked as one; 0 to confirm' "$tmp/js" \
	&& ok || { bad "ingest of the Jiangsu pairs"; cat "$tmp/js"; }
$BL ledger --db "$JDB" --format csv | tail -n +2 | cut -d, -f1-5 | sort | uniq -c > "$tmp/jsl"
[ "$(grep -c '^ *2 江苏省,' "$tmp/jsl")" = 2 ] && [ "$(grep -c . "$tmp/jsl")" = 2 ] && ok || { bad "Jiangsu pairs: one organisation each"; cat "$tmp/jsl"; }
$BL export --db "$JDB" --format csv -o "$tmp/jsx" && ! grep -q 'complete.pair' "$tmp/jsx/findings.csv" \
	&& [ "$(grep -c 'profile.pair' "$tmp/jsx/findings.csv")" = 4 ] && ok || bad "Jiangsu pairs: findings as check gives them"
$BL ingest --db "$JDB" -j2 -q "$JIANGSU" > "$tmp/js2" 2>&1 && grep -q '^4 files: 0 filed, 4 already filed, 0 failed;' "$tmp/js2" && ok || { bad "Jiangsu rerun"; cat "$tmp/js2"; }
# the halves in two runs: the tables first, the narrative later
rm -f "$JDB"
$BL ingest --db "$JDB" -q "$JIANGSU"/*-tables.pdf > "$tmp/js3" 2>&1 && $BL ingest --db "$JDB" -q "$JIANGSU"/*-text.pdf > "$tmp/js3" 2>&1 \
	&& grep -q '2 disclosures in two files checked as one' "$tmp/js3" && ok || { bad "Jiangsu halves in two runs"; cat "$tmp/js3"; }

# crash: SIGKILL the whole parallel batch while it works, then run it again
replicas
CDB="$tmp/crash.db"
setsid $BL ingest --db "$CDB" -j2 -q "$rep" > /dev/null 2>&1 &
cpid=$!
# kill once a dozen documents are in: the batch is well under way, far from done
i=0; while [ $i -lt 400 ] && [ "$($BL ledger --db "$CDB" --format csv 2>/dev/null | tail -n +2 | grep -c .)" -lt 12 ]; do sleep 0.05; i=$((i + 1)); done
kill -KILL -$cpid 2>/dev/null; wait $cpid 2>/dev/null; sleep 0.2
had=$($BL ledger --db "$CDB" --format csv 2>/dev/null | tail -n +2 | grep -c .)
[ "$had" -lt "$want" ] && ok || bad "the batch finished before the kill ($had of $want): no crash was tested"
$BL ingest --db "$CDB" -j2 -q "$rep" > /dev/null 2>&1 && ok || bad "ingest after the kill"
$BL ledger --db "$CDB" --verify > /dev/null && ok || bad "integrity after the kill"
$BL ledger --db "$CDB" --format csv | tail -n +2 > "$tmp/crash.csv"
[ "$(grep -c . "$tmp/crash.csv")" = "$want" ] && [ "$(cut -d, -f7 "$tmp/crash.csv" | sort -u)" = 1 ] && ok \
	|| bad "after the kill: $(grep -c . "$tmp/crash.csv") documents for $want files, versions $(cut -d, -f7 "$tmp/crash.csv" | sort -u | tr '\n' ' ')"

# a worker that dies on a file: the file is recorded with the signal, a new worker finishes the batch
BUDGETLINT_INJECT_CRASH=wanli-2024 ASAN_OPTIONS=handle_segv=0 $BL ingest --db "$tmp/inj.db" -j2 -q $REAL > "$tmp/inj" 2>&1; r=$?
$BL ledger --db "$tmp/inj.db" > "$tmp/injl"
[ $r -eq 2 ] && grep -q 'putuo-wanli-2024-budget.txt: worker killed by signal 11' "$tmp/injl" \
	&& [ "$($BL ledger --db "$tmp/inj.db" --format csv | tail -n +2 | grep -c .)" = $(($(ls $REAL/*.txt | wc -l) - 1)) ] && ok \
	|| { bad "a crashing worker: rc $r"; cat "$tmp/inj"; tail -5 "$tmp/injl"; }

# two ingest processes feeding one database at once: nothing lost, nothing twice (lib.sh)
concurrent "$tmp/conc.db" sqlite
# the exports and compare over the corpus ledger
$BL export --db "$LDB" --format json | $JC --any > /dev/null 2>&1 && ok || bad "export json"
$BL export --db "$LDB" --format csv -o "$tmp/csv" && [ -s "$tmp/csv/facts.csv" ] && [ -s "$tmp/csv/cells.csv" ] && [ -s "$tmp/csv/findings.csv" ] \
	&& head -1 "$tmp/csv/documents.csv" | grep -q '^doc_hash,version,.*ruleset' && ok || bad "export csv"
$BL compare --db "$LDB" --org 万里街道 --format csv > "$tmp/cmp" && head -1 "$tmp/cmp" | grep -q '2023预算,2024预算,2025预算' \
	&& grep -q '^approp.expense,.*,16497.86,15621.11,18976.76$' "$tmp/cmp" && ok || { bad "compare 万里 across years"; head -3 "$tmp/cmp"; }
finish
