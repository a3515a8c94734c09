import type { ApplicationId, ReceiptNumber } from "./ids.ts";

/** Port: fresh identifiers. Core never draws randomness itself. */
export interface IdGenerator {
  applicationId(): ApplicationId;
  /** A receipt number a resident can read out on the phone: date part plus random part. */
  receiptNumber(now: Date): ReceiptNumber;
  /** A secret with at least 128 bits of entropy, base64url (status links, access codes). */
  secret(): string;
  /** A generic unique id (outbox messages, history entries). */
  uuid(): string;
}
