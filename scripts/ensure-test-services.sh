#!/usr/bin/env bash
# The tests for several copies run a real Redis and a real PostgreSQL (Debian's packages), started on
# 127.0.0.1 by the tests themselves and stopped after; the system services are not used. Installs the
# packages when missing, as ensure-chromium.sh does for Chromium, so `npm ci && npm test` stays the
# whole set-up on a fresh machine.
set -euo pipefail
missing=()
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "Missing for the several-copies tests: ${missing[*]}. Installing Debian's packages."
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo -n); fi
export DEBIAN_FRONTEND=noninteractive
if ! { "${sudo_cmd[@]}" apt-get update -q && "${sudo_cmd[@]}" apt-get install -y -q "${missing[@]}"; } </dev/null; then
  echo "Could not install ${missing[*]}. Install them yourself (apt-get install -y ${missing[*]}) and run npm test again." >&2
  exit 1
fi
