# pg.sh - a throwaway PostgreSQL cluster for the suite: sourced by tests/suites/pg.sh.
# pg_start DIR: initdb + pg_ctl on a Unix socket in DIR (no TCP port), as the
# postgres user when run as root; sets PGURL_BASE. pg_db NAME: creates a
# database and prints its URL. pg_stop: stops the cluster.
pg_bin() {
	for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && echo "$d"; done | sort -V | tail -1
}
pg_as() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
pg_start() {
	PGDIR=$1
	PGBIN=$(pg_bin)
	[ -n "$PGBIN" ] || { echo "pg.sh: no PostgreSQL server binaries (apt-get install postgresql)"; return 1; }
	mkdir -p "$PGDIR"
	# the server runs as postgres: it must reach its directory
	[ "$(id -u)" = 0 ] && chown postgres "$PGDIR" && chmod o+x "$(dirname "$PGDIR")"
	PGPORT_T=$((50000 + $$ % 10000))
	pg_as "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 > "$PGDIR/initdb.log" 2>&1 || { cat "$PGDIR/initdb.log"; return 1; }
	pg_as "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
		-o "-c listen_addresses='' -c unix_socket_directories=$PGDIR -p $PGPORT_T -c fsync=off" start > /dev/null 2>&1 \
		|| { cat "$PGDIR/server.log"; return 1; }
	PGURL_BASE="host=$PGDIR port=$PGPORT_T user=postgres"
}
pg_db() {
	pg_as "$PGBIN/createdb" -h "$PGDIR" -p "$PGPORT_T" -U postgres "$1" || return 1
	echo "postgresql:///$1?host=$PGDIR&port=$PGPORT_T&user=postgres"
}
pg_stop() {
	[ -n "${PGBIN:-}" ] && pg_as "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop > /dev/null 2>&1
	PGBIN=
}
