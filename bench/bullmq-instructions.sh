#!/usr/bin/env bash
# Node's instructions per job (callgrind) of a BullMQ worker with a processor that does
# nothing: plain, in an AsyncLocalStorage of its own (the floor of any such context), and
# wrapped with withLogContext; and of Queue.add against LogContextQueue.add.
# Each variant runs 2000 and 4000 jobs after the same warm-up; the difference over 2000 is the
# per-job count. The queues a worker drains are filled beforehand by a process of their own.
# Needs valgrind, a build and the local Redis.
#   bash bench/bullmq-instructions.sh [worker] [producer]
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="ecsctx-cg-$$"
trap 'node bench/bullmq-instructions.mjs clean "$prefix" >/dev/null 2>&1 || true' EXIT
callgrind() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    node --single-threaded --max-semi-space-size=16 bench/bullmq-instructions.mjs "$@" 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
per_job() { echo $(( ($2 - $1) / 2000 )); }
pct() { awk "BEGIN { printf \"%+.1f%%\", ($2 / $1 - 1) * 100 }"; }
for side in "${@:-worker producer}"; do
  for s in $side; do
    case "$s" in worker | producer) ;; *) echo "unknown side: $s (worker or producer)" >&2; exit 2 ;; esac
    declare -A per=()
    variants="plain wrapped"
    [ "$s" = worker ] && variants="plain als wrapped"
    for variant in $variants; do
      counts=()
      for jobs in 2000 4000; do
        queue="$s-$variant-$jobs"
        if [ "$s" = worker ]; then
          node bench/bullmq-instructions.mjs fill "$prefix" "$queue-warm" 1000
          node bench/bullmq-instructions.mjs fill "$prefix" "$queue" "$jobs"
          counts+=("$(callgrind drain "$prefix" "$queue" "$variant" "$jobs")")
        else
          counts+=("$(callgrind produce "$prefix" "$queue" "$variant" "$jobs")")
        fi
      done
      per[$variant]=$(per_job "${counts[0]}" "${counts[1]}")
    done
    if [ "$s" = worker ]; then
      echo "worker: plain ${per[plain]}, als ${per[als]} ($(pct "${per[plain]}" "${per[als]}")), wrapped ${per[wrapped]} instructions/job ($(pct "${per[plain]}" "${per[wrapped]}"); $(pct "${per[als]}" "${per[wrapped]}") over als)"
    else
      echo "producer: plain ${per[plain]}, wrapped ${per[wrapped]} instructions/job ($(pct "${per[plain]}" "${per[wrapped]}"))"
    fi
  done
done
