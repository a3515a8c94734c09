import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, juminhyoInput, residentSubmits, staffLogin, tokenize } from "./support/api-client.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.dispose();
});

const inbox = async () => {
  await server.relay.runOnce();
  return (await call(`${server.url}/api/dev/inbox`)).body.messages as { to: string; subject: string; text: string }[];
};

describe("the resident's 住民票 request over HTTP, on real SQLite, test card, CMS verifier and sandbox gateway", () => {
  it("serves the 9 certificate procedures of the catalog file with fees and delivery methods", async () => {
    const res = await call(`${server.url}/api/procedures`);
    expect(res.status).toBe(200);
    expect(res.body.procedures.map((p: { id: string }) => p.id)).toEqual([
      "juminhyo", "inkan", "koseki", "koseki-fuhyo", "dokushin", "mibun", "shotoku-kazei", "nozei", "koseki-joseki",
    ]);
    const tax = res.body.procedures.find((p: { id: string }) => p.id === "shotoku-kazei");
    expect(tax.extraFields.map((f: { key: string; kind: string }) => [f.key, f.kind])).toEqual([
      ["fiscalYear", "select"],
      ["purpose", "select"],
      ["submitTo", "text"],
    ]);
    expect(res.body.deliveryMethods.length).toBeGreaterThanOrEqual(2);
    // R12: what the portal searches by.
    expect(res.body.categories.map((c: { id: string }) => c.id)).toEqual(["juminhyo-inkan", "koseki", "zeimu", "mibun"]);
    expect(res.body.lifeEvents.map((e: { name: { ja: string } }) => e.name.ja)).toContain("引っ越し");
    expect(tax.categoryIds).toEqual(["zeimu"]);
    expect(tax.keywords).toContain("課税証明");
  });

  it("returns every field error at once, in Japanese, and in English when asked", async () => {
    const bad = juminhyoInput({ applicant: { name: "", nameKana: "yamada taro" }, request: { copies: "abc" } });
    const ja = await call(`${server.url}/api/applications/prepare`, { body: bad });
    expect(ja.status).toBe(422);
    const byField = Object.fromEntries(ja.body.errors.map((e: { field: string; code: string; message: string }) => [e.field, e]));
    expect(byField["applicant.name"].code).toBe("required");
    expect(byField["applicant.nameKana"].code).toBe("not_kana");
    expect(byField["request.copies"].code).toBe("not_integer");
    expect(byField["applicant.nameKana"].message).toMatch(/[ぁ-んァ-ン]/);
    const en = await call(`${server.url}/api/applications/prepare`, { body: { ...bad, locale: "en" } });
    expect(en.body.errors.find((e: { field: string }) => e.field === "request.copies").message).toMatch(/number|integer/i);
  });

  it("keeps the 所得・課税証明書's 提出先 (a text question) as typed but trimmed, signs it so, and names it in its errors", async () => {
    const tax = (submitTo: string) => ({
      ...juminhyoInput({ request: { extra: { fiscalYear: "２０２６", purpose: "loan", submitTo } } }),
      procedureId: "shotoku-kazei",
    });
    const ok = await call(`${server.url}/api/applications/prepare`, { body: tax("  ＡＢＣ銀行　本店 ") });
    expect(ok.status).toBe(200);
    expect(ok.body.request.extra).toEqual({ fiscalYear: "2026", purpose: "loan", submitTo: "ＡＢＣ銀行　本店" });
    expect(JSON.parse(ok.body.canonicalJson).request.extra.submitTo).toBe("ＡＢＣ銀行　本店");
    const tooLong = await call(`${server.url}/api/applications/prepare`, { body: tax("銀".repeat(51)) });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.errors).toEqual([{ field: "request.extra.submitTo", code: "too_long", message: "提出先は50文字以内で入力してください" }]);
    const twoLines = await call(`${server.url}/api/applications/prepare`, { body: { ...tax("みほん\n銀行"), locale: "en" } });
    expect(twoLines.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([["request.extra.submitTo", "invalid_type"]]);
    expect(twoLines.body.errors[0].message).toMatch(/^Submitted to contains characters that cannot be used/);
  });

  it("normalises full-width digits and kana and shows the fee breakdown: total = fee × copies + postage", async () => {
    const res = await call(`${server.url}/api/applications/prepare`, { body: juminhyoInput() });
    expect(res.status).toBe(200);
    expect(res.body.request.copies).toBe(2);
    expect(res.body.applicant.postalCode).toBe("1000001");
    expect(res.body.applicant.phone).toBe("0312345678");
    expect(res.body.applicant.nameKana).toBe("マドグチ　タロウ");
    expect(res.body.applicant.dateOfBirth).toBe("1975-03-04");
    expect(res.body.fee.total).toBe(300 * 2 + 110);
    expect(JSON.parse(res.body.canonicalJson).type).toBe("madoguchi.application/v1");
  });

  it("accepts a signed, paid application, gives a receipt number, a status page and a 受付 email", async () => {
    const input = juminhyoInput();
    const { submitted } = await residentSubmits(server, input);
    expect(submitted.status).toBe(201);
    expect(submitted.body.receiptNumber).toMatch(/^\d{8}-[0-9A-Z]{6}$/);
    const status = await call(`${server.url}/api/applications/lookup`, {
      body: { receiptNumber: submitted.body.receiptNumber, accessSecret: submitted.body.accessSecret },
    });
    expect(status.status).toBe(200);
    expect(status.body.status).toBe("submitted");
    expect(status.body.statusLabel.ja).toBe("申請済");
    expect(status.body.withdrawable).toBe(true);
    expect(status.body.fee.total).toBe(710);
    const mail = (await inbox()).find((m) => m.subject.includes(submitted.body.receiptNumber));
    expect(mail?.to).toBe("taro@example.jp");
    expect(mail?.text).toContain("窓口 太郎");
  });

  it("a retried submission (same key) returns the stored application and charges once", async () => {
    const input = juminhyoInput();
    const first = await residentSubmits(server, input);
    expect(first.submitted.status).toBe(201);
    const again = await call(`${server.url}/api/applications`, { body: first.body });
    expect(again.status).toBe(200);
    expect(again.body.receiptNumber).toBe(first.submitted.body.receiptNumber);
    expect(again.body.replayed).toBe(true);
  });

  it("rejects a payload changed after signing, and stores nothing", async () => {
    const before = (await (await staffLogin(server)).list()).body.total as number;
    const { submitted } = await residentSubmits(server, juminhyoInput(), {
      tamper: (body) => ({ ...body, applicant: { ...body.applicant, address: "みほん県みほん市中央二丁目2番2号" } }),
    });
    expect(submitted.status).toBe(400);
    expect(submitted.body.error.code).toBe("signature.content_mismatch");
    expect(submitted.body.error.message).toContain("署名");
    expect((await (await staffLogin(server)).list()).body.total).toBe(before);
  });

  it("rejects a signature that is missing or is not CMS", async () => {
    const input = juminhyoInput();
    const token = await tokenize(server, "4242424242424242");
    const none = await call(`${server.url}/api/applications`, { body: { ...input, signature: null, payment: { token } } });
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe("signature.required");
    const junk = await call(`${server.url}/api/applications`, {
      body: { ...input, signature: { cmsBase64: Buffer.from("not a cms").toString("base64") }, payment: { token } },
    });
    expect(junk.status).toBe(400);
    expect(junk.body.error.code).toBe("signature.malformed");
  });

  it("gives a clear message for a declined card, stores nothing, and takes another card for the same signed application", async () => {
    const { submitted, body } = await residentSubmits(server, juminhyoInput(), { cardNumber: "4000000000000002" });
    expect(submitted.status).toBe(402);
    expect(submitted.body.error.code).toBe("payment.declined");
    expect(submitted.body.error.message).toBe("カードがご利用いただけませんでした。別のカードをお試しください。");
    const before = (await (await staffLogin(server)).list()).body.total as number;
    const token = await tokenize(server, "4242424242424242");
    const paid = await call(`${server.url}/api/applications`, { body: { ...body, payment: { token } } });
    expect(paid.status).toBe(201);
    const after = (await (await staffLogin(server)).list()).body.total as number;
    expect(after).toBe(before + 1);
  });
});

describe("staff process the application; the resident is told by email each time", () => {
  it("受付 → 処理中 → 完了, with an email per change; withdrawal is refused once processing started", async () => {
    const { submitted } = await residentSubmits(server, juminhyoInput({ applicant: { email: "flow@example.jp" } }));
    const receipt = submitted.body.receiptNumber as string;
    const staff = await staffLogin(server);
    const row = (await staff.list()).body.items.find((i: { receiptNumber: string }) => i.receiptNumber === receipt);
    expect(row.applicantName).toBe("窓口 太郎");
    let detail = (await staff.detail(row.id)).body;
    expect(detail.allowedCommands).toEqual(expect.arrayContaining(["receive", "startProcessing", "reject", "return"]));
    expect(detail.signature.signerIssuer).toContain("JPKI");
    expect(detail.payment.authorizationId).toBeTruthy();
    expect(detail.payment.last4).toBe("4242");

    for (const [command, status] of [["receive", "received"], ["startProcessing", "processing"]] as const) {
      const res = await staff.command(row.id, command, detail.version);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe(status);
      detail = res.body;
    }
    const withdraw = await call(`${server.url}/api/applications/withdraw`, {
      body: { receiptNumber: receipt, accessSecret: submitted.body.accessSecret },
    });
    expect(withdraw.status).toBe(409);
    expect(withdraw.body.error.code).toBe("application.not_withdrawable");
    const done = await staff.command(row.id, "complete", detail.version);
    expect(done.body.status).toBe("completed");
    expect(done.body.allowedCommands).toEqual([]);

    const mails = (await inbox()).filter((m) => m.to === "flow@example.jp");
    expect(mails).toHaveLength(4); // 申請済, 受付, 処理中, 完了
    expect(mails.map((m) => m.subject).join("\n")).toMatch(/完了/);
  });

  it("不受理 and 差戻し need a reason, which the resident receives by email", async () => {
    const { submitted } = await residentSubmits(server, juminhyoInput({ applicant: { email: "reject@example.jp" } }));
    const staff = await staffLogin(server);
    const row = (await staff.list("?status=submitted")).body.items.find(
      (i: { receiptNumber: string }) => i.receiptNumber === submitted.body.receiptNumber,
    );
    const noReason = await staff.command(row.id, "reject", 1);
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.code).toBe("application.reason_required");
    const rejected = await staff.command(row.id, "reject", 1, "本人確認書類の住所と一致しません");
    expect(rejected.status).toBe(200);
    const mail = (await inbox()).find((m) => m.to === "reject@example.jp" && m.text.includes("不受理"));
    expect(mail?.text).toContain("本人確認書類の住所と一致しません");
  });

  it("the resident withdraws before processing starts and is told by email", async () => {
    const { submitted } = await residentSubmits(server, juminhyoInput({ applicant: { email: "withdraw@example.jp" } }));
    const res = await call(`${server.url}/api/applications/withdraw`, {
      body: { receiptNumber: submitted.body.receiptNumber, accessSecret: submitted.body.accessSecret },
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("withdrawn");
    const mails = (await inbox()).filter((m) => m.to === "withdraw@example.jp");
    expect(mails.map((m) => m.subject).join("\n")).toMatch(/取下げ|取り下げ/);
  });

  it("a stale version is refused (someone else changed it)", async () => {
    const { submitted } = await residentSubmits(server, juminhyoInput());
    const staff = await staffLogin(server);
    const row = (await staff.list()).body.items.find((i: { receiptNumber: string }) => i.receiptNumber === submitted.body.receiptNumber);
    expect((await staff.command(row.id, "receive", 1)).status).toBe(200);
    const stale = await staff.command(row.id, "startProcessing", 1);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("application.concurrent_modification");
  });

  it("a wrong access code and an unknown receipt number get the same answer", async () => {
    const { submitted } = await residentSubmits(server, juminhyoInput());
    const wrong = await call(`${server.url}/api/applications/lookup`, {
      body: { receiptNumber: submitted.body.receiptNumber, accessSecret: "x".repeat(24) },
    });
    const unknown = await call(`${server.url}/api/applications/lookup`, {
      body: { receiptNumber: "20000101-000000", accessSecret: "x".repeat(24) },
    });
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.body).toEqual(unknown.body);
  });
});
