/**
 * `src/serialize/report-cuts.ts` directly: each non-zero count of a walk's report raises its
 * own diagnostic once and counts the line once as degraded of its kind (a cut, a circular
 * reference, an unreadable value), without a second diagnostic for the degraded kind; an
 * all-zero report raises and counts nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { GETTER_DIAGNOSTIC, reportSanitizeCuts } from '../../src/serialize/report-cuts';
import { newSanitizeReport, type SanitizeReport } from '../../src/serialize/sanitize-report';
import { getDiagnosticCounts, resetDiagnostics, setDiagnosticHandler, type Diagnostic } from '../../src/diagnostics';
import { degradedLineCounts, resetDegradedLineCounts, type DegradedKind } from '../../src/degraded-lines';

type Count = keyof SanitizeReport;

/** Each count of a report: the diagnostic it raises and the kind of degraded line it counts. */
const RAISES: Readonly<Record<Count, { code: string; kind: DegradedKind }>> = {
  truncatedStrings: { code: 'ECSCTX_LIMIT_STRING', kind: 'cut' },
  depthCuts: { code: 'ECSCTX_LIMIT_DEPTH', kind: 'cut' },
  keyCuts: { code: 'ECSCTX_LIMIT_KEYS', kind: 'cut' },
  arrayCuts: { code: 'ECSCTX_LIMIT_ARRAY', kind: 'cut' },
  fieldCuts: { code: 'ECSCTX_LIMIT_FIELDS', kind: 'cut' },
  circular: { code: 'ECSCTX_SERIALIZE_CIRCULAR', kind: 'circular' },
  getterErrors: { code: GETTER_DIAGNOSTIC, kind: 'unreadable' },
};
const COUNTS = Object.keys(RAISES) as Count[];
const NO_DEGRADED_LINES = { unreadable: 0, circular: 0, cut: 0, type_misfit: 0, collision: 0, unknown_level: 0, failed: 0 };

let delivered: Diagnostic[] = [];
let previous: ((d: Diagnostic) => void) | undefined;

function reset(): void {
  resetDiagnostics();
  resetDegradedLineCounts();
  delivered = [];
}

beforeEach(() => {
  reset();
  previous = setDiagnosticHandler((d) => delivered.push(d));
});

afterEach(() => {
  setDiagnosticHandler(previous);
  reset();
});

function reportWith(counts: Partial<SanitizeReport>): SanitizeReport {
  return { ...newSanitizeReport(), ...counts };
}

describe('reportSanitizeCuts', () => {
  it('reports nothing and counts nothing for an all-zero report', () => {
    reportSanitizeCuts(newSanitizeReport());
    expect(getDiagnosticCounts().size).toBe(0);
    expect(delivered).toEqual([]);
    expect(degradedLineCounts()).toEqual(NO_DEGRADED_LINES);
  });

  it.each(COUNTS)('a non-zero %s raises its diagnostic and counts one degraded line of its kind', (count) => {
    reportSanitizeCuts(reportWith({ [count]: 3 }));
    const { code, kind } = RAISES[count];
    expect([...getDiagnosticCounts()]).toEqual([[code, 1]]);
    expect(delivered.map((d) => d.code)).toEqual([code]);
    expect(delivered[0].message.length).toBeGreaterThan(0);
    expect(degradedLineCounts()).toEqual({ ...NO_DEGRADED_LINES, [kind]: 1 });
  });

  test.prop([fc.record(Object.fromEntries(COUNTS.map((c) => [c, fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1000 }))])) as Record<Count, fc.Arbitrary<number>>)])(
    'any report: one diagnostic per non-zero count, one degraded line per kind that occurred',
    (counts) => {
      reset();
      reportSanitizeCuts(reportWith(counts));
      const nonZero = COUNTS.filter((c) => counts[c] > 0);
      const codes = nonZero.map((c) => RAISES[c].code);
      expect(new Map(getDiagnosticCounts())).toEqual(new Map(codes.map((code) => [code, 1])));
      expect(delivered.map((d) => d.code).sort()).toEqual([...codes].sort());
      const kinds = new Set(nonZero.map((c) => RAISES[c].kind));
      const expected = { ...NO_DEGRADED_LINES };
      for (const kind of kinds) expected[kind] = 1;
      expect(degradedLineCounts()).toEqual(expected);
    },
  );
});
