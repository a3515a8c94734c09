import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StaffGroupId, StaffRoleId } from "@madoguchi/core";
import { call, juminhyoInput, newSubmissionKey } from "./support/api-client.ts";
import { staffWithSession } from "./support/staff-access-fixtures.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  (await server.deps.staffAccess.saveGroup({ id: StaffGroupId("takings-all"), name: "全申請", scope: { kind: "all" } }))._unsafeUnwrap();
});
afterAll(async () => {
  await server?.dispose();
});

const url = (path: string) => `${server.staffUrl}${path}`;
const today = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
const entry = (channel: string, payment: string) => ({
  ...juminhyoInput({ applicant: { email: "" } }),
  submissionKey: newSubmissionKey(),
  intake: { channel, receivedOn: today(), payment, note: "" },
});

describe("S5: the settlement report also counts the fees staff took in for the requests they entered", () => {
  it("by day, procedure and way of payment; a refused request's money is to be returned; as JSON and CSV", async () => {
    const clerk = await staffWithSession(server, "takings-clerk");
    (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId("processor"), holder: { kind: "staff", staffId: clerk.id } }))._unsafeUnwrap();
    (await server.deps.staffAccess.addMember(StaffGroupId("takings-all"), clerk.id))._unsafeUnwrap();
    const enter = async (channel: string, payment: string) => {
      const r = await call(url("/api/staff/applications"), { headers: clerk.headers, body: entry(channel, payment) });
      expect(r.status).toBe(201);
      return (await server.deps.applications.findById(r.body.id))._unsafeUnwrap()!;
    };
    const mailed = [await enter("mail", "postal_money_order"), await enter("mail", "postal_money_order")];
    const cash = await enter("counter", "cash");
    // The second mailed request is refused: its money order goes back.
    const refused = await call(url(`/api/staff/applications/${mailed[1]!.id}/commands`), { headers: clerk.headers, body: { command: "reject", reason: "本人確認書類がないため", expectedVersion: mailed[1]!.version } });
    expect(refused.status).toBe(200);

    const report = await call(url(`/api/staff/settlement?from=${today()}&to=${today()}`), { headers: clerk.headers });
    expect(report.status).toBe(200);
    const fee = mailed[0]!.fee.total;
    expect(report.body.offline.rows).toStrictEqual([
      { day: today(), procedureId: "juminhyo", procedureName: "住民票の写し", kind: "cash", kindLabel: "現金（窓口）", count: 1, taken: cash.fee.total, toReturn: 0, kept: cash.fee.total },
      { day: today(), procedureId: "juminhyo", procedureName: "住民票の写し", kind: "postal_money_order", kindLabel: "定額小為替", count: 2, taken: 2 * fee, toReturn: fee, kept: fee },
    ]);
    expect(report.body.offline.totals).toStrictEqual({ count: 3, taken: 2 * fee + cash.fee.total, toReturn: fee, kept: fee + cash.fee.total });
    // The card books owe nothing for these: the card part of the report is empty.
    expect(report.body.totals.count).toBe(0);

    const csv = await fetch(url(`/api/staff/settlement?from=${today()}&to=${today()}&format=csv&encoding=shift_jis`), { headers: clerk.headers });
    const text = iconv.decode(Buffer.from(await csv.arrayBuffer()), "cp932");
    expect(text).toContain(`日付（代理入力）,手続,支払方法,件数,収納額,返還対象,差引額\r\n${today()},住民票の写し,現金（窓口）,1,${cash.fee.total},0,${cash.fee.total}\r\n`);
    expect(text).toContain(`合計,,,3,${2 * fee + cash.fee.total},${fee},${fee + cash.fee.total}`);

    // Another period holds none of them.
    const before = await call(url("/api/staff/settlement?from=2026-01-01&to=2026-01-31"), { headers: clerk.headers });
    expect(before.body.offline).toStrictEqual({ rows: [], totals: { count: 0, taken: 0, toReturn: 0, kept: 0 } });
  });
});
