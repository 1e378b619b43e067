# Shared helpers for the project's scripts: find Python >= 3.12, make the venv, install pins.
# Sourced, not run. Every step is idempotent and skips work whose inputs have not changed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
STAMPS="$VENV/.stamps"
# Evennia launches `twistd` from PATH, so the venv's bin must come first.
export PATH="$VENV/bin:$PATH"

say() { printf '[second-chances] %s\n' "$*"; }
die() { printf '[second-chances] error: %s\n' "$*" >&2; exit 1; }

py_ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; }

find_python() {
  local cand
  for cand in python3.13 python3.12 python3 python; do
    if command -v "$cand" >/dev/null 2>&1 && py_ok "$(command -v "$cand")"; then
      command -v "$cand"; return 0
    fi
  done
  if command -v pyenv >/dev/null 2>&1; then
    for cand in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.[0-9]+\.[0-9]+$' | sort -t. -k2,2nr -k3,3nr); do
      local exe
      exe="$(pyenv prefix "$cand" 2>/dev/null)/bin/python3"
      if [ -x "$exe" ] && py_ok "$exe"; then echo "$exe"; return 0; fi
    done
  fi
  return 1
}

# stamp NAME FILE...: true when the files changed since the last successful step NAME.
changed() {
  local name="$1"; shift
  local sum; sum="$(cat "$@" | sha256sum | cut -d' ' -f1)"
  [ "$(cat "$STAMPS/$name" 2>/dev/null)" != "$sum" ]
}
mark() {
  local name="$1"; shift
  mkdir -p "$STAMPS"; cat "$@" | sha256sum | cut -d' ' -f1 > "$STAMPS/$name"
}

ensure_venv() {
  if [ ! -x "$VENV/bin/python" ] || ! py_ok "$VENV/bin/python"; then
    local py
    py="$(find_python)" || die "no Python >= 3.12 found (looked on PATH, then in pyenv). Install Python 3.12 and try again."
    say "creating virtual environment with $py"
    rm -rf "$VENV"
    "$py" -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
  fi
}

# install_reqs FILE: pip-install a pinned requirements file when it (or what it includes) changed.
install_reqs() {
  local file="$1"
  if changed "pip-$(basename "$file")" "$ROOT/requirements.txt" "$ROOT/$file"; then
    say "installing $(basename "$file")"
    "$VENV/bin/python" -m pip install -q -r "$ROOT/$file"
    mark "pip-$(basename "$file")" "$ROOT/requirements.txt" "$ROOT/$file"
  fi
}

# The webclient and website load their scripts and styles from /static/vendor/ (served from
# node_modules/.vendor), filled from pinned npm packages so that no page depends on an outside site.
install_web_assets() {
  if [ ! -d "$ROOT/node_modules/.vendor" ] || changed npm "$ROOT/package-lock.json" "$ROOT/scripts/vendor-assets.sh"; then
    command -v npm >/dev/null 2>&1 || die "npm is needed to install the web client's scripts (apt-get install npm)."
    say "installing web assets from npm"
    (cd "$ROOT" && npm ci --silent --no-audit --no-fund >/dev/null)
    bash "$ROOT/scripts/vendor-assets.sh"
    mark npm "$ROOT/package-lock.json" "$ROOT/scripts/vendor-assets.sh"
  fi
}

evennia() { (cd "$ROOT" && "$VENV/bin/evennia" "$@"); }

# A fresh clone has no secret settings (they are git-ignored): make them once, with a random key.
ensure_secrets() {
  local f="$ROOT/server/conf/secret_settings.py"
  if [ ! -f "$f" ]; then
    say "creating server/conf/secret_settings.py"
    "$VENV/bin/python" - "$f" <<'PY'
import secrets, sys
with open(sys.argv[1], "w") as fh:
    fh.write('"""Machine-specific settings, never committed."""\n\n')
    fh.write(f"SECRET_KEY = {secrets.token_urlsafe(50)!r}\n")
PY
  fi
}

setup_game() {
  ensure_venv
  install_reqs requirements.txt
  install_web_assets
  ensure_secrets
  evennia migrate >/dev/null
}
