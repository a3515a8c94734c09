import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import * as asn1js from "asn1js";
import { describe, expect, it } from "vitest";
import { createTestCa } from "../src/index.ts";
import { openssl } from "./openssl.ts";

const now = new Date("2026-11-01T09:30:00Z");

/** Hex of the serial number's INTEGER content octets, read straight from the DER. */
const rawSerialHex = (pem: string): string => {
  const der = new x509.X509Certificate(pem).rawData;
  const certificate = asn1js.fromBER(der).result as asn1js.Sequence;
  const tbs = certificate.valueBlock.value[0] as asn1js.Sequence;
  const serial = tbs.valueBlock.value[1] as asn1js.Integer;
  return Buffer.from(serial.valueBlock.valueHexView).toString("hex");
};

describe("createTestCa", () => {
  it("creates a self-signed RSA-2048/SHA-256 CA shaped like the JPKI signature CA, marked as a test", async () => {
    const ca = (await createTestCa({ now }))._unsafeUnwrap();
    const certificate = new x509.X509Certificate(ca.certificatePem);

    expect(certificate.subject).toBe("C=JP, O=JPKI, OU=JPKI for digital signature (TEST), OU=madoguchi test card CA");
    expect(certificate.issuer).toBe(certificate.subject);
    expect(certificate.signatureAlgorithm).toMatchObject({ name: "RSASSA-PKCS1-v1_5", hash: { name: "SHA-256" } });
    expect(certificate.publicKey.algorithm).toMatchObject({ name: "RSASSA-PKCS1-v1_5", modulusLength: 2048 });
    expect(certificate.notBefore.toISOString()).toBe("2026-11-01T09:30:00.000Z");
    expect(certificate.notAfter.toISOString()).toBe("2036-11-01T09:30:00.000Z");
    expect(await certificate.verify({ signatureOnly: true })).toBe(true);

    const basic = certificate.getExtension(x509.BasicConstraintsExtension);
    expect(basic?.critical).toBe(true);
    expect(basic?.ca).toBe(true);
    const usage = certificate.getExtension(x509.KeyUsagesExtension);
    expect(usage?.critical).toBe(true);
    expect(usage?.usages).toBe(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign);
  });

  it("writes a positive, minimally encoded serial number that OpenSSL accepts", async () => {
    for (let i = 0; i < 6; i += 1) {
      const ca = (await createTestCa({ now }))._unsafeUnwrap();
      const serial = rawSerialHex(ca.certificatePem);
      // High bit set → exactly one 00 in front; otherwise no leading zero byte at all.
      expect(serial).toMatch(/^(00[89a-f][0-9a-f]|(?!00)[0-7][0-9a-f])[0-9a-f]*$/);
      const verified = await openssl({ "ca.pem": ca.certificatePem }, () => [
        "verify", "-CAfile", "ca.pem", "-attime", String(now.getTime() / 1000 + 60), "ca.pem",
      ]);
      expect(verified.stdout.trim()).toBe("ca.pem: OK");
    }
  });

  it("exports the private key as PKCS#8 matching the certificate", async () => {
    const ca = (await createTestCa({ now }))._unsafeUnwrap();
    const modulus = (args: readonly string[], file: string, body: string) =>
      openssl({ [file]: body }, () => [...args, "-in", file, "-noout", "-modulus"]);
    const fromKey = await modulus(["rsa"], "key.pem", ca.privateKeyPkcs8Pem);
    const fromCertificate = await modulus(["x509"], "ca.pem", ca.certificatePem);
    expect(ca.privateKeyPkcs8Pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(fromKey.stdout).toMatch(/^Modulus=[0-9A-F]{512}\n$/);
    expect(fromKey.stdout).toBe(fromCertificate.stdout);
  });

  it("honours validYears and adds the generation as one more OU", async () => {
    const ca = (await createTestCa({ now, validYears: 3, generation: "2026" }))._unsafeUnwrap();
    const certificate = new x509.X509Certificate(ca.certificatePem);
    expect(certificate.notAfter.toISOString()).toBe("2029-11-01T09:30:00.000Z");
    expect(certificate.subject).toBe(
      "C=JP, O=JPKI, OU=JPKI for digital signature (TEST), OU=madoguchi test card CA, OU=2026",
    );
  });

  it("rejects invalid options as invalid_input", async () => {
    for (const options of [
      { now: new Date(Number.NaN) },
      { now, validYears: 0 },
      { now, validYears: 2.5 },
      { now, generation: "世代" },
    ]) {
      const result = await createTestCa(options);
      expect(result._unsafeUnwrapErr()).toMatchObject({ _tag: "TestCardError", reason: "invalid_input" });
    }
  });
});
