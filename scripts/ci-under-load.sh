#!/usr/bin/env bash
# Runs .ci/run three times in a row, each from a fresh clone of this repository's HEAD, while two busy
# loops keep both cores busy: the check that the tests wait for events, not for wall-clock deadlines.
# Usage: bash scripts/ci-under-load.sh   (prints one line a run: exit code, seconds, test count)
set -u
repo="$(cd "$(dirname "$0")/.." && pwd)"
node -e 'for(;;){}' & L1=$!
node -e 'for(;;){}' & L2=$!
trap 'kill $L1 $L2 2>/dev/null' EXIT
for i in 1 2 3; do
  dir="$(mktemp -d)"
  git clone -q "$repo" "$dir/clone"
  start=$(date +%s)
  (cd "$dir/clone" && CI=true bash .ci/run > "$dir/run.txt" 2>&1)
  rc=$?
  echo "run $i: exit $rc, $(( $(date +%s) - start )) s, $(grep -E 'Tests ' "$dir/run.txt" | tail -1 | sed 's/\x1b\[[0-9;]*m//g')"
  [ "$rc" -eq 0 ] && rm -rf "$dir"
done
