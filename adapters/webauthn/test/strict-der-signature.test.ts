import { generateKeyPairSync, sign } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isCanonicalDerEcdsaSignature } from "../src/strict-der-signature.ts";

const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
/** A real ES256 signature as authenticators send it (DER), from OpenSSL. */
const signature = (data: string) => new Uint8Array(sign("sha256", Buffer.from(data), { key: privateKey, dsaEncoding: "der" }));

describe("canonical DER of ECDSA signatures", () => {
  it("accepts what OpenSSL signs", () => {
    fc.assert(fc.property(fc.string(), (data) => isCanonicalDerEcdsaSignature(signature(data))), { numRuns: 50 });
  });
  it("refuses a changed outer length, trailing bytes, a needless leading zero, a negative integer, and a wrong tag", () => {
    const good = signature("madoguchi");
    const outerLength = good.slice();
    outerLength[1] = (outerLength[1] ?? 0) ^ 1;
    expect(isCanonicalDerEcdsaSignature(outerLength)).toBe(false);
    expect(isCanonicalDerEcdsaSignature(new Uint8Array([...good, 0]))).toBe(false);
    // r = 0x01 written with a needless leading zero; r negative; a SET instead of a SEQUENCE.
    expect(isCanonicalDerEcdsaSignature(new Uint8Array([0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01]))).toBe(false);
    expect(isCanonicalDerEcdsaSignature(new Uint8Array([0x30, 0x06, 0x02, 0x01, 0x81, 0x02, 0x01, 0x01]))).toBe(false);
    expect(isCanonicalDerEcdsaSignature(new Uint8Array([0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]))).toBe(false);
    expect(isCanonicalDerEcdsaSignature(new Uint8Array([0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]))).toBe(true);
  });
});
