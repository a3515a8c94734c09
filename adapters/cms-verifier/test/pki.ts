import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { JPKI_OID } from "@madoguchi/core";
import * as asn1js from "asn1js";
import type { webcrypto } from "node:crypto";
import { openssl } from "./openssl.ts";

// Certificates made with @peculiar/x509 (an ASN.1 stack independent of pkijs) and CMS made with
// OpenSSL, so these tests do not check the verifier against the test card's own encoder only.

const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };

/** A certificate with its key. */
export interface Issued {
  readonly certificate: x509.X509Certificate;
  readonly pem: string;
  readonly keyPem: string;
  readonly keys: webcrypto.CryptoKeyPair;
}

const keyPem = async (keys: webcrypto.CryptoKeyPair) =>
  x509.PemConverter.encode(await globalThis.crypto.subtle.exportKey("pkcs8", keys.privateKey), "PRIVATE KEY");

const serial = () => `01${Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(8))).toString("hex")}`;

const generate = () => globalThis.crypto.subtle.generateKey(RSA, true, ["sign", "verify"]) as Promise<webcrypto.CryptoKeyPair>;

/** A self-signed CA. */
export const makeRoot = async (name: string, notBefore: Date, notAfter: Date): Promise<Issued> => {
  const keys = await generate();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name,
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: RSA,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  return { certificate, pem: certificate.toString("pem"), keyPem: await keyPem(keys), keys };
};

const jpkiOtherName = (oid: string, value: string) =>
  new asn1js.Constructed({
    idBlock: { tagClass: 3, tagNumber: 0 },
    value: [
      new asn1js.ObjectIdentifier({ value: oid }),
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Utf8String({ value })] }),
    ],
  });

/**
 * What makes a leaf JPKI-shaped for the verifier: the signature certificate policy and the 4 basic
 * information items as otherNames (built with asn1js here, not with the test card's encoder).
 */
const jpkiLeafExtensions = () => [
  new x509.CertificatePolicyExtension([JPKI_OID.signaturePolicy]),
  new x509.Extension(
    "2.5.29.17",
    false,
    new asn1js.Sequence({
      value: [
        jpkiOtherName(JPKI_OID.name, "山田 太郎"),
        jpkiOtherName(JPKI_OID.nameSubstitute, "山田 太郎"),
        jpkiOtherName(JPKI_OID.sex, "1"),
        jpkiOtherName(JPKI_OID.dateOfBirth, "319800401"),
        jpkiOtherName(JPKI_OID.address, "みほん県みほん市本町1番地"),
        jpkiOtherName(JPKI_OID.addressSubstitute, "みほん県みほん市本町1番地"),
      ],
    }).toBER(false),
  ),
];

/** A certificate issued by `issuer` (a leaf is JPKI-shaped: signature policy and 4-info otherNames). */
export const issue = async (
  issuer: Issued,
  options: { subject: string; notBefore: Date; notAfter: Date; ca: boolean; usages: x509.KeyUsageFlags },
): Promise<Issued> => {
  const keys = await generate();
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: options.subject,
    issuer: issuer.certificate.subject,
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    publicKey: keys.publicKey,
    signingKey: issuer.keys.privateKey,
    signingAlgorithm: RSA,
    extensions: [
      ...(options.ca ? [new x509.BasicConstraintsExtension(true, undefined, true)] : []),
      new x509.KeyUsagesExtension(options.usages, true),
      ...(options.ca ? [] : jpkiLeafExtensions()),
    ],
  });
  return { certificate, pem: certificate.toString("pem"), keyPem: await keyPem(keys), keys };
};

/** A CMS made by `openssl cms -sign -binary -outform DER` (detached unless `-nodetach` is in `extra`). */
export const opensslSign = async (
  content: Uint8Array,
  signers: readonly { readonly pem: string; readonly keyPem: string }[],
  extra: readonly string[] = [],
  certfilePem?: string,
): Promise<Uint8Array> => {
  const files: Record<string, string | Uint8Array> = { content: content };
  signers.forEach((signer, i) => {
    files[`signer${i}.pem`] = signer.pem;
    files[`key${i}.pem`] = signer.keyPem;
  });
  if (certfilePem !== undefined) files["chain.pem"] = certfilePem;
  const run = await openssl(files, (dir) => [
    "cms", "-sign", "-binary", "-in", "content", "-outform", "DER", "-out", `${dir}/out.der`,
    ...signers.flatMap((_, i) => ["-signer", `signer${i}.pem`, "-inkey", `key${i}.pem`]),
    ...(certfilePem === undefined ? [] : ["-certfile", "chain.pem"]),
    ...extra,
  ], ["out.der"]);
  if (run.code !== 0) throw new Error(`openssl cms -sign failed: ${run.stderr}`);
  return run.outputs["out.der"]!;
};
