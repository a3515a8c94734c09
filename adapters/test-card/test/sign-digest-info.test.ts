import { createHash, createPublicKey, publicDecrypt, constants } from "node:crypto";
import { sha256DigestInfo } from "@madoguchi/core";
import { describe, expect, it } from "vitest";
import { issueTestCard, signDigestInfo } from "../src/index.ts";
import { EXPIRES_AT, holder, ISSUED_AT, makeCaAndCard, PASSWORD } from "./fixtures.ts";

const digestInfo = sha256DigestInfo(new Uint8Array(createHash("sha256").update("x").digest()));

describe("signDigestInfo: the card's VERIFY + SIGN", () => {
  it("signs the DigestInfo as given (PKCS#1 v1.5 type 1, no hashing) with the signature key", async () => {
    const { card } = await makeCaAndCard();
    const signed = (await signDigestInfo(card, "signature", digestInfo, PASSWORD))._unsafeUnwrap();
    expect(signed.signatureValue.length).toBe(256);
    const recovered = publicDecrypt({ key: createPublicKey(card.certificatePem), padding: constants.RSA_PKCS1_PADDING }, signed.signatureValue);
    expect(Buffer.from(recovered).equals(Buffer.from(digestInfo))).toBe(true);
  });

  it("refuses anything but a SHA-256 DigestInfo without using a try", async () => {
    const { card } = await makeCaAndCard();
    const error = (await signDigestInfo(card, "signature", digestInfo.subarray(1), "WRONG999"))._unsafeUnwrapErr();
    expect(error.reason).toBe("invalid_input");
    expect(error.card?.triesLeft).toBe(5);
  });

  it("has no authentication key unless issued with a PIN; with one, 3 tries then locked", async () => {
    const { ca, card } = await makeCaAndCard();
    expect((await signDigestInfo(card, "authentication", digestInfo, "1234"))._unsafeUnwrapErr().reason).toBe("no_certificate");
    let withPin = (
      await issueTestCard(ca, { basicInfo: holder, notBefore: ISSUED_AT, notAfter: EXPIRES_AT, signaturePassword: PASSWORD, authenticationPin: "2468" })
    )._unsafeUnwrap();
    expect(withPin.authentication?.certificatePem).not.toBe(withPin.certificatePem);
    for (const left of [2, 1, 0]) {
      const error = (await signDigestInfo(withPin, "authentication", digestInfo, "1357"))._unsafeUnwrapErr();
      expect(error).toMatchObject({ reason: "wrong_password", triesLeft: left });
      withPin = error.card!;
    }
    expect(withPin.authentication?.locked).toBe(true);
    expect(withPin.triesLeft).toBe(5); // the signature password's counter is another counter
    expect((await signDigestInfo(withPin, "authentication", digestInfo, "2468"))._unsafeUnwrapErr().reason).toBe("locked");
    expect((await signDigestInfo(withPin, "signature", digestInfo, PASSWORD)).isOk()).toBe(true);
  });
});
