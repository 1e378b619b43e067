#!/usr/bin/env bash
# Copy the pinned npm front-end libraries into node_modules/.vendor, which the settings serve
# as /static/vendor/ (STATICFILES_DIRS): the game serves every script and style itself, and
# installed third-party code stays with the other installed packages, out of the source tree.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NM="$ROOT/node_modules"
OUT="$NM/.vendor"

# replace_once FILE OLD NEW: swap one literal string for another, failing loudly when the
# string is not there exactly once (a new upstream release must be looked at again).
replace_once() {
  local file="$1" old="$2" new="$3" n
  n="$(grep -o -F -- "$old" "$file" | wc -l)"
  [ "$n" = 1 ] || { echo "vendor-assets: expected '$old' once in $file, found $n" >&2; exit 1; }
  OLD="$old" NEW="$new" perl -0pi -e 's/\Q$ENV{OLD}\E/$ENV{NEW}/' "$file"
}

rm -rf "$OUT"
mkdir -p "$OUT"/{jquery,bootstrap/css,bootstrap/js,popper,mustache,golden-layout/css,favico,redoc}
cp "$NM/jquery/dist/jquery.min.js" "$NM/jquery/dist/jquery.slim.min.js" "$OUT/jquery/"
cp "$NM/bootstrap/dist/css/bootstrap.min.css" "$OUT/bootstrap/css/"
cp "$NM/bootstrap/dist/js/bootstrap.min.js" "$OUT/bootstrap/js/"
cp "$NM/popper.js/dist/umd/popper.min.js" "$OUT/popper/"
cp "$NM/mustache/mustache.min.js" "$OUT/mustache/"
cp "$NM/golden-layout/dist/goldenlayout.min.js" "$OUT/golden-layout/"
cp "$NM/golden-layout/src/css/goldenlayout-base.css" "$NM/golden-layout/src/css/goldenlayout-dark-theme.css" "$OUT/golden-layout/css/"
cp "$NM/favico.js/favico-0.3.10.min.js" "$OUT/favico/"

# Redoc (the /api/redoc/ page). Its side menu ends with "API docs by Redocly": a logo fetched
# from cdn.redoc.ly and a link to redocly.com. The logo becomes an empty data URI (Redoc hides
# an image that fails to load) and the credit links to Redoc's licence, served beside it.
cp "$NM/redoc/bundles/redoc.standalone.js" "$NM/redoc/bundles/redoc.standalone.js.LICENSE.txt" "$OUT/redoc/"
cp "$NM/redoc/LICENSE" "$OUT/redoc/LICENSE.txt"
replace_once "$OUT/redoc/redoc.standalone.js" '"https://cdn.redoc.ly/redoc/logo-mini.svg"' '"data:,"'
replace_once "$OUT/redoc/redoc.standalone.js" '"https://redocly.com/redoc/"' '"/static/vendor/redoc/LICENSE.txt"'
