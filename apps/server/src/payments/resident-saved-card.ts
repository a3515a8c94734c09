import type { PaymentGateway, SavedCard } from "@madoguchi/core";
import type { ServerDeps } from "../http/server-deps.ts";

/**
 * The gateway customer of a resident account is named by this reference: the opaque account id, never
 * a name or an email address. Only the logged-in owner of the account reaches it (SECURITY.md: a card on
 * file can be charged only by its owner).
 */
export const customerReferenceOf = (accountId: string): string => `resident-${accountId}`;

/** The resident's saved card (one per account), or `null`; gateway failures are errors. */
export const savedCardOf = (gateway: PaymentGateway, accountId: string) =>
  gateway.findCustomer(customerReferenceOf(accountId)).map((customer): SavedCard | null => customer?.cards[0] ?? null);

/** What the browser may see of a saved card: display data only. */
export const cardView = (card: SavedCard) => ({ id: card.id, brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear });

/**
 * The logged-in resident's saved card with this id, as the gateway source of a payment, or `null` when
 * nobody is logged in, the card is someone else's, or the gateway cannot say (then the resident enters a card).
 */
export const ownSavedCard = async (deps: Pick<ServerDeps, "gateway">, accountId: string | null, cardId: string) => {
  if (accountId === null) return null;
  const card = await savedCardOf(deps.gateway, accountId);
  return card.isOk() && card.value !== null && card.value.id === cardId ? { customerId: card.value.customerId, cardId: card.value.id } : null;
};
