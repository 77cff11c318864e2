#!/usr/bin/env bash
# Instructions per line (callgrind) of a tiny line logged in a new request-like or job-like
# scope each, beside one logged in a scope seen before, and of each scope's creation alone
# (see bench/scope-instructions.mjs). Each variant runs 2000 and 12000 lines after the same
# warm-up; the difference over 10000 is the per-line count. Needs valgrind and a build.
# Run nothing else meanwhile: counts taken beside other processes moved by up to ~25%.
#   bash bench/scope-instructions.sh [variant ...]
set -euo pipefail
cd "$(dirname "$0")/.."
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    node --single-threaded --max-semi-space-size=16 bench/scope-instructions.mjs "$1" "$2" 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
for variant in ${@:-same same-tick request job-bare job request-only job-bare-only job-only}; do
  short=$(count "$variant" 2000)
  long=$(count "$variant" 12000)
  echo "$variant: $(( (long - short) / 10000 )) instructions/line"
done
