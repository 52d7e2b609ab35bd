# Sourced by .ci/run (and usable by hand: `source .ci/postgres.sh && pg_up`): a throw-away PostgreSQL
# cluster in a folder of its own, on 127.0.0.1 and a free port, for the tests that run on PostgreSQL.
# pg_up exports APPROVALS_TEST_POSTGRES (an Npgsql connection string for a user allowed to create
# databases); pg_down stops the cluster and deletes its folder.

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

pg_up() {
  if [ -z "$(pg_bin)" ] && [ "$(id -u)" = "0" ]; then
    echo "== installing PostgreSQL"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
      || echo "warning: could not install postgresql"
  fi
  local bin; bin=$(pg_bin)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then echo "warning: no PostgreSQL server binaries"; return 1; fi

  PG_DIR=$(mktemp -d /tmp/approvals-pg.XXXXXX)
  # initdb and the server refuse to run as root: as root the cluster belongs to the postgres user.
  local as=()
  if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PG_DIR"; as=(runuser -u postgres --)
  fi
  local password; password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  echo "$password" > "$PG_DIR/pw"; [ ${#as[@]} -gt 0 ] && chown postgres "$PG_DIR/pw"
  "${as[@]}" "$bin/initdb" -D "$PG_DIR/data" -U approvals --pwfile="$PG_DIR/pw" -A scram-sha-256 -E UTF8 --no-locale >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log"; return 1; }
  rm -f "$PG_DIR/pw"

  # A test cluster: durability off (it is deleted at the end), room for every test's connection pool.
  local port tries=0
  while :; do
    port=$((20000 + RANDOM % 20000))
    if ! ss -ltnH "( sport = :$port )" 2>/dev/null | grep -q .; then
      if "${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start \
           -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null; then
        break
      fi
    fi
    tries=$((tries + 1))
    if [ $tries -ge 5 ]; then cat "$PG_DIR/server.log"; return 1; fi
  done
  PG_AS=("${as[@]}"); PG_BINDIR=$bin
  export APPROVALS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=approvals;Password=$password"
  echo "== PostgreSQL $("$bin/postgres" --version | grep -oE '[0-9]+(\.[0-9]+)*' | head -1) on 127.0.0.1:$port ($PG_DIR)"
}

pg_down() {
  [ -n "${PG_DIR:-}" ] || return 0
  "${PG_AS[@]}" "$PG_BINDIR/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$PG_DIR"
  PG_DIR=
}
