/**
 * Where `inject` puts the fields it gathers. Alone, `inject` merges them into a new info
 * object (the next step places them). In the preset, the sink is `namespace`'s placer, so
 * the two steps build one object instead of two; the result is the same either way.
 */
import type { Info } from './info-symbols';

/** Receives the fields of one line, lowest priority first; a later value wins leaf by leaf. */
export interface LineSink {
  /** Starts a line: a new object with the carried symbols and the winston level. */
  begin(info: Info): void;
  /** Adds one field. */
  put(key: string, value: unknown): void;
  /** Sets the line's message. */
  message(value: unknown): void;
  /** Finishes the line and returns it. */
  end(): Info;
}
