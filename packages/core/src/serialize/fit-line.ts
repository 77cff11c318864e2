/**
 * Keeps a rendered line within `maxLineBytes` (Docker splits longer lines). In turn, until
 * the line fits: every string is cut shorter (1 024, 256, then 64 characters); the largest
 * optional root fields are dropped whole; the largest leaves of the kept objects (`trace`,
 * `span`, `service`, `log`, `labels`, and `error.type`) are dropped; `log.level` and then
 * `message` are cut to the bytes left. `@timestamp`, `log.level`, `message` and
 * `ecs.version` always stay. Once anything is dropped, `labels.ecsctx_truncated` (a string)
 * names what went. A dropped field is removed rather than replaced by a marker string, which
 * would be a mapping conflict for an object field. Every cut string ends with
 * `…[truncated N chars]`, N the UTF-16 units cut from the string in the line given, and is
 * never cut through a surrogate pair.
 *
 * The result is at most `maxBytes` bytes for any `maxBytes` from {@link MIN_LINE_BYTES} on,
 * as long as `@timestamp` and `ecs.version` are the short values the renderer writes.
 */
import { isPlainObject, setOwn } from './own-property';
import { cutString } from './cut-string';
import { cutToJsonBytes, jsonStringBytes, utf8Bytes } from './json-bytes';
import { DroppedNames, keptLeafUnits, optionalUnits, removePath, type DropUnit } from './line-drops';

/**
 * The least `maxBytes` the cap holds for (and the least `limits.maxLineBytes` accepts): the
 * four line fields, a `message` that is only its marker and the longest
 * `labels.ecsctx_truncated` take under 600 bytes.
 */
export const MIN_LINE_BYTES = 1024;

/** Objects a cap keeps while it can, dropping their leaves only when nothing else is left. */
const KEPT_OBJECTS = ['trace', 'span', 'service', 'log', 'labels'];
const KEPT = new Set(['@timestamp', 'log.level', 'message', 'ecs.version', ...KEPT_OBJECTS]);
const STRING_STEPS = [1024, 256, 64];
const TRUNCATED_LABEL = 'ecsctx_truncated';
/** Bytes of JSON `log.level` keeps at most once only the line fields are left. */
const LEVEL_MAX_BYTES = 64;

/** A copy of `value` whose strings longer than `max` are cut; the value given is not touched. */
function shrinkStrings(value: unknown, max: number): unknown {
  if (typeof value === 'string') return value.length > max ? cutString(value, max) : value;
  if (Array.isArray(value)) return value.map((v) => shrinkStrings(v, max));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) setOwn(out, key, shrinkStrings(value[key], max));
    return out;
  }
  return value;
}

/** A line being shrunk past its string cuts: the cap's own copy and what was dropped from it. */
interface Shrinking {
  readonly line: Record<string, unknown>;
  readonly labels: Record<string, unknown>;
  readonly names: DroppedNames;
  /** Keys left in each object parts were dropped from. */
  readonly sizes: Map<object, number>;
  readonly maxBytes: number;
  /** At least the bytes of the line but for the text of `labels.ecsctx_truncated`. */
  estimate: number;
}

function startShrinking(cut: Record<string, unknown>, maxBytes: number, originalBytes: number): Shrinking {
  const labels = isPlainObject(cut.labels) ? cut.labels : {};
  setOwn(cut, 'labels', labels);
  labels[TRUNCATED_LABEL] = '';
  const estimate = utf8Bytes(JSON.stringify(cut)) - jsonStringBytes('');
  const names = new DroppedNames(`line over ${maxBytes} bytes (${originalBytes})`);
  return { line: cut, labels, names, sizes: new Map(), maxBytes, estimate };
}

function render(state: Shrinking): string {
  state.labels[TRUNCATED_LABEL] = state.names.text();
  return JSON.stringify(state.line);
}

/** Drops `units` in turn until the line fits; each drop takes at least its unit's bytes off. */
function dropUntilFits(state: Shrinking, units: readonly DropUnit[]): string {
  for (const unit of units) {
    if (state.estimate + state.names.bytes() <= state.maxBytes) break;
    removePath(state.line, unit.path, state.sizes);
    state.names.add(unit.path);
    state.estimate -= unit.bytes;
  }
  return render(state);
}

/**
 * The last step, when only the line fields are left: `log.level` is cut to
 * {@link LEVEL_MAX_BYTES}, then `message` to the bytes left, both from the line given.
 */
function cutLineFields(state: Shrinking, given: Record<string, unknown>, text: string): string {
  const line = state.line;
  if (typeof given['log.level'] === 'string') line['log.level'] = cutToJsonBytes(given['log.level'], LEVEL_MAX_BYTES);
  text = render(state);
  const over = utf8Bytes(text) - state.maxBytes;
  if (over <= 0 || typeof line.message !== 'string' || typeof given.message !== 'string') return text;
  line.message = cutToJsonBytes(given.message, jsonStringBytes(line.message) - over);
  return render(state);
}

/** The line with its strings cut to the first of {@link STRING_STEPS} that makes it fit, or to the last. */
function cutStrings(line: Record<string, unknown>, maxBytes: number): { cut: Record<string, unknown>; text: string } {
  let cut = line;
  let text = '';
  for (const max of STRING_STEPS) {
    cut = shrinkStrings(line, max) as Record<string, unknown>;
    text = JSON.stringify(cut);
    if (utf8Bytes(text) <= maxBytes) break;
  }
  return { cut, text };
}

/**
 * `JSON.stringify(line)`, made to fit `maxBytes` (see the module's description); `line` is
 * not touched. `onShrink` is called once when the line had to be shrunk, with the number of
 * bytes it was over.
 */
export function renderWithin(line: Record<string, unknown>, maxBytes: number, onShrink: (overBy: number) => void): string {
  const text = JSON.stringify(line);
  if (text.length * 3 <= maxBytes) return text;
  const original = utf8Bytes(text);
  if (original <= maxBytes) return text;
  onShrink(original - maxBytes);
  const { cut, text: cutText } = cutStrings(line, maxBytes);
  if (utf8Bytes(cutText) <= maxBytes) return cutText;
  const state = startShrinking(cut, maxBytes, original);
  let shrunk = dropUntilFits(state, optionalUnits(cut, KEPT));
  if (utf8Bytes(shrunk) <= maxBytes) return shrunk;
  shrunk = dropUntilFits(state, keptLeafUnits(cut, KEPT_OBJECTS, TRUNCATED_LABEL));
  if (utf8Bytes(shrunk) <= maxBytes) return shrunk;
  return cutLineFields(state, line, shrunk);
}
