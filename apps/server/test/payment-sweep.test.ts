import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SandboxGateway } from "@madoguchi/adapter-payment-sandbox";
import { StaffGroupId, StaffRoleId, yen, type Application, type LedgerRecord } from "@madoguchi/core";
import { PAYMENT_WEBHOOK_PATH } from "../src/payments/payment-webhook.ts";
import { createPaymentSweep, SWEEP_LOOKBACK_DAYS } from "../src/payments/payment-sweep.ts";
import { call, juminhyoInput, residentSubmits } from "./support/api-client.ts";
import { staffWithSession } from "./support/staff-access-fixtures.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";
import { startSandboxBehindRelay, startWebhookRelay } from "./support/webhook-relay.ts";

// The scheduled sweep (ADR 27) brings into the books what the gateway did while every webhook was lost: a remote
// sandbox whose deliveries all fail (the receiver "down" until the gateway gave up), then one sweep run.
const SECRET_KEY = "sk_test_payment_sweep_000001";
const WEBHOOK_SECRET = "whsec_test_payment_sweep_0001";

let sandbox: SandboxGateway;
let relay: Awaited<ReturnType<typeof startWebhookRelay>>;
let server: TestServer;

beforeAll(async () => {
  relay = await startWebhookRelay();
  relay.refuseWhen(() => true);
  const remote = await startSandboxBehindRelay(relay, { secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET });
  sandbox = remote.sandbox;
  server = await startTestServer(remote.serverEnv());
  relay.forwardTo(server.url);
  (await server.deps.staffAccess.saveGroup({ id: StaffGroupId("sweep-all"), name: "全申請", scope: { kind: "all" } }))._unsafeUnwrap();
});
afterAll(async () => {
  await server?.dispose();
  await sandbox?.close();
  await relay?.close();
});

const books = async (id: string): Promise<readonly LedgerRecord[]> => (await server.deps.paymentLedger.listForApplication(id))._unsafeUnwrap();
const kinds = async (id: string) => (await books(id)).map((r) => [r.event.kind, "amount" in r.event ? r.event.amount : null]);
const sweptAudit = async (id: string) =>
  (await server.deps.auditLog.read({ actions: ["payment.reconciled"], afterSeq: 0, limit: 1000 }))._unsafeUnwrap().filter((e) => e.target?.id === id && e.details["via"] === "sweep");
const paid = async (): Promise<Application> => {
  const { submitted } = await residentSubmits(server, juminhyoInput());
  expect(submitted.status).toBe(201);
  return (await server.deps.applications.findByReceiptNumber(submitted.body.receiptNumber))._unsafeUnwrap()!;
};
/** The money panel's data, as a processor of every application sees it. */
const moneyPanel = async (id: string) => {
  const staff = await staffWithSession(server, "processor");
  (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId("processor"), holder: { kind: "staff", staffId: staff.id } }))._unsafeUnwrap();
  (await server.deps.staffAccess.addMember(StaffGroupId("sweep-all"), staff.id))._unsafeUnwrap();
  const view = await call(`${server.staffUrl}/api/staff/applications/${id}/money`, { headers: staff.headers });
  expect(view.status).toBe(200);
  return view.body;
};
const disagreementEntries = async (id: string) =>
  (await server.deps.auditLog.read({ actions: ["payment.disagreement"], target: { kind: "application", id }, afterSeq: 0, limit: 100 }))._unsafeUnwrap();
/** A call made at the gateway directly (its dashboard), never through our server. */
const direct = (path: string, body: unknown, key: string) => call(`${sandbox.url}${path}`, { headers: { authorization: `Bearer ${SECRET_KEY}`, "idempotency-key": key }, body });

describe("the payment sweep, when every webhook was lost", () => {
  it("brings a dashboard capture and refund and a lapsed hold into the books once, audited; leaves voided and old books alone", async () => {
    const a = await paid();
    const b = await paid();
    const authA = a.payment!.authorizationId;
    const authB = b.payment!.authorizationId;
    expect((await direct(`/v1/authorizations/${authA}/capture`, { amount: a.fee.total }, `cap-${authA}`)).status).toBe(200);
    expect((await direct(`/v1/authorizations/${authA}/refund`, { amount: 120 }, `ref-${authA}`)).status).toBe(200);
    // The hold lapsed (or was cancelled) at the gateway.
    expect((await direct(`/v1/authorizations/${authB}/void`, {}, `void-${authB}`)).status).toBe(200);
    // The gateway tried to tell us and gave up: the books know nothing of it.
    expect(relay.deliveries.some((d) => d.body.includes(authA) && d.status === 503)).toBe(true);
    expect(await kinds(a.id)).toEqual([]);
    expect(await kinds(b.id)).toEqual([]);

    const first = await server.paymentSweep.runOnce();
    expect(first.disagreements).toBe(0);
    expect(first.failed).toBe(0);
    expect(first.appended).toBeGreaterThanOrEqual(2);
    expect(await kinds(a.id)).toEqual([
      ["captured", a.fee.total],
      ["refunded", 120],
    ]);
    expect(await kinds(b.id)).toEqual([["voided", null]]);
    const audit = await sweptAudit(a.id);
    expect(audit.map((e) => [e.actor, e.result, e.details["authorizationId"], e.details["appended"], e.details["eventId"]])).toEqual([
      [{ kind: "system", id: null }, "success", authA, `captured:${a.fee.total},refunded:120`, null],
    ]);
    const money = (await server.deps.paymentLedger.listForApplication(a.id))._unsafeUnwrap();

    // Again: nothing new at the gateway, nothing written; b's voided hold is no longer asked about.
    const second = await server.paymentSweep.runOnce();
    expect(second).toMatchObject({ appended: 0, disagreements: 0, failed: 0 });
    expect(second.checked).toBe(first.checked - 1);
    expect(await books(a.id)).toEqual(money);
    expect(await sweptAudit(a.id)).toHaveLength(1);

    // Beyond the lookback nothing is swept (a sweep whose clock is SWEEP_LOOKBACK_DAYS + 1 days on).
    const later = { now: () => new Date(Date.now() + (SWEEP_LOOKBACK_DAYS + 1) * 86_400_000) };
    const old = await createPaymentSweep({ ...server.deps, clock: later, logger: pino({ level: "silent" }) }).runOnce();
    expect(old).toEqual({ checked: 0, appended: 0, disagreements: 0, failed: 0 });
  });

  it("books that say more than the gateway (a refund that failed after it was accepted) are logged as an error for staff and left alone", async () => {
    const c = await paid();
    const auth = c.payment!.authorizationId;
    expect((await direct(`/v1/authorizations/${auth}/capture`, { amount: c.fee.total }, `cap-${auth}`)).status).toBe(200);
    // The books recorded a capture and a refund; the gateway has the capture only (its refund failed later).
    const records: LedgerRecord[] = [
      { applicationId: c.id, procedureId: c.procedureId, seq: 1, event: { kind: "captured", authorizationId: auth, amount: yen(c.fee.total), at: new Date() }, feeChange: null },
      { applicationId: c.id, procedureId: c.procedureId, seq: 2, event: { kind: "refunded", authorizationId: auth, amount: yen(100), at: new Date() }, feeChange: null },
    ];
    (await server.deps.paymentLedger.append(c.id, 0, records))._unsafeUnwrap();
    const swept = await server.paymentSweep.runOnce();
    expect(swept.disagreements).toBe(1);
    expect(await books(c.id)).toEqual(records);
    // Recorded once for staff, by the system, with ids only; the money panel shows it.
    expect((await disagreementEntries(c.id)).map((e) => [e.actor, e.result, e.details])).toEqual([
      [{ kind: "system", id: null }, "failure", { authorizationId: auth, detail: "gateway_behind_books", via: "sweep" }],
    ]);
    expect((await moneyPanel(c.id)).disagreements).toEqual([expect.objectContaining({ authorizationId: auth, detail: "gateway_behind_books", via: "sweep" })]);
    // The next run finds it again: logged again, not recorded twice.
    expect((await server.paymentSweep.runOnce()).disagreements).toBe(1);
    expect(await disagreementEntries(c.id)).toHaveLength(1);
    const logged = server
      .logText()
      .split("\n")
      .filter((l) => l.includes("payment.sweep_disagreement"))
      .map((l) => JSON.parse(l));
    expect(logged).toEqual([expect.objectContaining({ level: 50, target: c.id, authorizationId: auth }), expect.objectContaining({ level: 50, target: c.id })]);
    // Ids and amounts only: no name or address of the resident in the log.
    expect(server.logText()).not.toContain(c.applicant.name);
    expect(server.logText()).not.toContain(c.applicant.address);
  });

  it("a webhook that finds the books and the gateway at odds (captured there, voided here) records it for staff too", async () => {
    const d = await paid();
    const auth = d.payment!.authorizationId;
    (await server.deps.paymentLedger.append(d.id, 0, [{ applicationId: d.id, procedureId: d.procedureId, seq: 1, event: { kind: "voided", authorizationId: auth, at: new Date() }, feeChange: null }]))._unsafeUnwrap();
    expect((await direct(`/v1/authorizations/${auth}/capture`, { amount: d.fee.total }, `cap-${auth}`)).status).toBe(200);
    // The gateway's delivery was refused by the "down" receiver; delivered now, as the gateway's retry would.
    const delivery = await vi.waitFor(
      () => {
        const found = relay.deliveries.find((x) => x.body.includes(auth) && x.body.includes("authorization.captured"));
        if (found === undefined) throw new Error("the gateway has not tried to deliver the capture yet");
        return found;
      },
      { timeout: 15_000, interval: 50 },
    );
    const answered = await fetch(`${server.url}${PAYMENT_WEBHOOK_PATH}`, { method: "POST", headers: delivery.headers, body: delivery.body }).then(async (r) => ({ status: r.status, body: (await r.json()) as { result: string } }));
    expect(answered).toEqual({ status: 200, body: { received: true, result: "disagreement" } });
    expect((await disagreementEntries(d.id)).map((e) => e.details)).toEqual([{ authorizationId: auth, detail: "captured_but_voided", via: "webhook" }]);
    expect((await moneyPanel(d.id)).disagreements).toEqual([expect.objectContaining({ detail: "captured_but_voided", via: "webhook" })]);
  });
  it("the accountant's list across applications holds every recorded disagreement, newest first, with its receipt number", async () => {
    const staff = await staffWithSession(server, "accountant");
    (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId("processor"), holder: { kind: "staff", staffId: staff.id } }))._unsafeUnwrap();
    const listed = await call(`${server.staffUrl}/api/staff/payments/disagreements`, { headers: staff.headers });
    expect(listed.status).toBe(200);
    expect(listed.body.days).toBe(90);
    const items = listed.body.items as { detail: string; via: string; receiptNumber: string | null; applicationId: string; at: string }[];
    expect(items.map((i) => [i.detail, i.via])).toEqual([
      ["captured_but_voided", "webhook"],
      ["gateway_behind_books", "sweep"],
    ]);
    for (const i of items) expect(i.receiptNumber).toBe((await server.deps.applications.findById(i.applicationId as never))._unsafeUnwrap()?.receiptNumber);
    expect((await call(`${server.staffUrl}/api/staff/payments/disagreements?days=0`, { headers: staff.headers })).body.error.code).toBe("payments.invalid_days");
    const viewer = await staffWithSession(server, "viewer");
    (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId("viewer"), holder: { kind: "staff", staffId: viewer.id } }))._unsafeUnwrap();
    expect((await call(`${server.staffUrl}/api/staff/payments/disagreements`, { headers: viewer.headers })).status).toBe(403);
  });
});
