import { approveInStub } from "@madoguchi/adapter-digital-auth-app";
import { DEMO_SIGNATURE_PASSWORD } from "@madoguchi/adapter-test-card";
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
const PENDING = "__Host-madoguchi-jpki";
const application = () => juminhyoInput({ applicant: { name: "高橋 吉子", address: "みほん県みほん市中央二丁目2番2号", dateOfBirth: "1990-01-02" } });

/** The pending cookie a start set (`name=value`), as the browser sends it back. */
const pendingCookieOf = (res: { headers: Headers }): string => {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${PENDING}=`));
  expect(cookie).toBeDefined();
  return cookie!.split(";")[0]!;
};

/** Starts an application's signature with the app, answers what the resident does in the stub and what our callback page would post. */
const throughTheApp = async (decision: "approve" | "cancel" = "approve", input = application()) => {
  const started = await call(signing("/start"), { body: { purpose: "application", application: input, signer: "app" }, headers: { origin: server.url } });
  expect(started.status).toBe(200);
  expect(started.body).toMatchObject({ step: "redirect" });
  expect(new URL(started.body.url).hostname).toBe("127.0.0.1"); // the stub, on loopback
  const cookie = pendingCookieOf(started);
  const callback = new URL(await approveInStub(started.body.url, decision));
  expect(callback.origin).toBe(server.url); // back where the browser's cookies are
  expect(callback.pathname).toBe("/sign/app-callback");
  const posted: Record<string, string> = {};
  for (const name of ["code", "state", "error", "iss"]) {
    const value = callback.searchParams.get(name);
    if (value !== null) posted[name] = value;
  }
  return { draft: started.body as { draftId: string; key: string }, cookie, posted, input };
};
const finish = (posted: Record<string, string>, cookie: string | null, locale = "ja") =>
  call(signing("/app/finish"), { body: posted, headers: { ...(cookie === null ? {} : { cookie }), "accept-language": locale } });

/** The signing sessions' audit trail: `event:result:reason`, oldest first. */
const sessionAudit = async () =>
  (await readAllAuditEntries(server.deps.auditLog, { actions: ["signing.session"] }))
    ._unsafeUnwrap()
    .map((e) => `${String(e.details["event"])}:${e.result}:${String(e.details["reason"] ?? "")}`);

describe("signing an application through the Digital Authentication App (the loopback stub), verified like the card", () => {
  it("offers both ways in the embedded profile", async () => {
    const options = await call(signing("/options"), { method: "GET" });
    expect(options.body).toEqual({ card: true, app: true });
  });

  it("approve in the app → our callback → a verified CMS that the submission stores with the application; the callback works once", async () => {
    const before = (await sessionAudit()).length;
    const { draft, cookie, posted, input } = await throughTheApp();
    const done = await finish(posted, cookie);
    expect(done.status).toBe(200);
    expect(done.body.purpose).toBe("application");
    expect(typeof done.body.cmsBase64).toBe("string");
    // The certificate's 4-info side by side with the application, as with the card.
    expect((done.body.comparison as { field: string }[]).map((c) => c.field)).toEqual(["name", "address", "dateOfBirth"]);
    expect((await sessionAudit()).slice(before)).toEqual(["app_started:success:", "app_finished:success:"]);

    // The finish answer cleared the pending cookie.
    expect(done.headers.getSetCookie().some((c) => c.startsWith(`${PENDING}=;`) && c.includes("Max-Age=0"))).toBe(true);
    // Replayed with the same cookie: the draft is finished; without the cookie: nothing to finish.
    const replayed = await finish(posted, cookie);
    expect(replayed.status).toBe(409);
    expect(replayed.body.error.code).toBe("signing.already_finished");
    const cookieless = await finish(posted, null);
    expect(cookieless.status).toBe(404);
    expect(cookieless.body.error.code).toBe("signing.draft_unknown");
    expect((await sessionAudit()).slice(-2)).toEqual(["app_finished:failure:already_finished", "app_finished:failure:pending_missing"]);
    // The PC-side view of the draft is the same outcome.
    const status = await call(signing(`/drafts/${draft.draftId}/status`), { body: { key: draft.key } });
    expect(status.body).toMatchObject({ state: "signed", outcome: { ok: true, status: 200 } });

    // Submitted with the payment: the server verifies it again and stores it with the application.
    const token = await tokenize(server, "4242424242424242");
    const submitted = await call(`${server.url}/api/applications`, { body: { ...input, signature: { cmsBase64: done.body.cmsBase64 }, payment: { token } } });
    expect(submitted.status).toBe(201);
  });

  it("cancel in the app → `signing.cancelled` with its next steps, audited", async () => {
    const { posted, cookie } = await throughTheApp("cancel");
    expect(posted["error"]).toBe("access_denied");
    const done = await finish(posted, cookie);
    expect(done.status).toBe(400);
    expect(done.body.error.code).toBe("signing.cancelled");
    expect(done.body.error.message).toContain("中止");
    expect(done.body.error.nextSteps.length).toBeGreaterThan(0);
    expect((await sessionAudit()).at(-1)).toBe("app_finished:failure:cancelled");
  });

  it("a callback whose state is not the session's is refused and ends the attempt (one finish per start); another issuer too", async () => {
    const { posted, cookie } = await throughTheApp();
    const forged = await finish({ ...posted, state: `${posted["state"]}x` }, cookie);
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe("signing.app_callback_invalid");
    expect((await sessionAudit()).at(-1)).toBe("app_finished:failure:state_mismatch");
    // The genuine callback after a forged one is not accepted either: the attempt is over.
    expect((await finish(posted, cookie)).body.error.code).toBe("signing.already_finished");

    const second = await throughTheApp();
    const mixedUp = await finish({ ...second.posted, iss: "http://127.0.0.1:1/api/realms/other" }, second.cookie);
    expect(mixedUp.body.error.code).toBe("signing.app_callback_invalid");
    expect((await sessionAudit()).at(-1)).toBe("app_finished:failure:callback_invalid");
  });

  it("an app draft takes no password and no phone hand-off", async () => {
    const { draft } = await throughTheApp();
    const password = await call(signing(`/drafts/${draft.draftId}/complete`), { body: { key: draft.key, password: DEMO_SIGNATURE_PASSWORD } });
    expect(password.body.error.code).toBe("signing.wrong_way");
    const handoff = await call(signing(`/drafts/${draft.draftId}/handoff`), { body: { key: draft.key } });
    expect(handoff.body.error.code).toBe("signing.wrong_way");
  });
});

describe("cancel at the card's signature password prompt", () => {
  it("ends the draft as `signing.cancelled`, audited, and spends no try of the password", async () => {
    const started = await call(signing("/start"), { body: { purpose: "application", application: application() } });
    expect(started.body).toMatchObject({ step: "password", triesLeft: 5 });
    const draft = started.body as { draftId: string; key: string };
    // A wrong key cancels nothing.
    const stranger = await call(signing(`/drafts/${draft.draftId}/cancel`), { body: { key: "A".repeat(43) } });
    expect(stranger.body.error.code).toBe("signing.draft_unknown");

    const cancelled = await call(signing(`/drafts/${draft.draftId}/cancel`), { body: { key: draft.key } });
    expect(cancelled.status).toBe(400);
    expect(cancelled.body.error.code).toBe("signing.cancelled");
    expect((await sessionAudit()).at(-1)).toBe("cancelled:failure:cancelled");
    // The draft is over: no password finishes it now.
    const late = await call(signing(`/drafts/${draft.draftId}/complete`), { body: { key: draft.key, password: DEMO_SIGNATURE_PASSWORD } });
    expect(late.body.error.code).toBe("signing.already_finished");
    // And the card still has all its tries.
    const next = await call(signing("/start"), { body: { purpose: "application", application: application() } });
    expect(next.body.triesLeft).toBe(5);
  });
});

describe("the QR hand-off to the app on a phone: the PC shows the link, the phone goes to the app and back, the PC goes on", () => {
  const startOnPc = async (input = application()) => {
    const started = await call(signing("/start"), { body: { purpose: "application", application: input, signer: "app", device: "phone" }, headers: { origin: server.url } });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ step: "handoff" });
    expect(started.body.url).toBeUndefined(); // the PC never holds the app's authorization URL
    // Nothing goes to the app from the PC, so the PC's browser gets no pending cookie.
    expect(started.headers.getSetCookie().some((c) => c.startsWith(`${PENDING}=`))).toBe(false);
    return started.body as { draftId: string; key: string; expiresAt: string };
  };
  const handoff = (draft: { draftId: string; key: string }) => call(signing(`/drafts/${draft.draftId}/handoff`), { body: { key: draft.key } });
  const tokenOf = (url: string) => new URL(url).hash.slice(1);
  const claim = (token: string) => call(signing("/handoff/claim"), { body: { token }, headers: { origin: server.url } });
  const status = (draft: { draftId: string; key: string }) => call(signing(`/drafts/${draft.draftId}/status`), { body: { key: draft.key } });
  const handoffAudit = async () =>
    (await readAllAuditEntries(server.deps.auditLog, { actions: ["signing.handoff"] }))
      ._unsafeUnwrap()
      .map((e) => `${String(e.details["event"])}:${e.result}:${String(e.details["reason"] ?? "")}:${String(e.details["signer"] ?? "")}`);
  /** The phone: claims the link (its own key, its own pending cookie) and does what the resident does in the app. */
  const onThePhone = async (url: string, decision: "approve" | "cancel") => {
    const claimed = await claim(tokenOf(url));
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ step: "redirect", purpose: "application" });
    expect(claimed.body.canonicalJson).toContain("juminhyo"); // what will be signed, shown on the phone
    expect(new URL(claimed.body.url).hostname).toBe("127.0.0.1"); // the stub's authorization page
    const cookie = pendingCookieOf(claimed);
    const callback = new URL(await approveInStub(claimed.body.url, decision));
    expect(callback.origin).toBe(server.url);
    expect(callback.pathname).toBe("/sign/app-callback");
    const posted: Record<string, string> = {};
    for (const name of ["code", "state", "error", "iss"]) {
      const value = callback.searchParams.get(name);
      if (value !== null) posted[name] = value;
    }
    return { cookie, posted, phoneKey: claimed.body.key as string };
  };

  it("approve in the app on the phone → the phone is told to go back to the PC; the PC's poll gets the verified CMS, which the submission accepts", async () => {
    const handoffBefore = (await handoffAudit()).length;
    const sessionBefore = (await sessionAudit()).length;
    const input = application();
    const pc = await startOnPc(input);
    const link = await handoff(pc);
    expect(link.status).toBe(200);
    expect(link.body.url).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+\/sign\/phone#[A-Za-z0-9_-]{43}$/);
    expect(link.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect((await status(pc)).body).toMatchObject({ state: "pending", handoff: "waiting" });

    const phone = await onThePhone(link.body.url, "approve");
    expect(phone.phoneKey).not.toBe(pc.key);
    expect((await status(pc)).body).toMatchObject({ state: "pending", handoff: "opened" });
    // The PC's browser holds no pending cookie: a callback there finishes nothing, and leaves the phone's draft alone.
    expect((await finish(phone.posted, null)).body.error.code).toBe("signing.draft_unknown");
    // The phone cannot hand it on again.
    expect((await handoff({ draftId: pc.draftId, key: phone.phoneKey })).body.error.code).toBe("signing.draft_unknown");

    const done = await finish(phone.posted, phone.cookie);
    expect(done.status).toBe(200);
    // The phone learns only that it is done: the CMS and the comparison go to the PC that submits.
    expect(done.body).toEqual({ purpose: "application", handoff: true });

    const polled = await status(pc);
    expect(polled.body).toMatchObject({ state: "signed", handoff: "opened", outcome: { ok: true, status: 200 } });
    const verified = polled.body.outcome.body as { cmsBase64: string; comparison: { field: string }[] };
    expect(verified.comparison.map((c) => c.field)).toEqual(["name", "address", "dateOfBirth"]);
    const token = await tokenize(server, "4242424242424242");
    const submitted = await call(`${server.url}/api/applications`, { body: { ...input, signature: { cmsBase64: verified.cmsBase64 }, payment: { token } } });
    expect(submitted.status).toBe(201);

    // The link worked once, and the finished draft takes no new one.
    expect((await claim(tokenOf(link.body.url))).body.error.code).toBe("signing.handoff_used");
    expect((await handoff(pc)).body.error.code).toBe("signing.already_finished");

    expect((await handoffAudit()).slice(handoffBefore)).toEqual([
      "link_created:success::app",
      "link_opened:success::app",
      "phone_finished:success::app",
      "link_refused:failure:used:app",
    ]);
    expect((await sessionAudit()).slice(sessionBefore)).toEqual(["app_started:success:", "app_finished:failure:pending_missing", "app_finished:success:"]);
    // No capability and no personal data in the log.
    const text = JSON.stringify((await readAllAuditEntries(server.deps.auditLog, { actions: ["signing.handoff", "signing.session"] }))._unsafeUnwrap());
    for (const secret of [tokenOf(link.body.url), pc.key, phone.phoneKey, phone.posted["code"]!, phone.posted["state"]!, "高橋"]) expect(text).not.toContain(secret);
  });

  it("cancel in the app on the phone → the PC's poll gets `signing.cancelled` with its next steps; a claimed app draft takes no second link", async () => {
    const pc = await startOnPc();
    const link = await handoff(pc);
    const phone = await onThePhone(link.body.url, "cancel");
    // A new link now would take the transaction away from the phone that holds it.
    const second = await handoff(pc);
    expect(second.status).toBe(410);
    expect(second.body.error.code).toBe("signing.handoff_used");

    const done = await finish(phone.posted, phone.cookie);
    expect(done.body.error.code).toBe("signing.cancelled");
    const polled = await status(pc);
    expect(polled.body).toMatchObject({ state: "failed", outcome: { ok: false, status: 400 } });
    expect(polled.body.outcome.body.error.code).toBe("signing.cancelled");
    expect(polled.body.outcome.body.error.message).toContain("中止");
    expect(polled.body.outcome.body.error.nextSteps.length).toBeGreaterThan(0);
    expect((await handoffAudit()).at(-1)).toBe("phone_finished:failure:cancelled:app");
    expect((await sessionAudit()).at(-1)).toBe("app_finished:failure:cancelled");
  });

  it("a link past its 5 minutes is refused on the phone and shown expired to the PC, which makes a new one; an app draft for the phone takes no password", async () => {
    const pc = await startOnPc();
    expect((await call(signing(`/drafts/${pc.draftId}/complete`), { body: { key: pc.key, password: DEMO_SIGNATURE_PASSWORD } })).body.error.code).toBe("signing.wrong_way");
    const first = await handoff(pc);
    const later = new Date(Date.now() + 5 * 60_000 + 1_000);
    const spy = vi.spyOn(server.deps.clock, "now").mockReturnValue(later);
    try {
      const late = await claim(tokenOf(first.body.url));
      expect(late.status).toBe(410);
      expect(late.body.error.code).toBe("signing.handoff_expired");
      expect(late.body.error.nextSteps.join("")).toContain("新しいQRコード");
      expect(late.headers.getSetCookie().some((c) => c.startsWith(`${PENDING}=`))).toBe(false);
      expect((await status(pc)).body).toMatchObject({ state: "pending", handoff: "expired" });
    } finally {
      spy.mockRestore();
    }
    const fresh = await handoff(pc);
    expect(fresh.status).toBe(200);
    expect((await status(pc)).body.handoff).toBe("waiting");
    const phone = await onThePhone(fresh.body.url, "approve");
    expect((await finish(phone.posted, phone.cookie)).status).toBe(200);
    expect((await status(pc)).body.state).toBe("signed");
  });

  it("the PC cancels while its QR code waits: the draft ends `signing.cancelled`, and the link no longer opens it", async () => {
    const pc = await startOnPc();
    const link = await handoff(pc);
    const cancelled = await call(signing(`/drafts/${pc.draftId}/cancel`), { body: { key: pc.key } });
    expect(cancelled.body.error.code).toBe("signing.cancelled");
    expect((await sessionAudit()).at(-1)).toBe("cancelled:failure:cancelled");
    const late = await claim(tokenOf(link.body.url));
    expect(late.status).toBe(410);
    expect(late.headers.getSetCookie().some((c) => c.startsWith(`${PENDING}=`))).toBe(false);
  });
});
