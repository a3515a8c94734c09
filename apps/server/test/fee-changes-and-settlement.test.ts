import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StaffGroupId, StaffRoleId, type AuditAction } from "@madoguchi/core";
import { call, juminhyoInput, residentSubmits, tokenize } from "./support/api-client.ts";
import { staffWithSession } from "./support/staff-access-fixtures.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";
import { loadConfig } from "../src/config/config.ts";

let server: TestServer;
beforeAll(async () => {
  // Fee changes of more than 1,000 yen need a second person; the card fee is 3.5 %.
  server = await startTestServer({ MADOGUCHI_FEE_APPROVAL_THRESHOLD: "1000", MADOGUCHI_CARD_FEE_RATE: "3.5" });
  (await server.deps.staffAccess.saveGroup({ id: StaffGroupId("all-apps"), name: "全申請", scope: { kind: "all" } }))._unsafeUnwrap();
});
afterAll(async () => {
  await server?.dispose();
});

const url = (path: string) => `${server.staffUrl}${path}`;
const member = async (roles: string[], options: { steppedUp?: boolean } = {}) => {
  const me = await staffWithSession(server, roles.join("+"), options);
  for (const role of roles) (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId(role), holder: { kind: "staff", staffId: me.id } }))._unsafeUnwrap();
  (await server.deps.staffAccess.addMember(StaffGroupId("all-apps"), me.id))._unsafeUnwrap();
  return me;
};
const entries = async (actions: AuditAction[]) => (await server.deps.auditLog.read({ actions, afterSeq: 0, limit: 1000 }))._unsafeUnwrap();

/** A resident pays at submission (住民票 ×2 by 普通郵便); the application's id and authorisation. */
const paidApplication = async () => {
  const { submitted } = await residentSubmits(server, juminhyoInput());
  expect(submitted.status).toBe(201);
  const found = (await server.deps.applications.findByReceiptNumber(submitted.body.receiptNumber))._unsafeUnwrap()!;
  return found;
};
const money = (headers: Record<string, string>, id: string) => call(url(`/api/staff/applications/${id}/money`), { headers });
const changeFee = (headers: Record<string, string>, id: string, body: unknown) => call(url(`/api/staff/applications/${id}/fee`), { headers, body });
const command = async (headers: Record<string, string>, id: string, cmd: string, reason?: string) => {
  const version = (await server.deps.applications.findById(id as never))._unsafeUnwrap()!.version;
  return call(url(`/api/staff/applications/${id}/commands`), { headers, body: { command: cmd, expectedVersion: version, ...(reason === undefined ? {} : { reason }) } });
};
const gatewayAuth = async (id: string) => (await server.deps.gateway.getAuthorization(id))._unsafeUnwrap()!;

describe("staff fee changes move the money through the gateway (ADR 26)", () => {
  it("capture less, refund after capture, ask for the difference above the threshold with four eyes; completion and rejection capture and void; every change audited without its reason", async () => {
    const alice = await member(["processor"]);
    const bob = await member(["processor"]);
    const viewer = await member(["viewer"]);
    const a = await paidApplication();
    const total = a.fee.total;
    const auth = a.payment!.authorizationId;

    const first = await money(alice.headers, a.id);
    expect(first.status).toBe(200);
    expect(first.body.totals).toMatchObject({ authorized: total, captured: 0, refunded: 0, held: total, pendingDifference: 0 });
    expect(first.body.count).toBe(0);

    // Permission and step-up come first.
    expect((await changeFee(viewer.headers, a.id, { expectedCount: 0, edits: [{ index: 0, quantity: 1, exemptionReason: null }], reason: "1通に訂正" })).status).toBe(403);
    const stale = await member(["processor"], { steppedUp: false });
    expect((await changeFee(stale.headers, a.id, { expectedCount: 0, edits: [{ index: 0, quantity: 1, exemptionReason: null }], reason: "1通に訂正" })).body.error.code).toBe("staff.step_up_required");
    expect((await changeFee(alice.headers, a.id, { expectedCount: 0, edits: [{ index: 0, quantity: 1, exemptionReason: null }], reason: " " })).body.error.code).toBe("fee.reason_required");

    // 2 copies → 1: the authorisation is captured less at completion; nothing moves now.
    const less = await changeFee(alice.headers, a.id, { expectedCount: 0, edits: [{ index: 0, quantity: 1, exemptionReason: null }], reason: "1通に訂正（申請者に確認済み）" });
    expect(less.status).toBe(200);
    expect(less.body).toMatchObject({ effect: "capture_less", due: total - 300, count: 1, totals: { held: total, excess: 300 } });
    expect(less.body.feeChanges).toEqual([expect.objectContaining({ from: total, to: total - 300, staffId: alice.id, reason: "1通に訂正（申請者に確認済み）", approvalId: null })]);
    // From the same books again: a conflict, nothing written.
    expect((await changeFee(bob.headers, a.id, { expectedCount: 0, edits: [{ index: 0, quantity: 2, exemptionReason: null }], reason: "2通" })).body.error.code).toBe("money.concurrent_modification");

    // Completion captures exactly the new fee.
    expect((await command(alice.headers, a.id, "startProcessing")).status).toBe(200);
    const completed = await command(alice.headers, a.id, "complete");
    expect([completed.status, completed.body.payment.status]).toEqual([200, "captured"]);
    expect(await gatewayAuth(auth)).toMatchObject({ capturedAmount: total - 300, refundedAmount: 0 });

    // After capture, exempting the certificate refunds it (300 yen, under the threshold).
    const exempt = await changeFee(alice.headers, a.id, { expectedCount: 2, edits: [{ index: 0, quantity: 1, exemptionReason: "公用請求" }], reason: "公用のため免除" });
    expect(exempt.body).toMatchObject({ effect: "refund", totals: { captured: total - 300, refunded: 300, net: total - 600 } });
    expect(exempt.body.fee.lines[0]).toMatchObject({ amount: 0, exemption: { reason: { ja: "公用請求" } } });
    expect(await gatewayAuth(auth)).toMatchObject({ capturedAmount: total - 300, refundedAmount: 300 });

    const audited = await entries(["fee.changed"]);
    expect(audited.map((e) => [e.actor.id, e.target?.id, e.details["from"], e.details["to"], e.details["effect"]])).toEqual([
      [alice.id, a.id, total, total - 300, "capture_less"],
      [alice.id, a.id, total - 300, total - 600, "refund"],
    ]);
    expect(JSON.stringify(audited)).not.toContain("公用のため免除");

    // A raise of more than 1,000 yen needs another member's approval of exactly that change.
    const b = await paidApplication();
    const raise = { expectedCount: 0, edits: [{ index: 0, quantity: 6, exemptionReason: null }], reason: "6通の請求と判明" };
    const required = await changeFee(alice.headers, b.id, raise);
    expect([required.status, required.body.error.code]).toEqual([409, "approval.required"]);
    expect(required.body.approval).toEqual({ kind: "fee.change", subject: { applicationId: b.id, from: b.fee.total, to: b.fee.total + 1200 } });
    const asked = await call(url("/api/staff/approvals"), { headers: alice.headers, body: { kind: "fee.change", subject: required.body.approval.subject } });
    expect(asked.status).toBe(201);
    expect((await call(url(`/api/staff/approvals/${asked.body.id}/approve`), { headers: alice.headers, body: {} })).body.error.code).toBe("approval.self_approval");
    expect((await call(url(`/api/staff/approvals/${asked.body.id}/approve`), { headers: bob.headers, body: {} })).status).toBe(200);
    // The approval is for +1,200: it does not release another amount.
    expect((await changeFee(alice.headers, b.id, { ...raise, edits: [{ index: 0, quantity: 7, exemptionReason: null }], approvalId: asked.body.id })).body.error.code).toBe("approval.subject_mismatch");
    const asked2 = await call(url("/api/staff/approvals"), { headers: alice.headers, body: { kind: "fee.change", subject: required.body.approval.subject } });
    await call(url(`/api/staff/approvals/${asked2.body.id}/approve`), { headers: bob.headers, body: {} });
    const raised = await changeFee(alice.headers, b.id, { ...raise, approvalId: asked2.body.id });
    expect(raised.body).toMatchObject({ effect: "request_payment", totals: { pendingDifference: 1200 } });
    expect(raised.body.feeChanges[0]).toMatchObject({ approvalId: asked2.body.id });
    // Completion waits for the difference.
    await command(alice.headers, b.id, "startProcessing");
    const early = await command(alice.headers, b.id, "complete");
    expect([early.status, early.body.error.code, early.body.pendingDifference]).toEqual([409, "money.difference_unpaid", 1200]);
    expect((await server.deps.applications.findById(b.id))._unsafeUnwrap()!.status).toBe("processing");

    // Rejection voids the held authorisation.
    expect((await command(alice.headers, b.id, "reject", "要件を満たさないため")).status).toBe(200);
    expect((await gatewayAuth(b.payment!.authorizationId)).status).toBe("voided");
    expect((await call(url(`/api/staff/applications/${b.id}`), { headers: alice.headers })).body.payment.status).toBe("voided");
    expect((await changeFee(alice.headers, b.id, { expectedCount: 1, edits: [{ index: 0, quantity: 1, exemptionReason: null }], reason: "x" })).body.error.code).toBe("fee.closed");
  });

  it("the resident pays a difference staff asked for with a new card authorisation; completion then captures both, exactly the new fee", async () => {
    const alice = await member(["processor"]);
    const { submitted } = await residentSubmits(server, juminhyoInput());
    const credentials = { receiptNumber: submitted.body.receiptNumber, accessSecret: submitted.body.accessSecret };
    const a = (await server.deps.applications.findByReceiptNumber(credentials.receiptNumber))._unsafeUnwrap()!;
    // Nothing owed yet.
    expect((await call(`${server.url}/api/applications/difference`, { body: credentials })).body.pendingDifference).toBe(0);
    const raised = await changeFee(alice.headers, a.id, { expectedCount: 0, edits: [{ index: 0, quantity: 4, exemptionReason: null }], reason: "4通の請求と判明" });
    expect(raised.body).toMatchObject({ effect: "request_payment", totals: { pendingDifference: 600 } });
    expect((await call(`${server.url}/api/applications/difference`, { body: credentials })).body.pendingDifference).toBe(600);
    // A wrong access secret shows nothing.
    expect((await call(`${server.url}/api/applications/difference`, { body: { ...credentials, accessSecret: "x".repeat(32) } })).status).toBe(404);

    const token = await tokenize(server, "4242424242424242");
    const paid = await call(`${server.url}/api/applications/pay-difference`, { body: { ...credentials, payment: { token } } });
    expect(paid.body).toMatchObject({ pendingDifference: 0, authorized: 600 });
    // Paying again: nothing is owed, nothing is charged.
    expect((await call(`${server.url}/api/applications/pay-difference`, { body: { ...credentials, payment: { token: await tokenize(server, "4242424242424242") } } })).body.error.code).toBe("money.nothing_to_pay");

    await command(alice.headers, a.id, "startProcessing");
    expect((await command(alice.headers, a.id, "complete")).status).toBe(200);
    const view = await money(alice.headers, a.id);
    expect(view.body.totals).toMatchObject({ captured: a.fee.total + 600, held: 0, pendingDifference: 0 });
    const [first, second] = view.body.authorizations as { authorizationId: string }[];
    expect((await gatewayAuth(first!.authorizationId)).capturedAmount).toBe(a.fee.total);
    expect((await gatewayAuth(second!.authorizationId)).capturedAmount).toBe(600);
  });

  it("a resident's withdrawal voids the held authorisation", async () => {
    const { submitted } = await residentSubmits(server, juminhyoInput());
    const a = (await server.deps.applications.findByReceiptNumber(submitted.body.receiptNumber))._unsafeUnwrap()!;
    const withdrawn = await call(`${server.url}/api/applications/withdraw`, { body: { receiptNumber: submitted.body.receiptNumber, accessSecret: submitted.body.accessSecret } });
    expect(withdrawn.status).toBe(200);
    expect(await gatewayAuth(a.payment!.authorizationId)).toMatchObject({ status: "voided", capturedAmount: 0 });
  });

  it("the daily settlement report adds up against the gateway's records, as JSON and as UTF-8 and Shift_JIS CSV", async () => {
    const alice = await member(["processor"]);
    const apps = [await paidApplication(), await paidApplication()];
    for (const a of apps) {
      await command(alice.headers, a.id, "startProcessing");
      expect((await command(alice.headers, a.id, "complete")).status).toBe(200);
    }
    // One partial refund after completion.
    const refunded = await changeFee(alice.headers, apps[1]!.id, { expectedCount: 1, edits: [{ index: 0, quantity: 1, exemptionReason: null }], reason: "1通のみ発行" });
    expect(refunded.body.effect).toBe("refund");

    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    const report = await call(url(`/api/staff/settlement?from=${today}&to=${today}`), { headers: alice.headers });
    expect(report.status).toBe(200);
    // Every application this server has seen, every authorisation made for it (at submission and for a
    // difference): the gateway's own numbers.
    const all = (await server.deps.applications.list({ limit: 1000, offset: 0 }))._unsafeUnwrap().items;
    let captured = 0;
    let refundedSum = 0;
    let count = 0;
    for (const x of all) {
      for (const { authorizationId } of (await money(alice.headers, x.id)).body.authorizations as { authorizationId: string }[]) {
        const g = await gatewayAuth(authorizationId);
        captured += g.capturedAmount;
        refundedSum += g.refundedAmount;
        if (g.capturedAmount > 0) count += 1;
      }
    }
    expect(count).toBeGreaterThanOrEqual(4);
    expect(report.body.totals).toMatchObject({ captured, refunded: refundedSum, count });
    expect(report.body.totals.cardFee).toBe(report.body.rows.reduce((s: number, r: { captured: number }) => s + Math.floor((r.captured * 350) / 10_000), 0));
    expect(report.body.rows[0]).toMatchObject({ day: today, procedureId: "juminhyo", procedureName: "住民票の写し" });

    const csv = await fetch(url(`/api/staff/settlement?from=${today}&to=${today}&format=csv`), { headers: alice.headers });
    const utf8 = Buffer.from(await csv.arrayBuffer());
    expect([...utf8.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(utf8.toString("utf8")).toContain(`日付,手続,件数,売上額,返金額,カード手数料,差引額\r\n${today},住民票の写し,`);
    const sjis = await fetch(url(`/api/staff/settlement?from=${today}&to=${today}&format=csv&encoding=shift_jis`), { headers: alice.headers });
    const text = iconv.decode(Buffer.from(await sjis.arrayBuffer()), "cp932");
    expect(text).toContain(`合計,,${count},${captured},${refundedSum},`);

    expect((await call(url(`/api/staff/settlement?from=2026-13-01&to=${today}`), { headers: alice.headers })).body.error.code).toBe("settlement.invalid_period");
    const viewer = await member(["viewer"]);
    expect((await call(url(`/api/staff/settlement?from=${today}&to=${today}`), { headers: viewer.headers })).status).toBe(403);
  });
});

describe("fee configuration", () => {
  it("defaults to a 3,000 yen four-eyes threshold and a 3.5 % card fee; a malformed rate or threshold stops the server", () => {
    const config = loadConfig({})._unsafeUnwrap();
    expect([config.feeApprovalThreshold, config.cardFeeRate]).toEqual([3000, 350]);
    expect(loadConfig({ MADOGUCHI_CARD_FEE_RATE: "3.24", MADOGUCHI_FEE_APPROVAL_THRESHOLD: "0" })._unsafeUnwrap()).toMatchObject({ cardFeeRate: 324, feeApprovalThreshold: 0 });
    for (const bad of ["0.035%", "3,5", "101"]) expect(loadConfig({ MADOGUCHI_CARD_FEE_RATE: bad })._unsafeUnwrapErr().message).toContain("MADOGUCHI_CARD_FEE_RATE");
    expect(loadConfig({ MADOGUCHI_FEE_APPROVAL_THRESHOLD: "-1" }).isErr()).toBe(true);
  });
});
