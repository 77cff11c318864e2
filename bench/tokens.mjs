// What each runner writes, read outside the timed region: tokens, redaction markers and bytes
// per line, on a few events of each kind (so a ratio is read beside the work each runner does).
import core from '@ecsctx/core';
import { CaptureSink } from './sink.mjs';
import { PEER_TOKEN_PREFIX } from './runners.mjs';

const TOKENS = new RegExp(`${escape(core.TOKEN_PREFIX)}|${escape(PEER_TOKEN_PREFIX)}`, 'g');
const MARKERS = /\[(?:PII_)?REDACTED\]/g;

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const count = (text, pattern) => (text.match(pattern) ?? []).length;

/** Per kind and runner: `{ tokens, redacted, bytes }` per line, the mean of `lines` events. */
export async function measureLineContent(runners, kinds, lines = 20) {
  const content = {};
  for (const [kind, makeEvent] of Object.entries(kinds)) {
    for (const runner of runners) {
      if (runner.before) await runner.before();
      const written = runner.capture ? await runner.capture(kind, makeEvent, lines) : await captureLines(runner, makeEvent, lines);
      const text = written.join('');
      (content[kind] ??= {})[runner.name] = {
        tokens: count(text, TOKENS) / lines,
        redacted: count(text, MARKERS) / lines,
        bytes: Buffer.byteLength(text) / lines,
        lines: written.length,
      };
    }
  }
  return content;
}

async function captureLines(runner, makeEvent, lines) {
  const sink = new CaptureSink();
  const log = runner.make(sink);
  const loop = () => {
    for (let i = 0; i < lines; i++) log(makeEvent(7_000_000 + i));
  };
  if (runner.wrap) runner.wrap(loop);
  else loop();
  for (let turns = 0; sink.lines.length < lines; turns++) {
    if (turns > 10_000) throw new Error(`${runner.name} wrote ${sink.lines.length} of ${lines} lines`);
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (runner.close) await runner.close(log);
  return sink.lines;
}
