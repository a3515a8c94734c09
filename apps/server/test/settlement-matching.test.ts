import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IdempotencyKey, StaffGroupId, StaffRoleId, yen } from "@madoguchi/core";
import { loadConfig } from "../src/config/config.ts";
import { call, juminhyoInput, residentSubmits } from "./support/api-client.ts";
import { staffWithSession } from "./support/staff-access-fixtures.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

// ADR 29: the settlement report matched against the gateway's own records, and the accepted card brands.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  (await server.deps.staffAccess.saveGroup({ id: StaffGroupId("all-apps"), name: "全申請", scope: { kind: "all" } }))._unsafeUnwrap();
});
afterAll(async () => {
  await server?.dispose();
});

const url = (path: string) => `${server.staffUrl}${path}`;
const member = async (roles: string[]) => {
  const me = await staffWithSession(server, roles.join("+"));
  for (const role of roles) (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId(role), holder: { kind: "staff", staffId: me.id } }))._unsafeUnwrap();
  (await server.deps.staffAccess.addMember(StaffGroupId("all-apps"), me.id))._unsafeUnwrap();
  return me;
};
const paidApplication = async () => {
  const { submitted } = await residentSubmits(server, juminhyoInput());
  expect(submitted.status).toBe(201);
  return (await server.deps.applications.findByReceiptNumber(submitted.body.receiptNumber))._unsafeUnwrap()!;
};
const command = async (headers: Record<string, string>, id: string, cmd: string) => {
  const version = (await server.deps.applications.findById(id as never))._unsafeUnwrap()!.version;
  return call(url(`/api/staff/applications/${id}/commands`), { headers, body: { command: cmd, expectedVersion: version } });
};
/** A sandbox card token, made as the hosted fields make it (the card never reaches our server). */
const tokenize = async (number: string, s: TestServer = server, cvc = "123") => {
  const base = new URL((s.deps.payment as unknown as { hostedFieldsUrl: string }).hostedFieldsUrl).origin;
  return call(`${base}/v1/tokens`, { body: { number, expMonth: 12, expYear: 2034, cvc, name: "TARO MADOGUCHI" } }).then((r) => {
    if (r.status !== 200) throw new Error(`tokenize: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.token as string;
  });
};
const today = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);

describe("the settlement report matched against the gateway's records (ADR 29)", () => {
  it("says 照合: 一致 when every capture went through our books; a capture at the gateway our books never heard of is 'only at the gateway' with its receipt number, in JSON and CSV; each read is audited", async () => {
    const alice = await member(["processor"]);
    const a = await paidApplication();
    await command(alice.headers, a.id, "startProcessing");
    expect((await command(alice.headers, a.id, "complete")).status).toBe(200);

    const day = today();
    const agreed = await call(url(`/api/staff/settlement?from=${day}&to=${day}`), { headers: alice.headers });
    expect(agreed.status).toBe(200);
    expect(agreed.body.matching).toMatchObject({ state: "matched", verdict: "照合: 一致", matchedCount: 1, differences: [] });
    expect(agreed.body.matching.totals.theirs).toEqual({ captured: a.fee.total, refunded: 0 });

    // A difference payment whose answers were lost: the gateway authorised and captured it under the key
    // madoguchi gives it (diff-<application>-…), our books never heard of it (nor can a webhook add it:
    // the books do not hold the authorisation).
    const b = await paidApplication();
    const owed = 600;
    const token = await tokenize("4242424242424242");
    const key = IdempotencyKey(`diff-${b.id}-1-0123456789abcdef`);
    const authorized = (await server.deps.gateway.authorize({ source: { kind: "token", token }, amount: yen(owed), idempotencyKey: key, description: "madoguchi juminhyo" }))._unsafeUnwrap();
    expect((await server.deps.gateway.capture(authorized.id, yen(owed), IdempotencyKey(`capture-lost-${b.id}`))).isOk()).toBe(true);
    const differs = await call(url(`/api/staff/settlement?from=${day}&to=${day}`), { headers: alice.headers });
    expect(differs.body.matching.state).toBe("differs");
    expect(differs.body.matching.verdict).toContain("照合: 不一致");
    expect(differs.body.matching.differences).toEqual([
      { authorizationId: authorized.id, status: "only_gateway", receiptNumber: b.receiptNumber, ours: null, theirs: { captured: owed, refunded: 0 } },
    ]);
    expect(differs.body.matching.days).toEqual([{ day, ours: { captured: a.fee.total, refunded: 0 }, theirs: { captured: a.fee.total + owed, refunded: 0 }, agrees: false }]);
    // Our own report is unchanged: it is made from our books.
    expect(differs.body.totals.captured).toBe(a.fee.total);

    const sjis = await fetch(url(`/api/staff/settlement?from=${day}&to=${day}&format=csv&encoding=shift_jis`), { headers: alice.headers });
    const text = iconv.decode(Buffer.from(await sjis.arrayBuffer()), "cp932");
    expect(text).toContain("照合: 不一致");
    expect(text).toContain(`${b.receiptNumber},${authorized.id},決済代行の記録のみ,,,${owed},0\r\n`);
    expect(text).toContain(`${day},,日計が異なる,${a.fee.total},0,${a.fee.total + owed},0\r\n`);
    const en = await fetch(url(`/api/staff/settlement?from=${day}&to=${day}&format=csv`), { headers: { ...alice.headers, "accept-language": "en" } });
    expect(await en.text()).toContain("Only at the payment agent");
    // Ids and amounts only: nothing of the applicant.
    for (const personal of ["窓口", "taro@example.jp", "みほん県"]) {
      expect(text).not.toContain(personal);
      expect(JSON.stringify(differs.body)).not.toContain(personal);
    }

    const audited = (await server.deps.auditLog.read({ actions: ["settlement.viewed"], afterSeq: 0, limit: 100 }))._unsafeUnwrap();
    expect(audited.map((e) => [e.actor.id, e.details["format"], e.details["matching"], e.details["differences"]])).toEqual([
      [alice.id, "json", "matched", 0],
      [alice.id, "json", "differs", 1],
      [alice.id, "csv", "differs", 1],
      [alice.id, "csv", "differs", 1],
    ]);
  });
});

describe("accepted card brands (MADOGUCHI_CARD_BRANDS)", () => {
  // The sandbox's hosted fields post the card here from the browser (it never reaches our server).
  const tokenizeAmex = async (s: TestServer) => {
    const base = new URL((s.deps.payment as unknown as { hostedFieldsUrl: string }).hostedFieldsUrl).origin;
    return call(`${base}/v1/tokens`, { body: { number: "378282246310005", expMonth: 12, expYear: 2034, cvc: "1234", name: "TARO MADOGUCHI" } });
  };

  it("refuses AMEX by default and names VISA, Mastercard and JCB to the resident", async () => {
    const refused = await tokenizeAmex(server);
    expect([refused.status, refused.body.error.code]).toEqual([400, "unsupported_brand"]);
    expect((await call(`${server.url}/api/config`)).body.acceptedCardBrands).toEqual(["visa", "mastercard", "jcb"]);
  });

  it("accepts AMEX when the city switches it on", async () => {
    const amex = await startTestServer({ MADOGUCHI_CARD_BRANDS: "visa, mastercard, jcb, AMEX" });
    try {
      const accepted = await tokenizeAmex(amex);
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ brand: "amex", last4: "0005" });
      expect((await call(`${amex.url}/api/config`)).body.acceptedCardBrands).toEqual(["visa", "mastercard", "jcb", "amex"]);
    } finally {
      await amex.dispose();
    }
  });

  it("refuses an unknown, repeated or empty brand list at start", () => {
    expect(loadConfig({})._unsafeUnwrap().cardBrands).toEqual(["visa", "mastercard", "jcb"]);
    expect(loadConfig({ MADOGUCHI_CARD_BRANDS: "jcb,diners" })._unsafeUnwrap().cardBrands).toEqual(["jcb", "diners"]);
    for (const bad of ["visa,discover", "visa,visa", " , ", "VISA;JCB"]) expect(loadConfig({ MADOGUCHI_CARD_BRANDS: bad })._unsafeUnwrapErr().message).toContain("MADOGUCHI_CARD_BRANDS");
  });
});
