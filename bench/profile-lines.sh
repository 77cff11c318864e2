#!/usr/bin/env bash
# CPU profile (node --cpu-prof, 50 µs sampling) of runners writing one kind of line at a steady
# pace (bench/line-instructions.mjs), each summarized as its top self-time entries.
#   bash bench/profile-lines.sh [runner ...]     (kinds: KINDS="tiny typical large", LINES=100000)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
for kind in ${KINDS:-tiny typical large}; do
  for runner in ${@:-elastic ours}; do
    node --cpu-prof --cpu-prof-interval 50 --cpu-prof-dir "$dir/$kind-$runner" bench/line-instructions.mjs "$runner" "$kind" "${LINES:-100000}" >/dev/null 2>&1
    echo "## $kind $runner"
    node bench/profile-summary.mjs "$dir/$kind-$runner"/*.cpuprofile "${TOP:-20}"
  done
done
rm -rf "$dir"
