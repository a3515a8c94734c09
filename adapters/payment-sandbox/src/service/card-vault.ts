import { randomBytes } from "node:crypto";
import { detectBrand, hasValidLength, securityCodeLength, type CardBrand } from "../cards/card-brand.ts";
import { isLuhnValid } from "../cards/luhn.ts";
import { outcomeOf, type CardOutcome } from "../cards/test-cards.ts";
import { apiError, type ApiResponse } from "./sandbox-api-error.ts";

/** What the hosted fields post to `/v1/tokens`. */
export interface CardInput {
  readonly number: string;
  readonly expMonth: number;
  readonly expYear: number;
  readonly cvc: string;
  readonly name: string;
}

/**
 * What the vault keeps for a token. Not the card number, not the security code: only what the
 * authorisation needs (brand, last4, expiry) and the test-card outcome decided at tokenisation.
 */
export interface TokenRecord {
  readonly brand: CardBrand;
  readonly last4: string;
  readonly expMonth: number;
  readonly expYear: number;
  readonly outcome: CardOutcome;
  used: boolean;
}

/** The sandbox's token store: validates cards and issues single-use tokens. */
export interface CardVault {
  /** Validates the card and answers `{ token, brand, last4 }` (200) or a 400 error with a field code. */
  tokenize(card: CardInput, now: Date): ApiResponse;
  /** The token's record, or `undefined` for a token never issued. */
  get(token: string): TokenRecord | undefined;
}

/** A vault in memory accepting cards of `acceptedBrands`. */
export const createCardVault = (acceptedBrands: readonly CardBrand[]): CardVault => {
  const tokens = new Map<string, TokenRecord>();
  const accepted = new Set(acceptedBrands);
  return {
    tokenize(card, now) {
      const digits = card.number.replace(/[ -]/g, "");
      if (!/^\d{12,19}$/.test(digits) || !isLuhnValid(digits)) return apiError("invalid_number", "the card number is not valid");
      const brand = detectBrand(digits);
      if (brand === null || !accepted.has(brand)) return apiError("unsupported_brand", "this card brand is not accepted");
      if (!hasValidLength(brand, digits.length)) return apiError("invalid_number", "the card number is not valid");
      const { expMonth, expYear } = card;
      const thisYear = now.getUTCFullYear();
      if (expMonth < 1 || expMonth > 12 || expYear > thisYear + 20) return apiError("invalid_expiry", "the expiry date is not valid");
      // A card is valid through the last day of its expiry month.
      if (expYear * 12 + expMonth < thisYear * 12 + now.getUTCMonth() + 1) {
        return apiError("expired_card", "the card has expired", 400);
      }
      if (!new RegExp(`^\\d{${securityCodeLength(brand)}}$`).test(card.cvc)) return apiError("invalid_cvc", "the security code is not valid");
      const name = card.name.trim();
      if (name.length === 0 || name.length > 100) return apiError("invalid_name", "the cardholder name is missing or too long");
      const token = `tok_${randomBytes(18).toString("base64url")}`;
      const last4 = digits.slice(-4);
      tokens.set(token, { brand, last4, expMonth, expYear, outcome: outcomeOf(digits), used: false });
      return { status: 200, body: { token, brand, last4 } };
    },
    get: (token) => tokens.get(token),
  };
};
