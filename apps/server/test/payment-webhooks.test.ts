import { createHmac } from "node:crypto";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { startStripeContractServer, type StripeContractServer } from "@madoguchi/adapter-payment-stripe/contract-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TEST_CARDS, type SandboxGateway } from "@madoguchi/adapter-payment-sandbox";
import { startFaultProxy, type FaultOperation, type FaultProxy } from "@madoguchi/conformance/payment-gateway";
import { IdempotencyKey, StaffGroupId, StaffRoleId, yen, type Application, type LedgerRecord } from "@madoguchi/core";
import { startServer, type RunningServer } from "../src/composition/start-server.ts";
import { loadConfig } from "../src/config/config.ts";
import { PAYMENT_WEBHOOK_PATH } from "../src/payments/payment-webhook.ts";
import { call, juminhyoInput, residentSubmits } from "./support/api-client.ts";
import { staffWithSession } from "./support/staff-access-fixtures.ts";
import { CARD_PASSWORD, startTestServer, type TestServer } from "./support/test-server.ts";
import { startSandboxBehindRelay, startWebhookRelay } from "./support/webhook-relay.ts";

const SECRET_KEY = "sk_test_webhook_receiver_0001";
const WEBHOOK_SECRET = "whsec_test_webhook_receiver_01";
const SIGNATURE_HEADER = "madoguchi-sandbox-signature";

const sign = (secret: string, timestamp: number, body: string) => `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex")}`;
const post = (base: string, body: string, headers: Record<string, string>) =>
  fetch(`${base}${PAYMENT_WEBHOOK_PATH}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

const classify = (method: string, path: string): FaultOperation | null => {
  if (method !== "POST") return null;
  if (path === "/v1/authorizations") return "authorize";
  const action = /^\/v1\/authorizations\/[^/]+\/(capture|void|refund)$/.exec(path)?.[1];
  return action === "capture" || action === "void" || action === "refund" ? action : null;
};

const books = async (server: Pick<RunningServer, "deps">, id: string): Promise<readonly LedgerRecord[]> => (await server.deps.paymentLedger.listForApplication(id))._unsafeUnwrap();
const reconciled = async (server: Pick<RunningServer, "deps">, id: string) =>
  (await server.deps.auditLog.read({ actions: ["payment.reconciled"], afterSeq: 0, limit: 1000 }))._unsafeUnwrap().filter((e) => e.target?.id === id);
const paid = async (server: TestServer): Promise<Application> => {
  const { submitted } = await residentSubmits(server, juminhyoInput());
  expect(submitted.status).toBe(201);
  return (await server.deps.applications.findByReceiptNumber(submitted.body.receiptNumber))._unsafeUnwrap()!;
};
/** Waits (a readiness probe, not a time assert) until the books satisfy `done`. */
const until = (server: Pick<RunningServer, "deps">, id: string, done: (records: readonly LedgerRecord[]) => boolean) =>
  vi.waitFor(async () => {
    const records = await books(server, id);
    if (!done(records)) throw new Error(`books not there yet: ${JSON.stringify(records.map((r) => r.event))}`);
    return records;
  }, { timeout: 15_000, interval: 50 });

describe("the embedded sandbox sends its signed webhooks to our route", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it("a capture and a refund done at the gateway behind our back reach the books, with their audit entries; the route is only on the resident listener", async () => {
    expect(server.deps.gateway.meta.capabilities).toContain("webhooks");
    const a = await paid(server);
    const auth = a.payment!.authorizationId;
    const total = a.fee.total;
    // As from the gateway's dashboard: our books never saw these calls.
    (await server.deps.gateway.capture(auth, yen(total), IdempotencyKey(`dashboard-capture-${auth}`)))._unsafeUnwrap();
    await until(server, a.id, (r) => r.some((x) => x.event.kind === "captured"));
    (await server.deps.gateway.refund(auth, yen(100), IdempotencyKey(`dashboard-refund-${auth}`)))._unsafeUnwrap();
    const records = await until(server, a.id, (r) => r.some((x) => x.event.kind === "refunded"));
    expect(records.map((r) => [r.seq, r.event.kind, "amount" in r.event ? r.event.amount : null])).toEqual([
      [1, "captured", total],
      [2, "refunded", 100],
    ]);
    const audit = await reconciled(server, a.id);
    expect(audit.map((e) => [e.actor, e.result, e.details["via"], e.details["authorizationId"], e.details["appended"]])).toEqual([
      [{ kind: "system", id: null }, "success", "webhook", auth, `captured:${total}`],
      [{ kind: "system", id: null }, "success", "webhook", auth, "refunded:100"],
    ]);
    // The event is only the trigger (the gateway is re-read): whichever delivery came first is named.
    for (const e of audit) expect(["authorization.authorized", "authorization.captured", "authorization.refunded"]).toContain(e.details["eventType"]);
    const staffOnly = await fetch(`${server.staffUrl}${PAYMENT_WEBHOOK_PATH}`, { method: "POST", body: "{}" });
    expect(staffOnly.status).not.toBe(200);
    expect([404, 403]).toContain(staffOnly.status);
  });
});

describe("the webhook receiver over HTTP (remote sandbox behind a fault proxy)", () => {
  let sandbox: SandboxGateway;
  let proxy: FaultProxy;
  let relay: Awaited<ReturnType<typeof startWebhookRelay>>;
  let server: TestServer;
  beforeAll(async () => {
    relay = await startWebhookRelay();
    const remote = await startSandboxBehindRelay(relay, { secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET });
    sandbox = remote.sandbox;
    proxy = await startFaultProxy(sandbox.url, classify);
    server = await startTestServer(remote.serverEnv(proxy.url));
    relay.forwardTo(server.url);
    (await server.deps.staffAccess.saveGroup({ id: StaffGroupId("webhook-apps"), name: "全申請", scope: { kind: "all" } }))._unsafeUnwrap();
  });
  afterAll(async () => {
    await server?.dispose();
    await proxy?.close();
    await sandbox?.close();
    await relay?.close();
  });

  it("a capture whose answer was lost reaches the books through the webhook; duplicates, replays in any order and forgeries change nothing", async () => {
    const staff = await staffWithSession(server, "processor");
    (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId("processor"), holder: { kind: "staff", staffId: staff.id } }))._unsafeUnwrap();
    (await server.deps.staffAccess.addMember(StaffGroupId("webhook-apps"), staff.id))._unsafeUnwrap();
    const command = async (id: string, cmd: string) => {
      const version = (await server.deps.applications.findById(id as never))._unsafeUnwrap()!.version;
      return call(`${server.staffUrl}/api/staff/applications/${id}/commands`, { headers: staff.headers, body: { command: cmd, expectedVersion: version } });
    };

    const a = await paid(server);
    const auth = a.payment!.authorizationId;
    const total = a.fee.total;
    // The authorisation's own webhook: acknowledged, and nothing to add (the submission recorded it).
    await vi.waitFor(() => expect(relay.deliveries.some((d) => d.body.includes(auth) && d.body.includes("authorization.authorized"))).toBe(true), { timeout: 15_000 });

    // Completion captures; the gateway commits, and its answer is lost (502 after commit).
    expect((await command(a.id, "startProcessing")).status).toBe(200);
    proxy.inject("capture", "bad_gateway_after_commit");
    expect((await command(a.id, "complete")).status).toBe(200);
    const gatewaySide = (await server.deps.gateway.getAuthorization(auth))._unsafeUnwrap()!;
    expect([gatewaySide.status, gatewaySide.capturedAmount]).toEqual(["captured", total]);
    // The webhook brings the capture into the books, once.
    const records = await until(server, a.id, (r) => r.some((x) => x.event.kind === "captured"));
    expect(records.map((r) => [r.event.kind, "amount" in r.event ? r.event.amount : null])).toEqual([["captured", total]]);
    await vi.waitFor(async () => expect((await reconciled(server, a.id)).map((e) => e.details["appended"])).toEqual([`captured:${total}`]), { timeout: 15_000 });
    // A retry of the money run has nothing left to do: no second capture.
    const settled = await call(`${server.staffUrl}/api/staff/applications/${a.id}/money`, { headers: staff.headers });
    expect(settled.body.totals).toMatchObject({ captured: total, held: 0 });

    // Every delivery again, newest first (out of order) and twice (duplicates): acknowledged, nothing changes.
    const mine = relay.deliveries.filter((d) => d.body.includes(auth));
    expect(mine.length).toBeGreaterThanOrEqual(2);
    for (const d of [...mine].reverse().concat(mine)) {
      const replay = await post(server.url, d.body, d.headers);
      expect(replay.status).toBe(200);
      expect(["up_to_date"]).toContain(replay.body.result);
    }
    expect(await books(server, a.id)).toEqual(records);
    expect(await reconciled(server, a.id)).toHaveLength(1);

    // Forgeries: a changed body, no signature, a stale timestamp, another secret — 400, nothing read or written.
    const captured = mine.find((d) => d.body.includes("authorization.captured"))!;
    const forgedBody = captured.body.replace(`"capturedAmount":${total}`, `"capturedAmount":${total - 1}`).replace('"id":"evt_', '"id":"evt_FORGED');
    expect(forgedBody).not.toBe(captured.body);
    const now = Math.floor(Date.now() / 1000);
    for (const [body, headers] of [
      [forgedBody, captured.headers],
      [captured.body, { "content-type": "application/json" }],
      [captured.body, { [SIGNATURE_HEADER]: sign(WEBHOOK_SECRET, now - 301, captured.body) }],
      [forgedBody, { [SIGNATURE_HEADER]: sign("whsec_someone_else_entirely", now, forgedBody) }],
      ["not json at all", { [SIGNATURE_HEADER]: sign("whsec_someone_else_entirely", now, "not json at all") }],
    ] as const) {
      const refused = await post(server.url, body, headers);
      expect([refused.status, refused.body.error.code]).toEqual([400, "payment.webhook_invalid_signature"]);
    }
    // Too big: refused unread.
    expect((await post(server.url, "x".repeat(300_000), captured.headers)).status).toBe(413);
    expect(await books(server, a.id)).toEqual(records);
    expect(await reconciled(server, a.id)).toHaveLength(1);
    // The body is never logged: the forged event id appears nowhere in the log.
    expect(server.logText()).toContain("payment.webhook_refused");
    expect(server.logText()).not.toContain("evt_FORGED");

    // A genuine but unreadable body (signed with the right secret): acknowledged and ignored, nothing written.
    const unreadable = await post(server.url, "{}", { [SIGNATURE_HEADER]: sign(WEBHOOK_SECRET, now, "{}") });
    expect([unreadable.status, unreadable.body.result]).toEqual([200, "ignored"]);
  });

  it("a refund made at the gateway arrives as the difference with what the books hold; an authorisation no books hold is acknowledged and ignored", async () => {
    const a = await paid(server);
    const auth = a.payment!.authorizationId;
    // Captured and refunded at the gateway directly (its dashboard), never through our server.
    const direct = async (path: string, body: unknown, key: string) =>
      call(`${sandbox.url}${path}`, { headers: { authorization: `Bearer ${SECRET_KEY}`, "idempotency-key": key }, body });
    expect((await direct(`/v1/authorizations/${auth}/capture`, { amount: a.fee.total }, `cap-${auth}`)).status).toBe(200);
    expect((await direct(`/v1/authorizations/${auth}/refund`, { amount: 120 }, `ref1-${auth}`)).status).toBe(200);
    expect((await direct(`/v1/authorizations/${auth}/refund`, { amount: 80 }, `ref2-${auth}`)).status).toBe(200);
    const records = await until(server, a.id, (r) => r.filter((x) => x.event.kind === "refunded").reduce((s, x) => s + ("amount" in x.event ? x.event.amount : 0), 0) === 200);
    const kinds = records.map((r) => r.event.kind);
    expect(kinds.filter((k) => k === "captured")).toHaveLength(1);
    // However the three deliveries raced, never more refunded than the gateway says, never above the capture.
    const refunded = records.filter((r) => r.event.kind === "refunded").reduce((s, r) => s + ("amount" in r.event ? r.event.amount : 0), 0);
    expect(refunded).toBe(200);

    // Every delivery about a refund lost (the receiver was down until the gateway gave up): any later delivery
    // about the authorisation — even an old one, replayed — re-reads it and brings the refund in.
    const b = await paid(server);
    const bAuth = b.payment!.authorizationId;
    expect((await direct(`/v1/authorizations/${bAuth}/capture`, { amount: b.fee.total }, `cap-${bAuth}`)).status).toBe(200);
    await until(server, b.id, (r) => r.some((x) => x.event.kind === "captured"));
    relay.refuseWhen((body) => body.includes(bAuth) && body.includes("authorization.refunded"));
    expect((await direct(`/v1/authorizations/${bAuth}/refund`, { amount: 90 }, `ref-${bAuth}`)).status).toBe(200);
    await vi.waitFor(() => expect(relay.deliveries.some((d) => d.body.includes(bAuth) && d.status === 503)).toBe(true), { timeout: 15_000 });
    expect((await books(server, b.id)).map((r) => r.event.kind)).toEqual(["captured"]);
    const old = relay.deliveries.find((d) => d.body.includes(bAuth) && d.body.includes("authorization.authorized") && d.status === 200)!;
    const replayed = await post(server.url, old.body, old.headers);
    expect([replayed.status, replayed.body.result]).toEqual([200, "applied"]);
    expect((await books(server, b.id)).map((r) => [r.event.kind, "amount" in r.event ? r.event.amount : null])).toEqual([["captured", b.fee.total], ["refunded", 90]]);
    relay.refuseWhen(() => false);

    // An authorisation made outside any application (an abandoned attempt): no books hold it.
    const token = await call(`${sandbox.url}/v1/tokens`, { body: { number: TEST_CARDS.visaSuccess, expMonth: 12, expYear: 2030, cvc: "123", name: "TARO MADOGUCHI" } });
    const stray = await direct("/v1/authorizations", { token: token.body.token, amount: 500, description: "stray" }, "stray-authorization-0001");
    expect([200, 201]).toContain(stray.status);
    await vi.waitFor(() => expect(relay.deliveries.some((d) => d.body.includes(stray.body.id) && d.status === 200)).toBe(true), { timeout: 15_000 });
    expect(server.logText()).toMatch(/payment\.webhook_ignored.*unknown_authorization|unknown_authorization.*payment\.webhook_ignored/);
  });
});

describe("Stripe's events through the same route (Stripe-Signature, the contract server)", () => {
  const KEYS = { secretKey: "sk_test_madoguchiWebhookRoute01", publishableKey: "pk_test_madoguchiWebhookRoute01", webhookSecrets: ["whsec_madoguchiWebhookRoute0123"] };
  let root: string;
  let stripe: StripeContractServer;
  let relay: Awaited<ReturnType<typeof startWebhookRelay>>;
  let server: RunningServer;
  const log: string[] = [];
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "madoguchi-stripe-webhooks-"));
    relay = await startWebhookRelay();
    stripe = await startStripeContractServer({ secretKey: KEYS.secretKey, publishableKey: KEYS.publishableKey, webhookUrl: `${relay.url}${PAYMENT_WEBHOOK_PATH}`, webhookSecret: KEYS.webhookSecrets[0]! });
    const keysFile = join(root, "stripe-keys.json");
    await writeFile(keysFile, JSON.stringify(KEYS));
    await chmod(keysFile, 0o600);
    const config = loadConfig({ PORT: "0", MADOGUCHI_DATA_DIR: join(root, "data"), MADOGUCHI_OUTBOX_INTERVAL_MS: "3600000", MADOGUCHI_PAYMENT_GATEWAY: "stripe", MADOGUCHI_STRIPE_KEYS_FILE: keysFile, MADOGUCHI_STRIPE_API_BASE: stripe.url })._unsafeUnwrap();
    server = await startServer(config, { logDestination: new Writable({ write: (c: Buffer, _e, cb) => (log.push(c.toString("utf8")), cb()) }), announce: () => undefined });
    relay.forwardTo(server.url);
  });
  afterAll(async () => {
    await server?.close();
    await stripe?.close();
    await relay?.close();
    await rm(root, { recursive: true, force: true });
  });

  /** Stripe's API as the municipality's dashboard would use it: form bodies, the secret key. */
  const stripeApi = async (path: string, form: Record<string, string>, key = KEYS.secretKey) => {
    const res = await fetch(`${stripe.url}${path}`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form) });
    return { status: res.status, body: (await res.json()) as any };
  };

  it("a capture made at Stripe and a refund whose answer was lost reach the books; a changed Stripe event is refused", async () => {
    // The resident's browser: prepare, sign with the test card, a PaymentMethod from Stripe.js (never our server), submit.
    const input = juminhyoInput();
    const prepared = await call(`${server.url}/api/applications/prepare`, { body: input });
    const signed = await call(`${server.url}/test-card/api/sign`, { body: { contentBase64: Buffer.from(prepared.body.canonicalJson, "utf8").toString("base64"), password: CARD_PASSWORD } });
    const pm = await stripeApi("/v1/payment_methods", { type: "card", "card[number]": "4242424242424242", "card[exp_month]": "12", "card[exp_year]": "2034", "card[cvc]": "123" }, KEYS.publishableKey);
    const submitted = await call(`${server.url}/api/applications`, { body: { ...input, signature: { cmsBase64: signed.body.cmsBase64 }, payment: { token: pm.body.id } } });
    expect(submitted.status).toBe(201);
    const a = (await server.deps.applications.findByReceiptNumber(submitted.body.receiptNumber))._unsafeUnwrap()!;
    const intent = a.payment!.authorizationId;

    expect((await stripeApi(`/v1/payment_intents/${intent}/capture`, {})).status).toBe(200);
    await vi.waitFor(async () => expect((await server.deps.paymentLedger.listForApplication(a.id))._unsafeUnwrap().map((r) => r.event.kind)).toEqual(["captured"]), { timeout: 15_000, interval: 50 });
    // A refund whose answer never reached our books: made through the adapter (which labels the charge with
    // our key first, so that charge.refunded names the authorisation), bypassing the books.
    (await server.deps.gateway.refund(intent, yen(150), IdempotencyKey(`lost-refund-${intent}`)))._unsafeUnwrap();
    await vi.waitFor(async () => expect((await server.deps.paymentLedger.listForApplication(a.id))._unsafeUnwrap().map((r) => [r.event.kind, "amount" in r.event ? r.event.amount : null])).toEqual([["captured", a.fee.total], ["refunded", 150]]), { timeout: 15_000, interval: 50 });
    // The relay records a delivery once our answer is back (the books may be written a moment before).
    await vi.waitFor(() => expect(relay.deliveries.map((d) => JSON.parse(d.body).type as string)).toEqual(expect.arrayContaining(["payment_intent.amount_capturable_updated", "payment_intent.succeeded", "charge.refunded"])), { timeout: 15_000 });
    expect(relay.deliveries.every((d) => d.status === 200)).toBe(true);

    // The refund's delivery, changed: refused with nothing written.
    const refund = relay.deliveries.find((d) => d.body.includes("charge.refunded"))!;
    const changed = refund.body.replace('"amount_refunded":150', '"amount_refunded":1500');
    expect(changed).not.toBe(refund.body);
    const refused = await post(server.url, changed, refund.headers);
    expect([refused.status, refused.body.error.code]).toEqual([400, "payment.webhook_invalid_signature"]);
    const again = await post(server.url, refund.body, refund.headers);
    expect([again.status, again.body.result]).toEqual([200, "up_to_date"]);
    expect((await server.deps.paymentLedger.listForApplication(a.id))._unsafeUnwrap()).toHaveLength(2);
    expect(log.join("")).not.toContain("amount_refunded");
  });

  it("a refund made in Stripe's dashboard (the charge carries no key of ours) reaches the books through charge.refunded; the same event twice changes nothing", async () => {
    const input = juminhyoInput();
    const prepared = await call(`${server.url}/api/applications/prepare`, { body: input });
    const signed = await call(`${server.url}/test-card/api/sign`, { body: { contentBase64: Buffer.from(prepared.body.canonicalJson, "utf8").toString("base64"), password: CARD_PASSWORD } });
    const pm = await stripeApi("/v1/payment_methods", { type: "card", "card[number]": "4242424242424242", "card[exp_month]": "12", "card[exp_year]": "2034", "card[cvc]": "123" }, KEYS.publishableKey);
    const submitted = await call(`${server.url}/api/applications`, { body: { ...input, signature: { cmsBase64: signed.body.cmsBase64 }, payment: { token: pm.body.id } } });
    expect(submitted.status).toBe(201);
    const a = (await server.deps.applications.findByReceiptNumber(submitted.body.receiptNumber))._unsafeUnwrap()!;
    const intent = a.payment!.authorizationId;
    expect((await stripeApi(`/v1/payment_intents/${intent}/capture`, {})).status).toBe(200);
    await until(server, a.id, (r) => r.length === 1 && r[0]!.event.kind === "captured");
    // Every earlier delivery of this intent answered, so that only charge.refunded can bring the refund in.
    await vi.waitFor(() => expect(relay.deliveries.filter((d) => d.body.includes(intent) && d.status === 200).map((d) => JSON.parse(d.body).type as string)).toEqual(expect.arrayContaining(["payment_intent.amount_capturable_updated", "payment_intent.succeeded"])), { timeout: 15_000, interval: 50 });

    // The dashboard: a refund straight at Stripe, never through our adapter (which would label the charge first).
    const refund = await stripeApi("/v1/refunds", { payment_intent: intent, amount: "130" });
    expect(refund.status).toBe(200);
    const delivered = await vi.waitFor(() => {
      const d = relay.deliveries.find((x) => x.body.includes('"charge.refunded"') && x.body.includes(intent));
      if (d === undefined || d.status !== 200) throw new Error("charge.refunded not delivered yet");
      return d;
    }, { timeout: 15_000, interval: 50 });
    // The event's charge names the intent but carries none of our keys.
    const charge = JSON.parse(delivered.body).data.object;
    expect([charge.payment_intent, charge.metadata]).toEqual([intent, {}]);

    const records = await until(server, a.id, (r) => r.some((x) => x.event.kind === "refunded"));
    expect(records.map((r) => [r.seq, r.event.kind, "amount" in r.event ? r.event.amount : null])).toEqual([[1, "captured", a.fee.total], [2, "refunded", 130]]);
    const audit = await reconciled(server, a.id);
    expect(audit.filter((e) => e.details["eventType"] === "authorization.refunded").map((e) => [e.actor, e.details["via"], e.details["authorizationId"], e.details["appended"], e.details["gatewayRefunded"]])).toEqual([
      [{ kind: "system", id: null }, "webhook", intent, "refunded:130", 130],
    ]);

    // The same delivery again: acknowledged, nothing written.
    const again = await post(server.url, delivered.body, delivered.headers);
    expect([again.status, again.body.result]).toEqual([200, "up_to_date"]);
    expect(await books(server, a.id)).toHaveLength(2);
    expect(await reconciled(server, a.id)).toHaveLength(audit.length);
  });
});
