/**
 * printf-style messages (`logger.info('paid %s for %d KWD', id, amount)`): the placeholders
 * are filled as `util.format` fills them, one argument each, and the arguments they took are
 * counted so the caller can place the rest. A number placeholder given something that is not
 * a number writes it as `%s` would, so no argument is hidden behind `NaN`. An argument that throws while it is formatted
 * (a `toString`, `toJSON` or Proxy trap that throws) is written as `[unreadable]`.
 */
import { format } from 'node:util';
import { UNREADABLE_MARKER } from '../serialize/markers';
import { countDegradedLine } from '../degraded-lines';

/**
 * The placeholders filled: `util.format`'s `%s %d %i %f %j %o %O` (and `%%`, a percent sign).
 * `%c` (browser CSS, which `util.format` drops with its argument) stays as written.
 */
const SPECIFIERS = 'sdifjoO';

/** A message with its placeholders filled, and how many arguments it took. */
export interface FilledMessage {
  /** The message text. */
  readonly text: string;
  /** How many of the arguments, from the first, the placeholders took. */
  readonly used: number;
}

function formatOne(specifier: string, arg: unknown): string {
  try {
    const text = format(`%${specifier}`, arg);
    // a number placeholder given a value that is not a number writes it as text, not NaN
    if (text === 'NaN' && specifier !== 's' && specifier !== 'j' && !(typeof arg === 'number' && Number.isNaN(arg))) return format('%s', arg);
    return text;
  } catch {
    countDegradedLine('unreadable');
    return UNREADABLE_MARKER;
  }
}

/**
 * Fills the placeholders of `message` from `args` in order. A placeholder left without an
 * argument stays as written; `%%` is a percent sign. Linear in the message's length.
 */
export function fillPlaceholders(message: string, args: readonly unknown[]): FilledMessage {
  let text = '';
  let last = 0;
  let used = 0;
  for (let i = 0; i < message.length - 1; i++) {
    if (message.charCodeAt(i) !== 37) continue; // '%'
    const next = message[i + 1];
    if (next === '%') {
      text += message.slice(last, i + 1);
      last = i + 2;
      i++;
    } else if (SPECIFIERS.includes(next) && used < args.length) {
      text += message.slice(last, i) + formatOne(next, args[used++]);
      last = i + 2;
      i++;
    }
  }
  return { text: text + message.slice(last), used };
}

/** Whether `message` holds a placeholder an argument can fill. */
export function hasPlaceholder(message: string): boolean {
  for (let i = message.indexOf('%'); i !== -1 && i < message.length - 1; i = message.indexOf('%', i + 2)) {
    if (SPECIFIERS.includes(message[i + 1])) return true;
    if (message[i + 1] !== '%') i--;
  }
  return false;
}
