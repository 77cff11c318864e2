/**
 * `@ecsctx/core/check`: `ecsctx check` as a library. Checks a service's stdout (NDJSON)
 * against the seed's dry-run table (§17), ECS 1.12.0 types and the shipped index template,
 * and for PII in clear; formats the report the command prints.
 *
 * @packageDocumentation
 * @module \@ecsctx/core/check
 */
export { createLogChecker, checkLogText, checkLogLines, type CheckOptions, type LogChecker } from './log-checker';
export { formatCheckReport, formatFinding, type CheckReport, type CheckCounts, type FormatReportOptions } from './report';
export { CHECK_IDS, CHECK_DESCRIPTIONS, type CheckId, type CheckSeverity, type CheckFinding } from './findings';
