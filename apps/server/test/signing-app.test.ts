import { approveInStub } from "@madoguchi/adapter-digital-auth-app";
import { DEMO_SIGNATURE_PASSWORD } from "@madoguchi/adapter-test-card";
import { readAllAuditEntries } from "@madoguchi/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
