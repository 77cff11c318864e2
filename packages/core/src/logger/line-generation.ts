/**
 * Lines logged while another line is built (a getter, `toJSON` or Proxy trap that logs) are
 * numbered by generation: a line logged while no line is built is generation 1, one logged
 * while a generation-n line is built is n + 1. winston defers such a line until the one being
 * built is written, so a getter that logs through the logger that reads it would log forever;
 * past {@link MAX_LINE_GENERATION} a call writes its message alone, which reads nothing that
 * could log again.
 */

/** The generation of a line, carried on its info object from the log call to the step that builds it. */
export const LINE_GENERATION: unique symbol = Symbol.for('ecsctx.line-generation.v1') as never;

/** Deepest generation built with its fields. */
export const MAX_LINE_GENERATION = 4;

/** The generation of the line being built on this thread, 0 when none is. */
let building = 0;

/** The generation a line logged now has. */
export function newLineGeneration(): number {
  return building + 1;
}

/** Marks the start of building the line of `info` (its fields are read next); returns what {@link endBuildingLine} restores. */
export function beginBuildingLine(info: object): number {
  const before = building;
  const generation = (info as { [LINE_GENERATION]?: unknown })[LINE_GENERATION];
  building = typeof generation === 'number' ? generation : 1;
  return before;
}

/**
 * Marks the start of reading a log call's arguments for a line of `generation` (a getter read
 * there that logs makes a line of the next generation); returns what {@link endBuildingLine}
 * restores.
 */
export function beginReadingCall(generation: number): number {
  const before = building;
  building = generation;
  return before;
}

/** Ends {@link beginBuildingLine} or {@link beginReadingCall}. */
export function endBuildingLine(before: number): void {
  building = before;
}
