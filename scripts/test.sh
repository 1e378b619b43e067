#!/usr/bin/env bash
# Run every check: ruff (lint and format), then the whole pytest suite, rules to end-to-end.
# Installs what the tests need first: the pinned Python tools, the web assets, and (as root,
# from Debian) Chromium, its driver, Lua (5.4, and Mudlet's 5.1) and TinTin++ for the browser,
# Mudlet-package and TinTin++-script tests.
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
say "pytest"
exec "$VENV/bin/pytest" "$@"
