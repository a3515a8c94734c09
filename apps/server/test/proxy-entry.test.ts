import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StaffGroupId, StaffRoleId, type AuditAction } from "@madoguchi/core";
import { call, juminhyoInput, residentSubmits } from "./support/api-client.ts";
import { staffWithSession } from "./support/staff-access-fixtures.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  (await server.deps.staffAccess.saveGroup({ id: StaffGroupId("proxy-all"), name: "全申請", scope: { kind: "all" } }))._unsafeUnwrap();
  (await server.deps.staffAccess.saveGroup({ id: StaffGroupId("proxy-koseki"), name: "戸籍係", scope: { kind: "procedures", procedureIds: ["koseki"] as never } }))._unsafeUnwrap();
});
afterAll(async () => {
  await server?.dispose();
});

const url = (path: string) => `${server.staffUrl}${path}`;
const member = async (label: string, role: string, group: string) => {
  const me = await staffWithSession(server, label);
  (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId(role), holder: { kind: "staff", staffId: me.id } }))._unsafeUnwrap();
  (await server.deps.staffAccess.addMember(StaffGroupId(group), me.id))._unsafeUnwrap();
  return me;
};
const today = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
/** A request for 住民票 ×2 that came by mail, with postal money orders and no email address. */
const mailedEntry = (intake: Record<string, unknown> = {}) => ({
  ...juminhyoInput({ applicant: { email: "" } }),
  intake: { channel: "mail", receivedOn: today(), payment: "postal_money_order", note: "定額小為替 710円分 同封\n返信用封筒あり", ...intake },
});
const enter = (headers: Record<string, string>, body: unknown) => call(url("/api/staff/applications"), { headers, body });
const entries = async (actions: AuditAction[]) => (await server.deps.auditLog.read({ actions, afterSeq: 0, limit: 1000 }))._unsafeUnwrap();

describe("S5: staff enter applications received by mail, at the counter, on paper, by phone or email", () => {
  it("a processor enters a mailed request: stored with its intake, shown in the detail, audited as theirs, followed by the resident with the slip's secret", async () => {
    const clerk = await member("proxy-clerk", "processor", "proxy-all");
    const body = mailedEntry();
    const entered = await enter(clerk.headers, body);
    expect(entered.status).toBe(201);
    expect(entered.body).toMatchObject({ receiptNumber: expect.any(String), accessSecret: expect.any(String), replayed: false });

    const detail = await call(url(`/api/staff/applications/${entered.body.id}`), { headers: clerk.headers });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      status: "submitted",
      signature: null,
      payment: null,
      applicant: { name: "窓口 太郎", email: "" },
      fee: { total: 300 * 2 + 110 },
      intake: {
        channel: "mail",
        channelLabel: { ja: "郵送", en: "Mail" },
        receivedOn: today(),
        payment: "postal_money_order",
        paymentLabel: { ja: "定額小為替", en: "Postal money order" },
        note: "定額小為替 710円分 同封\n返信用封筒あり",
        enteredBy: clerk.id,
      },
      history: [{ to: "submitted", by: "staff" }],
    });

    const submitted = (await entries(["application.submitted"])).filter((e) => e.target?.id === entered.body.id);
    expect(submitted.map((e) => [e.actor, e.details["channel"]])).toStrictEqual([[{ kind: "staff", id: clerk.id }, "mail"]]);

    // The 受付票 gives the resident the receipt number and the secret: the status page works as for an online request.
    const lookup = await call(`${server.url}/api/applications/lookup`, { body: { receiptNumber: entered.body.receiptNumber, accessSecret: entered.body.accessSecret } });
    expect(lookup.status).toBe(200);
    expect(lookup.body).toMatchObject({ receiptNumber: entered.body.receiptNumber, status: "submitted" });

    // The list marks it as entered by staff, with how it came; an online application says nothing of the kind.
    const listed = await call(url("/api/staff/applications?limit=200"), { headers: clerk.headers });
    const rows = listed.body.items as { id: string; intakeChannel: string | null; intakeChannelLabel: unknown }[];
    expect(rows.find((r) => r.id === entered.body.id)).toMatchObject({ intakeChannel: "mail", intakeChannelLabel: { ja: "郵送", en: "Mail" } });
    expect(rows.filter((r) => r.id !== entered.body.id).every((r) => r.intakeChannel === null && r.intakeChannelLabel === null)).toBe(true);

    // The export says how each application came and when it arrived.
    const csv = await fetch(url("/api/staff/applications/export?encoding=utf-8&columns=receiptNumber,channel,receivedOn"), { headers: clerk.headers });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).replace(/^\uFEFF/, "").split(/\r?\n/);
    expect(lines[0]).toBe("受付番号,受付方法,受付日");
    expect(lines).toContain(`${entered.body.receiptNumber},郵送,${today()}`);

    // A double click stores it once; the secret is not shown again.
    const again = await enter(clerk.headers, body);
    expect(again.status).toBe(200);
    expect(again.body).toStrictEqual({ id: entered.body.id, receiptNumber: entered.body.receiptNumber, accessSecret: null, replayed: true });
  });

  it("its fee is paid outside the card books: it completes without a capture, and a fee change is refused with the reason", async () => {
    const clerk = await member("proxy-complete", "processor", "proxy-all");
    const entered = await enter(clerk.headers, mailedEntry({ channel: "counter", payment: "cash" }));
    expect(entered.status).toBe(201);
    const id = entered.body.id as string;
    const run = async (command: string) => {
      const version = (await server.deps.applications.findById(id as never))._unsafeUnwrap()!.version;
      return call(url(`/api/staff/applications/${id}/commands`), { headers: clerk.headers, body: { command, expectedVersion: version } });
    };
    expect((await run("startProcessing")).status).toBe(200);
    const completed = await run("complete");
    expect(completed.status).toBe(200);
    expect(completed.body.status).toBe("completed");
    expect((await server.deps.paymentLedger.listForApplication(id as never))._unsafeUnwrap()).toStrictEqual([]);

    // A processor holds fees.change; the session is stepped up.
    const changed = await call(url(`/api/staff/applications/${id}/fee`), {
      headers: clerk.headers,
      body: { edits: [{ index: 0, quantity: 1, exemptionReason: null }], reason: "1通に変更", expectedCount: 0 },
    });
    expect(changed.status).toBe(409);
    expect(changed.body.error).toMatchObject({ code: "fee.paid_outside_card", message: expect.stringContaining("定額小為替や現金で精算") });
  });

  it("refuses phone for a procedure that needs the resident's signature, and bad intake values, with Japanese messages beside each field", async () => {
    const clerk = await member("proxy-422", "processor", "proxy-all");
    const refused = await enter(clerk.headers, mailedEntry({ channel: "phone", receivedOn: "2020-01-01", payment: "not_required" }));
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toStrictEqual([
      { field: "intake.channel", code: "channel_not_allowed", message: expect.stringContaining("電話やメールでは受け付けられません") },
      { field: "intake.receivedOn", code: "out_of_range", message: expect.stringMatching(/^受付日は\d{4}-\d{2}-\d{2}から\d{4}-\d{2}-\d{2}までの範囲で入力してください$/) },
      { field: "intake.payment", code: "unknown_option", message: "手数料がかかる申請です。定額小為替または現金を選んでください" },
    ]);
    const english = await call(url("/api/staff/applications"), { headers: { ...clerk.headers, "accept-language": "en" }, body: mailedEntry({ channel: "fax" }) });
    expect(english.body.errors).toStrictEqual([{ field: "intake.channel", code: "unknown_option", message: "Received by: choose one of the options" }]);
    expect((await server.deps.applications.list({ limit: 200, offset: 0 }))._unsafeUnwrap().items.filter((a) => a.intake?.channel === "phone")).toStrictEqual([]);
  });

  it("needs applications.process and a group covering the procedure; each refusal is audited", async () => {
    const viewer = await member("proxy-viewer", "viewer", "proxy-all");
    const asViewer = await enter(viewer.headers, mailedEntry());
    expect(asViewer.status).toBe(403);
    expect(asViewer.body.error.code).toBe("staff.forbidden");

    const kosekiClerk = await member("proxy-koseki-clerk", "processor", "proxy-koseki");
    const outOfScope = await enter(kosekiClerk.headers, mailedEntry());
    expect(outOfScope.status).toBe(403);
    expect(outOfScope.body.error).toMatchObject({ code: "staff.out_of_scope", message: expect.stringContaining("担当ではありません") });
    const denied = (await entries(["authorization.denied"])).filter((e) => e.actor.id === kosekiClerk.id);
    expect(denied.map((e) => e.details)).toStrictEqual([{ reason: "out_of_scope", procedureId: "juminhyo", method: "POST", path: "/api/staff/applications" }]);
    // The same clerk may enter their own procedure.
    const koseki = await enter(kosekiClerk.headers, { ...mailedEntry(), procedureId: "koseki", request: { copies: "1", deliveryMethodId: "standard", extra: {} } });
    expect(koseki.status).toBe(201);

    const anonymous = await enter({}, mailedEntry());
    expect(anonymous.status).toBe(401);
  });

  it("the intake record is corrected against the version shown, checked as at entry, audited without values; only for entered applications in scope", async () => {
    const clerk = await member("proxy-corrector", "processor", "proxy-all");
    const entered = await enter(clerk.headers, mailedEntry({ note: "定額小為替 同封" }));
    const id = entered.body.id as string;
    const intakeUrl = url(`/api/staff/applications/${id}/intake`);
    const shown = (await call(url(`/api/staff/applications/${id}`), { headers: clerk.headers })).body;
    const record = { channel: "mail", receivedOn: today(), payment: "postal_money_order" };

    const corrected = await call(intakeUrl, { method: "PUT", headers: clerk.headers, body: { intake: { ...record, note: "定額小為替 同封（110円不足、受領済み）" }, expectedVersion: shown.version } });
    expect(corrected.status).toBe(200);
    expect(corrected.body.version).toBe(shown.version + 1);
    expect(corrected.body.intake).toMatchObject({ note: "定額小為替 同封（110円不足、受領済み）", enteredBy: clerk.id, corrected: { by: clerk.id, at: expect.any(String) }, channelLabel: { ja: "郵送", en: "Mail" } });
    const audited = (await entries(["application.intake_corrected"])).filter((e) => e.target?.id === id);
    expect(audited.map((e) => [e.actor.id, e.details])).toStrictEqual([[clerk.id, { procedureId: "juminhyo", fields: "note", version: shown.version + 1 }]]);

    // The version the page showed is stale now: nothing is overwritten.
    const stale = await call(intakeUrl, { method: "PUT", headers: clerk.headers, body: { intake: { ...record, note: "古い画面から" }, expectedVersion: shown.version } });
    expect([stale.status, stale.body.error.code]).toStrictEqual([409, "application.concurrent_modification"]);
    // A date after the day of entry, with the message beside the field.
    const tomorrow = new Date(Date.now() + 33 * 3_600_000).toISOString().slice(0, 10);
    const late = await call(intakeUrl, { method: "PUT", headers: clerk.headers, body: { intake: { ...record, receivedOn: tomorrow, note: "" }, expectedVersion: shown.version + 1 } });
    expect(late.status).toBe(422);
    expect(late.body.errors).toMatchObject([{ field: "intake.receivedOn", code: "future_date", message: expect.any(String) }]);
    expect((await call(url(`/api/staff/applications/${id}`), { headers: clerk.headers })).body.intake.note).toBe("定額小為替 同封（110円不足、受領済み）");

    // An online application has no intake record; a viewer may not correct; one outside the groups does not exist.
    const receipt = (await residentSubmits(server, juminhyoInput())).submitted.body.receiptNumber;
    const online = (await server.deps.applications.findByReceiptNumber(receipt))._unsafeUnwrap()!;
    const notEntered = await call(url(`/api/staff/applications/${online.id}/intake`), { method: "PUT", headers: clerk.headers, body: { intake: record, expectedVersion: 1 } });
    expect([notEntered.status, notEntered.body.error.code]).toStrictEqual([409, "application.not_entered_by_staff"]);
    const viewer = await member("proxy-viewer-2", "viewer", "proxy-all");
    expect((await call(intakeUrl, { method: "PUT", headers: viewer.headers, body: { intake: record, expectedVersion: shown.version + 1 } })).status).toBe(403);
    const kosekiClerk = await member("proxy-koseki-clerk-2", "processor", "proxy-koseki");
    expect((await call(intakeUrl, { method: "PUT", headers: kosekiClerk.headers, body: { intake: record, expectedVersion: shown.version + 1 } })).status).toBe(404);
  });
});
