/**
 * A winston transport that renders ECS lines on a worker thread: the logging thread only
 * captures each line (its fields as JSON text, its scope and time) into a bounded shared
 * buffer; the worker masks, tokenizes, renders and writes the lines, in order, to a file
 * descriptor or a file. Lines that are not plain JSON data (Errors, class instances, Dates…)
 * are rendered on the logging thread and passed on in their place, so the order holds.
 */
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LEVEL, MESSAGE } from 'triple-beam';
import winston from 'winston';
import type TransportStream from 'winston-transport';
import type { Format } from 'logform';
import { ecsFormat, type EcsFormatOptions } from '../formats/preset';
import type { MaskingConfig } from '../formats/mask/mask-config';
import { EcsctxOptionsError } from '../errors';
import { configurePii, isPiiConfigured, type PiiOptions } from '../pii/index';
import { CAPTURED_CALL, captureCall, type CapturedCall } from '../formats/captured-call';
import { reportDiagnostic } from '../diagnostics';
import { degradedCounterMemory } from '../degraded-lines';
import { beginBuildingLine, endBuildingLine } from '../logger/line-generation';
import { allocateRing, CONTROL, RingReader, RingWriter, type RingMemory } from './ring';
import { KIND_CAPTURED, KIND_RENDERED, LineCapture, RecordRenderer } from './line-record';
import { resolveServiceName } from '../service-identity';
import { PlainDataCheck } from './plain-data';
import { addRendered, LineBatch } from './line-batch';
import { openDestination, waitAsync, writeFully, type LineDestination, type WorkerMessage, type WorkerSetup } from './worker-setup';

/** Options of {@link EcsWorkerTransport}: the line format's options, and the worker's. */
export interface EcsWorkerTransportOptions extends EcsFormatOptions {
  /** Where lines go: a file descriptor (default 1, stdout) or a file path (appended to). */
  destination?: LineDestination;
  /** Bytes of the buffer between the logging thread and the worker (default 8 MiB, at least 256 KiB). */
  bufferBytes?: number;
  /**
   * What a log call does when the worker has fallen behind and the buffer is full: `wait`
   * (default) blocks the logging thread until there is room; `drop` drops the line, counts it
   * in {@link EcsWorkerTransport.stats} and reports a diagnostic.
   */
  whenFull?: 'wait' | 'drop';
  /** How the worker configures PII; default: the `PII_*` variables of `env` (or `process.env`). */
  pii?: PiiOptions;
  /** Masking settings for the worker (as {@link configureMasking} takes them). */
  masking?: MaskingConfig;
  /** How long the process's exit (or a wait for room) waits for the worker, in ms (default 10 000). */
  exitTimeoutMs?: number;
  /** Lowest level this transport writes (winston's transport option). */
  level?: string;
}

/** What {@link createEcsWorkerTransport}'s transport adds to a winston transport. */
export interface EcsWorkerTransportControls {
  /** Resolves once the worker has configured PII and is reading lines (lines logged before then wait in the buffer). */
  ready(): Promise<void>;
  /** Resolves once the worker has written every line logged so far (the logging thread stays free meanwhile). */
  flush(): Promise<void>;
  /**
   * Blocks until the worker has written every line logged so far, or `timeoutMs` passed;
   * returns whether everything was written. Runs by itself at process exit.
   */
  flushSync(timeoutMs?: number): boolean;
  /** Counts of what the transport did so far. */
  stats(): WorkerTransportStats;
  /** Writes what is left, stops the worker, and renders any later line on the logging thread. */
  close(): void;
}

/** A winston transport that renders on a worker thread (see {@link createEcsWorkerTransport}). */
export type EcsWorkerTransport = TransportStream & EcsWorkerTransportControls;

/**
 * A winston transport that masks, tokenizes and renders ECS lines on a worker thread. Use it
 * with a logger whose format passes the info object through and whose calls capture their
 * context ({@link createEcsWorkerLogger} sets both up). Lines keep their order; at process
 * exit (`process.exit()`, the end of the event loop, an uncaught exception) the transport
 * waits for the worker to write every line. Throws {@link EcsctxOptionsError} for options
 * that make no sense or cannot reach the worker (functions, class instances).
 *
 * @example
 * const logger = captureLoggingContext(winston.createLogger({
 *   format: { transform: (info) => info },
 *   transports: [createEcsWorkerTransport({ loggerName: 'payments' })],
 * }));
 */
export function createEcsWorkerTransport(options: EcsWorkerTransportOptions = {}): EcsWorkerTransport {
  return new WorkerTransport(options);
}

/** What the transport did so far. */
export interface WorkerTransportStats {
  /** Lines handed to the worker as captured data. */
  readonly captured: number;
  /** Lines rendered on the logging thread (not plain data, or the worker was gone). */
  readonly renderedHere: number;
  /** Lines dropped: the buffer was full with `whenFull: 'drop'`, or the worker stalled past `exitTimeoutMs`. */
  readonly dropped: number;
  /** Milliseconds the logging thread waited for room in the buffer (`whenFull: 'wait'`). */
  readonly waitedMs: number;
}

const DEFAULT_BUFFER = 8 * 2 ** 20;
const MIN_BUFFER = 256 * 2 ** 10;
const WORKER_SCRIPT = join(__dirname, 'render-worker.js');
type InfoObject = Record<string | symbol, unknown>;
/** winston's transport base class (winston-transport, as winston exports it). */
const Transport = (winston as unknown as { Transport: typeof TransportStream }).Transport;

/** The transport behind {@link createEcsWorkerTransport}. */
class WorkerTransport extends Transport implements EcsWorkerTransportControls {
  private readonly memory: RingMemory;
  private readonly writer: RingWriter;
  private readonly capture: LineCapture;
  private readonly hereFormat: Format;
  private readonly worker: Worker;
  private readonly destination: LineDestination;
  private readonly whenFull: 'wait' | 'drop';
  private readonly timeoutMs: number;
  private readonly onExit = (): void => void this.flushSync();
  private fd: number | undefined;
  private here: RecordRenderer | undefined;
  private counts = { captured: 0, renderedHere: 0, dropped: 0, waitedMs: 0 };
  private readonly started: Promise<void>;

  constructor(options: EcsWorkerTransportOptions = {}) {
    super({ level: options.level });
    const { destination = 1, bufferBytes = DEFAULT_BUFFER, whenFull = 'wait', pii, masking, exitTimeoutMs = 10_000, level: _level, ...format } = options;
    if (whenFull !== 'wait' && whenFull !== 'drop') throw new EcsctxOptionsError(`EcsWorkerTransport: whenFull must be "wait" or "drop"`);
    if (!(bufferBytes >= MIN_BUFFER)) throw new EcsctxOptionsError(`EcsWorkerTransport: bufferBytes must be at least ${MIN_BUFFER}`);
    if (typeof destination !== 'string' && !Number.isInteger(destination)) throw new EcsctxOptionsError('EcsWorkerTransport: destination must be a file descriptor or a path');
    this.destination = destination;
    this.whenFull = whenFull;
    this.timeoutMs = exitTimeoutMs;
    const env = { ...(format.env ?? process.env) };
    // resolved here: the worker thread has no entry script of its own to find the package by
    const lineFormat: EcsFormatOptions = { ...format, env, serviceName: resolveServiceName(format.serviceName, env) };
    this.hereFormat = ecsFormat(lineFormat);
    this.memory = allocateRing(bufferBytes);
    this.writer = new RingWriter(this.memory);
    this.capture = new LineCapture(new PlainDataCheck(format.limits));
    const setup: WorkerSetup = { memory: this.memory, destination, format: lineFormat, pii, env, masking, degradedCounters: degradedCounterMemory() };
    try {
      structuredClone(setup);
    } catch (err) {
      throw new EcsctxOptionsError(`EcsWorkerTransport: options must be plain data to reach the worker (${(err as Error).message})`, { cause: err });
    }
    // lines rendered here (not plain data) are masked as the worker masks them
    if (pii !== undefined && !isPiiConfigured()) {
      configurePii(pii).catch((err: Error) => reportDiagnostic('ECSCTX_TRANSPORT_PII', `PII could not be configured: ${err.message}`));
    }
    this.worker = new Worker(WORKER_SCRIPT, { workerData: setup });
    let ready: () => void = () => undefined;
    this.started = new Promise((resolve) => (ready = resolve));
    this.worker.on('message', (m: WorkerMessage) => {
      if (m && m.diagnostic) reportDiagnostic(m.diagnostic.code, m.diagnostic.message);
      if (m && m.ready) ready();
    });
    this.worker.once('exit', () => ready());
    this.worker.on('error', (err) => reportDiagnostic('ECSCTX_TRANSPORT_WORKER_FAILED', `the render worker failed: ${err.message}`));
    this.worker.on('exit', () => this.takeOver());
    // after the listeners (a 'message' listener refs the worker's port again): the worker never keeps the process alive
    this.worker.unref();
    process.on('exit', this.onExit);
  }

  /** winston's entry point: captures the line and hands it on. Never throws. */
  override log(info: InfoObject, next: () => void): void {
    try {
      this.enqueue(info);
    } catch (err) {
      reportDiagnostic('ECSCTX_TRANSPORT_LOG_FAILED', `a line could not be handed to the render worker: ${(err as Error).name}`);
    }
    next();
  }

  /** Counts of what the transport did so far. */
  stats(): WorkerTransportStats {
    return { ...this.counts };
  }

  /** Resolves once the worker has configured PII and is reading lines (lines logged before then wait in the buffer). */
  ready(): Promise<void> {
    // the worker never keeps the process alive, except while someone waits for it
    this.worker.ref();
    return this.started.finally(() => this.worker.unref());
  }

  /** Resolves once the worker has written every line logged so far (the logging thread stays free meanwhile). */
  async flush(): Promise<void> {
    const control = this.writer.control;
    // a pending Atomics.waitAsync does not keep the process alive: this timer does, while flushing
    const keepAlive = setInterval(() => undefined, 2 ** 30);
    try {
      while (this.fd === undefined && !this.writer.drained) {
        if (Atomics.load(control, CONTROL.readerGone) === 1) this.takeOver();
        else {
          const wait = waitAsync(control, CONTROL.read, Atomics.load(control, CONTROL.read), 50);
          if (wait.async) await wait.value;
        }
      }
    } finally {
      clearInterval(keepAlive);
    }
  }

  /**
   * Blocks until the worker has written every line logged so far, or `timeoutMs` passed.
   * Returns whether everything was written. Runs by itself at process exit.
   */
  flushSync(timeoutMs = this.timeoutMs): boolean {
    const control = this.writer.control;
    const deadline = performance.now() + timeoutMs;
    while (this.fd === undefined && !this.writer.drained) {
      if (Atomics.load(control, CONTROL.readerGone) === 1) this.takeOver();
      else if (performance.now() >= deadline) return false;
      else Atomics.wait(control, CONTROL.read, Atomics.load(control, CONTROL.read), 20);
    }
    return true;
  }

  /** Writes what is left, stops the worker, and renders any later line on the logging thread. */
  override close(): void {
    this.flushSync();
    process.off('exit', this.onExit);
    const control = this.writer.control;
    Atomics.store(control, CONTROL.closing, 1);
    Atomics.notify(control, CONTROL.write);
    const deadline = performance.now() + Math.min(this.timeoutMs, 1_000);
    while (Atomics.load(control, CONTROL.readerGone) !== 1 && performance.now() < deadline) Atomics.wait(control, CONTROL.read, Atomics.load(control, CONTROL.read), 20);
    if (Atomics.load(control, CONTROL.readerGone) === 1) this.takeOver();
  }

  private enqueue(info: InfoObject): void {
    // its fields are read here (captured or rendered): a getter that logs makes a later generation
    const generation = beginBuildingLine(info);
    try {
      this.enqueueLine(info);
    } finally {
      endBuildingLine(generation);
    }
  }

  private enqueueLine(info: InfoObject): void {
    const call = (info[CAPTURED_CALL] as CapturedCall | undefined) ?? captureCall();
    if (this.fd !== undefined) {
      this.counts.renderedHere++;
      writeFully(this.fd, this.renderHere(info, call) + '\n');
      return;
    }
    const text = this.capture.text(info, call);
    if (text !== undefined && (text.length * 3 <= this.writer.largestText || Buffer.byteLength(text) <= this.writer.largestText)) {
      if (this.put(KIND_CAPTURED, call.time, text)) this.counts.captured++;
    } else {
      this.counts.renderedHere++;
      this.put(KIND_RENDERED, 0, this.renderHere(info, call));
    }
  }

  /** The line of `info`, rendered on this thread by the same format the worker uses. */
  private renderHere(info: InfoObject, call: CapturedCall): string {
    info[CAPTURED_CALL] = call;
    if (info[LEVEL] === undefined) info[LEVEL] = info.level;
    const out = this.hereFormat.transform(info as never, this.hereFormat.options) as InfoObject | false;
    return out === false ? '' : String(out[MESSAGE]);
  }

  /** Appends a record; when the buffer is full, waits or drops as configured. */
  private put(kind: number, time: number, text: string): boolean {
    if (this.writer.tryWrite(kind, time, text)) return true;
    if (this.whenFull === 'drop') return this.drop('the render worker fell behind and its buffer is full: lines are dropped (whenFull: "drop")');
    const control = this.writer.control;
    const start = performance.now();
    try {
      for (;;) {
        if (Atomics.load(control, CONTROL.readerGone) === 1) {
          this.takeOver();
          writeFully(this.fd as number, this.here!.render(kind, time, text) + '\n');
          return true;
        }
        Atomics.wait(control, CONTROL.read, Atomics.load(control, CONTROL.read), 20);
        if (this.writer.tryWrite(kind, time, text)) return true;
        if (performance.now() - start >= this.timeoutMs) return this.drop('the render worker made no room in its buffer in time: a line was dropped');
      }
    } finally {
      this.counts.waitedMs += performance.now() - start;
    }
  }

  private drop(message: string): false {
    this.counts.dropped++;
    reportDiagnostic('ECSCTX_TRANSPORT_DROPPED', message);
    return false;
  }

  /** Once the worker is gone: writes what it left in the buffer, and renders here from now on. */
  private takeOver(): void {
    if (this.fd !== undefined) return;
    this.fd = openDestination(this.destination);
    this.here = new RecordRenderer(this.hereFormat);
    const reader = new RingReader(this.memory);
    const batch = new LineBatch();
    for (let records = reader.take(256); records.length > 0; records = reader.take(256)) {
      addRendered(batch, records, this.here);
      batch.writeTo(this.fd);
      reader.release();
    }
  }
}
