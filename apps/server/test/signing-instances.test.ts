import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { approveInStub, generateClientKeys, startStubProvider, type StubProvider } from "@madoguchi/adapter-digital-auth-app";
import { loadOrCreateTestCardSetup } from "@madoguchi/adapter-test-card";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STUB_DEMO_RESIDENT } from "../src/residents/resident-jpki-runtime.ts";
import { call, juminhyoInput, tokenize } from "./support/api-client.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

/**
 * Two instances of the service on one database (the embedded SQLite file of one data directory), as a
 * load balancer without sticky sessions would use them: one public origin, one ceremony secret, one
 * registration with the app's provider (the loopback stub, started here as a real provider would run).
 * A signature through the app started on one instance finishes on the other (docs/adr/0025).
 */
const PUBLIC_ORIGIN = "https://madoguchi.example.jp";
const PENDING = "__Host-madoguchi-jpki";

let dataDir: string;
let stub: StubProvider;
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "madoguchi-two-instances-"));
  // The demo card both instances read (its CA is what they trust); the provider signs with its key.
  const card = (await loadOrCreateTestCardSetup({ dir: join(dataDir, "test-card"), now: new Date() }))._unsafeUnwrap().card;
  const keys = await generateClientKeys();
  stub = await startStubProvider({
    clientId: "madoguchi-two-instances",
    clientAuthenticationPublicKey: keys.clientAuthenticationPublicKey,
    resultEncryptionPublicKey: keys.resultEncryptionPublicKey,
    redirectUris: [`${PUBLIC_ORIGIN}/account/jpki-callback`, `${PUBLIC_ORIGIN}/sign/app-callback`],
    resident: STUB_DEMO_RESIDENT,
    card: { privateKeyPkcs8Pem: card.privateKeyPkcs8Pem, certificatePem: card.certificatePem },
  });
  const keysFile = join(dataDir, "digital-auth-app-keys.json");
  writeFileSync(keysFile, JSON.stringify({ clientAuthenticationKey: keys.clientAuthenticationKey, resultDecryptionKey: keys.resultDecryptionKey }), { mode: 0o600 });
  const env = {
    MADOGUCHI_DATA_DIR: dataDir,
    MADOGUCHI_PUBLIC_ORIGINS: PUBLIC_ORIGIN,
    MADOGUCHI_CEREMONY_SECRET: randomBytes(32).toString("base64"),
    MADOGUCHI_DIGITAL_AUTH_APP: "provider",
    MADOGUCHI_DIGITAL_AUTH_APP_ISSUER: stub.issuer,
    MADOGUCHI_DIGITAL_AUTH_APP_CLIENT_ID: "madoguchi-two-instances",
    MADOGUCHI_DIGITAL_AUTH_APP_KEYS_FILE: keysFile,
  };
  a = await startTestServer(env);
  b = await startTestServer(env);
});
afterAll(async () => {
  await b?.close();
  await a?.close();
  await stub?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const signing = (server: TestServer, path: string) => `${server.url}/api/signing${path}`;
// The browser is on the public origin whichever instance answers.
const fromThePublicOrigin = { origin: PUBLIC_ORIGIN };
const application = () => juminhyoInput({ applicant: { name: "高橋 吉子", address: "みほん県みほん市中央二丁目2番2号", dateOfBirth: "1990-01-02" } });
const pendingCookieOf = (res: { headers: Headers }): string => {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${PENDING}=`));
  expect(cookie).toBeDefined();
  return cookie!.split(";")[0]!;
};
/** What the resident does in the app and what our callback page would post. */
const approved = async (authorizationUrl: string, decision: "approve" | "cancel" = "approve") => {
  const callback = new URL(await approveInStub(authorizationUrl, decision));
  expect(`${callback.origin}${callback.pathname}`).toBe(`${PUBLIC_ORIGIN}/sign/app-callback`);
  const posted: Record<string, string> = {};
  for (const name of ["code", "state", "error", "iss"]) {
    const value = callback.searchParams.get(name);
    if (value !== null) posted[name] = value;
  }
  return posted;
};
const finish = (server: TestServer, posted: Record<string, string>, cookie: string) => call(signing(server, "/app/finish"), { body: posted, headers: { cookie, ...fromThePublicOrigin } });

describe("two instances on one database: the app's way started on one finishes on the other", () => {
  it("start on A, the app's callback on B: verified on B, A's poll sees it, and B's submission stores it", async () => {
    const input = application();
    const started = await call(signing(a, "/start"), { body: { purpose: "application", application: input, signer: "app" }, headers: fromThePublicOrigin });
    expect(started.status).toBe(200);
    expect(started.body.step).toBe("redirect");
    const posted = await approved(started.body.url);
    const done = await finish(b, posted, pendingCookieOf(started));
    expect(done.status).toBe(200);
    expect(typeof done.body.cmsBase64).toBe("string");
    const polled = await call(signing(a, `/drafts/${started.body.draftId}/status`), { body: { key: started.body.key } });
    expect(polled.body).toMatchObject({ state: "signed", outcome: { ok: true, status: 200 } });
    expect(polled.body.outcome.body.cmsBase64).toBe(done.body.cmsBase64);
    const token = await tokenize(b, "4242424242424242");
    const submitted = await call(`${b.url}/api/applications`, { body: { ...input, signature: { cmsBase64: done.body.cmsBase64 }, payment: { token } } });
    expect(submitted.status).toBe(201);
  });

  it("the QR hand-off across instances: the PC's draft on A, its link made on B, claimed on A, the app's callback on B; A's poll goes on", async () => {
    const pc = await call(signing(a, "/start"), { body: { purpose: "application", application: application(), signer: "app", device: "phone" }, headers: fromThePublicOrigin });
    expect(pc.body.step).toBe("handoff");
    const link = await call(signing(b, `/drafts/${pc.body.draftId}/handoff`), { body: { key: pc.body.key } });
    expect(link.status).toBe(200);
    const claimed = await call(signing(a, "/handoff/claim"), { body: { token: new URL(link.body.url).hash.slice(1) }, headers: fromThePublicOrigin });
    expect(claimed.body.step).toBe("redirect");
    expect((await call(signing(b, `/drafts/${pc.body.draftId}/status`), { body: { key: pc.body.key } })).body.handoff).toBe("opened");
    const done = await finish(b, await approved(claimed.body.url), pendingCookieOf(claimed));
    expect(done.body).toEqual({ purpose: "application", handoff: true });
    const polled = await call(signing(a, `/drafts/${pc.body.draftId}/status`), { body: { key: pc.body.key } });
    expect(polled.body).toMatchObject({ state: "signed", handoff: "opened", outcome: { ok: true } });
    expect(typeof polled.body.outcome.body.cmsBase64).toBe("string");
  });

  it("the same callback posted to both instances at once: exactly one finishes the draft, the other is told it is finished", async () => {
    const started = await call(signing(a, "/start"), { body: { purpose: "application", application: application(), signer: "app" }, headers: fromThePublicOrigin });
    const cookie = pendingCookieOf(started);
    const posted = await approved(started.body.url);
    const answers = await Promise.all([finish(a, posted, cookie), finish(b, posted, cookie)]);
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    expect(answers.find((r) => r.status === 409)?.body.error.code).toBe("signing.already_finished");
    const polled = await call(signing(b, `/drafts/${started.body.draftId}/status`), { body: { key: started.body.key } });
    expect(polled.body.state).toBe("signed");
  });

  it("a cancel in the app, finished on the other instance, reaches the first one's poll", async () => {
    const started = await call(signing(b, "/start"), { body: { purpose: "application", application: application(), signer: "app" }, headers: fromThePublicOrigin });
    const done = await finish(a, await approved(started.body.url, "cancel"), pendingCookieOf(started));
    expect(done.body.error.code).toBe("signing.cancelled");
    const polled = await call(signing(b, `/drafts/${started.body.draftId}/status`), { body: { key: started.body.key } });
    expect(polled.body).toMatchObject({ state: "failed", outcome: { ok: false, status: 400 } });
    expect(polled.body.outcome.body.error.code).toBe("signing.cancelled");
  });
});
