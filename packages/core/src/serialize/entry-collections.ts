/**
 * The built-in collections of named entries (`Headers`, `URLSearchParams`, `FormData`): they
 * hold their data in internal slots, not in own properties, so a copy of their properties is
 * `{}`. They are read through their own prototype's `entries`, which a caller's object cannot
 * replace.
 */

type EntryReader = (value: object) => Iterable<[string, unknown]>;

function readerOf(name: 'Headers' | 'URLSearchParams' | 'FormData'): [Function, EntryReader] | undefined {
  const ctor = (globalThis as Record<string, unknown>)[name];
  if (typeof ctor !== 'function') return undefined;
  const entries = (ctor.prototype as { entries?: unknown }).entries;
  if (typeof entries !== 'function') return undefined;
  return [ctor, (value) => (entries as (this: object) => Iterable<[string, unknown]>).call(value)];
}

const READERS = [readerOf('Headers'), readerOf('URLSearchParams'), readerOf('FormData')].filter((r) => r !== undefined);

/** The entries of `value` when it is a built-in collection of named entries, else undefined. */
export function namedEntriesOf(value: object): Iterable<[string, unknown]> | undefined {
  for (let i = 0; i < READERS.length; i++) {
    if (value instanceof READERS[i][0]) return READERS[i][1](value);
  }
  return undefined;
}

/** `[Blob 12 bytes]`, `[File 3 bytes]`: a binary body is written as its kind and size. */
export function blobText(value: object): string | undefined {
  const blob = (globalThis as { Blob?: Function }).Blob;
  if (typeof blob !== 'function' || !(value instanceof blob)) return undefined;
  const size = (value as { size?: unknown }).size;
  const kind = value.constructor && typeof value.constructor.name === 'string' ? value.constructor.name : 'Blob';
  return `[${kind} ${typeof size === 'number' ? size : '?'} bytes]`;
}
