import { randomUUID } from "node:crypto";
import { IdempotencyKey, yen } from "@madoguchi/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandboxPaymentGateway, findLuhnValidPans, TEST_CARDS, type SandboxGateway } from "../src/index.ts";
import { startRecordingProxy, type RecordingProxy } from "./support/recording-proxy.ts";
import { postCard, SECRET_KEY, startTestSandbox } from "./support/sandbox-fixture.ts";

// SAQ A: the madoguchi server talks to the gateway only through the client. Everything the client
// sends and receives passes a recording proxy; no card number may appear in any of it.
let sandbox: SandboxGateway;
let proxy: RecordingProxy;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  proxy = await startRecordingProxy(sandbox.url);
});
afterAll(async () => {
  await proxy.close();
  await sandbox.close();
});

describe("card data never reaches the madoguchi side", () => {
  it("records the proxy's traffic faithfully (a PAN sent through it is found)", async () => {
    const start = proxy.exchanges.length;
    await fetch(`${proxy.url}/v1/tokens`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ number: TEST_CARDS.visaSuccess, expMonth: 12, expYear: 2099, cvc: "123", name: "X" }),
    });
    const recorded = proxy.exchanges.slice(start).map((e) => `${e.request}\n${e.response}`).join("\n");
    expect(findLuhnValidPans(recorded)).toEqual([TEST_CARDS.visaSuccess]);
  });

  it("sends and receives no Luhn-valid 13–19 digit run in a full authorise, capture, void, lookup flow", async () => {
    // The browser side: the hosted fields post cards straight to the sandbox, not through madoguchi.
    const tokenFor = async (number: string): Promise<string> => (await postCard(sandbox.url, { number: number.replace(/(\d{4})/g, "$1 ").trim() })).body.token;
    const start = proxy.exchanges.length;
    const gateway = createSandboxPaymentGateway({ baseUrl: proxy.url, secretKey: SECRET_KEY, timeoutMs: 2000 });
    const key = IdempotencyKey(`flow-${randomUUID()}`);

    expect((await gateway.healthCheck()).isOk()).toBe(true);
    const request = { source: { kind: "token" as const, token: await tokenFor(TEST_CARDS.visaSuccess) }, amount: yen(1450), idempotencyKey: key, description: "住民票の写し 1通" };
    const authorization = (await gateway.authorize(request))._unsafeUnwrap();
    expect((await gateway.authorize(request))._unsafeUnwrap().id).toBe(authorization.id);
    expect((await gateway.findByIdempotencyKey(key))._unsafeUnwrap()?.id).toBe(authorization.id);
    expect((await gateway.capture(authorization.id, yen(1450), IdempotencyKey(`cap-${randomUUID()}`)))._unsafeUnwrap().status).toBe("captured");

    const second = (await gateway.authorize({ ...request, source: { kind: "token" as const, token: await tokenFor(TEST_CARDS.jcbSuccess) }, idempotencyKey: IdempotencyKey(`flow-${randomUUID()}`) }))._unsafeUnwrap();
    expect((await gateway.void(second.id, IdempotencyKey(`void-${randomUUID()}`)))._unsafeUnwrap().status).toBe("voided");
    const declined = await gateway.authorize({ ...request, source: { kind: "token" as const, token: await tokenFor(TEST_CARDS.declined) }, idempotencyKey: IdempotencyKey(`flow-${randomUUID()}`) });
    expect(declined.isErr()).toBe(true);

    const exchanges = proxy.exchanges.slice(start);
    expect(exchanges.length).toBeGreaterThanOrEqual(8);
    const recorded = exchanges.map((e) => `${e.request}\n${e.response}`).join("\n");
    // The display data did pass (so the recording is real), the card numbers did not.
    expect(recorded).toContain(`"last4":"4242"`);
    expect(findLuhnValidPans(recorded)).toEqual([]);
    for (const number of Object.values(TEST_CARDS)) expect(recorded).not.toContain(number);
  });
});
