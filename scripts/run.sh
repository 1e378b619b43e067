#!/usr/bin/env bash
# Set up everything a fresh machine lacks, then start the game in the background.
# Safe to run again: set-up steps skip what is done, and a running game is reloaded.
source "$(dirname "$0")/lib.sh"
setup_game

# The game-master account is account #1, made by Evennia on the first start from these
# variables. With no password given, a random one is made and shown this once.
# Asked through Django (`evennia sc_gamemaster`), so it holds for SQLite and PostgreSQL alike.
has_superuser=0
evennia sc_gamemaster 2>/dev/null | grep -q '^gamemaster: yes' && has_superuser=1
if [ "$has_superuser" = 0 ]; then
  export EVENNIA_SUPERUSER_USERNAME="${EVENNIA_SUPERUSER_USERNAME:-admin}"
  if [ -z "${EVENNIA_SUPERUSER_PASSWORD:-}" ]; then
    EVENNIA_SUPERUSER_PASSWORD="$("$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(12))')"
    export EVENNIA_SUPERUSER_PASSWORD
    generated=1
  fi
fi

if [ -f "$ROOT/server/server.pid" ] && kill -0 "$(cat "$ROOT/server/server.pid")" 2>/dev/null; then
  say "the game is already running: reloading it"
  # A reload launcher has been seen to hang while the portal was restarting a crashed
  # server: give it a minute, then stop and start cleanly instead.
  if ! (cd "$ROOT" && timeout 60 "$VENV/bin/evennia" reload >/dev/null 2>&1); then
    say "the reload did not finish: stopping and starting the game instead"
    bash "$ROOT/scripts/stop.sh"
    evennia start >"$ROOT/server/logs/start.out" 2>&1 || { cat "$ROOT/server/logs/start.out"; die "the game did not start: see server/logs/"; }
  fi
else
  say "starting the game"
  evennia start >"$ROOT/server/logs/start.out" 2>&1 || { cat "$ROOT/server/logs/start.out"; die "the game did not start: see server/logs/"; }
fi

if [ "$has_superuser" = 0 ]; then
  say "game-master account: $EVENNIA_SUPERUSER_USERNAME"
  [ -n "${generated:-}" ] && say "its password (shown only now): $EVENNIA_SUPERUSER_PASSWORD"
fi
cat <<MSG
[second-chances] Second Chances is running.
  telnet / MUD client:  localhost 4000     (telnet localhost 4000, or Mudlet / TinTin++)
  browser:              http://localhost:4001   (webclient: http://localhost:4001/webclient)
  stop it:              make stop          logs: server/logs/
MSG
