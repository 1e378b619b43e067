#!/usr/bin/env bash
# Copy the pinned npm front-end libraries into web/static/vendor (git-ignored), where the
# overridden templates load them from: the game serves every script and style itself.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NM="$ROOT/node_modules"
OUT="$ROOT/web/static/vendor"
rm -rf "$OUT"
mkdir -p "$OUT"/{jquery,bootstrap/css,bootstrap/js,popper,mustache,golden-layout/css,favico}
cp "$NM/jquery/dist/jquery.min.js" "$NM/jquery/dist/jquery.slim.min.js" "$OUT/jquery/"
cp "$NM/bootstrap/dist/css/bootstrap.min.css" "$OUT/bootstrap/css/"
cp "$NM/bootstrap/dist/js/bootstrap.min.js" "$OUT/bootstrap/js/"
cp "$NM/popper.js/dist/umd/popper.min.js" "$OUT/popper/"
cp "$NM/mustache/mustache.min.js" "$OUT/mustache/"
cp "$NM/golden-layout/dist/goldenlayout.min.js" "$OUT/golden-layout/"
cp "$NM/golden-layout/src/css/goldenlayout-base.css" "$NM/golden-layout/src/css/goldenlayout-dark-theme.css" "$OUT/golden-layout/css/"
cp "$NM/favico.js/favico-0.3.10.min.js" "$OUT/favico/"
