/** A label value as ECS `labels.*` keeps it: `labels` is a keyword field, so always a string. */
export type LabelValue = string;

/**
 * Fields that can be bound to a logging scope; the Node spelling of the Python library's
 * `LoggingContext` dataclass. Each maps to one place in the output line.
 */
export interface LoggingContextFields {
  /** → `span.id`. Set per request/job by the Express and BullMQ packages. */
  spanId?: string | null;
  /** → `user.id`. */
  userId?: string | number | null;
  /** → `client.ip`. */
  ip?: string | null;
  /** → `session_id` (a sanctioned flat root field). */
  sessionId?: string | null;
  /** → `payment.orn`. */
  orn?: string | null;
  /** → `payment.pg_code`. */
  pgCode?: string | null;
  /** → `payment.reference`. */
  referenceNumber?: string | null;
  /** Merged into the root of each line (then placed by the namespace rules); deep-merges on each bind. */
  extra?: Record<string, unknown>;
  /** → `labels.*`; values are kept as strings (objects as JSON text); merges on each bind. */
  labels?: Record<string, unknown>;
}

/** The bound fields of one scope, as read by {@link getLoggingContext}. Immutable. */
export interface LoggingContext {
  readonly spanId?: string;
  readonly userId?: string | number;
  readonly ip?: string;
  readonly sessionId?: string;
  readonly orn?: string;
  readonly pgCode?: string;
  readonly referenceNumber?: string;
  readonly extra: Readonly<Record<string, unknown>>;
  readonly labels: Readonly<Record<string, LabelValue>>;
}
