import { startSandboxGateway, type SandboxGateway } from "../../src/index.ts";
import type { CardBrand } from "../../src/cards/card-brand.ts";

/** The secret key of test sandboxes. */
export const SECRET_KEY = "sk_test_0123456789abcdef";
/** The resident portal's origin in tests (nothing listens there unless a test starts a page). */
export const PARENT_ORIGIN = "http://127.0.0.1:5173";

/** A card as the hosted fields post it; defaults to a valid VISA test card expiring in the future. */
export interface TestCard {
  readonly number: string;
  readonly expMonth?: number;
  readonly expYear?: number;
  readonly cvc?: string;
  readonly name?: string;
}

/** Starts a sandbox on 127.0.0.1:0 with test settings. */
export const startTestSandbox = (
  extra: {
    readonly slowResponseDelayMs?: number;
    readonly acceptedBrands?: readonly CardBrand[];
    readonly allowedParentOrigins?: readonly string[];
    readonly webhookUrl?: string;
    readonly webhookSecret?: string;
  } = {},
): Promise<SandboxGateway> =>
  startSandboxGateway({
    port: 0,
    host: "127.0.0.1",
    secretKey: SECRET_KEY,
    allowedParentOrigins: extra.allowedParentOrigins ?? [PARENT_ORIGIN],
    slowResponseDelayMs: extra.slowResponseDelayMs ?? 4000,
    ...(extra.acceptedBrands === undefined ? {} : { acceptedBrands: extra.acceptedBrands }),
    ...(extra.webhookUrl === undefined ? {} : { webhookUrl: extra.webhookUrl }),
    ...(extra.webhookSecret === undefined ? {} : { webhookSecret: extra.webhookSecret }),
  });

/** Posts a card to `/v1/tokens` as the hosted fields do; answers status and JSON body. */
export const postCard = async (baseUrl: string, card: TestCard): Promise<{ status: number; body: any }> => {
  const response = await fetch(`${baseUrl}/v1/tokens`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      number: card.number,
      expMonth: card.expMonth ?? 12,
      expYear: card.expYear ?? new Date().getUTCFullYear() + 3,
      cvc: card.cvc ?? "123",
      name: card.name ?? "TARO MADOGUCHI",
    }),
  });
  return { status: response.status, body: await response.json() };
};

/** A fresh token for `number`, as the browser would obtain it; throws if tokenisation fails. */
export const mintToken = async (baseUrl: string, number: string): Promise<string> => {
  const { status, body } = await postCard(baseUrl, { number });
  if (status !== 200 || typeof body.token !== "string") throw new Error(`tokenisation failed: ${status} ${JSON.stringify(body)}`);
  return body.token;
};

/** Calls the server-to-server API with the secret key. */
export const api = async (
  baseUrl: string,
  method: "GET" | "POST" | "DELETE",
  path: string,
  options: { readonly body?: unknown; readonly idempotencyKey?: string; readonly secretKey?: string | null } = {},
): Promise<{ status: number; body: any; headers: Headers }> => {
  const headers: Record<string, string> = {};
  const secretKey = options.secretKey === undefined ? SECRET_KEY : options.secretKey;
  if (secretKey !== null) headers["Authorization"] = `Bearer ${secretKey}`;
  if (options.idempotencyKey !== undefined) headers["Idempotency-Key"] = options.idempotencyKey;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === "" ? null : JSON.parse(text), headers: response.headers };
};
