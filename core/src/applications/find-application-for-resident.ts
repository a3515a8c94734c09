import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import type { Hasher } from "../shared/hasher.port.ts";
import { ReceiptNumber } from "../shared/ids.ts";
import { toHalfWidthAscii } from "../shared/japanese/width.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import { timingSafeEqualHex } from "../shared/timing-safe-equal-hex.ts";
import type { Application } from "./application.ts";
import type { ApplicationNotFound } from "./application.errors.ts";
import type { ApplicationStore } from "./application-store.port.ts";

/** Ports used to look up an application on the resident's behalf. */
export interface ResidentAccessDeps {
  readonly store: ApplicationStore;
  readonly hasher: Hasher;
}

/** What the resident proves: the receipt number and the access secret shown at submission. */
export interface ResidentCredentials {
  readonly receiptNumber: string;
  readonly accessSecret: string;
}

/** Errors of {@link findApplicationForResident}. */
export type FindApplicationForResidentError = ApplicationNotFound | StorageError;

const notFound: ApplicationNotFound = { _tag: "ApplicationNotFound", code: "application.not_found" };

/**
 * The application with this receipt number, if the access secret matches its stored hash. An
 * unknown receipt number and a wrong secret give the same `ApplicationNotFound`, so the answer does
 * not tell which receipt numbers exist. The secret is hashed in both cases and compared without an
 * early exit. The receipt number may be typed in full-width characters.
 */
export const findApplicationForResident = (
  deps: ResidentAccessDeps,
  credentials: ResidentCredentials,
): ResultAsync<Application, FindApplicationForResidentError> => {
  const receiptNumber = ReceiptNumber(toHalfWidthAscii(credentials.receiptNumber).trim());
  const presentedHash = deps.hasher.sha256Hex(credentials.accessSecret);
  return deps.store.findByReceiptNumber(receiptNumber).andThen((application) => {
    if (application === null) {
      // Same work as the found case, so that timing says as little as the answer.
      timingSafeEqualHex(presentedHash, presentedHash);
      return errAsync(notFound);
    }
    return timingSafeEqualHex(presentedHash, application.accessSecretHash) ? okAsync(application) : errAsync(notFound);
  });
};
