#!/usr/bin/env bash
# A local PostgreSQL 15 for development and the tests: `make postgres` (start), then
# `DATABASE_URL=... make run`.
#
#   bash scripts/postgres.sh [start]   start it (initialised the first time); prints DATABASE_URL
#   bash scripts/postgres.sh url       print the DATABASE_URL only (the server must be running)
#   bash scripts/postgres.sh stop      stop it
#
# Debian's postgresql-15 binaries (/usr/lib/postgresql/15/bin; installed with apt-get when
# missing and run as root), not the Debian cluster service: the cluster lives in the git-ignored
# `.postgres/` of this checkout, listens on 127.0.0.1 only (port SC_PG_PORT, 5433 by default, so
# a system PostgreSQL on 5432 is left alone) and keeps its socket there too. PostgreSQL refuses
# to run as root: as root, the cluster belongs to the unprivileged `postgres` user (Debian's
# package makes it; `scpg` is created otherwise) and initdb and pg_ctl run as that user. If that
# user cannot reach this checkout (a home folder closed to others), the cluster goes to a folder
# of its own under /var/tmp and `.postgres` links to it.
#
# One role, `secondchances`, owns the cluster (it may create databases: the tests make one per
# test server) with a random password kept in `.postgres/password`; the database
# `secondchances` is made for the game. SC_PG_DIR chooses another folder (the tests' own
# cluster), SC_PG_OPTIONS adds server options (the tests turn fsync off: they kill game
# servers, never this one).
source "$(dirname "$0")/lib.sh"

PGBIN="${SC_PG_BIN:-/usr/lib/postgresql/15/bin}"
DIR="${SC_PG_DIR:-$ROOT/.postgres}"
PORT="${SC_PG_PORT:-5433}"
ROLE=secondchances
DB=secondchances

# as_owner CMD...: run a command as the cluster's owner (this user, or the unprivileged one).
OWNER=""
as_owner() {
  if [ -n "$OWNER" ]; then runuser -u "$OWNER" -- "$@"; else "$@"; fi
}

need_binaries() {
  [ -x "$PGBIN/pg_ctl" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing postgresql-15 from Debian"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 postgresql-client-15 >/dev/null
  fi
  [ -x "$PGBIN/pg_ctl" ] || die "PostgreSQL 15 is not installed (apt-get install postgresql-15)"
}

choose_owner() {
  [ "$(id -u)" = 0 ] || return 0
  if id postgres >/dev/null 2>&1; then
    OWNER=postgres
  else
    id scpg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin scpg
    OWNER=scpg
  fi
  # The owner must reach the data folder: a checkout under a closed home folder is not.
  local parent; parent="$(dirname "$DIR")"
  if [ ! -L "$DIR" ] && [ ! -d "$DIR" ] && ! runuser -u "$OWNER" -- test -x "$parent"; then
    local elsewhere
    elsewhere="/var/tmp/second-chances-postgres-$(printf '%s' "$DIR" | sha256sum | cut -c1-12)"
    mkdir -p "$elsewhere" "$parent"
    ln -s "$elsewhere" "$DIR"
  fi
  mkdir -p "$DIR"
  # The owner's programs open these paths themselves: give them the real folder, not the link.
  DIR="$(readlink -f "$DIR")"
  chown "$OWNER" "$DIR"
}

running() { as_owner "$PGBIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; }

url() {
  printf 'postgresql://%s:%s@127.0.0.1:%s/%s\n' "$ROLE" "$(cat "$DIR/password")" "$(cat "$DIR/port")" "$DB"
}

start() {
  need_binaries
  choose_owner
  mkdir -p "$DIR"
  if [ ! -f "$DIR/data/PG_VERSION" ]; then
    say "initialising a PostgreSQL cluster in $DIR"
    (umask 077 && head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$DIR/password")
    [ -n "$OWNER" ] && chown "$OWNER" "$DIR/password"
    as_owner "$PGBIN/initdb" -D "$DIR/data" -U "$ROLE" --pwfile="$DIR/password" \
      --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 ||
      { cat "$DIR/initdb.log"; die "initdb failed"; }
  fi
  if ! running; then
    say "starting PostgreSQL on 127.0.0.1:$PORT"
    echo "$PORT" >"$DIR/port"
    # shellcheck disable=SC2086
    as_owner "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start \
      -o "-p $PORT -c listen_addresses=127.0.0.1 -k $DIR -c max_connections=300 ${SC_PG_OPTIONS:-}" >/dev/null ||
      { tail -20 "$DIR/server.log"; die "PostgreSQL did not start"; }
  fi
  PGPASSWORD="$(cat "$DIR/password")" "$PGBIN/psql" -h 127.0.0.1 -p "$(cat "$DIR/port")" -U "$ROLE" -d postgres -tAq \
    -c "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 ||
    PGPASSWORD="$(cat "$DIR/password")" "$PGBIN/createdb" -h 127.0.0.1 -p "$(cat "$DIR/port")" -U "$ROLE" "$DB"
  say "PostgreSQL is running (data: $DIR/data, log: $DIR/server.log). Use it with:"
  echo "DATABASE_URL=$(url)"
}

stop() {
  choose_owner
  if [ -f "$DIR/data/PG_VERSION" ] && running; then
    as_owner "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null
    say "PostgreSQL stopped"
  fi
}

case "${1:-start}" in
  start) start ;;
  url) url ;;
  stop) stop ;;
  *) die "usage: scripts/postgres.sh [start|url|stop]" ;;
esac
