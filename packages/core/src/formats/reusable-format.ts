/**
 * A logform format whose per-line state lives in one reusable object (a sink, a placer):
 * the object is reused line after line, and a line logged while another is being formatted
 * (a getter that logs while it is read) gets a fresh one.
 */
import { format, type Format } from 'logform';
import type { Info } from './info-symbols';

/** Makes the format: `make` creates a state object, `run` formats one line with it. */
export function formatWithReusableState<S>(make: () => S, run: (info: Info, state: S) => Info): Format {
  let idle: S | undefined = make();
  const transform = (info: Info): Info => {
    const state = idle ?? make();
    idle = undefined;
    try {
      return run(info, state);
    } finally {
      idle = state;
    }
  };
  return format((info) => transform(info as unknown as Info) as never)();
}
