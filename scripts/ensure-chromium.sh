#!/usr/bin/env bash
# The web chat tests drive Debian's Chromium (Playwright's own browser download cannot work here).
# Installs it when missing, so `npm ci && npm test` is the whole set-up on a fresh machine.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "Chromium is missing: installing Debian's chromium package for the web chat tests."
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo -n); fi
export DEBIAN_FRONTEND=noninteractive
if ! { "${sudo_cmd[@]}" apt-get update -q && "${sudo_cmd[@]}" apt-get install -y -q chromium; } </dev/null; then
  echo "Could not install Chromium. Install it yourself (apt-get install -y chromium) and run npm test again." >&2
  exit 1
fi
