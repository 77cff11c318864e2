/**
 * The render worker: reads captured lines from the ring, masks, tokenizes and renders them
 * with the same format a synchronous logger uses, and writes them, in order, to its
 * destination. Started by the transport of `createEcsWorkerTransport`; not for direct use.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { configureMasking } from '../formats/mask/mask-config';
import { ecsFormat } from '../formats/preset';
import { configurePii, initPii } from '../pii/index';
import { setDiagnosticHandler } from '../diagnostics';
import { reportDiagnostic } from '../diagnostics';
import { adoptDegradedCounters } from '../degraded-lines';
import { CONTROL, RingReader } from './ring';
import { RecordRenderer } from './line-record';
import { closeDestination, openDestination, waitAsync, type WorkerSetup } from './worker-setup';
import { addRendered, LineBatch } from './line-batch';

/** Records rendered between two writes to the destination. */
const BATCH = 256;
/**
 * After a batch shorter than BATCH, the worker lets lines gather this long before it reads
 * again: one write and one wake-up per millisecond at most, instead of one per line.
 */
const GATHER_MS = 1;
const gather = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, GATHER_MS));


async function main(setup: WorkerSetup): Promise<void> {
  setDiagnosticHandler((diagnostic) => parentPort?.postMessage({ diagnostic }));
  if (setup.degradedCounters !== undefined) adoptDegradedCounters(setup.degradedCounters);
  if (setup.masking) configureMasking(setup.masking);
  try {
    if (setup.pii) await configurePii(setup.pii);
    else await initPii(setup.env);
  } catch (err) {
    // as a synchronous logger whose PII set-up failed: values are redacted, never written in clear
    reportDiagnostic('ECSCTX_TRANSPORT_PII', `the render worker could not configure PII (${(err as Error).message}); PII is redacted`);
  }
  const renderer = new RecordRenderer(ecsFormat(setup.format));
  const reader = new RingReader(setup.memory);
  const control = reader.control;
  const fd = openDestination(setup.destination);
  const batch = new LineBatch();
  parentPort?.postMessage({ ready: true });
  // a pending Atomics.waitAsync does not keep a thread's event loop alive: this timer does
  const keepAlive = setInterval(() => undefined, 2 ** 30);
  try {
    for (;;) {
      const records = reader.take(BATCH);
      if (records.length > 0) {
        addRendered(batch, records, renderer);
        batch.writeTo(fd);
        reader.release();
        if (records.length < BATCH) await gather();
        continue;
      }
      if (Atomics.load(control, CONTROL.closing) === 1) break;
      // sleep until the writer publishes (it wakes a reader that says it sleeps); timers still run
      Atomics.store(control, CONTROL.readerSleeping, 1);
      if (reader.empty) {
        const wait = waitAsync(control, CONTROL.write, reader.at, 1_000);
        if (wait.async) await wait.value;
      }
      Atomics.store(control, CONTROL.readerSleeping, 0);
    }
  } finally {
    clearInterval(keepAlive);
    closeDestination(setup.destination, fd);
  }
}

const setup = workerData as WorkerSetup;
const control = new Int32Array(setup.memory.buffer, 0, 16);
const gone = (): void => {
  Atomics.store(control, CONTROL.readerGone, 1);
  Atomics.notify(control, CONTROL.read);
};
process.on('exit', gone);
main(setup).then(gone, (err: unknown) => {
  gone();
  throw err;
});
