import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  assembleDetachedCms,
  certificateIdentity,
  hashOfSha256DigestInfo,
  sha256DigestInfo,
  signedAttributesFor,
} from "../src/index.ts";

const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash("sha256").update(bytes).digest());
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

// A minimal certificate-shaped DER: SEQ { SEQ { [0]{INT 2}, INT serial, SEQ{alg}, issuer Name, ... } }.
const issuerName = Buffer.from("3011310f300d06035504030c06e38386e382b9", "hex"); // CN=テス
const fakeCertificate = (serial: string) => {
  const tbsBody = Buffer.concat([
    Buffer.from("a003020102", "hex"),
    Buffer.from(`02${(serial.length / 2).toString(16).padStart(2, "0")}${serial}`, "hex"),
    Buffer.from("300d06092a864886f70d01010b0500", "hex"),
    issuerName,
  ]);
  const tbs = Buffer.concat([Buffer.from([0x30, tbsBody.length]), tbsBody]);
  return new Uint8Array(Buffer.concat([Buffer.from([0x30, tbs.length]), tbs]));
};

describe("SHA-256 DigestInfo", () => {
  it("is the RFC 8017 prefix followed by the hash, and reads back", () => {
    const hash = sha256(new Uint8Array([1, 2, 3]));
    const info = sha256DigestInfo(hash);
    expect(hex(info)).toBe(`3031300d060960864801650304020105000420${hex(hash)}`);
    expect(hashOfSha256DigestInfo(info)).toEqual(hash);
  });

  it("refuses other lengths and other prefixes", () => {
    expect(() => sha256DigestInfo(new Uint8Array(31))).toThrow(TypeError);
    const info = sha256DigestInfo(new Uint8Array(32));
    expect(hashOfSha256DigestInfo(info.subarray(1))).toBeNull();
    const sha384ish = new Uint8Array(info);
    sha384ish[14] = 0x02;
    expect(hashOfSha256DigestInfo(sha384ish)).toBeNull();
  });
});

describe("signedAttributesFor", () => {
  const contentSha256 = sha256(new TextEncoder().encode("{}"));

  it("is a DER SET OF with contentType, messageDigest and signingTime (UTCTime, whole seconds)", () => {
    const der = signedAttributesFor({ contentSha256, signingTime: new Date("2026-11-15T01:02:03.999Z") });
    expect(der[0]).toBe(0x31);
    const text = hex(der);
    expect(text).toContain("06092a864886f70d010903"); // contentType
    expect(text).toContain(`06092a864886f70d0109043122${"0420"}${hex(contentSha256)}`); // messageDigest
    expect(text).toContain(hex(new TextEncoder().encode("261115010203Z"))); // signingTime
    expect(text).not.toContain("060b2a864886f70d010910022f"); // no signingCertificateV2 unless asked
  });

  it("adds signingCertificateV2 naming the certificate by hash, issuer and serial when it is known", () => {
    const certificate = fakeCertificate("00c3");
    const identity = certificateIdentity(certificate)._unsafeUnwrap();
    const der = signedAttributesFor({
      contentSha256,
      signingTime: new Date("2051-01-01T00:00:00Z"),
      signingCertificate: { sha256: sha256(certificate), identity },
    });
    const text = hex(der);
    expect(text).toContain("060b2a864886f70d010910022f");
    expect(text).toContain(hex(sha256(certificate)));
    expect(text).toContain(`a413${hex(issuerName)}020200c3`);
    expect(text).toContain(hex(new TextEncoder().encode("20510101000000Z"))); // GeneralizedTime after 2049
  });
});

describe("certificateIdentity and assembleDetachedCms", () => {
  it("reads issuer and serial as received", () => {
    const identity = certificateIdentity(fakeCertificate("7f01"))._unsafeUnwrap();
    expect(hex(identity.issuerDer)).toBe(hex(issuerName));
    expect(hex(identity.serialNumberDer)).toBe("02027f01");
  });

  it("refuses bytes that are not a certificate, and trailing bytes", () => {
    expect(certificateIdentity(new Uint8Array([1, 2, 3])).isErr()).toBe(true);
    expect(certificateIdentity(new Uint8Array([...fakeCertificate("01"), 0])).isErr()).toBe(true);
  });

  it("puts the signed attributes under [0], the signature value last, and refuses attributes that are not a SET", () => {
    const certificate = fakeCertificate("01");
    const signedAttributes = signedAttributesFor({ contentSha256: new Uint8Array(32), signingTime: new Date(0) });
    const signatureValue = new Uint8Array(256).fill(0xab);
    const cms = assembleDetachedCms({ signedAttributes, signatureValue, certificateDer: certificate })._unsafeUnwrap();
    expect(hex(cms.subarray(cms.length - 256))).toBe(hex(signatureValue));
    expect(hex(cms)).toContain(`a0${hex(signedAttributes.subarray(1))}`);
    expect(hex(cms)).toContain(hex(certificate));
    const asSequence = new Uint8Array(signedAttributes);
    asSequence[0] = 0x30;
    expect(assembleDetachedCms({ signedAttributes: asSequence, signatureValue, certificateDer: certificate }).isErr()).toBe(true);
  });
});
