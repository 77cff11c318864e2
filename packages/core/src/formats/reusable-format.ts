/**
 * A logform format whose per-line state lives in one reusable object (a sink, a placer):
 * the object is reused line after line, and a line logged while another is being formatted
 * (a getter that logs while it is read) gets a fresh one. A line the step fails on is handed
 * on as a failed line (see `failed-line`), never lost.
 */
import { format, type Format } from 'logform';
import type { Info } from './info-symbols';
import { FAILED_LINE, failedInfo } from './failed-line';

/** Makes the format: `make` creates a state object, `run` formats one line with it. */
export function formatWithReusableState<S>(make: () => S, run: (info: Info, state: S) => Info): Format {
  let idle: S | undefined = make();
  const transform = (info: Info): Info => {
    const state = idle ?? make();
    idle = undefined;
    try {
      return info[FAILED_LINE] === true ? info : run(info, state);
    } catch (error) {
      return failedInfo(info, error);
    } finally {
      idle = state;
    }
  };
  return format((info) => transform(info as unknown as Info) as never)();
}
