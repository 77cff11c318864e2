/**
 * How many lines were written degraded, by kind: a line is never lost, but when part of it
 * could not be written as given (a value that could not be read, a cut, a value moved out of
 * an ECS field it does not fit, two values for one path, a step that failed) the line is
 * counted here once per kind. Services read it with {@link degradedLineCounts} (a health
 * endpoint, a metric) and each kind is also reported as a diagnostic.
 */
import { reportDiagnostic } from './diagnostics';

/** The kinds of degraded lines, each with its diagnostic code. */
export const DEGRADED_KINDS = {
  /** A property, getter, Proxy trap or `toJSON` threw: its value is the marker `[unreadable]` or `[getter threw]`. */
  unreadable: 'ECSCTX_DEGRADED_UNREADABLE',
  /** A circular reference was written as `[Circular]`. */
  circular: 'ECSCTX_DEGRADED_CIRCULAR',
  /** A limit cut the line (string length, depth, keys, array items, fields, line bytes). */
  cut: 'ECSCTX_DEGRADED_CUT',
  /** A value did not fit its ECS field's type and moved under `extra` (listed in `labels.ecsctx_moved`). */
  type_misfit: 'ECSCTX_DEGRADED_TYPE_MISFIT',
  /** Two values claimed one path; the displaced one is kept under `extra.ecsctx_collisions`. */
  collision: 'ECSCTX_DEGRADED_COLLISION',
  /** `logger.log()` was given a level the logger does not have and names no other: the line is written at `info`, the given level under `extra.ecsctx_level`. */
  unknown_level: 'ECSCTX_DEGRADED_UNKNOWN_LEVEL',
  /** A step of the chain failed on the line: a minimal line was written instead (`labels.ecsctx_degraded: "failed"`). */
  failed: 'ECSCTX_DEGRADED_FAILED',
} as const;

/** A kind of degraded line. */
export type DegradedKind = keyof typeof DEGRADED_KINDS;

const MESSAGES: Readonly<Record<DegradedKind, string>> = {
  unreadable: 'a value could not be read (a getter, Proxy trap or toJSON threw): a marker was written in its place',
  circular: 'a circular reference was written as "[Circular]"',
  cut: 'a line was cut by a limit (limits.*)',
  type_misfit: 'a value did not fit its ECS field type and was moved under extra (labels.ecsctx_moved lists the paths)',
  collision: 'two values were given for one field: the displaced one is under extra.ecsctx_collisions',
  unknown_level: 'logger.log() was given a level the logger does not have: the line was written at info (extra.ecsctx_level holds the given level)',
  failed: 'a step of the chain failed on a line: a minimal line was written (labels.ecsctx_degraded)',
};

const KINDS = Object.keys(DEGRADED_KINDS) as DegradedKind[];
const INDEX = Object.fromEntries(KINDS.map((kind, i) => [kind, i])) as Record<DegradedKind, number>;

interface CounterState {
  /** One count per kind, in the order of {@link DEGRADED_KINDS}; shared with render workers. */
  counts: Int32Array;
  /** Log calls under way on this thread (a getter may log while a line is built). */
  depth: number;
  /** The number of the outermost line under way, for {@link lastCounted}. */
  line: number;
  /** For each kind, the line it was last counted on (a line counts once per kind). */
  lastCounted: Int32Array;
}

const STATE_KEY = Symbol.for('ecsctx.degraded-lines.v2');
const globalStore = globalThis as unknown as Record<symbol, CounterState | undefined>;
const state: CounterState =
  globalStore[STATE_KEY] ??
  (globalStore[STATE_KEY] = { counts: new Int32Array(new SharedArrayBuffer(4 * KINDS.length)), depth: 0, line: 0, lastCounted: new Int32Array(KINDS.length) });

/**
 * Marks the start of one line (a log call, or a record a render worker renders): until the
 * matching {@link endDegradedLine}, each kind counts once however many times it is met.
 */
export function beginDegradedLine(): void {
  if (state.depth++ === 0) state.line = (state.line + 1) | 0;
}

/** Ends {@link beginDegradedLine}. */
export function endDegradedLine(): void {
  if (state.depth > 0) state.depth--;
}

/**
 * The counters' memory, for a render worker to count into (see {@link adoptDegradedCounters}):
 * the lines it renders count where {@link degradedLineCounts} reads.
 */
export function degradedCounterMemory(): SharedArrayBuffer {
  return state.counts.buffer as SharedArrayBuffer;
}

/** Counts into `memory` (a logging thread's {@link degradedCounterMemory}) from now on. */
export function adoptDegradedCounters(memory: SharedArrayBuffer): void {
  if (memory.byteLength >= 4 * KINDS.length) state.counts = new Int32Array(memory, 0, KINDS.length);
}

/**
 * Counts one degraded line of `kind` and reports it (diagnostics are rate-limited per code),
 * unless `report` is false (the caller reports under a more precise code). Within one line
 * (see {@link beginDegradedLine}) a kind counts once. Never throws.
 */
export function countDegradedLine(kind: DegradedKind, report = true): void {
  const i = INDEX[kind];
  if (i === undefined) return;
  if (state.depth === 0 || state.lastCounted[i] !== state.line) {
    state.lastCounted[i] = state.line;
    Atomics.add(state.counts, i, 1);
  }
  if (report) reportDiagnostic(DEGRADED_KINDS[kind], MESSAGES[kind]);
}

/**
 * How many lines were written degraded since the process started (or since
 * {@link resetDegradedLineCounts}), per kind, the lines of render workers included. A line
 * degraded in two ways counts once in each; a line degraded twice in one way counts once.
 *
 * @example
 * app.get('/health', (_req, res) => res.json({ logging: degradedLineCounts() }));
 */
export function degradedLineCounts(): Readonly<Record<DegradedKind, number>> {
  const out = {} as Record<DegradedKind, number>;
  for (let i = 0; i < KINDS.length; i++) out[KINDS[i]] = Atomics.load(state.counts, i);
  return out;
}

/** Sets every count of {@link degradedLineCounts} back to zero (tests). */
export function resetDegradedLineCounts(): void {
  for (let i = 0; i < KINDS.length; i++) Atomics.store(state.counts, i, 0);
}
