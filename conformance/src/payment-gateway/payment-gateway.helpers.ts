import type { Result } from "neverthrow";
import { expect } from "vitest";
import { IdempotencyKey, yen, type Authorization, type PaymentError, type PaymentGateway } from "@madoguchi/core";
import type { PaymentGatewayTestTokens } from "./payment-gateway.types.ts";

/** The Ok value, or a failed expectation naming the error. */
export const okValue = async <T>(pending: PromiseLike<Result<T, PaymentError>>): Promise<T> => {
  const result = await pending;
  if (result.isErr()) expect.fail(`expected Ok, got ${JSON.stringify(result.error)}`);
  return result.value;
};

/** The PaymentError, or a failed expectation. */
export const errorOf = async <T>(pending: PromiseLike<Result<T, PaymentError>>): Promise<PaymentError> => {
  const result = await pending;
  if (result.isOk()) expect.fail(`expected a PaymentError, got Ok ${JSON.stringify(result.value)}`);
  expect(result.error._tag).toBe("PaymentError");
  return result.error;
};

/** A key no other test (or earlier run against the same gateway) has used. */
export const freshKey = (): IdempotencyKey => IdempotencyKey(`conformance-${globalThis.crypto.randomUUID()}`);

/** Brands of the port. */
const BRANDS = ["visa", "mastercard", "jcb", "amex", "diners"];

/** Checks the fields every authorisation has. */
export const expectWellFormed = (authorization: Authorization, amount: number, key: IdempotencyKey): void => {
  expect(typeof authorization.id).toBe("string");
  expect(authorization.id.length).toBeGreaterThan(0);
  expect(authorization.amount).toBe(amount);
  expect(authorization.idempotencyKey).toBe(key);
  expect(BRANDS).toContain(authorization.brand);
  expect(authorization.last4).toMatch(/^\d{4}$/);
};

/** A fresh authorised payment of `amount` with a success token. */
export const authorizeNew = async (gateway: PaymentGateway, tokens: PaymentGatewayTestTokens, amount: number): Promise<Authorization> => {
  const idempotencyKey = freshKey();
  return okValue(gateway.authorize({ source: { kind: "token" as const, token: await tokens.success() }, amount: yen(amount), idempotencyKey, description: "madoguchi conformance" }));
};

