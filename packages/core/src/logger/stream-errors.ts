/**
 * The stream a logger writes to can fail (a full disk, a pipe whose reader is gone): Node ends
 * the process on an `error` event nobody listens to, so one failed write of a log line would
 * take every request in flight with it. The logger's own output stream gets a listener that
 * reports the failure instead; the lines written after it are lost, and said to be.
 */
import { reportDiagnostic } from '../diagnostics';

const WATCHED = new WeakSet<object>();

function errorCode(error: unknown): string {
  try {
    const code = (error as { code?: unknown } | null)?.code;
    return typeof code === 'string' ? code : String((error as { message?: unknown } | null)?.message ?? error);
  } catch {
    return 'unknown error';
  }
}

/** Reports `stream`'s errors as `ECSCTX_OUTPUT_FAILED` rather than letting them end the process (once per stream). */
export function reportOutputErrors(stream: NodeJS.WritableStream): void {
  if (WATCHED.has(stream)) return;
  WATCHED.add(stream);
  stream.on('error', (error: unknown) => {
    reportDiagnostic('ECSCTX_OUTPUT_FAILED', `the log output failed (${errorCode(error)}): lines written after it are lost`);
  });
}
