// The benchmark's tables: per-line costs, and ratios to the two peers taken per repetition
// (each repetition runs every runner once, so a ratio pairs runs made side by side).
import { summarize } from './stats.mjs';

const us = (n) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const x = (r) => `${r.toFixed(2)}×`;
const range = (s, f) => `${f(s.median)} (${f(s.min)}–${f(s.max)})`;

/** Per repetition, the peer's event-loop time over the runner's: ≥ 1 means the runner costs the loop less. */
export function pairedRatios(runs, peerRuns, clock = 'loopUs') {
  return runs.map((run, rep) => peerRuns[rep][clock] / run[clock]);
}

/**
 * Summary of one mode and sink: `summary[kind][runner]` = medians, min and max of each clock,
 * and the paired ratios to each peer.
 */
export function summarizeRuns(results, peers) {
  const summary = {};
  for (const [kind, byRunner] of Object.entries(results)) {
    for (const [name, runs] of Object.entries(byRunner)) {
      const row = {
        loopUs: summarize(runs.map((r) => r.loopUs)),
        cpuUs: summarize(runs.map((r) => r.cpuUs)),
        wallUs: summarize(runs.map((r) => r.wallUs)),
      };
      for (const [key, peer] of Object.entries(peers)) row[key] = summarize(pairedRatios(runs, byRunner[peer]));
      (summary[kind] ??= {})[name] = row;
    }
  }
  return summary;
}

/** A detailed table per event kind: every runner, its line content, its three clocks, its ratios. */
export function detailTables(summary, content, peers, title) {
  const out = [];
  const peerNames = Object.values(peers);
  for (const [kind, rows] of Object.entries(summary)) {
    out.push(`\n#### ${kind} lines, ${title}\n`);
    out.push(`| runner | tokens / redacted per line | bytes per line | event loop µs/line | CPU µs/line | wall µs/line | ${peerNames.map((p) => `vs ${p}`).join(' | ')} |`);
    out.push(`| --- | ---: | ---: | ---: | ---: | ---: | ${peerNames.map(() => '---:').join(' | ')} |`);
    for (const [name, row] of Object.entries(rows)) {
      const c = content?.[kind]?.[name];
      const made = c ? `${c.tokens.toFixed(1)} / ${c.redacted.toFixed(1)}` : '–';
      const bytes = c ? c.bytes.toFixed(0) : '–';
      const ratios = Object.keys(peers).map((key) => range(row[key], x));
      out.push(`| ${name} | ${made} | ${bytes} | ${range(row.loopUs, us)} | ${range(row.cpuUs, us)} | ${range(row.wallUs, us)} | ${ratios.join(' | ')} |`);
    }
  }
  return out.join('\n');
}

/**
 * The headline: for each of our runners and each mode, the paired event-loop ratio to each
 * peer on each kind (median, min–max).
 */
export function headlineTable(summaries, ours, peers) {
  const kinds = Object.keys(Object.values(summaries)[0]);
  const out = [];
  const cols = Object.entries(peers).flatMap(([, peer]) => kinds.map((k) => `${k} vs ${peer}`));
  out.push(`| runner | mode | ${cols.join(' | ')} |`);
  out.push(`| --- | --- | ${cols.map(() => '---:').join(' | ')} |`);
  for (const name of ours) {
    for (const [mode, summary] of Object.entries(summaries)) {
      const cells = Object.keys(peers).flatMap((key) => kinds.map((k) => range(summary[k][name][key], x)));
      out.push(`| ${name} | ${mode} | ${cells.join(' | ')} |`);
    }
  }
  return out.join('\n');
}
