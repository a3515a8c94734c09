import * as asn1js from "asn1js";
import fc from "fast-check";
import * as pkijs from "pkijs";
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { signDetached, type TestCard, type TestCardError } from "../src/index.ts";
import { fromPem } from "../src/pem.ts";
import { holder, makeCaAndCard, PASSWORD } from "./fixtures.ts";

let card: TestCard;
beforeAll(async () => {
  ({ card } = await makeCaAndCard());
});

const signingTime = new Date("2026-11-02T03:04:05Z");
const content = new TextEncoder().encode('{"procedure":"juminhyo","copies":1}');

const attributeValue = (signerInfo: pkijs.SignerInfo, oid: string) => {
  const found = signerInfo.signedAttrs?.attributes.filter((attribute) => attribute.type === oid) ?? [];
  expect(found).toHaveLength(1);
  expect(found[0]!.values).toHaveLength(1);
  return found[0]!.values[0];
};

describe("signDetached", () => {
  it("builds a detached SignedData with the four signed attributes and the signer certificate", async () => {
    const { cms } = (await signDetached(card, content, { password: PASSWORD, signingTime }))._unsafeUnwrap();
    const contentInfo = new pkijs.ContentInfo({ schema: asn1js.fromBER(cms).result });
    expect(contentInfo.contentType).toBe("1.2.840.113549.1.7.2");
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });

    expect(signedData.encapContentInfo.eContentType).toBe("1.2.840.113549.1.7.1");
    expect(signedData.encapContentInfo.eContent).toBeUndefined();
    const certificateDer = fromPem("CERTIFICATE", card.certificatePem)!;
    expect(signedData.certificates).toHaveLength(1);
    expect(new Uint8Array((signedData.certificates![0] as pkijs.Certificate).toSchema().toBER())).toEqual(certificateDer);
    expect(signedData.signerInfos).toHaveLength(1);

    const signerInfo = signedData.signerInfos[0]!;
    expect(signerInfo.digestAlgorithm.algorithmId).toBe("2.16.840.1.101.3.4.2.1");
    expect(signerInfo.signatureAlgorithm.algorithmId).toBe("1.2.840.113549.1.1.11");
    expect(signerInfo.signedAttrs?.attributes).toHaveLength(4);

    const contentType = attributeValue(signerInfo, "1.2.840.113549.1.9.3") as asn1js.ObjectIdentifier;
    expect(contentType.valueBlock.toString()).toBe("1.2.840.113549.1.7.1");
    const digest = attributeValue(signerInfo, "1.2.840.113549.1.9.4") as asn1js.OctetString;
    expect(Buffer.from(digest.valueBlock.valueHexView).toString("hex")).toBe(
      createHash("sha256").update(content).digest("hex"),
    );
    const time = attributeValue(signerInfo, "1.2.840.113549.1.9.5") as asn1js.UTCTime;
    expect(time.toDate()).toEqual(signingTime);

    // signingCertificateV2 → certs[0] → ESSCertIDv2 { certHash (SHA-256 default, so no algorithm), issuerSerial }
    const essCertIds = attributeValue(signerInfo, "1.2.840.113549.1.9.16.2.47") as asn1js.Sequence;
    const essCertId = (essCertIds.valueBlock.value[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    const certHash = essCertId.valueBlock.value[0] as asn1js.OctetString;
    expect(Buffer.from(certHash.valueBlock.valueHexView).toString("hex")).toBe(
      createHash("sha256").update(certificateDer).digest("hex"),
    );

    // The signature covers DER(signedAttrs) as a SET and verifies with the certificate's key.
    const certificate = signedData.certificates![0] as pkijs.Certificate;
    const key = await certificate.getPublicKey();
    const verified = await globalThis.crypto.subtle.verify(
      "RSASSA-PKCS1-v1_5",
      key,
      signerInfo.signature.valueBlock.valueHexView,
      signerInfo.signedAttrs!.encodedValue,
    );
    expect(verified).toBe(true);
  });

  it("keeps the holder's personal data out of error values when they are serialised", async () => {
    const error = (await signDetached(card, content, { password: "WRONG123", signingTime }))._unsafeUnwrapErr();
    expect(error.card?.triesLeft).toBe(4);
    const serialised = JSON.stringify(error);
    expect(serialised).not.toContain("CERTIFICATE");
    expect(serialised).not.toContain("PRIVATE KEY");
    expect(serialised).not.toContain(holder.name);
  });

  type Attempt = "right" | "wrong";
  // Weighted towards wrong so that runs reach the lock, not just the first decrements.
  const attempts = fc.array(
    fc.oneof({ arbitrary: fc.constant<Attempt>("wrong"), weight: 4 }, { arbitrary: fc.constant<Attempt>("right"), weight: 1 }),
    { maxLength: 9 },
  );

  it("counts wrong passwords like the card: 5 tries, locked after the 5th, reset by the right one", async () => {
    await fc.assert(
      fc.asyncProperty(attempts, async (sequence) => {
        let state = card;
        let model = { triesLeft: 5, locked: false };
        for (const attempt of sequence) {
          const result = await signDetached(state, content, {
            password: attempt === "right" ? PASSWORD : "WRONG123",
            signingTime,
          });
          if (model.locked) {
            const error: TestCardError = result._unsafeUnwrapErr();
            expect(error).toMatchObject({ reason: "locked", triesLeft: 0 });
            state = error.card!;
          } else if (attempt === "right") {
            const signed = result._unsafeUnwrap();
            expect(signed.cms.byteLength).toBeGreaterThan(256);
            model = { triesLeft: 5, locked: false };
            state = signed.card;
          } else {
            model = { triesLeft: model.triesLeft - 1, locked: model.triesLeft - 1 === 0 };
            const error = result._unsafeUnwrapErr();
            expect(error).toMatchObject({ reason: "wrong_password", triesLeft: model.triesLeft });
            state = error.card!;
          }
          expect({ triesLeft: state.triesLeft, locked: state.locked }).toEqual(model);
        }
      }),
      { numRuns: 12 },
    );
  });

  it("refuses even the right password once locked", async () => {
    let state = card;
    for (let i = 0; i < 5; i += 1) {
      state = (await signDetached(state, content, { password: "NOPE0000", signingTime }))._unsafeUnwrapErr().card!;
    }
    expect(state).toMatchObject({ triesLeft: 0, locked: true });
    const error = (await signDetached(state, content, { password: PASSWORD, signingTime }))._unsafeUnwrapErr();
    expect(error.reason).toBe("locked");
  });

  it("reports a card whose password hash is unreadable as corrupt without spending a try", async () => {
    const error = (
      await signDetached({ ...card, passwordHash: "plain:MADO1234" }, content, { password: PASSWORD, signingTime })
    )._unsafeUnwrapErr();
    expect(error.reason).toBe("corrupt");
    expect(error.card?.triesLeft).toBe(5);
  });
});
