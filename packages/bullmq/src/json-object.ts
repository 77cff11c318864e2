/** What JSON calls an object, read back from a job. */

/** True for a non-null object that is not an array, with a plain prototype (what JSON calls an object). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
