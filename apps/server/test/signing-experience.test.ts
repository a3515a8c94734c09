import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addRevoked, DEMO_BASIC_INFO, DEMO_SIGNATURE_PASSWORD, issueTestCardFiles } from "@madoguchi/adapter-test-card";
import { readAllAuditEntries } from "@madoguchi/core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { call, juminhyoInput, tokenize } from "./support/api-client.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.dispose();
});

const signing = (path: string) => `${server.url}/api/signing${path}`;
/** The demo card's 4-info, typed as a resident would (the name in common characters, another address). */
const application = (applicant: Record<string, unknown> = {}) =>
  juminhyoInput({ applicant: { name: "高橋 吉子", address: "みほん県みほん市中央二丁目2番2号", dateOfBirth: "1990-01-02", ...applicant } });

const startApplication = async (input = application()) => {
  const started = await call(signing("/start"), { body: { purpose: "application", application: input } });
  expect(started.status).toBe(200);
  return started.body as { draftId: string; key: string; triesLeft: number };
};
const complete = (draft: { draftId: string }, key: string, password: string, locale = "ja") =>
  call(signing(`/drafts/${draft.draftId}/complete`), { body: { key, password }, headers: { "accept-language": locale } });

describe("signing with the card through the service: verified before going on, the 4-info side by side", () => {
  it("reads the card before the form is sent: its 4-info pre-fill the form, with the differences from what was typed", async () => {
    const started = await call(signing("/start"), { body: { purpose: "card_check", typed: { name: "高橋　吉子", address: "みほん県みほん市中央1-1-2", dateOfBirth: "平成2年1月2日" } } });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ step: "password", triesLeft: 5 });
    const done = await complete(started.body, started.body.key, DEMO_SIGNATURE_PASSWORD);
    expect(done.status).toBe(200);
    expect(done.body.cmsBase64).toBeUndefined(); // a card check's signature is never handed out
    expect(done.body.prefill).toEqual({
      name: DEMO_BASIC_INFO.name,
      address: DEMO_BASIC_INFO.address,
      dateOfBirth: "1990-01-02",
      sex: "2",
      sexLabel: "女",
      nameSubstitute: DEMO_BASIC_INFO.nameSubstitute,
      addressSubstitute: null,
    });
    const same = Object.fromEntries((done.body.comparison as { field: string; same: boolean }[]).map((c) => [c.field, c.same]));
    // 高橋　吉子 is the certificate's substitute; 平成2年1月2日 is 1990-01-02; 1-1-2 is another block.
    expect(same).toEqual({ name: true, address: false, dateOfBirth: true });
  });

  it("signs the application, verifies it like a relying party, and shows where the application and the certificate differ; the CMS is accepted at submission", async () => {
    const input = application();
    const draft = await startApplication(input);
    const done = await complete(draft, draft.key, DEMO_SIGNATURE_PASSWORD);
    expect(done.status).toBe(200);
    expect(done.body.comparison).toEqual([
      { field: "name", typed: "高橋 吉子", certificate: DEMO_BASIC_INFO.name, substitute: DEMO_BASIC_INFO.nameSubstitute, same: true },
      { field: "address", typed: "みほん県みほん市中央二丁目2番2号", certificate: DEMO_BASIC_INFO.address, substitute: null, same: false },
      { field: "dateOfBirth", typed: "1990-01-02", certificate: "1990-01-02", substitute: null, same: true },
    ]);
    const token = await tokenize(server, "4242424242424242");
    const submitted = await call(`${server.url}/api/applications`, { body: { ...input, signature: { cmsBase64: done.body.cmsBase64 }, payment: { token } } });
    expect(submitted.status).toBe(201);
    // One signature per draft.
    expect((await complete(draft, draft.key, DEMO_SIGNATURE_PASSWORD)).body.error.code).toBe("signing.already_finished");
  });

  it("counts the signature password's tries down and keeps the draft open; the right password still signs", async () => {
    const draft = await startApplication();
    const wrong = await complete(draft, draft.key, "WRONG123");
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toMatchObject({ code: "signing.wrong_password", triesLeft: 4 });
    expect(wrong.body.error.message).toContain("残り4回");
    const en = await complete(draft, draft.key, "WRONG123", "en");
    expect(en.body.error.message).toContain("3 tries left");
    expect((await complete(draft, draft.key, DEMO_SIGNATURE_PASSWORD)).status).toBe(200);
    // The card's counter was reset by the right password.
    expect((await startApplication()).triesLeft).toBe(5);
  });

  it("refuses an under-15 applicant before any password: apply at the counter or without signature", async () => {
    const fourteen = new Date(Date.now() - 14 * 365.25 * 86_400_000).toISOString().slice(0, 10);
    const started = await call(signing("/start"), { body: { purpose: "application", application: application({ dateOfBirth: fourteen }) } });
    expect(started.status).toBe(409);
    expect(started.body.error.code).toBe("signing.under_fifteen");
    expect(started.body.error.message).toContain("15歳未満");
    expect(started.body.error.nextSteps.join("")).toContain("窓口");
    expect(started.body.error.nextSteps.join("")).toContain("署名の要らない");
  });

  it("refuses a key that is not the draft's", async () => {
    const a = await startApplication();
    const b = await startApplication();
    expect((await complete(a, b.key, DEMO_SIGNATURE_PASSWORD)).body.error.code).toBe("signing.draft_unknown");
  });
});

describe("the PC → smartphone hand-off", () => {
  const handoff = async (draft: { draftId: string; key: string }) => {
    const created = await call(signing(`/drafts/${draft.draftId}/handoff`), { body: { key: draft.key } });
    expect(created.status).toBe(200);
    return created.body as { url: string; qrDataUrl: string; expiresAt: string };
  };
  const tokenOf = (url: string) => new URL(url).hash.slice(1);
  const claim = (token: string) => call(signing("/handoff/claim"), { body: { token } });
  const status = (draft: { draftId: string }, key: string) => call(signing(`/drafts/${draft.draftId}/status`), { body: { key } });

  it("a one-time link with nothing personal in it opens the signing on the phone, and the PC reads the signature when it arrives", async () => {
    const draft = await startApplication();
    const link = await handoff(draft);
    expect(link.url).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+\/sign\/phone#[A-Za-z0-9_-]{43}$/);
    expect(link.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect((await status(draft, draft.key)).body).toMatchObject({ state: "pending", handoff: "waiting" });

    const phone = await claim(tokenOf(link.url));
    expect(phone.status).toBe(200);
    expect(phone.body.draftId).toBe(draft.draftId);
    expect(phone.body.canonicalJson).toContain("juminhyo"); // what you see is what you sign, on the phone too
    expect(phone.body.key).not.toBe(draft.key);
    expect((await status(draft, draft.key)).body.handoff).toBe("opened");

    // The phone cannot hand it on again.
    expect((await call(signing(`/drafts/${draft.draftId}/handoff`), { body: { key: phone.body.key } })).body.error.code).toBe("signing.draft_unknown");
    const signed = await complete(draft, phone.body.key, DEMO_SIGNATURE_PASSWORD);
    expect(signed.status).toBe(200);
    const pc = await status(draft, draft.key);
    expect(pc.body.state).toBe("signed");
    expect(pc.body.outcome).toMatchObject({ ok: true, status: 200 });
    expect(pc.body.outcome.body.cmsBase64).toBe(signed.body.cmsBase64);

    const audited = (await readAllAuditEntries(server.deps.auditLog, { actions: ["signing.handoff"] }))._unsafeUnwrap();
    const events = audited.map((e) => `${String(e.details["event"])}:${e.result}`);
    expect(events).toEqual(expect.arrayContaining(["link_created:success", "link_opened:success", "phone_finished:success"]));
    // No personal data and no capability in the audit log.
    const text = JSON.stringify(audited);
    expect(text).not.toContain(tokenOf(link.url));
    expect(text).not.toContain("高橋");
  });

  it("the link works once", async () => {
    const draft = await startApplication();
    const token = tokenOf((await handoff(draft)).url);
    expect((await claim(token)).status).toBe(200);
    const again = await claim(token);
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe("signing.handoff_used");
    expect(again.body.error.message).toContain("一度だけ");
    const audited = (await readAllAuditEntries(server.deps.auditLog, { actions: ["signing.handoff"] }))._unsafeUnwrap();
    expect(audited.some((e) => e.details["event"] === "link_refused" && e.details["reason"] === "used")).toBe(true);
  });

  it("the link expires after 5 minutes", async () => {
    const draft = await startApplication();
    const token = tokenOf((await handoff(draft)).url);
    const later = new Date(Date.now() + 5 * 60_000 + 1_000);
    const spy = vi.spyOn(server.deps.clock, "now").mockReturnValue(later);
    try {
      const expired = await claim(token);
      expect(expired.status).toBe(410);
      expect(expired.body.error.code).toBe("signing.handoff_expired");
    } finally {
      spy.mockRestore();
    }
  });

  it("a link belongs to its own application: its phone key does not finish another draft, and an unknown token is refused", async () => {
    const a = await startApplication();
    const b = await startApplication();
    const phoneA = await claim(tokenOf((await handoff(a)).url));
    expect(phoneA.status).toBe(200);
    const wrong = await complete(b, phoneA.body.key, DEMO_SIGNATURE_PASSWORD);
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.code).toBe("signing.draft_unknown");
    expect((await status(b, phoneA.body.key)).status).toBe(404);
    expect((await claim("A".repeat(43))).body.error.code).toBe("signing.handoff_unknown");
  });
});

describe("pre-flight refusals of the certificate, each with its next steps", () => {
  it("a revoked certificate (a change of address) is met at the card check: sign with the new card, at the counter, or without signature", async () => {
    const dir = mkdtempSync(join(tmpdir(), "madoguchi-signing-revoked-"));
    const revokedServer = await startTestServer({ MADOGUCHI_DATA_DIR: dir });
    try {
      const card = JSON.parse(readFileSync(join(dir, "test-card", "card.json"), "utf8")) as { certificatePem: string };
      const serialNumber = new X509Certificate(card.certificatePem).serialNumber.toLowerCase();
      (await addRevoked(join(dir, "test-card"), { serialNumber, revokedAt: new Date(Date.now() - 60_000), reason: "affiliationChanged" }))._unsafeUnwrap();
      const started = await call(`${revokedServer.url}/api/signing/start`, { body: { purpose: "card_check" } });
      const done = await call(`${revokedServer.url}/api/signing/drafts/${started.body.draftId}/complete`, { body: { key: started.body.key, password: DEMO_SIGNATURE_PASSWORD } });
      expect(done.status).toBe(400);
      expect(done.body.error.code).toBe("signature.revoked");
      expect(done.body.error.message).toContain("失効");
      expect(done.body.error.nextSteps).toHaveLength(3);
      expect(done.body.error.nextSteps.join("")).toMatch(/新しいカード.*窓口.*署名の要らない/);
    } finally {
      await revokedServer.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an expired certificate: renew at the counter", async () => {
    const dir = mkdtempSync(join(tmpdir(), "madoguchi-signing-expired-"));
    (await issueTestCardFiles({ dir: join(dir, "test-card"), now: new Date(Date.now() - 2 * 365 * 86_400_000), validYears: 1, basicInfo: DEMO_BASIC_INFO, signaturePassword: DEMO_SIGNATURE_PASSWORD }))._unsafeUnwrap();
    const expiredServer = await startTestServer({ MADOGUCHI_DATA_DIR: dir });
    try {
      const started = await call(`${expiredServer.url}/api/signing/start`, { body: { purpose: "card_check" } });
      const done = await call(`${expiredServer.url}/api/signing/drafts/${started.body.draftId}/complete`, { body: { key: started.body.key, password: DEMO_SIGNATURE_PASSWORD } });
      expect(done.status).toBe(400);
      expect(done.body.error.code).toBe("signature.expired");
      expect(done.body.error.nextSteps.join("")).toContain("更新");
    } finally {
      await expiredServer.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("five wrong passwords lock the card: the next start says where to unlock it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "madoguchi-signing-locked-"));
    const lockedServer = await startTestServer({ MADOGUCHI_DATA_DIR: dir });
    try {
      const started = await call(`${lockedServer.url}/api/signing/start`, { body: { purpose: "card_check" } });
      const tries: number[] = [];
      let last: { status: number; body: any } = { status: 0, body: null };
      for (let i = 0; i < 5; i++) {
        last = await call(`${lockedServer.url}/api/signing/drafts/${started.body.draftId}/complete`, { body: { key: started.body.key, password: "WRONG123" } });
        if (last.status === 401) tries.push(last.body.error.triesLeft);
      }
      expect(tries).toEqual([4, 3, 2, 1]);
      expect(last.status).toBe(423);
      expect(last.body.error.code).toBe("signing.locked");
      const again = await call(`${lockedServer.url}/api/signing/start`, { body: { purpose: "card_check" } });
      expect(again.status).toBe(423);
      expect(again.body.error.nextSteps.join("")).toContain("窓口");
    } finally {
      await lockedServer.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
