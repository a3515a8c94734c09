/** WebCrypto hash names this verifier accepts; SHA-1 is deliberately absent. */
export type HashName = "SHA-256" | "SHA-384" | "SHA-512";

const DIGESTS: Readonly<Record<string, HashName>> = {
  "2.16.840.1.101.3.4.2.1": "SHA-256",
  "2.16.840.1.101.3.4.2.2": "SHA-384",
  "2.16.840.1.101.3.4.2.3": "SHA-512",
};

const RSA_PKCS1_SIGNATURES: Readonly<Record<string, HashName>> = {
  "1.2.840.113549.1.1.11": "SHA-256",
  "1.2.840.113549.1.1.12": "SHA-384",
  "1.2.840.113549.1.1.13": "SHA-512",
};

/** `rsaEncryption`: the key algorithm, also used by OpenSSL as the SignerInfo signature algorithm. */
export const RSA_ENCRYPTION = "1.2.840.113549.1.1.1";

/** The hash of a digest algorithm OID, or `null` if unsupported. */
export const digestHash = (oid: string): HashName | null => DIGESTS[oid] ?? null;

/** The hash of an RSASSA-PKCS1-v1_5 signature algorithm OID (`sha256WithRSAEncryption`, …), or `null`. */
export const rsaSignatureHash = (oid: string): HashName | null => RSA_PKCS1_SIGNATURES[oid] ?? null;

/**
 * The hash a SignerInfo's signature uses: RFC 5754 allows `rsaEncryption` (hash from the digest
 * algorithm) or `shaXWithRSAEncryption`, whose hash must then agree with the digest algorithm.
 */
export const signerSignatureHash = (signatureOid: string, digest: HashName): HashName | null => {
  if (signatureOid === RSA_ENCRYPTION) return digest;
  const hash = rsaSignatureHash(signatureOid);
  return hash === digest ? hash : null;
};
