#!/bin/sh
# pg.sh - PostgreSQL: the store tests and the concurrent ingest on a throwaway cluster
cd "$(dirname "$0")/../.." && . tests/lib.sh && suite pg
need_corpus
. tests/pg.sh
if pg_start "$tmp/pg" > "$tmp/pgstart" 2>&1; then
	url=$(pg_db bl_store_test) && BL_TEST_DB="$url" build/test/test_store > "$tmp/pgt" 2>&1
	grep FAIL "$tmp/pgt"; grep -q 'backend: postgres' "$tmp/pgt" || bad "test_store did not run on postgres"
	add_counts "test_store on postgres" "$(cat "$tmp/pgt")"
	# the hostile store cases (reconnection, read-only, names that are not UTF-8) on PostgreSQL too
	url=$(pg_db bl_hostile_test) && BL_TEST_DB="$url" build/test/test_hostile_store > "$tmp/pgh" 2>&1
	grep FAIL "$tmp/pgh"; grep -q 'backend: postgres' "$tmp/pgh" || bad "test_hostile_store did not run on postgres"
	add_counts "test_hostile_store on postgres" "$(cat "$tmp/pgh")"
	url=$(pg_db bl_concurrent) && concurrent "$url" postgres
	pg_stop
else
	bad "PostgreSQL cluster did not start"; cat "$tmp/pgstart"
fi
finish
