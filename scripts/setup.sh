#!/usr/bin/env bash
# Installs what a fresh machine lacks for the test suite: pnpm (pinned) and Debian's Chromium.
set -euo pipefail
if ! command -v pnpm >/dev/null 2>&1; then
  npm install -g pnpm@10.34.9
fi
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
