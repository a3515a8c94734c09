import { randomBytes } from "node:crypto";
import type { CardBrand } from "../cards/card-brand.ts";
import type { CardVault } from "./card-vault.ts";
import { createIdempotencyStore, type IdempotentAnswer } from "./idempotency-store.ts";
import { apiError, type ApiResponse } from "./sandbox-api-error.ts";

/** An authorisation as the sandbox keeps it and answers it (JSON). */
export interface AuthorizationRecord {
  readonly id: string;
  readonly amount: number;
  capturedAmount: number;
  status: "authorized" | "captured" | "voided";
  readonly brand: CardBrand;
  readonly last4: string;
  readonly idempotencyKey: string;
  readonly description: string;
  /** `not_implemented` for the 3-D Secure test card: EMV 3DS is not simulated yet. */
  readonly threeDSecure: "not_required" | "not_implemented";
  readonly createdAt: string;
}

/** What the server-to-server API sends to authorise. */
export interface AuthorizeInput {
  readonly token: string;
  readonly amount: number;
  readonly description: string;
}

/** The answer to an authorisation; `slow` asks the HTTP layer to delay it (the timeout-after-commit card). */
export interface AuthorizeAnswer extends IdempotentAnswer {
  readonly slow: boolean;
}

/** The sandbox's authorisations, with idempotency keys. Every operation is synchronous (in-memory). */
export interface AuthorizationLedger {
  authorize(key: string, input: AuthorizeInput, now: Date): AuthorizeAnswer;
  capture(key: string, id: string, amount: number): IdempotentAnswer;
  void(key: string, id: string): IdempotentAnswer;
  /** The authorisation made with this idempotency key (200), or 404 when none was made. */
  findByIdempotencyKey(key: string): ApiResponse;
}

const snapshot = (record: AuthorizationRecord): AuthorizationRecord => ({ ...record });

/** A ledger in memory over `vault`'s tokens. */
export const createAuthorizationLedger = (vault: CardVault): AuthorizationLedger => {
  const idempotency = createIdempotencyStore();
  const byId = new Map<string, AuthorizationRecord>();
  const byKey = new Map<string, AuthorizationRecord>();

  const changeState = (
    id: string,
    change: (record: AuthorizationRecord) => ApiResponse | undefined,
  ): ApiResponse => {
    const record = byId.get(id);
    if (record === undefined) return apiError("not_found", "no such authorization");
    if (record.status !== "authorized") return apiError("invalid_state", `the authorization is already ${record.status}`);
    return change(record) ?? { status: 200, body: snapshot(record) };
  };

  return {
    authorize(key, input, now) {
      let slow = false;
      const answer = idempotency.run("authorize", key, JSON.stringify([input.token, input.amount, input.description]), () => {
        const card = vault.get(input.token);
        if (card === undefined) return apiError("invalid_token", "unknown card token");
        if (card.used) return apiError("token_already_used", "card tokens are single-use");
        const outcome = card.outcome;
        // A processing error commits nothing, so the token stays usable for a retry.
        if (outcome.kind === "processing_error") return apiError("processing_error", "the card network failed to process the request");
        card.used = true;
        if (outcome.kind === "decline") {
          const messages = {
            card_declined: "the card was declined",
            insufficient_funds: "the card has insufficient funds",
            expired_card: "the card has expired",
          } as const;
          return apiError(outcome.code, messages[outcome.code]);
        }
        slow = outcome.kind === "timeout_after_commit";
        const record: AuthorizationRecord = {
          id: `auth_${randomBytes(12).toString("base64url")}`,
          amount: input.amount,
          capturedAmount: 0,
          status: "authorized",
          brand: card.brand,
          last4: card.last4,
          idempotencyKey: key,
          description: input.description,
          threeDSecure: outcome.kind === "approve" ? outcome.threeDSecure : "not_required",
          createdAt: now.toISOString(),
        };
        byId.set(record.id, record);
        byKey.set(key, record);
        return { status: 200, body: snapshot(record) };
      });
      return { ...answer, slow };
    },

    capture: (key, id, amount) =>
      idempotency.run("capture", key, JSON.stringify([id, amount]), () =>
        changeState(id, (record) => {
          if (amount > record.amount) return apiError("amount_exceeds_authorized", "the capture exceeds the authorized amount");
          // One capture per authorisation; a partial capture releases the rest.
          record.capturedAmount = amount;
          record.status = "captured";
          return undefined;
        }),
      ),

    void: (key, id) =>
      idempotency.run("void", key, JSON.stringify([id]), () =>
        changeState(id, (record) => {
          record.status = "voided";
          return undefined;
        }),
      ),

    findByIdempotencyKey(key) {
      const record = byKey.get(key);
      return record === undefined ? apiError("not_found", "no authorization was made with this idempotency key") : { status: 200, body: snapshot(record) };
    },
  };
};
