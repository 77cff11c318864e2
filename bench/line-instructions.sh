#!/usr/bin/env bash
# Instructions per line (callgrind) of each runner on each kind of line, steady pace, beside
# the floor of building the events alone (see bench/line-instructions.mjs): the logging
# thread's (what a log call costs the event loop) and the whole process's (every thread: a
# worker transport's, the garbage collector's helpers). Each count is the difference of 1000
# and 3000 lines after the same warm-up, over 2000, the floor subtracted. Needs valgrind and a
# build. Counts move by several percent between runs (a garbage collection more or less),
# more with load beside them.
#   bash bench/line-instructions.sh [runner ...]        (kinds: KINDS="tiny typical large")
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# prints "<logging thread> <whole process>" instructions of one run
count() {
  rm -f "$out"/cg.*
  valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file="$out/cg" \
    node --max-semi-space-size=16 bench/line-instructions.mjs "$1" "$2" "$3" >/dev/null 2>&1
  local main total
  main=$(sed -n 's/^summary: //p' "$out/cg-01")
  total=$(cat "$out"/cg-* | sed -n 's/^summary: //p' | awk '{ s += $1 } END { print s }')
  echo "$main $total"
}
per_line() { # runner kind → "<logging thread> <whole process>" per line
  read -r m1 t1 < <(count "$1" "$2" 1000)
  read -r m3 t3 < <(count "$1" "$2" 3000)
  echo $(( (m3 - m1) / 2000 )) $(( (t3 - t1) / 2000 ))
}
for kind in ${KINDS:-tiny typical large}; do
  read -r floor_main floor_total < <(per_line events "$kind")
  for runner in ${@:-elastic ours ours-off worker}; do
    read -r main total < <(per_line "$runner" "$kind")
    echo "$kind $runner: logging thread $(( main - floor_main )), whole process $(( total - floor_total )) instructions/line"
  done
done
