/**
 * `user.id` on authenticated requests (seed §17: "user.id present? (authenticated requests)").
 * A log cannot say who was authenticated, so this is a heuristic that errs towards silence:
 *
 * 1. The lines of one request are those sharing `trace.id` and `span.id` (one span per
 *    served request with `expressContext()`). A line without both is a request of its own.
 * 2. A request carried credentials when one of its lines logs an `Authorization`,
 *    `Proxy-Authorization` or API-key header (any of core's `AUTH_KEYS`, any case) under
 *    `http.request.headers` (the access log) or `headers` (the payload container). The
 *    value is masked by then; its presence is enough. Cookies do not count: anonymous
 *    sessions have cookies too.
 * 3. A request refused with 401, 403 or 407 (`http.response.status_code` on any of its
 *    lines) was not authenticated: nothing to report.
 * 4. Otherwise, when none of its lines has `user.id`, one warning is reported at its first
 *    credentialed line: the user binding most likely runs before authentication.
 *
 * Access logs without request headers (`requestHeaders: false`) give no evidence, so
 * nothing is reported for them.
 */
import { AUTH_KEYS } from '../fields';
import type { LineFinding } from './findings';
import { firstValue, type LineFields } from './line-fields';

/** Where a line is, for the finding reported at the end. */
export interface LineLocation {
  readonly source?: string;
  readonly line: number;
}

interface RequestEvidence {
  credentialAt: LineLocation | undefined;
  credentialPath: string;
  hasUser: boolean;
  refused: boolean;
}

/** Requests remembered at once; the oldest are decided early beyond this. */
const MAX_OPEN_REQUESTS = 100_000;

const AUTH = new Set<string>(AUTH_KEYS);
const HEADER_CONTAINERS = ['http.request.headers.', 'headers.'];
const REFUSED = new Set([401, 403, 407]);

function credentialPath(fields: LineFields): string | undefined {
  for (const path of fields.values.keys()) {
    for (const prefix of HEADER_CONTAINERS) {
      if (path.startsWith(prefix) && AUTH.has(path.slice(prefix.length).toLowerCase())) return path;
    }
  }
  return undefined;
}

/** Collects the evidence of each request over a run and decides at the end. */
export class UserIdTracker {
  private readonly open = new Map<string, RequestEvidence>();
  private readonly decided: (LineFinding & LineLocation)[] = [];
  private anonymous = 0;

  /** Takes one line's evidence. */
  observe(fields: LineFields, at: LineLocation): void {
    const traceId = firstValue(fields, 'trace.id');
    const spanId = firstValue(fields, 'span.id');
    const key = typeof traceId === 'string' && typeof spanId === 'string' ? `${traceId}\u0000${spanId}` : `\u0001${this.anonymous++}`;
    let evidence = this.open.get(key);
    if (evidence === undefined) {
      evidence = { credentialAt: undefined, credentialPath: '', hasUser: false, refused: false };
      this.open.set(key, evidence);
      if (this.open.size > MAX_OPEN_REQUESTS) this.decideOldest();
    }
    if (fields.values.has('user.id')) evidence.hasUser = true;
    const status = firstValue(fields, 'http.response.status_code');
    if (typeof status === 'number' ? REFUSED.has(status) : typeof status === 'string' && REFUSED.has(Number(status))) evidence.refused = true;
    if (evidence.credentialAt === undefined) {
      const path = credentialPath(fields);
      if (path !== undefined) {
        evidence.credentialAt = at;
        evidence.credentialPath = path;
      }
    }
    // a line that cannot be joined to others is decided at once
    if (key.charCodeAt(0) === 1) {
      this.open.delete(key);
      this.decide(evidence);
    }
  }

  /** Decides every open request and returns all findings, in the order found. */
  finish(): (LineFinding & LineLocation)[] {
    for (const evidence of this.open.values()) this.decide(evidence);
    this.open.clear();
    return this.decided;
  }

  private decideOldest(): void {
    const oldest = this.open.keys().next();
    if (oldest.done === true) return;
    const evidence = this.open.get(oldest.value) as RequestEvidence;
    this.open.delete(oldest.value);
    this.decide(evidence);
  }

  private decide(evidence: RequestEvidence): void {
    if (evidence.credentialAt === undefined || evidence.hasUser || evidence.refused) return;
    this.decided.push({
      ...evidence.credentialAt,
      check: 'user-id',
      severity: 'warning',
      path: 'user.id',
      message: `this request carried credentials (${evidence.credentialPath}) and was not refused, yet none of its lines has user.id: mount expressContext({ getUserId }) or bindUser() after your authentication middleware`,
    });
  }
}
