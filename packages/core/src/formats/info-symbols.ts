/**
 * The symbol-keyed parts of a winston info object that every step carries over when it
 * returns a new object: triple-beam's LEVEL, MESSAGE and SPLAT, the call capture and the
 * placement violations found by `namespace`.
 */
import { LEVEL, MESSAGE, SPLAT } from 'triple-beam';
import { CAPTURED_CALL } from './captured-call';

/** The symbol under which a caller's own `level` field rides on the info object (placed under `extra.level`). */
export const META_LEVEL: unique symbol = Symbol.for('ecsctx.meta-level.v1') as never;
/** The symbol under which a meta object's own `message` rides on the info object (placed under `extra.message`). */
export const META_MESSAGE: unique symbol = Symbol.for('ecsctx.meta-message.v1') as never;
/** The symbol under which the arguments of a call that neither the message nor the meta took ride on the info object (placed under `extra.args`). */
export const META_ARGS: unique symbol = Symbol.for('ecsctx.meta-args.v1') as never;
/** Violations found by `namespace` and reported by `validate`. */
export const PLACEMENT_VIOLATIONS: unique symbol = Symbol.for('ecsctx.placement-violations.v1') as never;
/** Set by `namespace`: the root keys are placed (ECS field-sets hold objects). */
export const NAMESPACED: unique symbol = Symbol.for('ecsctx.namespaced.v1') as never;
/** Set by `mask` on a line whose fields are already sanitized plain data. */
export const SANITIZED: unique symbol = Symbol.for('ecsctx.sanitized.v1') as never;
/**
 * Set by `inject`: the `service` fields of the line's own service (its identity), which the
 * `ecs` step writes back when a call's `service.name` is not a name.
 */
export const SERVICE_IDENTITY: unique symbol = Symbol.for('ecsctx.service-identity.v1') as never;

const CARRIED: readonly symbol[] = [LEVEL as symbol, MESSAGE as symbol, SPLAT as symbol, CAPTURED_CALL, PLACEMENT_VIOLATIONS, NAMESPACED, SANITIZED, SERVICE_IDENTITY];

/** A winston info object as the steps see it. */
export type Info = Record<string, unknown> & { [key: symbol]: unknown };

/** Copies the carried symbols from `from` to `to`. */
export function carrySymbols(from: Info, to: Info): void {
  for (let i = 0; i < CARRIED.length; i++) {
    const value = from[CARRIED[i]];
    if (value !== undefined) to[CARRIED[i]] = value;
  }
}

/** Adds a placement violation message to `info`. */
export function addViolation(info: Info, message: string): void {
  const list = info[PLACEMENT_VIOLATIONS] as string[] | undefined;
  if (list) list.push(message);
  else info[PLACEMENT_VIOLATIONS] = [message];
}
