import type { ResultAsync } from "neverthrow";
import type { AdapterMeta } from "../shared/adapter-meta.ts";

/** Contract id of {@link Mailer}. */
export const MAILER_CONTRACT = "mailer@1" as const;

export interface MailMessage {
  /** Stable id (the outbox message id): receivers may deduplicate by it. */
  readonly id: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export interface MailError {
  readonly _tag: "MailError";
  readonly reason: "rejected" | "unavailable" | "timeout";
  readonly operation: string;
  readonly retryable: boolean;
  readonly message: string;
}

/** Port: sending an email. */
export interface Mailer {
  readonly meta: AdapterMeta;
  send(message: MailMessage): ResultAsync<{ readonly messageId: string }, MailError>;
  healthCheck(): ResultAsync<void, MailError>;
  close(): Promise<void>;
}
