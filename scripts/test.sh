#!/usr/bin/env bash
# Run every check: ruff (lint and format), the layers, the content report (every data file:
# python -m world.content), then the whole pytest suite, rules to end-to-end, on SQLite; then
# the tests marked `db_both` (what differs between databases: the war store,
# the rollback and its crash points, backups and their restore, the e2e Second Chance, the
# login storm, the health page) again on PostgreSQL 15, in a throwaway cluster this script
# starts (scripts/postgres.sh; installed from Debian when missing) and stops.
# Installs what the tests need first: the pinned Python tools, the web assets, and (as root,
# from Debian) Chromium, its driver, Lua (5.4, and Mudlet's 5.1) and TinTin++ for the browser,
# Mudlet-package and TinTin++-script tests.
#
# With arguments (`scripts/test.sh tests/web -x`) only pytest's SQLite pass runs, on those;
# SC_TEST_POSTGRES=1 adds the PostgreSQL pass over the same arguments, SC_TEST_POSTGRES=0
# leaves it out of a whole run, and SC_TEST_SQLITE=0 runs the PostgreSQL pass alone.
source "$(dirname "$0")/lib.sh"
ensure_venv
install_reqs requirements-dev.txt
install_web_assets
ensure_secrets

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v lua5.4 >/dev/null 2>&1 || need+=(lua5.4)
command -v lua5.1 >/dev/null 2>&1 || need+=(lua5.1)
[ -x /usr/games/tt++ ] || need+=(tintin++)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing ${need[*]} from Debian"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    die "the browser and client tests need: ${need[*]} (apt-get install ${need[*]})"
  fi
fi

cd "$ROOT"
say "ruff check"
"$VENV/bin/ruff" check .
say "ruff format --check"
"$VENV/bin/ruff" format --check .
say "lint-imports (the layers contract in pyproject.toml)"
"$VENV/bin/lint-imports" --no-cache
say "content report (every data file of the game: python -m world.content)"
"$VENV/bin/python" -m world.content
unset DATABASE_URL  # the first pass is SQLite's, whatever the shell had
# Two workers, one per core (SC_TEST_WORKERS=0 runs in this process); a file's tests stay on one
# worker, so the game servers a file starts are shared by its tests as before.
workers=(-n "${SC_TEST_WORKERS:-2}" --dist loadfile)
status=0
if [ "${SC_TEST_SQLITE:-1}" = 1 ]; then
  say "pytest (SQLite)"
  "$VENV/bin/pytest" "${workers[@]}" "$@" || status=$?
fi

if [ "${SC_TEST_POSTGRES:-$([ $# -eq 0 ] && echo 1 || echo 0)}" = 1 ]; then
  say "pytest -m db_both (PostgreSQL)"
  # A fresh cluster on a free port, fsync off (the tests kill game servers, never PostgreSQL).
  export SC_PG_DIR="$ROOT/.postgres/tests" SC_PG_OPTIONS="-c fsync=off -c full_page_writes=off"
  SC_PG_PORT="$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  export SC_PG_PORT
  bash "$ROOT/scripts/postgres.sh" stop >/dev/null 2>&1 || true
  rm -rf "$(readlink -f "$SC_PG_DIR")" "$SC_PG_DIR"
  trap 'bash "$ROOT/scripts/postgres.sh" stop >/dev/null 2>&1 || true' EXIT
  bash "$ROOT/scripts/postgres.sh" start >/dev/null
  DATABASE_URL="$(bash "$ROOT/scripts/postgres.sh" url)"
  export DATABASE_URL
  # Evennia reads its server config from the settings' own database when pytest loads it
  # (before pytest-django makes the test database): that one must have the tables.
  evennia migrate >/dev/null
  started=$SECONDS
  # The stock Evennia game of the hardening tests knows no DATABASE_URL: its runs stay SQLite's.
  "$VENV/bin/pytest" "${workers[@]}" -m db_both -k "not stock" "$@" || status=$?
  say "PostgreSQL pass: $((SECONDS - started)) s"
fi
exit $status
