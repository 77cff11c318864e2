/**
 * Two values for one path are both kept (docs/field-placement.md): the one that keeps the path
 * stays, the displaced one goes to `extra.ecsctx_collisions` as `{ path, value }`, its value as
 * text (a string as it is, anything else as JSON). The one rule, for every step that displaces.
 */
import { UNREADABLE_MARKER } from './markers';

/** The key under `extra` that lists the displaced values. */
export const COLLISIONS_KEY = 'ecsctx_collisions';

/** A displaced value as the line keeps it. */
export interface Collision {
  readonly path: string;
  readonly value: string;
}

/** A displaced value's text: a string as it is, anything else as JSON text (never throws). */
export function collisionText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return UNREADABLE_MARKER;
  }
}

/** Appends `entries` to `extra.ecsctx_collisions` (a new list: a list already there is copied, never written). */
export function appendCollisions(extra: Record<string, unknown>, entries: readonly Collision[]): void {
  const before = extra[COLLISIONS_KEY];
  extra[COLLISIONS_KEY] = Array.isArray(before) ? [...(before as unknown[]), ...entries] : [...entries];
}
