import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { createTestCa, DEMO_BASIC_INFO, issueTestCard, signDetached, type BasicInfo, type TestCa } from "@madoguchi/adapter-test-card";
import { SIGNATURE_VERIFIER_CONTRACT } from "@madoguchi/core";
import { beforeAll, describe, expect, it } from "vitest";
import { createCmsSignatureVerifier } from "../src/index.ts";
import { alwaysGood } from "./revocation-fakes.ts";
import { issue, makeRoot, opensslSign, type Issued } from "./pki.ts";

const holder: BasicInfo = DEMO_BASIC_INFO;
const password = "MADO1234";
const content = new TextEncoder().encode('{"type":"madoguchi.application/v1"}');
const y2026 = new Date("2026-01-01T00:00:00Z");
const at = new Date("2026-06-01T00:00:00Z");
const signingTime = new Date("2026-05-31T12:34:56Z");

const cardOf = async (ca: TestCa, notBefore: Date, notAfter: Date) =>
  (await issueTestCard(ca, { basicInfo: holder, notBefore, notAfter, signaturePassword: password }))._unsafeUnwrap();

const signedBy = async (ca: TestCa, notBefore = y2026, notAfter = new Date("2031-01-01T00:00:00Z")) => {
  const card = await cardOf(ca, notBefore, notAfter);
  const { cms } = (await signDetached(card, content, { password, signingTime }))._unsafeUnwrap();
  return { card, cms };
};

let ca: TestCa;
beforeAll(async () => {
  ca = (await createTestCa({ now: y2026 }))._unsafeUnwrap();
});

describe("createCmsSignatureVerifier: options", () => {
  it("declares the contract and fails fast on unusable trust anchors", () => {
    expect(createCmsSignatureVerifier({ trustAnchorsPem: [ca.certificatePem], revocation: alwaysGood }).meta.contract).toBe(
      SIGNATURE_VERIFIER_CONTRACT,
    );
    expect(() => createCmsSignatureVerifier({ trustAnchorsPem: [], revocation: alwaysGood })).toThrow(/at least 1/);
    expect(() => createCmsSignatureVerifier({ trustAnchorsPem: ["not a certificate"], revocation: alwaysGood })).toThrow(
      /trustAnchorsPem\[0\] is not a PEM certificate/,
    );
    const garbled = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    expect(() => createCmsSignatureVerifier({ trustAnchorsPem: [ca.certificatePem, garbled], revocation: alwaysGood })).toThrow(
      /trustAnchorsPem\[1\]/,
    );
  });

  it("refuses a worker count that is no count", () => {
    for (const workers of [-1, 1.5, 65]) {
      expect(() => createCmsSignatureVerifier({ trustAnchorsPem: [ca.certificatePem], revocation: alwaysGood, workers })).toThrow(/workers must be an integer/);
    }
  });

  it("treats an invalid verification time as a programmer error", () => {
    const verifier = createCmsSignatureVerifier({ trustAnchorsPem: [ca.certificatePem], revocation: alwaysGood });
    expect(() => verifier.verifyDetached({ content, cms: new Uint8Array(1), at: new Date(Number.NaN), purpose: "signature" })).toThrow(TypeError);
  });
});

describe("createCmsSignatureVerifier: what a verified signature reports", () => {
  it("returns the signer certificate's fields and the signing time", async () => {
    const { card, cms } = await signedBy(ca);
    const verifier = createCmsSignatureVerifier({ trustAnchorsPem: [ca.certificatePem], revocation: alwaysGood });
    const verified = (await verifier.verifyDetached({ content, cms, at, purpose: "signature" }))._unsafeUnwrap();
    const expected = new x509.X509Certificate(card.certificatePem);
    // @peculiar/x509 prints the serial's value; the port wants its DER content octets (00 before a high bit).
    const value = expected.serialNumber.toLowerCase().padStart(Math.ceil(expected.serialNumber.length / 2) * 2, "0");
    expect(verified.signer).toEqual({
      subject: expected.subject,
      issuer: "C=JP, O=JPKI, OU=JPKI for digital signature (TEST), OU=madoguchi test card CA",
      serialNumber: /^[89a-f]/.test(value) ? `00${value}` : value,
      notBefore: y2026,
      notAfter: new Date("2031-01-01T00:00:00Z"),
      derBase64: Buffer.from(expected.rawData).toString("base64"),
    });
    expect(verified.signer.subject).toMatch(/^C=JP, L=みほん県, L=みほん市, CN=[0-9A-F]{32}$/);
    expect(verified.signingTime).toEqual(signingTime);
  });

  it("accepts content and CMS given as views into larger buffers (as Buffer.from(base64) returns)", async () => {
    const { cms } = await signedBy(ca);
    const verifier = createCmsSignatureVerifier({ trustAnchorsPem: [ca.certificatePem], revocation: alwaysGood });
    const cmsView = new Uint8Array([0, ...cms, 0]).subarray(1, 1 + cms.length);
    const contentView = new Uint8Array([9, 9, ...content, 9]).subarray(2, 2 + content.length);
    expect((await verifier.verifyDetached({ content: contentView, cms: cmsView, at, purpose: "signature" })).isOk()).toBe(true);
  });

  it("accepts validity bounds inclusively", async () => {
    const notAfter = new Date("2026-06-01T00:00:00Z");
    const { cms } = await signedBy(ca, y2026, notAfter);
    const verifier = createCmsSignatureVerifier({ trustAnchorsPem: [ca.certificatePem], revocation: alwaysGood });
    expect((await verifier.verifyDetached({ content, cms, at: notAfter, purpose: "signature" })).isOk()).toBe(true);
    expect((await verifier.verifyDetached({ content, cms, at: y2026, purpose: "signature" })).isOk()).toBe(true);
    const justAfter = new Date(notAfter.getTime() + 1000);
    expect((await verifier.verifyDetached({ content, cms, at: justAfter, purpose: "signature" }))._unsafeUnwrapErr().reason).toBe("expired");
    const justBefore = new Date(y2026.getTime() - 1000);
    expect((await verifier.verifyDetached({ content, cms, at: justBefore, purpose: "signature" }))._unsafeUnwrapErr().reason).toBe(
      "not_yet_valid",
    );
  });

  it("never puts the holder's personal data in an error", async () => {
    const { cms } = await signedBy(ca);
    const other = (await createTestCa({ now: y2026, generation: "other" }))._unsafeUnwrap();
    const verifier = createCmsSignatureVerifier({ trustAnchorsPem: [other.certificatePem], revocation: alwaysGood });
    for (const input of [
      { content, cms, at, purpose: "signature" as const },
      { content: new Uint8Array(3), cms, at, purpose: "signature" as const },
      { content, cms, at: new Date("2099-01-01T00:00:00Z"), purpose: "signature" as const },
    ]) {
      const serialised = JSON.stringify((await verifier.verifyDetached(input))._unsafeUnwrapErr());
      expect(serialised).not.toMatch(/髙橋|高橋|みほん|419900102/);
    }
  });
});

describe("createCmsSignatureVerifier: trust anchors and chains", () => {
  it("holds several CA generations with the same name and picks the issuer by signature", async () => {
    const older = (await createTestCa({ now: new Date("2016-01-01T00:00:00Z"), validYears: 15 }))._unsafeUnwrap();
    const newer = (await createTestCa({ now: y2026 }))._unsafeUnwrap();
    const verifier = createCmsSignatureVerifier({ trustAnchorsPem: [newer.certificatePem, older.certificatePem], revocation: alwaysGood });
    for (const issuer of [older, newer]) {
      const { cms } = await signedBy(issuer);
      expect((await verifier.verifyDetached({ content, cms, at, purpose: "signature" })).isOk()).toBe(true);
    }
    const onlyNewer = createCmsSignatureVerifier({ trustAnchorsPem: [newer.certificatePem], revocation: alwaysGood });
    const { cms } = await signedBy(older);
    expect((await onlyNewer.verifyDetached({ content, cms, at, purpose: "signature" }))._unsafeUnwrapErr().reason).toBe("untrusted_chain");
  });

  it("accepts anchors given as one PEM bundle", async () => {
    const second = (await createTestCa({ now: y2026, generation: "second" }))._unsafeUnwrap();
    const verifier = createCmsSignatureVerifier({ trustAnchorsPem: [second.certificatePem + ca.certificatePem], revocation: alwaysGood });
    const { cms } = await signedBy(ca);
    expect((await verifier.verifyDetached({ content, cms, at, purpose: "signature" })).isOk()).toBe(true);
  });

  it("refuses a signer whose CA has expired or is not yet valid, though the card itself is valid", async () => {
    const shortLived = (await createTestCa({ now: y2026, validYears: 1 }))._unsafeUnwrap();
    const { cms } = await signedBy(shortLived, y2026, new Date("2031-01-01T00:00:00Z"));
    const verifier = createCmsSignatureVerifier({ trustAnchorsPem: [shortLived.certificatePem], revocation: alwaysGood });
    const later = new Date("2028-01-01T00:00:00Z");
    expect((await verifier.verifyDetached({ content, cms, at: later, purpose: "signature" }))._unsafeUnwrapErr()).toMatchObject({
      reason: "expired",
      message: expect.stringContaining("CA certificate"),
    });

    const future = (await createTestCa({ now: new Date("2027-01-01T00:00:00Z") }))._unsafeUnwrap();
    const early = await signedBy(future, y2026);
    const futureVerifier = createCmsSignatureVerifier({ trustAnchorsPem: [future.certificatePem], revocation: alwaysGood });
    expect((await futureVerifier.verifyDetached({ content, cms: early.cms, at, purpose: "signature" }))._unsafeUnwrapErr().reason).toBe(
      "not_yet_valid",
    );
  });

  describe("with an intermediate CA (certificates from @peculiar/x509, CMS from OpenSSL)", () => {
    const notAfter = new Date("2030-01-01T00:00:00Z");
    const signing = x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation;
    let root: Issued;
    let intermediate: Issued;
    let leaf: Issued;
    beforeAll(async () => {
      root = await makeRoot("C=JP, O=Example Root", y2026, notAfter);
      intermediate = await issue(root, {
        subject: "C=JP, O=Example Intermediate",
        notBefore: y2026,
        notAfter,
        ca: true,
        usages: x509.KeyUsageFlags.keyCertSign,
      });
      leaf = await issue(intermediate, { subject: "C=JP, CN=leaf", notBefore: y2026, notAfter, ca: false, usages: signing });
    });

    it("verifies when the CMS carries the intermediate, not without it", async () => {
      const verifier = createCmsSignatureVerifier({ trustAnchorsPem: [root.pem], revocation: alwaysGood });
      const withChain = await opensslSign(content, [leaf], ["-md", "sha256"], intermediate.pem);
      expect((await verifier.verifyDetached({ content, cms: withChain, at, purpose: "signature" }))._unsafeUnwrap().signer.issuer).toBe(
        "C=JP, O=Example Intermediate",
      );
      const alone = await opensslSign(content, [leaf], ["-md", "sha256"]);
      expect((await verifier.verifyDetached({ content, cms: alone, at, purpose: "signature" }))._unsafeUnwrapErr().reason).toBe(
        "untrusted_chain",
      );
    });

    it("refuses an intermediate that is not a CA", async () => {
      const notCa = await issue(root, {
        subject: "C=JP, O=Example Intermediate",
        notBefore: y2026,
        notAfter,
        ca: false,
        usages: x509.KeyUsageFlags.keyCertSign,
      });
      const underNotCa = await issue(notCa, { subject: "C=JP, CN=leaf", notBefore: y2026, notAfter, ca: false, usages: signing });
      const cms = await opensslSign(content, [underNotCa], ["-md", "sha256"], notCa.pem);
      const verifier = createCmsSignatureVerifier({ trustAnchorsPem: [root.pem], revocation: alwaysGood });
      expect((await verifier.verifyDetached({ content, cms, at, purpose: "signature" }))._unsafeUnwrapErr().reason).toBe("untrusted_chain");
    });

    it("refuses a leaf without any keyUsage-for-signing", async () => {
      const encipherOnly = await issue(intermediate, {
        subject: "C=JP, CN=encipher",
        notBefore: y2026,
        notAfter,
        ca: false,
        usages: x509.KeyUsageFlags.keyEncipherment,
      });
      const cms = await opensslSign(content, [encipherOnly], ["-md", "sha256"], intermediate.pem);
      const verifier = createCmsSignatureVerifier({ trustAnchorsPem: [root.pem], revocation: alwaysGood });
      expect((await verifier.verifyDetached({ content, cms, at, purpose: "signature" }))._unsafeUnwrapErr().reason).toBe("wrong_key_usage");
    });

    it("reports names in encoding order with RFC 4514 escapes", async () => {
      const odd = await issue(intermediate, {
        subject: "C=JP, O=Foo\\, Inc., CN=a\\+b+L=x",
        notBefore: y2026,
        notAfter,
        ca: false,
        usages: signing,
      });
      const cms = await opensslSign(content, [odd], ["-md", "sha256"], intermediate.pem);
      const verifier = createCmsSignatureVerifier({ trustAnchorsPem: [root.pem], revocation: alwaysGood });
      expect((await verifier.verifyDetached({ content, cms, at, purpose: "signature" }))._unsafeUnwrap().signer.subject).toBe(
        "C=JP, O=Foo\\, Inc., CN=a\\+b+L=x",
      );
    });

    it("accepts nonRepudiation alone as a signing key usage", async () => {
      const nonRepudiation = await issue(intermediate, {
        subject: "C=JP, CN=nr",
        notBefore: y2026,
        notAfter,
        ca: false,
        usages: x509.KeyUsageFlags.nonRepudiation,
      });
      const cms = await opensslSign(content, [nonRepudiation], ["-md", "sha256"], intermediate.pem);
      const verifier = createCmsSignatureVerifier({ trustAnchorsPem: [root.pem], revocation: alwaysGood });
      expect((await verifier.verifyDetached({ content, cms, at, purpose: "signature" })).isOk()).toBe(true);
    });
  });
});

describe("createCmsSignatureVerifier: CMS it does not accept as a JPKI signature (malformed)", () => {
  let cards: { pem: string; keyPem: string }[];
  let verifier: ReturnType<typeof createCmsSignatureVerifier>;
  beforeAll(async () => {
    cards = await Promise.all(
      [1, 2].map(async () => {
        const issued = await cardOf(ca, y2026, new Date("2031-01-01T00:00:00Z"));
        return { pem: issued.certificatePem, keyPem: issued.privateKeyPkcs8Pem };
      }),
    );
    verifier = createCmsSignatureVerifier({ trustAnchorsPem: [ca.certificatePem], revocation: alwaysGood });
  });

  it.each([
    ["two signers", 2, ["-md", "sha256"], "exactly one signer"],
    ["encapsulated content (not detached)", 1, ["-md", "sha256", "-nodetach"], "detached"],
    ["no signed attributes", 1, ["-md", "sha256", "-noattr"], "signed attributes are required"],
    ["a SHA-1 digest", 1, ["-md", "sha1"], "unsupported digest algorithm"],
    ["no signer certificate included", 1, ["-md", "sha256", "-nocerts"], "signer certificate is not included"],
  ] as const)("refuses %s", async (_name, signers, extra, why) => {
    const cms = await opensslSign(content, cards.slice(0, signers), extra);
    const error = (await verifier.verifyDetached({ content, cms, at, purpose: "signature" }))._unsafeUnwrapErr();
    expect(error).toMatchObject({ _tag: "SignatureError", reason: "malformed", retryable: false });
    expect(error.message).toContain(why);
  });

  it("refuses trailing bytes after the CMS", async () => {
    const cms = await opensslSign(content, cards.slice(0, 1), ["-md", "sha256"]);
    expect((await verifier.verifyDetached({ content, cms, at, purpose: "signature" })).isOk()).toBe(true);
    const extended = new Uint8Array([...cms, 0]);
    expect((await verifier.verifyDetached({ content, cms: extended, at, purpose: "signature" }))._unsafeUnwrapErr().reason).toBe("malformed");
  });

  it("passes its health check", async () => {
    expect((await verifier.healthCheck()).isOk()).toBe(true);
  });
});
