import { randomBytes } from "node:crypto";
import type { CardBrand } from "../cards/card-brand.ts";
import type { CardOutcome } from "../cards/test-cards.ts";
import type { CardVault } from "./card-vault.ts";
import type { CustomerBook } from "./customer-book.ts";
import { createIdempotencyStore, type IdempotentAnswer } from "./idempotency-store.ts";
import { apiError, type ApiResponse } from "./sandbox-api-error.ts";

/** An authorisation as the sandbox keeps it and answers it (JSON). */
export interface AuthorizationRecord {
  readonly id: string;
  readonly amount: number;
  capturedAmount: number;
  refundedAmount: number;
  status: "challenge_required" | "authorized" | "captured" | "voided";
  readonly brand: CardBrand;
  readonly last4: string;
  readonly idempotencyKey: string;
  readonly description: string;
  /** `required` for the 3-D Secure test card: the resident must pass the challenge page first. */
  readonly threeDSecure: "not_required" | "required";
  /** Path of the challenge page (relative to the sandbox's base URL) while `challenge_required`. */
  challengePath: string | null;
  readonly createdAt: string;
}

/** What the server-to-server API sends to authorise: a token, or a customer's saved card. */
export type AuthorizeInput =
  | { readonly token: string; readonly amount: number; readonly description: string }
  | { readonly customerId: string; readonly cardId: string; readonly amount: number; readonly description: string };

/** The answer to an authorisation; `slow` asks the HTTP layer to delay it (the timeout-after-commit card). */
export interface AuthorizeAnswer extends IdempotentAnswer {
  readonly slow: boolean;
}

/** A capture or one refund as the sandbox booked it: what its settlement records answer (ADR 0029). */
export interface SettlementMovement {
  readonly id: string;
  readonly authorizationId: string;
  readonly kind: "capture" | "refund";
  readonly amount: number;
  readonly at: string;
  readonly brand: CardBrand;
  readonly idempotencyKey: string;
}

/** A state change worth a webhook event. */
export type LedgerEventType = "authorization.authorized" | "authorization.challenge_failed" | "authorization.captured" | "authorization.voided" | "authorization.refunded";

/** The sandbox's authorisations, with idempotency keys. Every operation is synchronous (in-memory). */
export interface AuthorizationLedger {
  authorize(key: string, input: AuthorizeInput, now: Date): AuthorizeAnswer;
  /** The resident's answer on the challenge page (once; later answers change nothing). */
  answerChallenge(challengeId: string, passed: boolean): ApiResponse;
  /** Finishes a challenged authorisation: 200 authorised (or still pending), 402 `authentication_failed`. */
  completeChallenge(id: string): ApiResponse;
  capture(key: string, id: string, amount: number, now: Date): IdempotentAnswer;
  void(key: string, id: string): IdempotentAnswer;
  refund(key: string, id: string, amount: number, now: Date): IdempotentAnswer;
  /** The captures and refunds booked at `from` ≤ t < `to`, oldest first (ties by id). */
  movements(from: Date, to: Date): readonly SettlementMovement[];
  /** The authorisation made with this idempotency key (200), or 404 when none was made. */
  findByIdempotencyKey(key: string): ApiResponse;
  get(id: string): ApiResponse;
}

const snapshot = (record: AuthorizationRecord): AuthorizationRecord => ({ ...record });

const DECLINE_MESSAGES = {
  card_declined: "the card was declined",
  insufficient_funds: "the card has insufficient funds",
  expired_card: "the card has expired",
} as const;

/**
 * A ledger in memory over `vault`'s tokens and `customers`' saved cards. `emit` is told of every state
 * change (the webhook sender); it runs after the change, so a failing delivery never undoes money moved.
 */
export const createAuthorizationLedger = (
  vault: CardVault,
  customers: CustomerBook,
  emit: (type: LedgerEventType, record: AuthorizationRecord) => void = () => undefined,
): AuthorizationLedger => {
  const idempotency = createIdempotencyStore();
  const byId = new Map<string, AuthorizationRecord>();
  const byKey = new Map<string, AuthorizationRecord>();
  /** Challenge id → authorisation id, and the resident's answer once given. */
  const challenges = new Map<string, { readonly authorizationId: string; passed: boolean | null }>();
  const failed = new Set<string>();
  const booked: SettlementMovement[] = [];
  const book = (record: AuthorizationRecord, kind: SettlementMovement["kind"], amount: number, now: Date): void => {
    booked.push({ id: `${kind === "capture" ? "cap" : "ref"}_${randomBytes(12).toString("base64url")}`, authorizationId: record.id, kind, amount, at: now.toISOString(), brand: record.brand, idempotencyKey: record.idempotencyKey });
  };

  const changeState = (id: string, from: AuthorizationRecord["status"], change: (record: AuthorizationRecord) => ApiResponse | undefined): ApiResponse => {
    const record = byId.get(id);
    if (record === undefined) return apiError("not_found", "no such authorization");
    if (record.status !== from) return apiError("invalid_state", `the authorization is ${record.status}`);
    return change(record) ?? { status: 200, body: snapshot(record) };
  };

  /** The card behind the request and its test outcome, or an error answer. */
  const cardOf = (input: AuthorizeInput): ApiResponse | { readonly brand: CardBrand; readonly last4: string; readonly outcome: CardOutcome; consume(): void } => {
    if ("token" in input) {
      const card = vault.get(input.token);
      if (card === undefined) return apiError("invalid_token", "unknown card token");
      if (card.used) return apiError("token_already_used", "card tokens are single-use");
      return { brand: card.brand, last4: card.last4, outcome: card.outcome, consume: () => (card.used = true) };
    }
    const saved = customers.card(input.customerId, input.cardId);
    if (saved === undefined) return apiError("not_found", "no such saved card for this customer");
    // A saved card is charged again and again: nothing to consume.
    return { brand: saved.brand, last4: saved.last4, outcome: saved.outcome, consume: () => undefined };
  };

  return {
    authorize(key, input, now) {
      let slow = false;
      const fingerprint = JSON.stringify("token" in input ? [input.token, input.amount, input.description] : [input.customerId, input.cardId, input.amount, input.description]);
      const answer = idempotency.run("authorize", key, fingerprint, () => {
        const card = cardOf(input);
        if ("status" in card) return card;
        const outcome = card.outcome;
        // A processing error commits nothing, so the token stays usable for a retry.
        if (outcome.kind === "processing_error") return apiError("processing_error", "the card network failed to process the request");
        card.consume();
        if (outcome.kind === "decline") return apiError(outcome.code, DECLINE_MESSAGES[outcome.code]);
        slow = outcome.kind === "timeout_after_commit";
        const challenged = outcome.kind === "approve" && outcome.threeDSecure === "required";
        const challengeId = challenged ? `chl_${randomBytes(12).toString("base64url")}` : null;
        const record: AuthorizationRecord = {
          id: `auth_${randomBytes(12).toString("base64url")}`,
          amount: input.amount,
          capturedAmount: 0,
          refundedAmount: 0,
          status: challenged ? "challenge_required" : "authorized",
          brand: card.brand,
          last4: card.last4,
          idempotencyKey: key,
          description: input.description,
          threeDSecure: challenged ? "required" : "not_required",
          challengePath: challengeId === null ? null : `3ds/challenge/${challengeId}`,
          createdAt: now.toISOString(),
        };
        if (challengeId !== null) challenges.set(challengeId, { authorizationId: record.id, passed: null });
        byId.set(record.id, record);
        byKey.set(key, record);
        if (!challenged) emit("authorization.authorized", record);
        return { status: 200, body: snapshot(record) };
      });
      return { ...answer, slow };
    },

    answerChallenge(challengeId, passed) {
      const challenge = challenges.get(challengeId);
      if (challenge === undefined) return apiError("not_found", "no such challenge");
      if (challenge.passed === null) challenge.passed = passed;
      return { status: 200, body: { passed: challenge.passed } };
    },

    completeChallenge(id) {
      if (failed.has(id)) return apiError("authentication_failed", "the cardholder did not pass 3-D Secure");
      const record = byId.get(id);
      if (record === undefined) return apiError("not_found", "no such authorization");
      if (record.status !== "challenge_required") return { status: 200, body: snapshot(record) };
      const challengeId = record.challengePath?.split("/").pop() ?? "";
      const passed = challenges.get(challengeId)?.passed ?? null;
      if (passed === null) return { status: 200, body: snapshot(record) };
      if (!passed) {
        // Nothing was authorised: the record goes, as a decline leaves none.
        failed.add(id);
        byId.delete(id);
        byKey.delete(record.idempotencyKey);
        emit("authorization.challenge_failed", record);
        return apiError("authentication_failed", "the cardholder did not pass 3-D Secure");
      }
      record.status = "authorized";
      record.challengePath = null;
      emit("authorization.authorized", record);
      return { status: 200, body: snapshot(record) };
    },

    capture: (key, id, amount, now) =>
      idempotency.run("capture", key, JSON.stringify([id, amount]), () =>
        changeState(id, "authorized", (record) => {
          if (amount > record.amount) return apiError("amount_exceeds_authorized", "the capture exceeds the authorized amount");
          // One capture per authorisation; a partial capture releases the rest.
          record.capturedAmount = amount;
          record.status = "captured";
          book(record, "capture", amount, now);
          emit("authorization.captured", record);
          return undefined;
        }),
      ),

    void: (key, id) =>
      idempotency.run("void", key, JSON.stringify([id]), () =>
        changeState(id, "authorized", (record) => {
          record.status = "voided";
          emit("authorization.voided", record);
          return undefined;
        }),
      ),

    refund: (key, id, amount, now) =>
      idempotency.run("refund", key, JSON.stringify([id, amount]), () =>
        changeState(id, "captured", (record) => {
          if (record.refundedAmount + amount > record.capturedAmount) return apiError("amount_exceeds_captured", "refunds would exceed the captured amount");
          record.refundedAmount += amount;
          book(record, "refund", amount, now);
          emit("authorization.refunded", record);
          return undefined;
        }),
      ),

    findByIdempotencyKey(key) {
      const record = byKey.get(key);
      return record === undefined ? apiError("not_found", "no authorization was made with this idempotency key") : { status: 200, body: snapshot(record) };
    },

    movements(from, to) {
      const [start, end] = [from.toISOString(), to.toISOString()];
      return booked.filter((m) => m.at >= start && m.at < end).sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1));
    },

    get(id) {
      const record = byId.get(id);
      return record === undefined ? apiError("not_found", "no such authorization") : { status: 200, body: snapshot(record) };
    },
  };
};
