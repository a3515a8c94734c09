import type { ApplicationId } from "../shared/ids.ts";
import type { ApplicationStatus } from "../applications/application-status.ts";

/**
 * A side effect to perform after a committed change (transactional outbox). It carries no personal
 * data: the relay loads the application and renders the email when it sends.
 */
export interface OutboxMessage {
  readonly id: string;
  readonly kind: "application.status_changed";
  readonly applicationId: ApplicationId;
  /** The status the application entered (`submitted` for the submission itself). */
  readonly status: ApplicationStatus;
  readonly createdAt: Date;
}

/** An outbox message with its delivery state. */
export interface OutboxEntry {
  readonly message: OutboxMessage;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly sentAt: Date | null;
  /** Last failure, without personal data. */
  readonly lastError: string | null;
}
