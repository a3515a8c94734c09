import { randomBytes } from "node:crypto";
import type { CardBrand } from "../cards/card-brand.ts";
import type { CardOutcome } from "../cards/test-cards.ts";
import type { CardVault } from "./card-vault.ts";
import { createIdempotencyStore, type IdempotentAnswer } from "./idempotency-store.ts";
import { apiError, type ApiResponse } from "./sandbox-api-error.ts";

/** A saved card as the sandbox keeps it: display data and the test outcome, never the number. */
export interface SavedCardRecord {
  readonly id: string;
  readonly customerId: string;
  brand: CardBrand;
  last4: string;
  expMonth: number;
  expYear: number;
  /** The test-card outcome of the card's number, decided at tokenisation (not sent in answers). */
  outcome: CardOutcome;
}

/** Customers (named by the merchant's own reference) and their saved cards, in memory. */
export interface CustomerBook {
  /** The customer for `reference`, created on first use (200 either way). */
  ensure(reference: string): ApiResponse;
  /** The customer for `reference` (200) or 404. */
  find(reference: string): ApiResponse;
  save(key: string, customerId: string, token: string): IdempotentAnswer;
  update(key: string, customerId: string, cardId: string, token: string): IdempotentAnswer;
  delete(customerId: string, cardId: string): ApiResponse;
  /** The customer's saved card, or `undefined` (also for another customer's card). */
  card(customerId: string, cardId: string): SavedCardRecord | undefined;
}

const cardBody = (card: SavedCardRecord) => ({
  id: card.id,
  customerId: card.customerId,
  brand: card.brand,
  last4: card.last4,
  expMonth: card.expMonth,
  expYear: card.expYear,
});

/** A customer book whose cards come from `vault`'s single-use tokens. */
export const createCustomerBook = (vault: CardVault): CustomerBook => {
  const idempotency = createIdempotencyStore();
  const byReference = new Map<string, { readonly id: string; readonly reference: string }>();
  const cards = new Map<string, SavedCardRecord[]>();
  const customerIds = new Set<string>();

  const customerBody = (customer: { readonly id: string; readonly reference: string }) => ({
    id: customer.id,
    reference: customer.reference,
    cards: (cards.get(customer.id) ?? []).map(cardBody),
  });

  /** The token's card, consumed (tokens are single-use), or an error answer. */
  const takeToken = (token: string): ApiResponse | { readonly brand: CardBrand; readonly last4: string; readonly expMonth: number; readonly expYear: number; readonly outcome: CardOutcome } => {
    const record = vault.get(token);
    if (record === undefined) return apiError("invalid_token", "unknown card token");
    if (record.used) return apiError("token_already_used", "card tokens are single-use");
    record.used = true;
    return record;
  };

  return {
    ensure(reference) {
      let customer = byReference.get(reference);
      if (customer === undefined) {
        customer = { id: `cus_${randomBytes(12).toString("base64url")}`, reference };
        byReference.set(reference, customer);
        customerIds.add(customer.id);
      }
      return { status: 200, body: customerBody(customer) };
    },

    find(reference) {
      const customer = byReference.get(reference);
      return customer === undefined ? apiError("not_found", "no such customer") : { status: 200, body: customerBody(customer) };
    },

    save: (key, customerId, token) =>
      idempotency.run("save-card", key, JSON.stringify([customerId, token]), () => {
        if (!customerIds.has(customerId)) return apiError("not_found", "no such customer");
        const card = takeToken(token);
        if ("status" in card) return card;
        const record: SavedCardRecord = {
          id: `card_${randomBytes(12).toString("base64url")}`,
          customerId,
          brand: card.brand,
          last4: card.last4,
          expMonth: card.expMonth,
          expYear: card.expYear,
          outcome: card.outcome,
        };
        cards.set(customerId, [...(cards.get(customerId) ?? []), record]);
        return { status: 200, body: cardBody(record) };
      }),

    update: (key, customerId, cardId, token) =>
      idempotency.run("update-card", key, JSON.stringify([customerId, cardId, token]), () => {
        const record = cards.get(customerId)?.find((c) => c.id === cardId);
        if (record === undefined) return apiError("not_found", "no such saved card for this customer");
        const card = takeToken(token);
        if ("status" in card) return card;
        record.brand = card.brand;
        record.last4 = card.last4;
        record.expMonth = card.expMonth;
        record.expYear = card.expYear;
        record.outcome = card.outcome;
        return { status: 200, body: cardBody(record) };
      }),

    delete(customerId, cardId) {
      const list = cards.get(customerId) ?? [];
      if (!list.some((c) => c.id === cardId)) return apiError("not_found", "no such saved card for this customer");
      cards.set(
        customerId,
        list.filter((c) => c.id !== cardId),
      );
      return { status: 200, body: { deleted: true } };
    },

    card: (customerId, cardId) => cards.get(customerId)?.find((c) => c.id === cardId),
  };
};
