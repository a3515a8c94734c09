import { createHash, verify, X509Certificate } from "node:crypto";
import { sha256DigestInfo, storageError, type JpkiSigner, type SigningSessionStore, type StoredSigningSession } from "@madoguchi/core";
import { errAsync, okAsync } from "neverthrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveInStub, createDigitalAuthAppSigner } from "../src/index.ts";
import { startStubFixture, type StubFixture } from "./stub-fixture.ts";

let fixture: StubFixture;
let clock = new Date();
let signer: JpkiSigner;
beforeAll(async () => {
  fixture = await startStubFixture();
  signer = createDigitalAuthAppSigner({ client: fixture.client, issuer: fixture.stub.issuer, now: () => clock });
});
afterAll(() => fixture.close());

const data = new TextEncoder().encode('{"procedureId":"juminhyo"}');
const digestInfo = sha256DigestInfo(createHash("sha256").update(data).digest());

const startAndApprove = async (decision: "approve" | "cancel" = "approve") => {
  const session = (await signer.startSigning({ digestInfo, key: "signature" }))._unsafeUnwrap();
  if (session.challenge.kind !== "redirect") throw new Error("expected a redirect challenge");
  const callback = new URL(await approveInStub(session.challenge.url, decision));
  return { session, code: callback.searchParams.get("code") ?? "", state: callback.searchParams.get("state") ?? "" };
};

describe("JpkiSigner over the app's sign transaction", () => {
  it("declares jpki-signer@2", () => {
    expect(signer.meta.contract).toBe("jpki-signer@2");
  });

  it("signs the DigestInfo with the card's key and returns its certificate (DER)", async () => {
    const { session, code, state } = await startAndApprove();
    const raw = (await signer.completeSigning({ sessionId: session.sessionId, completion: { kind: "authorization_code", code, state } }))._unsafeUnwrap();
    const certificate = new X509Certificate(Buffer.from(raw.certificateDer));
    expect(certificate.toString()).toBe(new X509Certificate(fixture.card.certificatePem).toString());
    expect(verify("sha256", data, certificate.publicKey, raw.signatureValue)).toBe(true);
  });

  it("a session signs once: the second completion is unknown_session", async () => {
    const { session, code, state } = await startAndApprove();
    const completion = { kind: "authorization_code" as const, code, state };
    expect((await signer.completeSigning({ sessionId: session.sessionId, completion })).isOk()).toBe(true);
    expect((await signer.completeSigning({ sessionId: session.sessionId, completion }))._unsafeUnwrapErr().reason).toBe("unknown_session");
  });

  it("a cancel in the app (the callback's error=access_denied, declined) is cancelled and ends the session", async () => {
    const session = (await signer.startSigning({ digestInfo, key: "signature" }))._unsafeUnwrap();
    if (session.challenge.kind !== "redirect") throw new Error("expected a redirect challenge");
    const callback = new URL(await approveInStub(session.challenge.url, "cancel"));
    expect(callback.searchParams.get("code")).toBeNull();
    const error = callback.searchParams.get("error")!;
    const state = callback.searchParams.get("state")!;
    expect(error).toBe("access_denied");
    // Another session's callback cannot end this one: the session stays open.
    const foreign = await signer.completeSigning({ sessionId: session.sessionId, completion: { kind: "declined", error, state: "someone-else" } });
    expect(foreign._unsafeUnwrapErr().reason).toBe("invalid_input");
    const result = await signer.completeSigning({ sessionId: session.sessionId, completion: { kind: "declined", error, state } });
    expect(result._unsafeUnwrapErr()).toMatchObject({ reason: "cancelled", retryable: false });
    const again = await signer.completeSigning({ sessionId: session.sessionId, completion: { kind: "authorization_code", code: "x", state } });
    expect(again._unsafeUnwrapErr().reason).toBe("unknown_session");
  });

  it("another error from the provider is the provider failing (unavailable), not a cancel; an empty code is invalid_input", async () => {
    const first = await startAndApprove("cancel");
    const failed = await signer.completeSigning({ sessionId: first.session.sessionId, completion: { kind: "declined", error: "server_error", state: first.state } });
    expect(failed._unsafeUnwrapErr().reason).toBe("unavailable");
    const second = await startAndApprove();
    const empty = await signer.completeSigning({ sessionId: second.session.sessionId, completion: { kind: "authorization_code", code: "", state: second.state } });
    expect(empty._unsafeUnwrapErr().reason).toBe("invalid_input");
  });

  it("another session's state is refused", async () => {
    const first = await startAndApprove();
    const second = await startAndApprove();
    const result = await signer.completeSigning({ sessionId: first.session.sessionId, completion: { kind: "authorization_code", code: first.code, state: second.state } });
    expect(result._unsafeUnwrapErr().reason).toBe("invalid_input");
  });

  it("an expired session is session_expired", async () => {
    const { session, code, state } = await startAndApprove();
    const started = clock;
    clock = new Date(session.expiresAt.getTime() + 1);
    try {
      const result = await signer.completeSigning({ sessionId: session.sessionId, completion: { kind: "authorization_code", code, state } });
      expect(result._unsafeUnwrapErr().reason).toBe("session_expired");
    } finally {
      clock = started;
    }
  });

  it("refuses what is not a SHA-256 DigestInfo, the authentication key, and a secret completion", async () => {
    expect((await signer.startSigning({ digestInfo: digestInfo.slice(1), key: "signature" }))._unsafeUnwrapErr().reason).toBe("invalid_input");
    expect((await signer.startSigning({ digestInfo, key: "authentication" }))._unsafeUnwrapErr().reason).toBe("no_certificate");
    const { session } = await startAndApprove();
    const result = await signer.completeSigning({ sessionId: session.sessionId, completion: { kind: "secret", secret: "ABC123" } });
    expect(result._unsafeUnwrapErr().reason).toBe("invalid_input");
  });
});

/** A shared signing-session store as far as the signer uses it (the contract-tested ones live in adapter-memory and adapter-mikro-orm). */
const sharedStore = (failing = false): SigningSessionStore & { rows: Map<string, StoredSigningSession> } => {
  const rows = new Map<string, StoredSigningSession>();
  const down = () => errAsync(storageError("test", "unavailable", "down"));
  return {
    rows,
    meta: { contract: "signing-session-store@1", name: "test", capabilities: new Set() },
    insert: (r) => (failing ? down() : (rows.set(`${r.kind}:${r.id}`, { ...r, version: 1 }), okAsync(undefined))),
    get: (kind, id) => (failing ? down() : okAsync(rows.get(`${kind}:${id}`) ?? null)),
    findByLookupKey: () => okAsync(null),
    replace: () => okAsync(null),
    remove: (kind, id) => okAsync(rows.delete(`${kind}:${id}`)),
    removeExpired: () => okAsync(0),
    healthCheck: () => okAsync(undefined),
  };
};

describe("the signer's sessions in a store shared by instances", () => {
  it("a signature started by one instance's signer finishes on another's; the session is then gone from the store", async () => {
    const store = sharedStore();
    const one = createDigitalAuthAppSigner({ client: fixture.client, issuer: fixture.stub.issuer, sessions: store });
    const other = createDigitalAuthAppSigner({ client: fixture.client, issuer: fixture.stub.issuer, sessions: store });
    const session = (await one.startSigning({ digestInfo, key: "signature" }))._unsafeUnwrap();
    if (session.challenge.kind !== "redirect") throw new Error("expected a redirect challenge");
    const kept = store.rows.get(`signer:${session.sessionId}`);
    expect(kept?.expiresAt).toEqual(session.expiresAt);
    const callback = new URL(await approveInStub(session.challenge.url));
    const state = callback.searchParams.get("state") ?? "";
    // Another state leaves the stored session alone.
    expect((await other.completeSigning({ sessionId: session.sessionId, completion: { kind: "authorization_code", code: "x", state: `${state}x` } }))._unsafeUnwrapErr().reason).toBe("invalid_input");
    expect(store.rows.has(`signer:${session.sessionId}`)).toBe(true);
    const raw = (await other.completeSigning({ sessionId: session.sessionId, completion: { kind: "authorization_code", code: callback.searchParams.get("code") ?? "", state } }))._unsafeUnwrap();
    expect(verify("sha256", data, new X509Certificate(Buffer.from(raw.certificateDer)).publicKey, raw.signatureValue)).toBe(true);
    expect(store.rows.has(`signer:${session.sessionId}`)).toBe(false);
    expect((await one.completeSigning({ sessionId: session.sessionId, completion: { kind: "authorization_code", code: "x", state } }))._unsafeUnwrapErr().reason).toBe("unknown_session");
  });

  it("a store that cannot be reached is the port's `unavailable`", async () => {
    const down = createDigitalAuthAppSigner({ client: fixture.client, issuer: fixture.stub.issuer, sessions: sharedStore(true) });
    expect((await down.startSigning({ digestInfo, key: "signature" }))._unsafeUnwrapErr().reason).toBe("unavailable");
    expect((await down.completeSigning({ sessionId: "s", completion: { kind: "authorization_code", code: "c", state: "s" } }))._unsafeUnwrapErr().reason).toBe("unavailable");
  });
});
