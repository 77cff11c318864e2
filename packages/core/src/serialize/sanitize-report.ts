/** What a sanitizing walk cut or could not read, counted for diagnostics. */

/** Counts of the cuts made by a walk (for diagnostics). */
export interface SanitizeReport {
  truncatedStrings: number;
  fieldCuts: number;
  depthCuts: number;
  keyCuts: number;
  arrayCuts: number;
  circular: number;
  getterErrors: number;
}

/** A fresh report with every count at zero. */
export function newSanitizeReport(): SanitizeReport {
  return { truncatedStrings: 0, fieldCuts: 0, depthCuts: 0, keyCuts: 0, arrayCuts: 0, circular: 0, getterErrors: 0 };
}

/** Sets every count of `report` back to zero (a report reused walk after walk). */
export function resetSanitizeReport(report: SanitizeReport): void {
  report.truncatedStrings = 0;
  report.fieldCuts = 0;
  report.depthCuts = 0;
  report.keyCuts = 0;
  report.arrayCuts = 0;
  report.circular = 0;
  report.getterErrors = 0;
}

/** Copies every count of `from` into `to` (a walk that is redone takes back what it counted). */
export function copySanitizeReport(from: SanitizeReport, to: SanitizeReport): void {
  to.truncatedStrings = from.truncatedStrings;
  to.fieldCuts = from.fieldCuts;
  to.depthCuts = from.depthCuts;
  to.keyCuts = from.keyCuts;
  to.arrayCuts = from.arrayCuts;
  to.circular = from.circular;
  to.getterErrors = from.getterErrors;
}

/** The sum of every count of `report` (a walk that cut or could not read nothing adds 0). */
export function sanitizeReportTotal(report: SanitizeReport): number {
  return report.truncatedStrings + report.fieldCuts + report.depthCuts + report.keyCuts + report.arrayCuts + report.circular + report.getterErrors;
}
