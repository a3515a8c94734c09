import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { toArrayBuffer } from "./bytes.ts";
import { authorityKeyIdentifierExtension, subjectKeyIdentifierExtension } from "./certificate-extensions.ts";
import { toPem } from "./pem.ts";
import type { CryptoKey, CryptoKeyPair, RsaHashedImportParams } from "./webcrypto.ts";

/** RSASSA-PKCS1-v1_5 with SHA-256, the JPKI signature algorithm, as WebCrypto names it. */
export const RSA_SHA256: RsaHashedImportParams = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };

/** A fresh extractable RSA-2048 key pair (e = 65537) for RSASSA-PKCS1-v1_5 / SHA-256. */
export const generateRsaKeyPair = (): Promise<CryptoKeyPair> =>
  globalThis.crypto.subtle.generateKey(
    { ...RSA_SHA256, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ["sign", "verify"],
  );

/** PKCS#8 PEM of a private key. */
export const exportPrivateKeyPem = async (key: CryptoKey): Promise<string> =>
  toPem("PRIVATE KEY", new Uint8Array(await globalThis.crypto.subtle.exportKey("pkcs8", key)));

/** Imports a PKCS#8 private key for RSASSA-PKCS1-v1_5 / SHA-256 signing. */
export const importPrivateKey = (pkcs8: Uint8Array): Promise<CryptoKey> =>
  globalThis.crypto.subtle.importKey("pkcs8", toArrayBuffer(pkcs8), RSA_SHA256, false, ["sign"]);

/**
 * A random serial number that is positive and minimally encoded: 16 random bytes, with a 00 byte in
 * front when the high bit is set (otherwise DER would read it as negative), never a needless 00.
 */
export const randomSerialNumber = (): Uint8Array => {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  if (bytes[0] === 0) bytes[0] = 1;
  return (bytes[0]! & 0x80) === 0 ? bytes : Uint8Array.of(0, ...bytes);
};

/** Whole seconds: certificate times have no fractions, so round-trips compare equal. */
export const toWholeSeconds = (date: Date): Date => new Date(Math.floor(date.getTime() / 1000) * 1000);

// RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050.
const certificateTime = (date: Date) =>
  new pkijs.Time({ type: date.getUTCFullYear() < 2050 ? 0 : 1, value: toWholeSeconds(date) });

/** Key identifier of a public key: SHA-1 of the subjectPublicKey bits (RFC 5280 §4.2.1.2, method 1). */
export const keyIdentifier = async (spki: pkijs.PublicKeyInfo): Promise<Uint8Array> =>
  new Uint8Array(
    await globalThis.crypto.subtle.digest("SHA-1", toArrayBuffer(spki.subjectPublicKey.valueBlock.valueHexView)),
  );

/** What {@link buildCertificate} needs: names, validity, keys and the profile's extensions. */
export interface CertificateSpec {
  readonly serialNumber: Uint8Array;
  readonly issuer: pkijs.RelativeDistinguishedNames;
  readonly subject: pkijs.RelativeDistinguishedNames;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly subjectPublicKey: CryptoKey;
  readonly issuerPrivateKey: CryptoKey;
  /** Key identifier of the issuer's key; the subject's own when self-signed. */
  readonly issuerKeyIdentifier: Uint8Array | null;
  readonly extensions: readonly pkijs.Extension[];
}

/** A signed X.509 v3 certificate, PEM, with subject and authority key identifiers added. */
export const buildCertificate = async (spec: CertificateSpec): Promise<string> => {
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = new asn1js.Integer({ valueHex: spec.serialNumber });
  certificate.issuer = spec.issuer;
  certificate.subject = spec.subject;
  certificate.notBefore = certificateTime(spec.notBefore);
  certificate.notAfter = certificateTime(spec.notAfter);
  await certificate.subjectPublicKeyInfo.importKey(spec.subjectPublicKey);
  const ownKeyIdentifier = await keyIdentifier(certificate.subjectPublicKeyInfo);
  certificate.extensions = [
    ...spec.extensions,
    subjectKeyIdentifierExtension(ownKeyIdentifier),
    authorityKeyIdentifierExtension(spec.issuerKeyIdentifier ?? ownKeyIdentifier),
  ];
  await certificate.sign(spec.issuerPrivateKey, "SHA-256");
  return toPem("CERTIFICATE", new Uint8Array(certificate.toSchema(true).toBER(false)));
};
