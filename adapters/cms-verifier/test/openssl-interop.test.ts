import { createTestCa, DEMO_BASIC_INFO, issueTestCard, signDetached, type TestCa, type TestCard } from "@madoguchi/adapter-test-card";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createCmsSignatureVerifier } from "../src/index.ts";
import { alwaysGood } from "./revocation-fakes.ts";
import { openssl } from "./openssl.ts";
import { opensslSign } from "./pki.ts";

const issuedAt = new Date("2026-11-01T00:00:00Z");
const at = new Date("2026-11-15T00:00:00Z");
const password = "MADO1234";
let ca: TestCa;
let card: TestCard;

beforeAll(async () => {
  ca = (await createTestCa({ now: issuedAt }))._unsafeUnwrap();
  card = (
    await issueTestCard(ca, {
      basicInfo: DEMO_BASIC_INFO,
      notBefore: issuedAt,
      notAfter: new Date("2031-11-01T00:00:00Z"),
      signaturePassword: password,
    })
  )._unsafeUnwrap();
});

/** `openssl cms -verify -binary -content <json> -inform DER -in <cms> -CAfile <ca.pem> -purpose any` */
const opensslVerify = (content: Uint8Array, cms: Uint8Array) =>
  openssl({ "content.json": content, "sig.der": cms, "ca.pem": ca.certificatePem }, () => [
    "cms", "-verify", "-binary", "-content", "content.json", "-inform", "DER", "-in", "sig.der",
    "-CAfile", "ca.pem", "-purpose", "any", "-attime", String(at.getTime() / 1000), "-out", "/dev/null",
  ]);

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe("OpenSSL interoperability", () => {
  it("OpenSSL verifies what the test card signs, for any JSON document", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const content = json(value);
        const { cms } = (await signDetached(card, content, { password, signingTime: at }))._unsafeUnwrap();
        const run = await opensslVerify(content, cms);
        expect(run.stderr).toContain("Verification successful");
        expect(run.code).toBe(0);
      }),
      { numRuns: 8 },
    );
  });

  it("OpenSSL refuses test-card CMS over tampered content (so the check above means something)", async () => {
    const content = json({ copies: 1 });
    const { cms } = (await signDetached(card, content, { password, signingTime: at }))._unsafeUnwrap();
    const run = await opensslVerify(json({ copies: 2 }), cms);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/digest failure|Verification failure/i);
  });

  it("our verifier accepts a CMS that OpenSSL signed with a test-card certificate", async () => {
    const verifier = createCmsSignatureVerifier({ trustAnchorsPem: [ca.certificatePem], revocation: alwaysGood });
    const content = json({ type: "madoguchi.application/v1", applicant: { name: "髙橋 𠮷子" } });
    const signer = { pem: card.certificatePem, keyPem: card.privateKeyPkcs8Pem };
    for (const md of ["sha256", "sha384", "sha512"]) {
      const cms = await opensslSign(content, [signer], ["-md", md]);
      const verified = (await verifier.verifyDetached({ content, cms, at, purpose: "signature" }))._unsafeUnwrap();
      expect(verified.signer.derBase64).toBe(
        card.certificatePem.replace(/-----[^-]+-----|\s/g, ""),
      );
      expect(verified.signingTime).toBeInstanceOf(Date); // OpenSSL adds signingTime by default
    }
  });

  it("our verifier accepts OpenSSL's subjectKeyIdentifier signer identification (-keyid)", async () => {
    const verifier = createCmsSignatureVerifier({ trustAnchorsPem: [ca.certificatePem], revocation: alwaysGood });
    const content = json({ keyid: true });
    const cms = await opensslSign(content, [{ pem: card.certificatePem, keyPem: card.privateKeyPkcs8Pem }], [
      "-md", "sha256", "-keyid",
    ]);
    expect((await verifier.verifyDetached({ content, cms, at, purpose: "signature" })).isOk()).toBe(true);
  });

  it("our verifier refuses OpenSSL-signed content that was then tampered with", async () => {
    const verifier = createCmsSignatureVerifier({ trustAnchorsPem: [ca.certificatePem], revocation: alwaysGood });
    const content = json({ copies: 1, fee: 300 });
    const cms = await opensslSign(content, [{ pem: card.certificatePem, keyPem: card.privateKeyPkcs8Pem }], [
      "-md", "sha256",
    ]);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: content.length - 1 }), fc.integer({ min: 1, max: 255 }), async (index, mask) => {
        const tampered = new Uint8Array(content);
        tampered[index] = tampered[index]! ^ mask;
        const error = (await verifier.verifyDetached({ content: tampered, cms, at, purpose: "signature" }))._unsafeUnwrapErr();
        expect(error.reason).toBe("content_mismatch");
      }),
      { numRuns: 50 },
    );
  });
});
