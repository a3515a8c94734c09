import { describe, expect, it } from "vitest";
import { decodeBase64 } from "../src/shared/base64.ts";
import { signatureVerificationRecord } from "../src/signatures/signature-verification-record.ts";
import type { VerifiedSignature } from "../src/signatures/signature-verifier.port.ts";

const verified = (revocation: VerifiedSignature["revocation"]): VerifiedSignature => ({
  signer: { derBase64: "MA==", subject: "CN=x", issuer: "CN=CA", serialNumber: "0a", notBefore: new Date(0), notAfter: new Date(1) },
  signingTime: null,
  purpose: "signature",
  basicInformation: null,
  trustAnchorSha256: "f".repeat(64),
  revocation,
});

describe("the stored revocation record", () => {
  it("keeps an OCSP answer's signed response (base64 DER), its SHA-256, thisUpdate/nextUpdate and producedAt", () => {
    const responseDer = new Uint8Array([0x30, 0x03, 0x0a, 0x01, 0x00, 0xff]);
    const record = signatureVerificationRecord(
      verified({
        source: "ocsp",
        responder: "CN=OCSP responder",
        producedAt: new Date("2026-11-15T00:00:01Z"),
        thisUpdate: new Date("2026-11-15T00:00:00Z"),
        nextUpdate: new Date("2026-11-16T00:00:00Z"),
        responseDer,
        responseSha256: "a".repeat(64),
        serialNumber: "0a",
      }),
    );
    expect(record.revocation).toEqual({
      source: "ocsp",
      serialNumber: "0a",
      issuer: "CN=OCSP responder",
      crlNumber: null,
      crlSha256: null,
      thisUpdate: "2026-11-15T00:00:00.000Z",
      nextUpdate: "2026-11-16T00:00:00.000Z",
      producedAt: "2026-11-15T00:00:01.000Z",
      ocspResponseBase64: expect.any(String),
      ocspResponseSha256: "a".repeat(64),
    });
    expect(decodeBase64(record.revocation.ocspResponseBase64!)).toEqual(responseDer);
  });

  it("a CRL answer has no OCSP fields", () => {
    const record = signatureVerificationRecord(
      verified({ source: "crl", crlIssuer: "CN=CA", crlNumber: "7", thisUpdate: new Date(0), nextUpdate: null, crlSha256: "c".repeat(64), serialNumber: "0a" }),
    );
    expect(record.revocation).not.toHaveProperty("ocspResponseBase64");
    expect(record.revocation).toMatchObject({ source: "crl", crlNumber: "7", crlSha256: "c".repeat(64) });
  });
});
