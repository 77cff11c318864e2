/**
 * Where the library reports its own warnings and failures: each distinct message at once,
 * then its repeats at most once a minute per code (never once per line, never silent for
 * good), never by throwing from a log call.
 *
 * By default a diagnostic goes to `process.emitWarning` (so it shows on stderr once).
 * Tests and services can install their own handler with {@link setDiagnosticHandler}.
 */

/** One internal warning or failure. */
export interface Diagnostic {
  /** Stable code, e.g. `ECSCTX_VALIDATE_RESERVED_FLAT`. */
  readonly code: string;
  /** Human-readable text. Never contains key material or customer data. */
  readonly message: string;
}

/** Receives each distinct diagnostic once. */
export type DiagnosticHandler = (diagnostic: Diagnostic) => void;

interface DiagnosticsState {
  handler: DiagnosticHandler | undefined;
  /** Messages already reported, by code (no string is built per call on the hot path). */
  seen: Map<string, Set<string>>;
  distinct: number;
  counts: Map<string, number>;
  /** When each code was last reported (epoch ms), for the once-a-minute repeats. */
  lastReported?: Map<string, number>;
}

const STATE_KEY = Symbol.for('ecsctx.diagnostics.v2');
const globalStore = globalThis as unknown as Record<symbol, DiagnosticsState | undefined>;
const state: DiagnosticsState =
  globalStore[STATE_KEY] ?? (globalStore[STATE_KEY] = { handler: undefined, seen: new Map(), distinct: 0, counts: new Map() });

const MAX_DISTINCT = 1000;
/** A code already reported is reported again on a repeat after this long. */
const REPEAT_AFTER_MS = 60_000;

/**
 * Reports a diagnostic: a new `code + message` at once, a repeat when its code was last
 * reported a minute ago or more (with the count so far); other repeats are only counted.
 * Never throws.
 */
export function reportDiagnostic(code: string, message: string): void {
  const count = (state.counts.get(code) ?? 0) + 1;
  state.counts.set(code, count);
  const last = (state.lastReported ??= new Map());
  let messages = state.seen.get(code);
  if (messages !== undefined && messages.has(message)) {
    const now = Date.now();
    if (now - (last.get(code) ?? 0) < REPEAT_AFTER_MS) return;
    last.set(code, now);
    deliver(code, `${message} (${count} times so far)`);
    return;
  }
  if (state.distinct >= MAX_DISTINCT) return;
  if (messages === undefined) {
    messages = new Set();
    state.seen.set(code, messages);
  }
  messages.add(message);
  state.distinct++;
  last.set(code, Date.now());
  deliver(code, message);
}

function deliver(code: string, message: string): void {
  try {
    if (state.handler) state.handler({ code, message });
    else process.emitWarning(message, { code, type: 'EcsctxWarning' });
  } catch {
    // a broken handler must not break logging
  }
}

/**
 * Installs the handler that receives each distinct diagnostic (pass `undefined` to restore
 * the default `process.emitWarning`). Returns the previous handler.
 */
export function setDiagnosticHandler(handler: DiagnosticHandler | undefined): DiagnosticHandler | undefined {
  const previous = state.handler;
  state.handler = handler;
  return previous;
}

/** How many times each diagnostic code was raised (repeats included), for tests and health endpoints. */
export function getDiagnosticCounts(): ReadonlyMap<string, number> {
  return new Map(state.counts);
}

/** Forgets which diagnostics were already reported, so they are reported again (tests). */
export function resetDiagnostics(): void {
  state.seen.clear();
  state.distinct = 0;
  state.counts.clear();
  state.lastReported?.clear();
}
