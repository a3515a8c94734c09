import * as asn1js from "asn1js";
import type * as pkijs from "pkijs";
import { rsaSignatureHash } from "./algorithms.ts";
import { verifyRsaPkcs1 } from "./webcrypto.ts";

const derOf = new WeakMap<pkijs.Certificate, Uint8Array>();

/**
 * DER of a certificate (pkijs keeps the original TBS bytes, so this is the certificate as received). Encoded
 * once per parsed certificate: a verification asks for it several times (the ESS reference, the path, the
 * revocation check, the signer's description), and asn1js's encoding was a third of a verification's time.
 * A parsed certificate is never changed here, so the bytes stay its bytes.
 */
export const certificateDer = (certificate: pkijs.Certificate): Uint8Array => {
  const cached = derOf.get(certificate);
  if (cached !== undefined) return cached.slice();
  const der = new Uint8Array(certificate.toSchema(false).toBER(false));
  derOf.set(certificate, der);
  return der.slice();
};

/** The DER of a parsed name, as received. */
export const nameDer = (name: pkijs.RelativeDistinguishedNames): Uint8Array => new Uint8Array(name.valueBeforeDecode);

const extensionValue = (certificate: pkijs.Certificate, oid: string): asn1js.AsnType | null => {
  const extension = certificate.extensions?.find((item) => item.extnID === oid);
  if (extension === undefined) return null;
  const parsed = asn1js.fromBER(extension.extnValue.valueBlock.valueHexView);
  return parsed.offset === -1 ? null : parsed.result;
};

/** The keyUsage bits as a list of bit numbers (0 = digitalSignature), or `null` when absent. */
export const keyUsageBits = (certificate: pkijs.Certificate): readonly number[] | null => {
  const value = extensionValue(certificate, "2.5.29.15");
  if (!(value instanceof asn1js.BitString)) return null;
  const bytes = value.valueBlock.valueHexView;
  const bits: number[] = [];
  bytes.forEach((byte, index) => {
    for (let bit = 0; bit < 8; bit++) if ((byte & (0x80 >> bit)) !== 0) bits.push(index * 8 + bit);
  });
  return bits;
};

/** Key usage bit numbers of RFC 5280 §4.2.1.3 that this verifier reads. */
export const KEY_USAGE = { digitalSignature: 0, nonRepudiation: 1, keyCertSign: 5 } as const;

/** Whether basicConstraints says cA = TRUE. */
export const isCa = (certificate: pkijs.Certificate): boolean => {
  const value = extensionValue(certificate, "2.5.29.19");
  if (!(value instanceof asn1js.Sequence)) return false;
  const first = value.valueBlock.value[0];
  return first instanceof asn1js.Boolean && first.valueBlock.value;
};

/**
 * Whether `issuer`'s key signed `certificate`: both signature algorithm fields must name the same
 * RSASSA-PKCS1-v1_5 algorithm, and the signature must verify over the TBS bytes as received.
 */
export const isSignedBy = async (certificate: pkijs.Certificate, issuer: pkijs.Certificate): Promise<boolean> => {
  const outer = certificate.signatureAlgorithm.algorithmId;
  const hash = rsaSignatureHash(outer);
  if (hash === null || certificate.signature.algorithmId !== outer) return false;
  if (certificate.signatureValue.valueBlock.unusedBits !== 0) return false;
  return verifyRsaPkcs1(
    issuer.subjectPublicKeyInfo,
    hash,
    certificate.signatureValue.valueBlock.valueHexView,
    certificate.tbsView,
  );
};
