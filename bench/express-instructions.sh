#!/usr/bin/env bash
# Instructions per request (callgrind) of bare Express, the floors (a middleware that only
# calls next(), one AsyncLocalStorage.run, two stores' runs, cls-rtracer's expressMiddleware),
# expressContext() (and with rTracer: false, the -lean variants), expressContext() + accessLog() with two lines per request (access) and one
# (access1), and pino-http (pinohttp, the one-line target's reference): each variant runs 2000 and 4000
# requests after the same warm-up; the difference over 2000 is the per-request count. Needs
# valgrind and a build.
# Run nothing else meanwhile: load on the other core moves the counts by up to 10%.
#   bash bench/express-instructions.sh [variant ...]
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
count() {
  valgrind --tool=callgrind --callgrind-out-file="$out/$1.$2.out" \
    node --single-threaded --max-semi-space-size=16 bench/express-instructions.mjs "$1" "$2" 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
base=''
for variant in "${@:-bare noop als als2 rtracer context context-lean access access1 access1-lean pinohttp}"; do
  for v in $variant; do
    short=$(count "$v" 2000)
    long=$(count "$v" 4000)
    per=$(( (long - short) / 2000 ))
    [ "$v" = bare ] && base=$per
    if [ -n "$base" ] && [ "$v" != bare ]; then
      echo "$v: $per instructions/request ($(awk "BEGIN { printf \"%+.1f%%\", ($per / $base - 1) * 100 }") over bare)"
    else
      echo "$v: $per instructions/request"
    fi
  done
done
rm -rf "$out"
