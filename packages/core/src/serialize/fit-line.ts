/**
 * Keeps a rendered line within `maxLineBytes` (Docker splits longer lines): first every
 * string is cut shorter, then the largest optional fields are dropped whole, and the line
 * says so in `labels.ecsctx_truncated`. The line fields every reader needs (`@timestamp`,
 * `log.level`, `message`, `ecs.version`, `trace`, `span`, `service`, `error.type`) stay.
 * A dropped field is removed rather than replaced by a marker string, which would be a
 * mapping conflict for an object field.
 */
import { isPlainObject } from './own-property';

const KEPT = new Set(['@timestamp', 'log.level', 'message', 'ecs.version', 'trace', 'span', 'service', 'labels', 'log']);
const STRING_STEPS = [1024, 256, 64];

function byteLength(line: string): number {
  return line.length * 3 <= 0x7fffffff ? Buffer.byteLength(line, 'utf8') : Infinity;
}

function shrinkStrings(value: unknown, max: number): unknown {
  if (typeof value === 'string') {
    return value.length > max ? value.slice(0, max) + `…[truncated ${value.length - max} chars]` : value;
  }
  if (Array.isArray(value)) return value.map((v) => shrinkStrings(v, max));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      if (key === '__proto__') Object.defineProperty(out, key, { value: shrinkStrings(value[key], max), enumerable: true, writable: true, configurable: true });
      else out[key] = shrinkStrings(value[key], max);
    }
    return out;
  }
  return value;
}

/**
 * `JSON.stringify(line)`, made to fit `maxBytes`. `onShrink` is called once when the line had
 * to be shrunk, with the number of bytes it was over.
 */
export function renderWithin(line: Record<string, unknown>, maxBytes: number, onShrink: (overBy: number) => void): string {
  let text = JSON.stringify(line);
  if (text.length * 3 <= maxBytes) return text;
  const original = byteLength(text);
  if (original <= maxBytes) return text;
  onShrink(original - maxBytes);
  let current: Record<string, unknown> = line;
  for (const max of STRING_STEPS) {
    current = shrinkStrings(current, max) as Record<string, unknown>;
    text = JSON.stringify(current);
    if (byteLength(text) <= maxBytes) return text;
  }
  const candidates = Object.keys(current)
    .filter((k) => !KEPT.has(k))
    .map((k) => ({ k, size: JSON.stringify(current[k])?.length ?? 0 }))
    .sort((a, b) => b.size - a.size);
  const dropped: string[] = [];
  const labels = isPlainObject(current.labels) ? { ...current.labels } : {};
  current = { ...current, labels };
  for (const { k } of candidates) {
    delete current[k];
    dropped.push(k);
    labels.ecsctx_truncated = `line over ${maxBytes} bytes (${original}): dropped ${dropped.join(', ')}`;
    text = JSON.stringify(current);
    if (byteLength(text) <= maxBytes) return text;
  }
  // only the kept fields are left and still too long: cut the message hard
  const message = typeof current.message === 'string' ? current.message : '';
  current.message = message.slice(0, Math.max(64, maxBytes >> 2)) + `…[truncated ${message.length} chars]`;
  return JSON.stringify(current);
}
