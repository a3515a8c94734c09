import { findLuhnValidPans, TEST_CARDS } from "@madoguchi/adapter-payment-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, juminhyoInput, tokenize } from "./support/api-client.ts";
import { residentClient } from "./support/resident-client.ts";
import { CARD_PASSWORD, startTestServer, type TestServer } from "./support/test-server.ts";

// R6 and EMV 3-D Secure over HTTP against the embedded sandbox gateway (its own origin): a resident
// saves a card in account settings, pays with it without entering it again, changes and deletes it;
// a challenged card is paid after the issuer's page. Only tokens and card ids ever reach our server.
let server: TestServer;
const residents = residentClient(() => server.url, "card");
const sentToServer: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

const send = async (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
  if (init.body !== undefined) sentToServer.push(JSON.stringify(init.body));
  return call(`${server.url}${path}`, init);
};

/** A prepared and signed 住民票 application body, without its payment. */
const signedApplication = async () => {
  const input = juminhyoInput();
  const prepared = await send("/api/applications/prepare", { body: input });
  expect(prepared.status).toBe(200);
  const signed = await call(`${server.url}/test-card/api/sign`, {
    body: { contentBase64: Buffer.from(prepared.body.canonicalJson, "utf8").toString("base64"), password: CARD_PASSWORD },
  });
  expect(signed.status).toBe(200);
  return { ...input, signature: { cmsBase64: signed.body.cmsBase64 } };
};

const loggedInResident = async () => {
  const { email } = await residents.registeredAndVerified();
  const { cookie, csrf } = await residents.loginWithEmailCode(email);
  return { cookie, headers: { cookie, "x-csrf-token": csrf } };
};

const answerChallenge = async (url: string, code: string) => {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ origin: server.url, code }) });
  expect(res.status).toBe(200);
};

describe("the resident's saved card (R6)", () => {
  it("is saved, reused without re-entry, changed in place and deleted; only its owner can pay with it", async () => {
    const owner = await loggedInResident();
    expect((await send("/api/resident/payment-card", { headers: owner.headers })).body).toEqual({ card: null });
    // Without the CSRF token a change is refused.
    expect((await send("/api/resident/payment-card", { method: "PUT", body: { token: await tokenize(server, TEST_CARDS.visaSuccess) }, headers: { cookie: owner.cookie } })).status).toBe(403);

    const saved = await send("/api/resident/payment-card", { method: "PUT", body: { token: await tokenize(server, TEST_CARDS.visaSuccess) }, headers: owner.headers });
    expect(saved.status).toBe(200);
    expect(saved.body.card).toMatchObject({ brand: "visa", last4: "4242" });
    expect(Object.keys(saved.body.card).sort()).toEqual(["brand", "expMonth", "expYear", "id", "last4"]);
    const cardId = saved.body.card.id as string;

    // Two applications paid with the saved card: no card entry, no token.
    for (let i = 0; i < 2; i++) {
      const paid = await send("/api/applications", { body: { ...(await signedApplication()), payment: { savedCardId: cardId } }, headers: { cookie: owner.cookie } });
      expect(paid.status).toBe(201);
    }

    // Someone else (another resident, or nobody logged in) cannot charge it.
    const other = await loggedInResident();
    for (const headers of [{ cookie: other.cookie }, {}]) {
      const refused = await send("/api/applications", { body: { ...(await signedApplication()), payment: { savedCardId: cardId } }, headers });
      expect([refused.status, refused.body.error.code]).toEqual([404, "payment.saved_card_not_found"]);
    }

    const changed = await send("/api/resident/payment-card", { method: "PUT", body: { token: await tokenize(server, TEST_CARDS.jcbSuccess) }, headers: owner.headers });
    expect(changed.body.card).toMatchObject({ id: cardId, brand: "jcb", last4: "0000" });

    expect((await send("/api/resident/payment-card", { method: "DELETE", headers: owner.headers })).body).toEqual({ card: null });
    expect((await send("/api/resident/payment-card", { headers: owner.headers })).body).toEqual({ card: null });
    const afterDelete = await send("/api/applications", { body: { ...(await signedApplication()), payment: { savedCardId: cardId } }, headers: { cookie: owner.cookie } });
    expect(afterDelete.status).toBe(404);

    // Saving, changing and deleting are audited account changes.
    const audit = await server.deps.auditLog.read({ actions: ["resident.account_changed"], afterSeq: 0, limit: 1000 });
    const changes = audit.isOk() ? audit.value.map((e) => (e.details as { change?: string }).change) : [];
    expect(changes).toEqual(expect.arrayContaining(["payment_card_saved", "payment_card_changed", "payment_card_deleted"]));
  });

  it("needs a login", async () => {
    expect((await send("/api/resident/payment-card")).status).toBe(401);
  });
});

describe("EMV 3-D Secure at submission", () => {
  it("answers 402 challenge_required with the issuer's page; after the challenge the same submission is paid once", async () => {
    const body = { ...(await signedApplication()), payment: { token: await tokenize(server, TEST_CARDS.threeDSecureRequired) } };
    const first = await send("/api/applications", { body });
    expect([first.status, first.body.error.code]).toEqual([402, "payment.challenge_required"]);
    const url = first.body.challenge.url as string;
    expect(server.deps.payment).toMatchObject({ kind: "sandbox", origin: new URL(url).origin });
    // Not yet answered: still the challenge.
    expect((await send("/api/applications", { body })).body.error.code).toBe("payment.challenge_required");
    await answerChallenge(url, "123456");
    const paid = await send("/api/applications", { body });
    expect(paid.status).toBe(201);
    const again = await send("/api/applications", { body });
    expect([again.status, again.body.replayed]).toEqual([200, true]);
  });

  it("refuses the payment when the challenge fails", async () => {
    const body = { ...(await signedApplication()), payment: { token: await tokenize(server, TEST_CARDS.threeDSecureRequired) } };
    const first = await send("/api/applications", { body });
    await answerChallenge(first.body.challenge.url, "000000");
    const refused = await send("/api/applications", { body });
    expect([refused.status, refused.body.error.code]).toEqual([402, "payment.challenge_failed"]);
  });
});

describe("card data never reaches our server", () => {
  it("finds no Luhn-valid card number in what was sent to it or in its log", () => {
    expect(sentToServer.length).toBeGreaterThan(5);
    for (const body of sentToServer) expect(findLuhnValidPans(body)).toEqual([]);
    expect(findLuhnValidPans(server.logText())).toEqual([]);
  });
});
