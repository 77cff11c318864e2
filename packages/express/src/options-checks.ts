/**
 * Option checks run once, when a middleware is created: a wrong option throws
 * `EcsctxOptionsError` at start-up, never per request.
 */
import { EcsctxOptionsError } from '@ecsctx/core';

/** Throws unless `value` is a function or (when `optional`) `undefined`. */
export function checkFunction(where: string, name: string, value: unknown, optional = true): void {
  if (value === undefined && optional) return;
  if (typeof value !== 'function') throw new EcsctxOptionsError(`${where}: ${name} must be a function, got ${typeof value}`);
}

/** Throws unless `value` is a boolean or `undefined`. */
export function checkBoolean(where: string, name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new EcsctxOptionsError(`${where}: ${name} must be a boolean, got ${typeof value}`);
  }
}

/** Throws unless `value` is an array of non-empty strings or `undefined`; returns the list. */
export function checkStringList(where: string, name: string, value: unknown): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === '')) {
    throw new EcsctxOptionsError(`${where}: ${name} must be an array of non-empty strings`);
  }
  return value as string[];
}

/** Throws unless `value` is a positive integer or `undefined`; returns it or `fallback`. */
export function checkPositiveInteger(where: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new EcsctxOptionsError(`${where}: ${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

/** Throws unless `value` is one of `allowed` or `undefined`. */
export function checkOneOf<T extends string>(where: string, name: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new EcsctxOptionsError(`${where}: ${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${String(value)}`);
  }
  return value as T;
}

/** Throws unless `value` is an object (an options bag) or `undefined`. */
export function checkOptionsObject(where: string, value: unknown): void {
  if (value !== undefined && (value === null || typeof value !== 'object')) {
    throw new EcsctxOptionsError(`${where}: options must be an object`);
  }
}
