#!/usr/bin/env bash
# Instructions per line (callgrind) of each runner on each kind of line, steady pace, beside
# the floor of building the events alone (see bench/line-instructions.mjs). Each count is the
# difference of 1000 and 3000 lines after the same warm-up, over 2000. Whole process (every
# thread: a worker transport's thread counts too). Needs valgrind and a build. Counts move by
# several percent between runs (garbage collections more or less), more with load beside them.
#   bash bench/line-instructions.sh [runner ...]        (kinds: KINDS="tiny typical large")
set -euo pipefail
cd "$(dirname "$0")/.."
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    node --max-semi-space-size=16 bench/line-instructions.mjs "$1" "$2" "$3" 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
for kind in ${KINDS:-tiny typical large}; do
  floor=$(( ($(count events "$kind" 3000) - $(count events "$kind" 1000)) / 2000 ))
  for runner in ${@:-elastic pino-hmac ours ours-off ours-bound}; do
    per=$(( ($(count "$runner" "$kind" 3000) - $(count "$runner" "$kind" 1000)) / 2000 - floor ))
    echo "$kind $runner: $per instructions/line (events' floor $floor subtracted)"
  done
done
