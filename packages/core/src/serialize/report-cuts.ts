/**
 * Turns the cuts a sanitizing walk made into diagnostics: each kind is reported once and
 * counted every time (`getDiagnosticCounts()`).
 */
import { reportDiagnostic } from '../diagnostics';
import { countDegradedLine } from '../degraded-lines';
import type { SanitizeReport } from './sanitize-report';

/** Diagnostic code of a property (or toJSON) that threw when read. */
export const GETTER_DIAGNOSTIC = 'ECSCTX_SERIALIZE_GETTER';
/** Its text. */
export const GETTER_MESSAGE = 'a property threw when read (or toJSON threw); it was written as a marker';

/** Reports the non-zero counts of `report`. */
export function reportSanitizeCuts(report: SanitizeReport): void {
  if (report.truncatedStrings > 0) reportDiagnostic('ECSCTX_LIMIT_STRING', 'a string longer than limits.maxStringLength was cut (it ends with "…[truncated N chars]")');
  if (report.depthCuts > 0) reportDiagnostic('ECSCTX_LIMIT_DEPTH', 'a value nested deeper than limits.maxDepth was replaced by a marker string');
  if (report.keyCuts > 0) reportDiagnostic('ECSCTX_LIMIT_KEYS', 'an object with more than limits.maxKeys keys was cut (a "…" key counts the rest)');
  if (report.arrayCuts > 0) reportDiagnostic('ECSCTX_LIMIT_ARRAY', 'an array with more than limits.maxArrayItems items was cut');
  if (report.fieldCuts > 0) reportDiagnostic('ECSCTX_LIMIT_FIELDS', 'a line with more than limits.maxFields keys was cut');
  if (report.circular > 0) reportDiagnostic('ECSCTX_SERIALIZE_CIRCULAR', 'a circular reference was written as "[Circular]"');
  if (report.getterErrors > 0) reportDiagnostic(GETTER_DIAGNOSTIC, GETTER_MESSAGE);
  if (report.getterErrors > 0) countDegradedLine('unreadable', false);
  if (report.circular > 0) countDegradedLine('circular', false);
  if (report.truncatedStrings + report.depthCuts + report.keyCuts + report.arrayCuts + report.fieldCuts > 0) countDegradedLine('cut', false);
}
