import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import {
  createCrlRevocationChecker,
  createSerialQueue,
  createTestCa,
  createTestCardJpkiSigner,
  DEMO_BASIC_INFO,
  issueTestCard,
  issueTestCrl,
  type TestCard,
} from "@madoguchi/adapter-test-card";
import { describeJpkiSignerContract, type JpkiSignerHarness } from "@madoguchi/conformance/jpki-signer";
import { assembleDetachedCms, sha256DigestInfo, signedAttributesFor, type JpkiKey } from "@madoguchi/core";
import { okAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import { createCmsSignatureVerifier } from "../src/index.ts";

const PASSWORD = "MADO1234";
const PIN = "1234";
const issuedAt = new Date("2026-11-01T00:00:00Z");
const at = new Date("2026-11-15T00:00:00Z");

let built: Promise<{ harness: JpkiSignerHarness; caPem: string; card: TestCard }> | undefined;

const build = async () => {
  const ca = (await createTestCa({ now: issuedAt }))._unsafeUnwrap();
  const card = (
    await issueTestCard(ca, {
      basicInfo: DEMO_BASIC_INFO,
      notBefore: issuedAt,
      notAfter: new Date("2031-11-01T00:00:00Z"),
      signaturePassword: PASSWORD,
      authenticationPin: PIN,
    })
  )._unsafeUnwrap();
  const crl = (await issueTestCrl(ca, { thisUpdate: issuedAt, nextUpdate: new Date("2026-12-01T00:00:00Z"), crlNumber: 1, revoked: [] }))._unsafeUnwrap();
  const verifier = createCmsSignatureVerifier({
    trustAnchorsPem: [ca.certificatePem],
    authenticationTrustAnchorsPem: [ca.certificatePem],
    revocation: createCrlRevocationChecker({ crls: async () => [crl.der] }),
  });
  const harness: JpkiSignerHarness = {
    makeSigner: async () => {
      let current = card;
      return createTestCardJpkiSigner({
        getCard: () => okAsync(current),
        saveCard: (next) => {
          current = next;
          return okAsync(undefined);
        },
        exclusive: createSerialQueue(),
        clock: { now: () => at },
      });
    },
    completeRight: (signer, sessionId, key: JpkiKey) =>
      signer.completeSigning({ sessionId, completion: { kind: "secret", secret: key === "signature" ? PASSWORD : PIN } }),
    decline: (signer, sessionId) => signer.completeSigning({ sessionId, completion: { kind: "declined", error: "access_denied", state: null } }),
    wrongSecret: (key) => (key === "signature" ? "WRONG999" : "9999"),
    tries: (key) => (key === "signature" ? 5 : 3),
    verifier,
    at,
    keys: ["signature", "authentication"],
  };
  return { harness, caPem: ca.certificatePem, card };
};

const loaded = () => (built ??= build());

describeJpkiSignerContract("test card", async () => (await loaded()).harness);

describe("core-assembled CMS from the test card's JpkiSigner", () => {
  it("verifies with openssl cms -verify (signed attributes and CMS built in core, only the DigestInfo signed by the card)", async () => {
    const { harness, caPem } = await loaded();
    const signer = await harness.makeSigner();
    const content = new TextEncoder().encode('{"type":"madoguchi.application/v1","applicant":{"name":"髙橋 𠮷子"}}');
    const sha = (b: Uint8Array) => new Uint8Array(createHash("sha256").update(b).digest());
    const signedAttributes = signedAttributesFor({ contentSha256: sha(content), signingTime: at });
    const session = (await signer.startSigning({ digestInfo: sha256DigestInfo(sha(signedAttributes)), key: "signature" }))._unsafeUnwrap();
    const raw = (await harness.completeRight(signer, session.sessionId, "signature"))._unsafeUnwrap();
    const cms = assembleDetachedCms({ signedAttributes, ...raw })._unsafeUnwrap();
    const dir = mkdtempSync(join(tmpdir(), "jpki-signer-"));
    writeFileSync(join(dir, "content.json"), content);
    writeFileSync(join(dir, "sig.der"), cms);
    writeFileSync(join(dir, "ca.pem"), caPem);
    // -purpose any: the test CA's leaf carries no extendedKeyUsage, as JPKI certificates do not.
    const out = execFileSync(
      "openssl",
      ["cms", "-verify", "-binary", "-inform", "DER", "-in", join(dir, "sig.der"), "-content", join(dir, "content.json"), "-CAfile", join(dir, "ca.pem"), "-purpose", "any", "-attime", String(Math.floor(at.getTime() / 1000)), "-out", "/dev/null"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    expect(out).toBeDefined(); // a non-zero exit throws
  });
});
