#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (browser downloads are not possible); install it when missing.
set -euo pipefail
CHROMIUM=${TUNEWRIGHT_CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "installing Debian's chromium for the browser tests"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
