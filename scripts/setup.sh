#!/usr/bin/env bash
# Installs what a fresh machine lacks for the test suite: pnpm (pinned), Debian's Chromium, and
# Debian's redis-server (the Redis run store's tests start their own on a free port).
set -euo pipefail
if ! command -v pnpm >/dev/null 2>&1; then
  npm install -g pnpm@10.34.9
fi
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
