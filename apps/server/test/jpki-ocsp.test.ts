import { spawn, type ChildProcess } from "node:child_process";
import { createHash, X509Certificate } from "node:crypto";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestCa, issueTestCard, issueTestCrl, signDetached, type TestCa, type TestCard } from "@madoguchi/adapter-test-card";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/config.ts";
import { startTestServer } from "./support/test-server.ts";

// A municipality that asks an OCSP responder (MADOGUCHI_JPKI_OCSP_URL), alone or before its CRLs.
// The responder is OpenSSL's own (`openssl ocsp -port 0`), signing with the test CA's key.

const DAY = 86_400_000;
const fingerprint = (pem: string) => createHash("sha256").update(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64")).digest("hex");

let root: string;
let ca: TestCa;
let goodCard: TestCard;
let revokedCard: TestCard;
const children = new Set<ChildProcess>();

const serialOf = (card: TestCard) => new X509Certificate(card.certificatePem).serialNumber.toUpperCase().replace(/^(00)+/, "");
/** UTCTime as OpenSSL's index.txt has it. */
const utcTime = (date: Date) => date.toISOString().replace(/^\d\d(\d\d)-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d).*$/, "$1$2$3$4$5$6Z");

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "madoguchi-jpki-ocsp-"));
  ca = (await createTestCa({ now: new Date(Date.now() - 30 * DAY), generation: "2023" }))._unsafeUnwrap();
  const issue = async () =>
    (
      await issueTestCard(ca, {
        basicInfo: { name: "窓口 花子", nameSubstitute: "窓口 花子", sex: "2", dateOfBirth: "519990101", address: "みほん県みほん市本町1番地", addressSubstitute: "みほん県みほん市本町1番地" },
        notBefore: new Date(Date.now() - DAY),
        notAfter: new Date(Date.now() + 365 * DAY),
        signaturePassword: "MADO1234",
      })
    )._unsafeUnwrap();
  [goodCard, revokedCard] = [await issue(), await issue()];
}, 60_000);

afterAll(async () => {
  for (const child of children) child.kill("SIGTERM");
  await rm(root, { recursive: true, force: true });
});

/** The anchors directory with the test CA pinned as the signature CA; optionally an (empty) CRL directory. */
const anchors = async (name: string) => {
  const dir = join(root, name, "anchors");
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "jpki-sign-2023.pem"), ca.certificatePem);
  await writeFile(join(dir, "pins.json"), JSON.stringify({ anchors: [{ file: "jpki-sign-2023.pem", purpose: "signature", generation: "JPKI 署名用 2023", sha256: fingerprint(ca.certificatePem) }] }));
  return dir;
};

/** OpenSSL's responder for the test CA: goodCard valid, revokedCard revoked (keyCompromise, two days ago). */
const startResponder = async (name: string): Promise<{ url: string; stop: () => void }> => {
  const dir = join(root, name, "ocsp");
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "ca.pem"), ca.certificatePem);
  await writeFile(join(dir, "ca.key"), ca.privateKeyPkcs8Pem);
  await writeFile(
    join(dir, "index.txt"),
    `V\t351231235959Z\t\t${serialOf(goodCard)}\tunknown\t/CN=good\n` +
      `R\t351231235959Z\t${utcTime(new Date(Math.floor(Date.now() / 1000) * 1000 - 2 * DAY))},keyCompromise\t${serialOf(revokedCard)}\tunknown\t/CN=revoked\n`,
  );
  const child = spawn("/usr/bin/openssl", ["ocsp", "-index", "index.txt", "-port", "0", "-CA", "ca.pem", "-rsigner", "ca.pem", "-rkey", "ca.key", "-ndays", "1", "-ignore_err"], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  // Ready when it announces the port it listens on (printed after listen()).
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("openssl ocsp did not start")), 20_000);
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const match = /ACCEPT \S*:(\d+)/.exec(out);
      if (match !== null) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once("exit", () => reject(new Error("openssl ocsp exited")));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill("SIGTERM") };
};

const signed = async (card: TestCard) => {
  const content = new TextEncoder().encode('{"procedure":"juminhyo"}');
  const { cms } = (await signDetached(card, content, { password: "MADO1234", signingTime: new Date() }))._unsafeUnwrap();
  return { content, cms };
};

describe("JPKI revocation by OCSP (MADOGUCHI_JPKI_OCSP_URL)", () => {
  it("config: an http(s) URL; the nonce knob only with it", () => {
    const base = { MADOGUCHI_JPKI_TRUST_ANCHORS: "/etc/madoguchi/jpki" };
    expect(loadConfig({ ...base, MADOGUCHI_JPKI_OCSP_URL: "ldap://ocsp.example/" })._unsafeUnwrapErr().message).toMatch(/MADOGUCHI_JPKI_OCSP_URL must be an absolute http\(s\) URL/);
    expect(loadConfig({ ...base, MADOGUCHI_JPKI_CRL_DIR: "/crls", MADOGUCHI_JPKI_OCSP_NONCE: "optional" })._unsafeUnwrapErr().message).toMatch(/MADOGUCHI_JPKI_OCSP_NONCE is only read with MADOGUCHI_JPKI_OCSP_URL/);
    expect(loadConfig({ ...base, MADOGUCHI_JPKI_OCSP_URL: "http://127.0.0.1:2560/", MADOGUCHI_JPKI_OCSP_NONCE: "optional" })._unsafeUnwrap().jpkiTrust).toEqual({
      kind: "pinned",
      anchorsDir: "/etc/madoguchi/jpki",
      crlDir: null,
      ocsp: { url: "http://127.0.0.1:2560/", requireNonce: false },
    });
  });

  it("OCSP alone: a good card verifies with the signed OCSP response as evidence; a revoked one is refused as revoked", async () => {
    const responder = await startResponder("alone");
    const server = await startTestServer({ MADOGUCHI_JPKI_TRUST_ANCHORS: await anchors("alone"), MADOGUCHI_JPKI_OCSP_URL: responder.url });
    try {
      const good = await signed(goodCard);
      const verified = (await server.deps.verifier.verifyDetached({ ...good, at: new Date(), purpose: "signature" }))._unsafeUnwrap();
      const evidence = verified.revocation;
      if (evidence.source !== "ocsp") return expect.fail(`OCSP evidence expected, got ${evidence.source}`);
      expect(evidence.responseSha256).toBe(createHash("sha256").update(evidence.responseDer).digest("hex"));
      expect(evidence.serialNumber.toUpperCase().replace(/^(00)+/, "")).toBe(serialOf(goodCard));

      const bad = await signed(revokedCard);
      expect((await server.deps.verifier.verifyDetached({ ...bad, at: new Date(), purpose: "signature" }))._unsafeUnwrapErr().reason).toBe("revoked");

      // The responder gone, nothing else to ask: not "good" — unavailable, try later.
      responder.stop();
      const down = (await server.deps.verifier.verifyDetached({ ...good, at: new Date(), purpose: "signature" }))._unsafeUnwrapErr();
      expect(down.reason).toBe("unavailable");
    } finally {
      responder.stop();
      await server.dispose();
    }
  });

  it("OCSP then the CRLs: the responder decides while it answers; when it is down, the CRL directory does", async () => {
    const responder = await startResponder("both");
    const crlDir = join(root, "both", "crls");
    await mkdir(crlDir, { recursive: true });
    const now = new Date();
    const crl = (await issueTestCrl(ca, { thisUpdate: new Date(now.getTime() - 3_600_000), nextUpdate: new Date(now.getTime() + DAY), crlNumber: 9, revoked: [] }))._unsafeUnwrap();
    await writeFile(join(crlDir, "jpki-sign-2023.crl"), crl.pem);
    const server = await startTestServer({ MADOGUCHI_JPKI_TRUST_ANCHORS: await anchors("both"), MADOGUCHI_JPKI_OCSP_URL: responder.url, MADOGUCHI_JPKI_CRL_DIR: crlDir });
    try {
      // The CRL (older) does not list the revoked card; OCSP says revoked, and that stands.
      const bad = await signed(revokedCard);
      expect((await server.deps.verifier.verifyDetached({ ...bad, at: new Date(), purpose: "signature" }))._unsafeUnwrapErr().reason).toBe("revoked");
      const good = await signed(goodCard);
      expect((await server.deps.verifier.verifyDetached({ ...good, at: new Date(), purpose: "signature" }))._unsafeUnwrap().revocation.source).toBe("ocsp");
      responder.stop();
      const fallback = (await server.deps.verifier.verifyDetached({ ...good, at: new Date(), purpose: "signature" }))._unsafeUnwrap();
      expect(fallback.revocation).toMatchObject({ source: "crl", crlNumber: "9" });
    } finally {
      responder.stop();
      await server.dispose();
    }
  });
});
