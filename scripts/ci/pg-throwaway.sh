#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for `npm run test:pg` (used by .ci/run).
#
#   scripts/ci/pg-throwaway.sh start   # prints only the connection URL on stdout
#   scripts/ci/pg-throwaway.sh stop    # stops the cluster and removes its directory
#
# The cluster listens on 127.0.0.1 only (port $PG_THROWAWAY_PORT, default 55432), trusts local
# connections and runs with fsync off: it holds test data only and is deleted by `stop`.
# initdb refuses to run as root, so as root the cluster runs as the `postgres` system user
# (created when missing). Progress and errors go to stderr; a failure exits non-zero.
set -euo pipefail

PORT="${PG_THROWAWAY_PORT:-55432}"
DB_NAME="openalgo_whatsapp_test"
DB_USER="postgres"
STATE_FILE="${TMPDIR:-/tmp}/openalgo-whatsapp-pg-${PORT}.dir"

log() { echo "pg-throwaway: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}

# Finds a PostgreSQL binary on PATH, else in the newest /usr/lib/postgresql/<version>/bin.
find_bin() {
  local name="$1" candidate
  if command -v "$name" >/dev/null 2>&1; then
    command -v "$name"
    return 0
  fi
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$candidate/$name" ]]; then
      echo "$candidate/$name"
      return 0
    fi
  done
  die "'$name' not found on PATH or under /usr/lib/postgresql/*/bin (install Debian's postgresql package)"
}

# Runs a command as the cluster owner: ourselves, or the `postgres` user when we are root.
as_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

ensure_postgres_user() {
  [[ "$(id -u)" -eq 0 ]] || return 0
  id postgres >/dev/null 2>&1 && return 0
  log "creating system user 'postgres'"
  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin postgres >&2 ||
    die "could not create the 'postgres' system user"
}

cluster_running() {
  local dir="$1"
  [[ -d "$dir/data" ]] && as_owner "$(find_bin pg_ctl)" -D "$dir/data" status >/dev/null 2>&1
}

init_cluster() {
  local dir="$1"
  [[ "$(id -u)" -eq 0 ]] && chown postgres: "$dir"
  chmod 700 "$dir"
  log "initdb in $dir"
  as_owner "$(find_bin initdb)" -D "$dir/data" -U "$DB_USER" --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
    die "initdb failed: $(tail -n 5 "$dir/initdb.log" 2>/dev/null)"
}

start_server() {
  local dir="$1"
  local opts="-c listen_addresses=127.0.0.1 -p $PORT -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  log "starting postgres on 127.0.0.1:$PORT"
  as_owner "$(find_bin pg_ctl)" -D "$dir/data" -l "$dir/server.log" -o "$opts" -w -t 30 start >&2 ||
    die "postgres did not start: $(tail -n 5 "$dir/server.log" 2>/dev/null)"
}

wait_ready() {
  local isready attempt
  isready="$(find_bin pg_isready)"
  for attempt in $(seq 1 60); do
    "$isready" -q -h 127.0.0.1 -p "$PORT" -U "$DB_USER" && return 0
    sleep 0.5
  done
  die "postgres on 127.0.0.1:$PORT is not accepting connections"
}

create_database() {
  local psql exists
  psql="$(find_bin psql)"
  exists="$("$psql" -h 127.0.0.1 -p "$PORT" -U "$DB_USER" -d postgres -tAc \
    "select 1 from pg_database where datname = '$DB_NAME'")" || die "psql could not query the server"
  if [[ "$exists" != "1" ]]; then
    "$psql" -h 127.0.0.1 -p "$PORT" -U "$DB_USER" -d postgres -qc "create database $DB_NAME" >&2 ||
      die "could not create database $DB_NAME"
  fi
}

cmd_start() {
  local dir=""
  [[ -f "$STATE_FILE" ]] && dir="$(cat "$STATE_FILE")"
  if [[ -n "$dir" ]] && cluster_running "$dir"; then
    log "reusing the cluster already running in $dir"
  else
    ensure_postgres_user
    dir="$(mktemp -d "${TMPDIR:-/tmp}/openalgo-whatsapp-pg.XXXXXX")"
    echo "$dir" >"$STATE_FILE"
    init_cluster "$dir"
    start_server "$dir"
  fi
  wait_ready
  create_database
  echo "postgres://${DB_USER}@127.0.0.1:${PORT}/${DB_NAME}"
}

cmd_stop() {
  [[ -f "$STATE_FILE" ]] || {
    log "no throwaway cluster recorded for port $PORT"
    return 0
  }
  local dir
  dir="$(cat "$STATE_FILE")"
  if cluster_running "$dir"; then
    log "stopping postgres in $dir"
    as_owner "$(find_bin pg_ctl)" -D "$dir/data" -m fast -w stop >&2 || die "pg_ctl stop failed"
  fi
  # Only ever remove a directory this script created.
  [[ "$dir" == "${TMPDIR:-/tmp}"/openalgo-whatsapp-pg.* ]] && rm -rf -- "$dir"
  rm -f -- "$STATE_FILE"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
