# Throwaway PostgreSQL for tests: sourced by scripts/test.
# start_postgres sets FOYER_TEST_POSTGRES_URL; stop_postgres removes the cluster.

PG_DIR=""
PG_BIN=""

as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

install_postgres() {
  if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then return 0; fi
  echo "==> installing PostgreSQL from Debian's packages"
  local sudo=""
  [ "$(id -u)" = "0" ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

start_postgres() {
  install_postgres
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PG_DIR=$(mktemp -d /tmp/foyer-pg.XXXXXX)
  chmod 755 "$PG_DIR"
  [ "$(id -u)" = "0" ] && chown postgres:postgres "$PG_DIR"
  local port password
  port=$(free_port)
  password="foyer-test-$(date +%s)"
  echo "$password" > "$PG_DIR/pw"
  [ "$(id -u)" = "0" ] && chown postgres:postgres "$PG_DIR/pw"
  as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U foyer --pwfile="$PG_DIR/pw" -A scram-sha-256 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log"; return 1; }
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c fsync=off -c max_connections=600" start >/dev/null \
    || { cat "$PG_DIR/server.log"; return 1; }
  PGPASSWORD="$password" "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U foyer foyer
  export FOYER_TEST_POSTGRES_URL="postgres://foyer:$password@127.0.0.1:$port/foyer"
  echo "==> throwaway PostgreSQL on 127.0.0.1:$port ($PG_DIR)"
}

stop_postgres() {
  if [ -n "$PG_DIR" ] && [ -d "$PG_DIR/data" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
