import { findLuhnValidPans, TEST_CARDS } from "@madoguchi/adapter-payment-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StaffGroupId, StaffRoleId } from "@madoguchi/core";
import { call, juminhyoInput, newSubmissionKey, residentSubmits, tokenize } from "./support/api-client.ts";
import { residentClient, type Mail } from "./support/resident-client.ts";
import { staffWithSession } from "./support/staff-access-fixtures.ts";
import { CARD_PASSWORD, startTestServer, type TestServer } from "./support/test-server.ts";

// ADR 26: 事後決済 (after_assessment) is submitted without a card, staff fix the fee, the resident is mailed
// and pays what is due on the status page's routes — with a new card, their saved card, or after 3-D Secure —
// and completion captures it. Against the embedded sandbox gateway on its own origin and real SQLite.
let server: TestServer;
const residents = residentClient(() => server.url, "due");
const sentToServer: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  (await server.deps.staffAccess.saveGroup({ id: StaffGroupId("due-all"), name: "全申請", scope: { kind: "all" } }))._unsafeUnwrap();
});
afterAll(() => server?.dispose());

const send = async (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
  if (init.body !== undefined) sentToServer.push(JSON.stringify(init.body));
  return call(`${server.url}${path}`, init);
};
const staffUrl = (path: string) => `${server.staffUrl}${path}`;
const processor = async () => {
  const me = await staffWithSession(server, "processor");
  (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId("processor"), holder: { kind: "staff", staffId: me.id } }))._unsafeUnwrap();
  (await server.deps.staffAccess.addMember(StaffGroupId("due-all"), me.id))._unsafeUnwrap();
  return me;
};
const command = async (headers: Record<string, string>, id: string, cmd: string) => {
  const version = (await server.deps.applications.findById(id as never))._unsafeUnwrap()!.version;
  return call(staffUrl(`/api/staff/applications/${id}/commands`), { headers, body: { command: cmd, expectedVersion: version } });
};
const fixFee = (headers: Record<string, string>, id: string, body: unknown) => call(staffUrl(`/api/staff/applications/${id}/fee`), { headers, body });
const money = (headers: Record<string, string>, id: string) => call(staffUrl(`/api/staff/applications/${id}/money`), { headers });
// The payment-due mail leaves through the outbox: delivered (the kicked run awaited) before the inbox is read.
const inboxTo = async (to: string): Promise<Mail[]> => {
  await server.relay.runOnce();
  return (await call(`${server.url}/api/dev/inbox`)).body.messages.filter((m: Mail) => m.to === to);
};

/** A signed 除籍謄本 request (事後決済) as the browser submits it: no payment at all. */
const josekiRequest = async (email: string, copies = "1") => {
  const input = { ...juminhyoInput({ applicant: { email }, request: { copies } }), procedureId: "koseki-joseki", submissionKey: newSubmissionKey() };
  const prepared = await send("/api/applications/prepare", { body: input });
  expect(prepared.status).toBe(200);
  expect(JSON.parse(prepared.body.canonicalJson).paymentTiming).toBe("after_assessment");
  const signed = await call(`${server.url}/test-card/api/sign`, {
    body: { contentBase64: Buffer.from(prepared.body.canonicalJson, "utf8").toString("base64"), password: CARD_PASSWORD },
  });
  return { ...input, signature: { cmsBase64: signed.body.cmsBase64 as string }, payment: null };
};

/** Submitted, staff started processing and fixed the fee at `copies` copies: the credentials and the application. */
const fixedJoseki = async (email: string, copies: number) => {
  const staff = await processor();
  const submitted = await send("/api/applications", { body: await josekiRequest(email) });
  expect(submitted.status).toBe(201);
  const credentials = { receiptNumber: submitted.body.receiptNumber as string, accessSecret: submitted.body.accessSecret as string };
  const a = (await server.deps.applications.findByReceiptNumber(credentials.receiptNumber as never))._unsafeUnwrap()!;
  const fixed = await fixFee(staff.headers, a.id, { expectedCount: 0, edits: [{ index: 0, quantity: copies, exemptionReason: null }], reason: `除籍・改製原戸籍 ${copies}通` });
  expect(fixed.status).toBe(200);
  return { staff, credentials, a, due: 750 * copies + 110 };
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

describe("事後決済: submission without a card, the fee fixed by staff, the resident told and paying, completion capturing", () => {
  it("takes the application with no payment, refuses completion until fixed and paid, mails the amount, and captures exactly it", async () => {
    const staff = await processor();
    const email = `joseki-${process.pid}@example.jp`;
    const submitted = await send("/api/applications", { body: await josekiRequest(email) });
    expect(submitted.status).toBe(201);
    const credentials = { receiptNumber: submitted.body.receiptNumber, accessSecret: submitted.body.accessSecret };
    const a = (await server.deps.applications.findByReceiptNumber(credentials.receiptNumber))._unsafeUnwrap()!;
    expect(a.payment).toBeNull();
    expect(a.fee.total).toBe(750 + 110);

    // Nothing owed before staff fix it; nothing can be paid; completion is refused.
    const before = await send("/api/applications/difference", { body: credentials });
    expect(before.body).toMatchObject({ pendingDifference: 0, feeFixed: false, paymentTiming: "after_assessment", paid: 0 });
    const early = await send("/api/applications/pay-difference", { body: { ...credentials, payment: { token: await tokenize(server, TEST_CARDS.visaSuccess) } } });
    expect([early.status, early.body.error.code]).toEqual([409, "money.nothing_to_pay"]);
    expect((await money(staff.headers, a.id)).body).toMatchObject({ feeFixed: false, authorizations: [] });
    await command(staff.headers, a.id, "startProcessing");
    const notFixed = await command(staff.headers, a.id, "complete");
    expect([notFixed.status, notFixed.body.error.code]).toEqual([409, "money.fee_not_fixed"]);

    // Staff fix it: three certificates were found. The resident is mailed the amount, without personal data.
    const fixed = await fixFee(staff.headers, a.id, { expectedCount: 0, edits: [{ index: 0, quantity: 3, exemptionReason: null }], reason: "除籍2通・改製原戸籍1通" });
    expect(fixed.body).toMatchObject({ effect: "request_payment", feeFixed: true, due: 2360, totals: { pendingDifference: 2360 } });
    const mails = await inboxTo(email);
    const dueMail = mails.find((m) => m.subject.includes("お支払いのお願い"));
    expect(dueMail?.subject).toContain(credentials.receiptNumber);
    expect(dueMail?.text).toContain("2,360円");
    expect(dueMail?.text).not.toContain("窓口 太郎");
    expect(dueMail?.text).not.toContain(credentials.accessSecret);

    const due = await send("/api/applications/difference", { body: credentials });
    expect(due.body).toMatchObject({ pendingDifference: 2360, feeFixed: true, fee: { total: 2360 } });
    expect(due.body.fee.lines[0]).toMatchObject({ unitPrice: 750, quantity: 3, amount: 2250 });
    const unpaid = await command(staff.headers, a.id, "complete");
    expect([unpaid.status, unpaid.body.error.code, unpaid.body.pendingDifference]).toEqual([409, "money.difference_unpaid", 2360]);

    const paid = await send("/api/applications/pay-difference", { body: { ...credentials, payment: { token: await tokenize(server, TEST_CARDS.visaSuccess) } } });
    expect(paid.body).toMatchObject({ pendingDifference: 0, authorized: 2360, last4: "4242" });
    expect((await send("/api/applications/difference", { body: credentials })).body).toMatchObject({ pendingDifference: 0, paid: 2360 });

    const completed = await command(staff.headers, a.id, "complete");
    expect(completed.status).toBe(200);
    const view = await money(staff.headers, a.id);
    expect(view.body.totals).toMatchObject({ captured: 2360, held: 0, pendingDifference: 0 });
    const [only] = view.body.authorizations as { authorizationId: string }[];
    expect((await server.deps.gateway.getAuthorization(only!.authorizationId))._unsafeUnwrap()).toMatchObject({ status: "captured", capturedAmount: 2360 });
  });

  it("fixing the estimate as it is needs no edit (and no second fix without one); an at_submission procedure still needs a card", async () => {
    const staff = await processor();
    const submitted = await send("/api/applications", { body: await josekiRequest(`joseki-as-is-${process.pid}@example.jp`) });
    const a = (await server.deps.applications.findByReceiptNumber(submitted.body.receiptNumber))._unsafeUnwrap()!;
    const asIs = await fixFee(staff.headers, a.id, { expectedCount: 0, edits: [], reason: "見込みどおり1通" });
    expect(asIs.body).toMatchObject({ effect: "request_payment", due: 860, totals: { pendingDifference: 860 } });
    const again = await fixFee(staff.headers, a.id, { expectedCount: 1, edits: [], reason: "同じ" });
    expect(again.body.error.code).toBe("fee.unchanged");

    // 住民票 (at_submission) without a payment: refused, nothing stored.
    const input = juminhyoInput();
    const { submitted: refused } = await residentSubmits(server, input, { tamper: (b) => ({ ...b, payment: null }) });
    expect([refused.status, refused.body.error.code]).toEqual([400, "payment.invalid_request"]);
    expect((await server.deps.applications.findBySubmissionKey(input.submissionKey))._unsafeUnwrap()).toBeNull();
  });
});

describe("paying what is due: 3-D Secure and the saved card", () => {
  it("a challenged card: 402 with the issuer's page, the same request after the challenge pays once", async () => {
    const { credentials, a, due, staff } = await fixedJoseki(`joseki-3ds-${process.pid}@example.jp`, 2);
    const body = { ...credentials, payment: { token: await tokenize(server, TEST_CARDS.threeDSecureRequired) } };
    const first = await send("/api/applications/pay-difference", { body });
    expect([first.status, first.body.error.code]).toEqual([402, "payment.challenge_required"]);
    const url = first.body.challenge.url as string;
    expect(server.deps.payment).toMatchObject({ kind: "sandbox", origin: new URL(url).origin });
    // Not answered yet: still the challenge, still nothing recorded.
    expect((await send("/api/applications/pay-difference", { body })).body.error.code).toBe("payment.challenge_required");
    expect((await send("/api/applications/difference", { body: credentials })).body.pendingDifference).toBe(due);
    await answerChallenge(url, "123456");
    const paid = await send("/api/applications/pay-difference", { body });
    expect([paid.status, paid.body.authorized, paid.body.pendingDifference]).toEqual([200, due, 0]);
    // Sent once more (a lost answer): nothing is owed, nothing charged again.
    expect((await send("/api/applications/pay-difference", { body })).body.error.code).toBe("money.nothing_to_pay");
    const view = await money(staff.headers, a.id);
    expect(view.body.authorizations).toHaveLength(1);
    expect(view.body.totals).toMatchObject({ held: due, pendingDifference: 0 });
  });

  it("a failed challenge pays nothing; another card then pays", async () => {
    const { credentials, due } = await fixedJoseki(`joseki-3ds-fail-${process.pid}@example.jp`, 1);
    const body = { ...credentials, payment: { token: await tokenize(server, TEST_CARDS.threeDSecureRequired) } };
    const first = await send("/api/applications/pay-difference", { body });
    await answerChallenge(first.body.challenge.url, "000000");
    const refused = await send("/api/applications/pay-difference", { body });
    expect([refused.status, refused.body.error.code]).toEqual([402, "payment.challenge_failed"]);
    expect((await send("/api/applications/difference", { body: credentials })).body.pendingDifference).toBe(due);
    const other = await send("/api/applications/pay-difference", { body: { ...credentials, payment: { token: await tokenize(server, TEST_CARDS.visaSuccess) } } });
    expect(other.body).toMatchObject({ authorized: due, pendingDifference: 0 });
  });

  it("the logged-in resident's own saved card pays; another resident's card, or nobody logged in, is refused", async () => {
    const owner = await loggedInResident();
    const saved = await send("/api/resident/payment-card", { method: "PUT", body: { token: await tokenize(server, TEST_CARDS.visaSuccess) }, headers: owner.headers });
    const cardId = saved.body.card.id as string;
    const { credentials, due } = await fixedJoseki(`joseki-saved-${process.pid}@example.jp`, 2);

    const other = await loggedInResident();
    for (const headers of [{ cookie: other.cookie }, {}]) {
      const refused = await send("/api/applications/pay-difference", { body: { ...credentials, payment: { savedCardId: cardId } }, headers });
      expect([refused.status, refused.body.error.code]).toEqual([404, "payment.saved_card_not_found"]);
    }
    expect((await send("/api/applications/difference", { body: credentials })).body.pendingDifference).toBe(due);

    const paid = await send("/api/applications/pay-difference", { body: { ...credentials, payment: { savedCardId: cardId } }, headers: { cookie: owner.cookie } });
    expect(paid.body).toMatchObject({ authorized: due, pendingDifference: 0, last4: "4242" });
  });

  it("a raised at_submission fee is paid the same way (the difference), with the difference mail", async () => {
    const staff = await processor();
    const email = `juminhyo-diff-${process.pid}@example.jp`;
    const { submitted } = await residentSubmits(server, juminhyoInput({ applicant: { email } }));
    const credentials = { receiptNumber: submitted.body.receiptNumber, accessSecret: submitted.body.accessSecret };
    const a = (await server.deps.applications.findByReceiptNumber(credentials.receiptNumber))._unsafeUnwrap()!;
    const raised = await fixFee(staff.headers, a.id, { expectedCount: 0, edits: [{ index: 0, quantity: 3, exemptionReason: null }], reason: "3通の請求" });
    expect(raised.body).toMatchObject({ effect: "request_payment", totals: { pendingDifference: 300 } });
    expect((await inboxTo(email)).find((m) => m.subject.includes("お支払いのお願い"))?.text).toContain("差額のお支払いが必要");
    const paid = await send("/api/applications/pay-difference", { body: { ...credentials, payment: { token: await tokenize(server, TEST_CARDS.visaSuccess) } } });
    expect(paid.body).toMatchObject({ authorized: 300, pendingDifference: 0 });
  });
});

describe("card data never reaches our server on these routes", () => {
  it("finds no Luhn-valid card number in what was sent to it", () => {
    expect(sentToServer.length).toBeGreaterThan(10);
    expect(findLuhnValidPans(sentToServer.join("\n"))).toEqual([]);
  });
});
