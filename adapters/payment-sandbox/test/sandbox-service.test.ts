import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_CARDS, type SandboxGateway } from "../src/index.ts";
import { api, mintToken, PARENT_ORIGIN, postCard, startTestSandbox } from "./support/sandbox-fixture.ts";

let sandbox: SandboxGateway;
beforeAll(async () => {
  sandbox = await startTestSandbox({ slowResponseDelayMs: 300 });
});
afterAll(() => sandbox.close());

const key = (): string => `test-${randomUUID()}`;
const authorize = async (number: string, amount = 1000, idempotencyKey = key()) =>
  api(sandbox.url, "POST", "/v1/authorizations", {
    idempotencyKey,
    body: { token: await mintToken(sandbox.url, number), amount, description: "住民票の写し" },
  });

describe("sandbox service: tokenisation (POST /v1/tokens)", () => {
  it("issues a single-use token with brand and last4 for each success test card", async () => {
    for (const [number, brand] of [
      [TEST_CARDS.visaSuccess, "visa"],
      [TEST_CARDS.mastercardSuccess, "mastercard"],
      [TEST_CARDS.jcbSuccess, "jcb"],
    ] as const) {
      const { status, body } = await postCard(sandbox.url, { number });
      expect(status).toBe(200);
      expect(body).toEqual({ token: expect.stringMatching(/^tok_[A-Za-z0-9_-]{16,}$/), brand, last4: number.slice(-4) });
    }
  });

  it("accepts numbers grouped with spaces or hyphens", async () => {
    expect((await postCard(sandbox.url, { number: "4242 4242 4242 4242" })).status).toBe(200);
    expect((await postCard(sandbox.url, { number: "4242-4242-4242-4242" })).status).toBe(200);
  });

  it("rejects each invalid field with its own code and a message that does not echo the card", async () => {
    const thisYear = new Date().getUTCFullYear();
    const cases = [
      [{ number: "4242424242424241" }, "invalid_number"], // Luhn fails
      [{ number: "42424242" }, "invalid_number"], // too short
      [{ number: "4242424242424242", cvc: "12" }, "invalid_cvc"],
      [{ number: "4242424242424242", cvc: "1234" }, "invalid_cvc"],
      [{ number: "4242424242424242", expMonth: 13 }, "invalid_expiry"],
      [{ number: "4242424242424242", expMonth: 1, expYear: 2020 }, "expired_card"],
      [{ number: "4242424242424242", expYear: thisYear + 40 }, "invalid_expiry"],
      [{ number: "4242424242424242", name: "  " }, "invalid_name"],
      [{ number: "6011111111111117" }, "unsupported_brand"], // Discover
      [{ number: "378282246310005", cvc: "1234" }, "unsupported_brand"], // AMEX is off by default
    ] as const;
    for (const [card, code] of cases) {
      const { status, body } = await postCard(sandbox.url, card);
      expect({ number: card.number, status, code: body.error?.code }).toEqual({ number: card.number, status: 400, code });
      expect(JSON.stringify(body)).not.toContain(card.number);
    }
  });

  it("accepts a card that expires this month (valid through its last day)", async () => {
    const now = new Date();
    const { status } = await postCard(sandbox.url, { number: TEST_CARDS.visaSuccess, expMonth: now.getUTCMonth() + 1, expYear: now.getUTCFullYear() });
    expect(status).toBe(200);
  });

  it("answers malformed JSON with a 400 that does not quote the body", async () => {
    const response = await fetch(`${sandbox.url}/v1/tokens`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: '{"number": 4242424242424242, oops',
    });
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(JSON.parse(text)).toEqual({ error: { code: "invalid_request", message: expect.any(String) } });
    expect(text).not.toContain("4242");
  });
});

describe("sandbox service: AMEX and Diners are opt-in", () => {
  it("accepts them when enabled, with a four-digit security code for AMEX", async () => {
    const all = await startTestSandbox({ acceptedBrands: ["visa", "mastercard", "jcb", "amex", "diners"] });
    try {
      expect((await postCard(all.url, { number: "378282246310005", cvc: "1234" })).body).toMatchObject({ brand: "amex", last4: "0005" });
      expect((await postCard(all.url, { number: "378282246310005", cvc: "123" })).body.error.code).toBe("invalid_cvc");
      expect((await postCard(all.url, { number: "36227206271667" })).body).toMatchObject({ brand: "diners", last4: "1667" });
      expect((await postCard(all.url, { number: "3056930009020004" })).body).toMatchObject({ brand: "diners" });
    } finally {
      await all.close();
    }
  });
});

describe("sandbox service: server-to-server API", () => {
  it("requires the secret key as a bearer token", async () => {
    const token = await mintToken(sandbox.url, TEST_CARDS.visaSuccess);
    const body = { token, amount: 100, description: "x" };
    const missing = await api(sandbox.url, "POST", "/v1/authorizations", { body, idempotencyKey: key(), secretKey: null });
    const wrong = await api(sandbox.url, "POST", "/v1/authorizations", { body, idempotencyKey: key(), secretKey: "sk_test_wrong_wrong_wrong" });
    expect([missing.status, missing.body.error.code]).toEqual([401, "unauthorized"]);
    expect([wrong.status, wrong.body.error.code]).toEqual([401, "unauthorized"]);
    expect((await api(sandbox.url, "GET", "/v1/health", { secretKey: null })).status).toBe(401);
    expect(await api(sandbox.url, "GET", "/v1/health")).toMatchObject({ status: 200, body: { status: "ok" } });
  });

  it("requires an Idempotency-Key header on authorise, capture and void", async () => {
    const token = await mintToken(sandbox.url, TEST_CARDS.visaSuccess);
    const response = await api(sandbox.url, "POST", "/v1/authorizations", { body: { token, amount: 100, description: "x" } });
    expect([response.status, response.body.error.code]).toEqual([400, "idempotency_key_required"]);
    const created = await authorize(TEST_CARDS.visaSuccess);
    const capture = await api(sandbox.url, "POST", `/v1/authorizations/${created.body.id}/capture`, { body: { amount: 1 } });
    expect(capture.body.error.code).toBe("idempotency_key_required");
    expect((await api(sandbox.url, "POST", `/v1/authorizations/${created.body.id}/void`)).body.error.code).toBe("idempotency_key_required");
  });

  it("authorises a success card and answers the authorisation JSON", async () => {
    const idempotencyKey = key();
    const { status, body } = await authorize(TEST_CARDS.jcbSuccess, 450, idempotencyKey);
    expect(status).toBe(200);
    expect(body).toEqual({
      id: expect.stringMatching(/^auth_/),
      amount: 450,
      capturedAmount: 0,
      refundedAmount: 0,
      status: "authorized",
      brand: "jcb",
      last4: "0000",
      idempotencyKey,
      description: "住民票の写し",
      threeDSecure: "not_required",
      challenge: null,
      createdAt: expect.any(String),
    });
  });

  it("replays the same key and body with the same status and body, flagged Idempotent-Replayed", async () => {
    const token = await mintToken(sandbox.url, TEST_CARDS.visaSuccess);
    const request = { idempotencyKey: key(), body: { token, amount: 700, description: "x" } };
    const first = await api(sandbox.url, "POST", "/v1/authorizations", request);
    const second = await api(sandbox.url, "POST", "/v1/authorizations", request);
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(second.headers.get("idempotent-replayed")).toBe("true");
  });

  it("replays a decline with the same 402 rather than running again", async () => {
    const token = await mintToken(sandbox.url, TEST_CARDS.declined);
    const request = { idempotencyKey: key(), body: { token, amount: 700, description: "x" } };
    const first = await api(sandbox.url, "POST", "/v1/authorizations", request);
    const second = await api(sandbox.url, "POST", "/v1/authorizations", request);
    expect([first.status, first.body.error.code]).toEqual([402, "card_declined"]);
    expect([second.status, second.body]).toEqual([402, first.body]);
  });

  it("answers 409 to the same key with a different body, and keeps the first authorisation", async () => {
    const idempotencyKey = key();
    const first = await authorize(TEST_CARDS.visaSuccess, 500, idempotencyKey);
    const other = await authorize(TEST_CARDS.visaSuccess, 501, idempotencyKey);
    expect([other.status, other.body.error.code]).toEqual([409, "idempotency_key_reused"]);
    const found = await api(sandbox.url, "GET", `/v1/authorizations?idempotency_key=${idempotencyKey}`);
    expect(found.body).toEqual(first.body);
  });

  it("declines the decline test cards with 402 and their codes, committing nothing", async () => {
    for (const [number, code] of [
      [TEST_CARDS.declined, "card_declined"],
      [TEST_CARDS.insufficientFunds, "insufficient_funds"],
      [TEST_CARDS.expiredCard, "expired_card"],
    ] as const) {
      const idempotencyKey = key();
      const { status, body } = await authorize(number, 1000, idempotencyKey);
      expect([number, status, body]).toEqual([number, 402, { error: { code, message: expect.any(String) } }]);
      expect((await api(sandbox.url, "GET", `/v1/authorizations?idempotency_key=${idempotencyKey}`)).status).toBe(404);
    }
  });

  it("answers the processing-error card with 500, records nothing, and runs a retry again", async () => {
    const token = await mintToken(sandbox.url, TEST_CARDS.processingError);
    const request = { idempotencyKey: key(), body: { token, amount: 100, description: "x" } };
    const first = await api(sandbox.url, "POST", "/v1/authorizations", request);
    expect([first.status, first.body.error.code]).toEqual([500, "processing_error"]);
    expect((await api(sandbox.url, "GET", `/v1/authorizations?idempotency_key=${request.idempotencyKey}`)).status).toBe(404);
    const retry = await api(sandbox.url, "POST", "/v1/authorizations", request);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
    expect(retry.status).toBe(500);
  });

  it("answers the 3-D Secure card with challenge_required and a challenge URL on the sandbox's origin; nothing is authorised until the challenge is passed", async () => {
    const { status, body } = await authorize(TEST_CARDS.threeDSecureRequired);
    expect([status, body.status, body.threeDSecure]).toEqual([200, "challenge_required", "required"]);
    expect(new URL(body.challenge.url).origin).toBe(new URL(sandbox.url).origin);
    expect("challengePath" in body).toBe(false);
    // Not answered yet: completing leaves it pending, and it cannot be captured.
    expect((await api(sandbox.url, "POST", `/v1/authorizations/${body.id}/complete-challenge`)).body.status).toBe("challenge_required");
    expect((await api(sandbox.url, "POST", `/v1/authorizations/${body.id}/capture`, { idempotencyKey: key(), body: { amount: 100 } })).body.error.code).toBe("invalid_state");
    // The issuer page refuses a parent origin that is not allowed, and frames only under the allowed one.
    expect((await fetch(`${body.challenge.url}?origin=${encodeURIComponent("https://evil.example")}`)).status).toBe(400);
    const page = await fetch(`${body.challenge.url}?origin=${encodeURIComponent(PARENT_ORIGIN)}`);
    expect(page.headers.get("content-security-policy")).toContain(`frame-ancestors ${PARENT_ORIGIN}`);
    const answer = await fetch(body.challenge.url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ origin: PARENT_ORIGIN, code: "123456" }) });
    expect(await answer.text()).toContain('data-passed="true"');
    const done = await api(sandbox.url, "POST", `/v1/authorizations/${body.id}/complete-challenge`);
    expect([done.status, done.body.status, done.body.challenge]).toEqual([200, "authorized", null]);
  });

  it("fails a challenge answered with a wrong code: 402 authentication_failed, and nothing is left to capture", async () => {
    const idempotencyKey = key();
    const token = await mintToken(sandbox.url, TEST_CARDS.threeDSecureRequired);
    const { body } = await api(sandbox.url, "POST", "/v1/authorizations", { idempotencyKey, body: { token, amount: 100, description: "x" } });
    await fetch(body.challenge.url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ origin: PARENT_ORIGIN, code: "000000" }) });
    // A second answer cannot turn a failure into a pass.
    await fetch(body.challenge.url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ origin: PARENT_ORIGIN, code: "123456" }) });
    const done = await api(sandbox.url, "POST", `/v1/authorizations/${body.id}/complete-challenge`);
    expect([done.status, done.body.error.code]).toEqual([402, "authentication_failed"]);
    expect((await api(sandbox.url, "GET", `/v1/authorizations?idempotency_key=${idempotencyKey}`)).status).toBe(404);
  });

  it("refunds in parts up to the captured amount, once per key", async () => {
    const { body } = await authorize(TEST_CARDS.visaSuccess, 1000);
    await api(sandbox.url, "POST", `/v1/authorizations/${body.id}/capture`, { idempotencyKey: key(), body: { amount: 800 } });
    const refundKey = key();
    const first = await api(sandbox.url, "POST", `/v1/authorizations/${body.id}/refund`, { idempotencyKey: refundKey, body: { amount: 300 } });
    const replay = await api(sandbox.url, "POST", `/v1/authorizations/${body.id}/refund`, { idempotencyKey: refundKey, body: { amount: 300 } });
    expect([first.body.refundedAmount, replay.body.refundedAmount, replay.headers.get("idempotent-replayed")]).toEqual([300, 300, "true"]);
    const over = await api(sandbox.url, "POST", `/v1/authorizations/${body.id}/refund`, { idempotencyKey: key(), body: { amount: 501 } });
    expect([over.status, over.body.error.code]).toEqual([400, "amount_exceeds_captured"]);
    const rest = await api(sandbox.url, "POST", `/v1/authorizations/${body.id}/refund`, { idempotencyKey: key(), body: { amount: 500 } });
    expect([rest.body.capturedAmount, rest.body.refundedAmount]).toEqual([800, 800]);
  });

  it("keeps customers by reference with saved cards (brand, last 4, expiry only), charges a saved card repeatedly, and only for its own customer", async () => {
    const reference = `acct-${randomUUID()}`;
    const customer = (await api(sandbox.url, "POST", "/v1/customers", { body: { reference } })).body;
    expect((await api(sandbox.url, "POST", "/v1/customers", { body: { reference } })).body.id).toBe(customer.id);
    const other = (await api(sandbox.url, "POST", "/v1/customers", { body: { reference: `acct-${randomUUID()}` } })).body;
    const saved = await api(sandbox.url, "POST", `/v1/customers/${customer.id}/cards`, { idempotencyKey: key(), body: { token: await mintToken(sandbox.url, TEST_CARDS.jcbSuccess) } });
    expect(Object.keys(saved.body).sort()).toEqual(["brand", "customerId", "expMonth", "expYear", "id", "last4"]);
    expect([saved.body.brand, saved.body.last4]).toEqual(["jcb", "0000"]);
    for (const amount of [100, 200]) {
      const charged = await api(sandbox.url, "POST", "/v1/authorizations", { idempotencyKey: key(), body: { customerId: customer.id, cardId: saved.body.id, amount, description: "x" } });
      expect([charged.status, charged.body.status, charged.body.last4]).toEqual([200, "authorized", "0000"]);
    }
    const stolen = await api(sandbox.url, "POST", "/v1/authorizations", { idempotencyKey: key(), body: { customerId: other.id, cardId: saved.body.id, amount: 100, description: "x" } });
    expect(stolen.status).toBe(404);
    const updated = await api(sandbox.url, "POST", `/v1/customers/${customer.id}/cards/${saved.body.id}`, { idempotencyKey: key(), body: { token: await mintToken(sandbox.url, TEST_CARDS.mastercardSuccess) } });
    expect([updated.body.id, updated.body.brand, updated.body.last4]).toEqual([saved.body.id, "mastercard", "4444"]);
    expect((await api(sandbox.url, "DELETE", `/v1/customers/${other.id}/cards/${saved.body.id}`)).status).toBe(404);
    expect((await api(sandbox.url, "DELETE", `/v1/customers/${customer.id}/cards/${saved.body.id}`)).status).toBe(200);
    expect((await api(sandbox.url, "GET", `/v1/customers?reference=${reference}`)).body.cards).toEqual([]);
    const afterDelete = await api(sandbox.url, "POST", "/v1/authorizations", { idempotencyKey: key(), body: { customerId: customer.id, cardId: saved.body.id, amount: 100, description: "x" } });
    expect(afterDelete.status).toBe(404);
  });

  it("commits the timeout-after-commit card before answering late; a retry with the key answers at once", async () => {
    const idempotencyKey = key();
    const token = await mintToken(sandbox.url, TEST_CARDS.timeoutAfterCommit);
    const request = { idempotencyKey, body: { token, amount: 1200, description: "x" } };
    const pending = api(sandbox.url, "POST", "/v1/authorizations", request);
    // While the first answer is held back, the authorisation is already there.
    const found = await api(sandbox.url, "GET", `/v1/authorizations?idempotency_key=${idempotencyKey}`);
    expect(found.body).toMatchObject({ status: "authorized", amount: 1200 });
    const replay = await api(sandbox.url, "POST", "/v1/authorizations", request);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body.id).toBe(found.body.id);
    const late = await pending;
    expect([late.status, late.body.id]).toEqual([200, found.body.id]);
  });

  it("captures up to the authorised amount, once, and voids only authorised payments", async () => {
    const created = (await authorize(TEST_CARDS.visaSuccess, 1000)).body;
    const tooMuch = await api(sandbox.url, "POST", `/v1/authorizations/${created.id}/capture`, { idempotencyKey: key(), body: { amount: 1001 } });
    expect([tooMuch.status, tooMuch.body.error.code]).toEqual([400, "amount_exceeds_authorized"]);
    const partial = await api(sandbox.url, "POST", `/v1/authorizations/${created.id}/capture`, { idempotencyKey: key(), body: { amount: 999 } });
    expect(partial.body).toMatchObject({ status: "captured", capturedAmount: 999 });
    const again = await api(sandbox.url, "POST", `/v1/authorizations/${created.id}/capture`, { idempotencyKey: key(), body: { amount: 1 } });
    expect([again.status, again.body.error.code]).toEqual([400, "invalid_state"]);
    const voidCaptured = await api(sandbox.url, "POST", `/v1/authorizations/${created.id}/void`, { idempotencyKey: key() });
    expect(voidCaptured.body.error.code).toBe("invalid_state");
    const missing = await api(sandbox.url, "POST", "/v1/authorizations/auth_nope/void", { idempotencyKey: key() });
    expect([missing.status, missing.body.error.code]).toEqual([404, "not_found"]);
  });

  it("rejects invalid amounts and a missing lookup key with invalid_request", async () => {
    const token = await mintToken(sandbox.url, TEST_CARDS.visaSuccess);
    for (const amount of [0, -1, 1.5, "100"]) {
      const response = await api(sandbox.url, "POST", "/v1/authorizations", { idempotencyKey: key(), body: { token, amount, description: "x" } });
      expect([amount, response.status, response.body.error.code]).toEqual([amount, 400, "invalid_request"]);
    }
    expect((await api(sandbox.url, "GET", "/v1/authorizations")).body.error.code).toBe("invalid_request");
  });

  it("answers unknown endpoints with unknown_endpoint (distinct from a missing authorisation)", async () => {
    const response = await api(sandbox.url, "GET", "/nowhere");
    expect([response.status, response.body.error.code]).toEqual([404, "unknown_endpoint"]);
  });

  it("sends security headers on API answers: no framing, no sniffing, no caching, no X-Powered-By", async () => {
    const response = await fetch(`${sandbox.url}/v1/health`);
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-powered-by")).toBeNull();
  });
});
