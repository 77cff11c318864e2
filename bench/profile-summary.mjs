// The top self-time entries of a V8 CPU profile (`node --cpu-prof`), as a share of the
// samples taken while the program ran (idle excluded): function, file:line, self %.
//
//   node bench/profile-summary.mjs <file.cpuprofile> [top=25]
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

export function summarizeProfile(profile, top = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0;
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const weight = dt[i + 1] ?? dt[i] ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    const key = `${functionName || '(anonymous)'} ${url ? `${basename(url)}:${lineNumber + 1}` : ''}`.trim();
    self.set(key, (self.get(key) ?? 0) + weight);
    total += weight;
  }
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { total, rows: rows.map(([name, us]) => ({ name, share: us / total })) };
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) {
  const [file, top] = process.argv.slice(2);
  const { rows } = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')), Number(top ?? 25));
  for (const r of rows) console.log(`${(r.share * 100).toFixed(1).padStart(5)}%  ${r.name}`);
}
