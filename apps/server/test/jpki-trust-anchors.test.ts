import { createHash } from "node:crypto";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestCa, issueTestCard, issueTestCrl, signDetached, type TestCa } from "@madoguchi/adapter-test-card";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Writable } from "node:stream";
import { availableParallelism } from "node:os";
import { loadConfig } from "../src/config/config.ts";
import { startServer } from "../src/composition/start-server.ts";
import { startTestServer } from "./support/test-server.ts";

// A municipality's set-up: MADOGUCHI_JPKI_TRUST_ANCHORS holds the CA certificates and pins.json,
// MADOGUCHI_JPKI_CRL_DIR the CRLs its registered verifier downloads. Test CAs stand in for J-LIS's.

const fingerprint = (pem: string) =>
  createHash("sha256").update(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64")).digest("hex");
/** As fingerprints are published: upper case, colons. */
const published = (hex: string) => hex.toUpperCase().replace(/(..)(?!$)/g, "$1:");

let root: string;
let signCa: TestCa;
let authCa: TestCa;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "madoguchi-jpki-anchors-"));
  [signCa, authCa] = (await Promise.all([createTestCa({ now: new Date("2026-01-01T00:00:00Z"), generation: "2023" }), createTestCa({ now: new Date("2026-01-01T00:00:00Z"), generation: "auth 2023" })])).map((r) => r._unsafeUnwrap()) as [TestCa, TestCa];
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A trust-anchor directory and a CRL directory; `pins` overrides what pins.json says. */
const setUp = async (name: string, options: { signPin?: string; extraFile?: boolean } = {}) => {
  const anchors = join(root, name, "anchors");
  const crls = join(root, name, "crls");
  await mkdir(anchors, { recursive: true });
  await mkdir(crls, { recursive: true });
  await writeFile(join(anchors, "jpki-sign-2023.pem"), signCa.certificatePem);
  await writeFile(join(anchors, "jpki-auth-2023.pem"), authCa.certificatePem);
  if (options.extraFile === true) await writeFile(join(anchors, "someone-elses-ca.pem"), authCa.certificatePem);
  await writeFile(
    join(anchors, "pins.json"),
    JSON.stringify({
      anchors: [
        { file: "jpki-sign-2023.pem", purpose: "signature", generation: "JPKI 署名用 2023", sha256: options.signPin ?? published(fingerprint(signCa.certificatePem)) },
        { file: "jpki-auth-2023.pem", purpose: "authentication", generation: "JPKI 利用者証明用 2023", sha256: fingerprint(authCa.certificatePem) },
      ],
    }),
  );
  return { MADOGUCHI_JPKI_TRUST_ANCHORS: anchors, MADOGUCHI_JPKI_CRL_DIR: crls, crls };
};

/** Starts the server with its data under the test's own directory (removed afterwards, whatever happens). */
const startRefused = async (name: string, env: Record<string, string>) => {
  const config = loadConfig({ PORT: "0", MADOGUCHI_SANDBOX_PORT: "0", MADOGUCHI_DATA_DIR: join(root, name, "data"), ...env })._unsafeUnwrap();
  const server = await startServer(config, { logDestination: new Writable({ write: (_c, _e, cb) => cb() }), announce: () => undefined });
  await server.close();
  return server;
};

describe("real JPKI trust anchors from MADOGUCHI_JPKI_TRUST_ANCHORS", () => {
  it("refuses to start when a CA certificate does not match its pin, naming the generation", async () => {
    const wrong = published(fingerprint(authCa.certificatePem)); // the other CA's pin: as if the file had been swapped
    const { crls: _, ...env } = await setUp("wrong-pin", { signPin: wrong });
    await expect(startRefused("wrong-pin", env)).rejects.toThrow(
      /MADOGUCHI_JPKI_TRUST_ANCHORS: JPKI 署名用 2023: the certificate does not match its SHA-256 pin \(pins\.json, pin_mismatch\)/,
    );
  });

  it("refuses to start when a certificate file in the directory is not pinned", async () => {
    const { crls: _, ...env } = await setUp("unpinned", { extraFile: true });
    await expect(startRefused("unpinned", env)).rejects.toThrow(/someone-elses-ca\.pem is in the directory but not pinned in pins\.json/);
  });

  it("refuses a missing pins.json and a malformed pin, before anything is trusted", async () => {
    const { crls: _, ...env } = await setUp("no-pins");
    await rm(join(env.MADOGUCHI_JPKI_TRUST_ANCHORS, "pins.json"));
    await expect(startRefused("no-pins", env)).rejects.toThrow(/pins\.json cannot be read/);
    const bad = await setUp("bad-pin", { signPin: "not-a-fingerprint" });
    await expect(startRefused("bad-pin", { MADOGUCHI_JPKI_TRUST_ANCHORS: bad.MADOGUCHI_JPKI_TRUST_ANCHORS, MADOGUCHI_JPKI_CRL_DIR: bad.crls })).rejects.toThrow(/pins\.json must be/);
  });

  it("needs a revocation source (CRL directory or OCSP responder) with the anchors, and anchors with one (config error, no server)", () => {
    const error = loadConfig({ MADOGUCHI_JPKI_TRUST_ANCHORS: "/etc/madoguchi/jpki" })._unsafeUnwrapErr();
    expect(error.message).toMatch(/MADOGUCHI_JPKI_TRUST_ANCHORS needs revocation data: MADOGUCHI_JPKI_CRL_DIR .*MADOGUCHI_JPKI_OCSP_URL/);
    expect(loadConfig({ MADOGUCHI_JPKI_CRL_DIR: "/var/lib/crls" })._unsafeUnwrapErr().message).toMatch(/MADOGUCHI_JPKI_CRL_DIR needs MADOGUCHI_JPKI_TRUST_ANCHORS/);
    expect(loadConfig({ MADOGUCHI_JPKI_OCSP_URL: "http://127.0.0.1:2560/" })._unsafeUnwrapErr().message).toMatch(/MADOGUCHI_JPKI_OCSP_URL needs MADOGUCHI_JPKI_TRUST_ANCHORS/);
  });

  it("checks signatures on worker threads by default (the cores but one), on the main thread with MADOGUCHI_SIGNATURE_WORKERS=0", () => {
    expect(loadConfig({})._unsafeUnwrap().signatureWorkers).toBe(Math.max(0, Math.min(4, availableParallelism() - 1)));
    expect(loadConfig({ MADOGUCHI_SIGNATURE_WORKERS: "0" })._unsafeUnwrap().signatureWorkers).toBe(0);
    expect(loadConfig({ MADOGUCHI_SIGNATURE_WORKERS: "17" })._unsafeUnwrapErr().message).toMatch(/MADOGUCHI_SIGNATURE_WORKERS/);
  });

  it("starts with correct pins: verifies a card of the pinned CA against the CRLs of the directory, without the test card", async () => {
    const { crls, ...env } = await setUp("good");
    const server = await startTestServer(env);
    try {
      const now = new Date();
      const card = (
        await issueTestCard(signCa, {
          basicInfo: { name: "窓口 花子", nameSubstitute: "窓口 花子", sex: "2", dateOfBirth: "519990101", address: "みほん県みほん市本町1番地", addressSubstitute: "みほん県みほん市本町1番地" },
          notBefore: new Date(now.getTime() - 86_400_000),
          notAfter: new Date(now.getTime() + 365 * 86_400_000),
          signaturePassword: "MADO1234",
        })
      )._unsafeUnwrap();
      const content = new TextEncoder().encode('{"procedure":"juminhyo"}');
      const { cms } = (await signDetached(card, content, { password: "MADO1234", signingTime: now }))._unsafeUnwrap();
      // No CRL yet: not "good" — the relying party refuses.
      const unknown = (await server.deps.verifier.verifyDetached({ content, cms, at: now, purpose: "signature" }))._unsafeUnwrapErr();
      expect(unknown.reason).toBe("revocation_unknown");
      // The registered verifier's download lands in the directory (PEM here); the next check reads it.
      const crl = (
        await issueTestCrl(signCa, { thisUpdate: new Date(now.getTime() - 3_600_000), nextUpdate: new Date(now.getTime() + 86_400_000), crlNumber: 7, revoked: [] })
      )._unsafeUnwrap();
      await writeFile(join(crls, "jpki-sign-2023.crl"), crl.pem);
      const verified = (await server.deps.verifier.verifyDetached({ content, cms, at: now, purpose: "signature" }))._unsafeUnwrap();
      expect(verified.trustAnchorSha256).toBe(fingerprint(signCa.certificatePem));
      expect(verified.revocation).toMatchObject({ source: "crl", crlNumber: "7", crlSha256: createHash("sha256").update(crl.der).digest("hex") });
      // The test card is not offered when real anchors are configured: no card to sign with, no test-card surface.
      const options = await fetch(`${server.url}/api/signing/options`).then((r) => r.json() as Promise<{ card: unknown }>);
      expect(options.card).toBe(false);
      expect((await fetch(`${server.url}/test-card/api/sign`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status).toBe(404);
    } finally {
      await server.dispose();
    }
  });
});
