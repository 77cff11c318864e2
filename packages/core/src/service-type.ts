/**
 * The detected service type (`service.name` when `SERVICE_TYPE` is unset): `app` by
 * default; integrations that know better (the BullMQ worker) set it for the process.
 */

const STATE_KEY = Symbol.for('ecsctx.service-type.v1');
const globalStore = globalThis as unknown as Record<symbol, { type: string } | undefined>;
const state = globalStore[STATE_KEY] ?? (globalStore[STATE_KEY] = { type: 'app' });

/** Sets the detected service type of this process (used when `SERVICE_TYPE` is unset). */
export function setDetectedServiceType(type: string): void {
  state.type = type;
}

/** The detected service type of this process. */
export function getDetectedServiceType(): string {
  return state.type;
}
