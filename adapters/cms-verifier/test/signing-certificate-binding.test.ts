import { createHash } from "node:crypto";
import { createTestCa, issueTestCard, signDigestInfo, type BasicInfo } from "@madoguchi/adapter-test-card";
import { assembleDetachedCms, certificateIdentity, sha256DigestInfo, signedAttributesFor } from "@madoguchi/core";
import { describe, expect, it } from "vitest";
import { createCmsSignatureVerifier } from "../src/index.ts";
import { alwaysGood } from "./revocation-fakes.ts";

const holder: BasicInfo = {
  name: "山田 花子",
  nameSubstitute: "山田 花子",
  sex: "2",
  dateOfBirth: "519990101",
  address: "みほん県みほん市本町1番地",
  addressSubstitute: "みほん県みほん市本町1番地",
};
const issuedAt = new Date("2026-11-01T00:00:00Z");
const at = new Date("2026-11-15T00:00:00Z");
const sha = (bytes: Uint8Array) => new Uint8Array(createHash("sha256").update(bytes).digest());
const der = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64"));

describe("ESS signingCertificateV2 binds the signature to the signer's certificate", () => {
  it("verifies when it names the signer, refuses (bad_signature) when it names another certificate of the same CA", async () => {
    const ca = (await createTestCa({ now: issuedAt }))._unsafeUnwrap();
    const issue = async () =>
      (await issueTestCard(ca, { basicInfo: holder, notBefore: issuedAt, notAfter: new Date("2031-11-01T00:00:00Z"), signaturePassword: "MADO1234" }))._unsafeUnwrap();
    const [card, other] = [await issue(), await issue()];
    const verifier = createCmsSignatureVerifier({ trustAnchorsPem: [ca.certificatePem], revocation: alwaysGood });
    const content = new TextEncoder().encode("{}");
    const signWith = async (named: Uint8Array) => {
      const signedAttributes = signedAttributesFor({
        contentSha256: sha(content),
        signingTime: at,
        signingCertificate: { sha256: sha(named), identity: certificateIdentity(named)._unsafeUnwrap() },
      });
      const signed = (await signDigestInfo(card, "signature", sha256DigestInfo(sha(signedAttributes)), "MADO1234"))._unsafeUnwrap();
      return assembleDetachedCms({ signedAttributes, signatureValue: signed.signatureValue, certificateDer: signed.certificateDer })._unsafeUnwrap();
    };
    const right = await verifier.verifyDetached({ content, cms: await signWith(der(card.certificatePem)), at, purpose: "signature" });
    expect(right.isOk()).toBe(true);
    const wrong = await verifier.verifyDetached({ content, cms: await signWith(der(other.certificatePem)), at, purpose: "signature" });
    expect(wrong._unsafeUnwrapErr().reason).toBe("bad_signature");
  });
});
