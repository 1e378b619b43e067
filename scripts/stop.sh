#!/usr/bin/env bash
# Stop the game: a clean `evennia stop` with a time limit, then the pid files as a fallback
# (a stop has been seen to hang with both processes still up).
source "$(dirname "$0")/lib.sh"
# twistd writes its pid files without a newline: read each on its own, or two pids run together.
pids() { for f in "$ROOT/server/server.pid" "$ROOT/server/portal.pid"; do [ -f "$f" ] && echo "$(cat "$f")"; done; }
alive() { for p in $(pids); do kill -0 "$p" 2>/dev/null && return 0; done; return 1; }

if ! alive; then say "the game is not running"; exit 0; fi
[ -x "$VENV/bin/evennia" ] && timeout 30 "$VENV/bin/evennia" stop >/dev/null 2>&1 || true
for _ in $(seq 20); do alive || break; sleep 0.5; done
if alive; then
  say "evennia stop did not finish: stopping the processes directly"
  for p in $(pids); do kill -TERM "$p" 2>/dev/null || true; done
  sleep 3
  for p in $(pids); do kill -KILL "$p" 2>/dev/null || true; done
fi
rm -f "$ROOT/server/server.pid" "$ROOT/server/portal.pid"
say "stopped"
