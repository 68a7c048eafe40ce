#!/bin/sh
# Install what zhengce needs to build, test and benchmark, from Debian's
# packages (Debian 12). Run as root, or with sudo available.
set -eu
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
PACKAGES="build-essential meson ninja-build pkg-config python3 \
  libicu-dev libxml2-dev libpcre2-dev opencc libjansson-dev libcmocka-dev \
  libsqlite3-dev libxxhash-dev libmicrohttpd-dev libcurl4-openssl-dev \
  libpoppler-glib-dev libzip-dev python3-icalendar \
  python3-jsonschema python3-html5lib curl wrk chromium \
  clang libclang-rt-14-dev"
missing=
for p in $PACKAGES; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -qq $missing >/dev/null
fi
# playwright-core (npm, pinned by tests/e2e/package-lock.json) drives
# Debian's chromium in the browser tests; no browser is downloaded.
# Node.js may come from elsewhere (NodeSource's nodejs ships its own npm and
# conflicts with Debian's npm): install Debian's only when there is none.
if ! command -v npm >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y -qq nodejs npm >/dev/null
fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -d "$ROOT/tests/e2e/node_modules/playwright-core" ]; then
  (cd "$ROOT/tests/e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
echo "dependencies installed"
