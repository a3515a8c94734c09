import { okAsync, type ResultAsync } from "neverthrow";
import type { Clock } from "../../shared/clock.port.ts";
import type { Hasher } from "../../shared/hasher.port.ts";
import type { StorageError } from "../../shared/storage.errors.ts";
import type { SecureRandom } from "../secure-random.port.ts";
import { issuePasswordReset, type PasswordResetTicket } from "./password-reset-ticket.ts";

/** Dependencies of {@link requestPasswordReset}. */
export interface RequestPasswordResetDeps {
  readonly clock: Clock;
  readonly random: SecureRandom;
  readonly hasher: Hasher;
  findAccountIdByEmail(email: string): ResultAsync<string | null, StorageError>;
  /**
   * Stores the ticket and queues the email with the link in one transaction (the outbox, ADR 9), so
   * the HTTP answer never waits for mail delivery.
   */
  saveTicketAndQueueEmail(ticket: PasswordResetTicket, token: string): ResultAsync<void, StorageError>;
}

/**
 * "Forgot my password": answers `Ok(undefined)` whether or not an account has this address, so the
 * answer does not reveal who is registered (ASVS 5.0 V6, no user enumeration). A token is drawn and
 * hashed on both paths; only the store-and-queue step differs, and it is a local transaction.
 */
export const requestPasswordReset =
  (deps: RequestPasswordResetDeps) =>
  (input: { readonly email: string }): ResultAsync<void, StorageError> => {
    const now = deps.clock.now();
    return deps.findAccountIdByEmail(input.email).andThen((accountId) => {
      const { token, ticket } = issuePasswordReset(deps, { accountId: accountId ?? "", now, requestedBy: "self" });
      return accountId === null ? okAsync(undefined) : deps.saveTicketAndQueueEmail(ticket, token);
    });
  };
