import type { SignatureError } from "@madoguchi/core";
import * as asn1js from "asn1js";
import { err, ok, type Result } from "neverthrow";
import * as pkijs from "pkijs";
import { digestHash, signerSignatureHash, type HashName } from "./algorithms.ts";
import { nameDer } from "./certificate-facts.ts";
import { signatureError } from "./signature-error.ts";

/** The parts of a detached CMS SignedData with one signer that verification needs. */
export interface DetachedSignedData {
  /** The certificate the SignerInfo's sid designates, found among the included certificates. */
  readonly signer: pkijs.Certificate;
  /** Every X.509 certificate included (signer and possible intermediates). */
  readonly certificates: readonly pkijs.Certificate[];
  readonly digestHash: HashName;
  readonly signatureHash: HashName;
  /** The messageDigest signed attribute. */
  readonly messageDigest: Uint8Array;
  /** DER of the signed attributes as received, tagged as SET OF: the bytes the signature covers. */
  readonly signedAttributesDer: Uint8Array;
  readonly signature: Uint8Array;
  readonly signingTime: Date | null;
  /** SHA-256 of the signer certificate named by an ESS signingCertificateV2 attribute, if present. */
  readonly signingCertificateSha256: Uint8Array | null;
}

const ID_SIGNED_DATA = "1.2.840.113549.1.7.2";
const ATTR_CONTENT_TYPE = "1.2.840.113549.1.9.3";
const ATTR_MESSAGE_DIGEST = "1.2.840.113549.1.9.4";
const ATTR_SIGNING_TIME = "1.2.840.113549.1.9.5";
const ATTR_SIGNING_CERTIFICATE_V2 = "1.2.840.113549.1.9.16.2.47";

// SigningCertificateV2 ::= SEQ { certs SEQ OF ESSCertIDv2 }; the first ESSCertIDv2 names the signer:
// SEQ { hashAlgorithm DEFAULT sha256 (absent), certHash OCTET STRING, issuerSerial OPTIONAL }.
const signingCertificateHash = (value: unknown): Uint8Array | null | "bad" => {
  if (value === undefined) return null;
  const certs = value instanceof asn1js.Sequence ? value.valueBlock.value[0] : undefined;
  const first = certs instanceof asn1js.Sequence ? certs.valueBlock.value[0] : undefined;
  const hash = first instanceof asn1js.Sequence ? first.valueBlock.value[0] : undefined;
  // Only the SHA-256 default is read; another hash algorithm is a SEQUENCE here and refused.
  return hash instanceof asn1js.OctetString && hash.valueBlock.valueHexView.length === 32 ? hash.valueBlock.valueHexView : "bad";
};

const malformed = (message: string) => err(signatureError("malformed", message));

const bytesEqual = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

/** The single value of the single attribute `type`; `undefined` when absent; `null` when repeated. */
const singleValue = (attributes: readonly pkijs.Attribute[], type: string): unknown => {
  const found = attributes.filter((attribute) => attribute.type === type);
  if (found.length === 0) return undefined;
  if (found.length > 1 || found[0]!.values.length !== 1) return null;
  return found[0]!.values[0];
};

const subjectKeyIdentifier = (certificate: pkijs.Certificate): Uint8Array | null => {
  const extension = certificate.extensions?.find((item) => item.extnID === "2.5.29.14");
  if (extension === undefined) return null;
  const parsed = asn1js.fromBER(extension.extnValue.valueBlock.valueHexView);
  return parsed.result instanceof asn1js.OctetString ? parsed.result.valueBlock.valueHexView : null;
};

/** The included certificate the SignerInfo's sid points at (issuer + serial, or subject key identifier). */
const findSigner = (sid: unknown, certificates: readonly pkijs.Certificate[]): pkijs.Certificate | undefined => {
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    const issuer = nameDer(sid.issuer);
    const serial = sid.serialNumber.valueBlock.valueHexView;
    return certificates.find(
      (certificate) =>
        bytesEqual(nameDer(certificate.issuer), issuer) &&
        bytesEqual(certificate.serialNumber.valueBlock.valueHexView, serial),
    );
  }
  if (sid instanceof asn1js.Primitive && sid.idBlock.tagClass === 3 && sid.idBlock.tagNumber === 0) {
    const keyId = sid.valueBlock.valueHexView;
    return certificates.find((certificate) => {
      const own = subjectKeyIdentifier(certificate);
      return own !== null && bytesEqual(own, keyId);
    });
  }
  return undefined;
};

/**
 * Parses `cms` as a ContentInfo holding a detached SignedData with exactly one SignerInfo that has
 * signed attributes (contentType matching the eContentType, messageDigest, optional signingTime) and a
 * supported RSA algorithm. Structural problems are `malformed` values; pkijs throws on input that does
 * not match the ASN.1 schema at all, and the verifier's boundary maps that to `malformed` too.
 */
export const parseDetachedSignedData = (cms: Uint8Array): Result<DetachedSignedData, SignatureError> => {
  const outer = asn1js.fromBER(cms);
  if (outer.offset === -1 || outer.offset !== cms.byteLength) return malformed("not a single DER/BER value");
  const contentInfo = new pkijs.ContentInfo({ schema: outer.result });
  if (contentInfo.contentType !== ID_SIGNED_DATA) return malformed("not a SignedData");
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });

  if (signedData.signerInfos.length !== 1) return malformed("expected exactly one signer");
  if (signedData.encapContentInfo.eContent !== undefined) return malformed("expected a detached signature");
  const signerInfo = signedData.signerInfos[0]!;
  const attributes = signerInfo.signedAttrs?.attributes;
  if (signerInfo.signedAttrs === undefined || attributes === undefined || attributes.length === 0) {
    return malformed("signed attributes are required");
  }

  const contentType = singleValue(attributes, ATTR_CONTENT_TYPE);
  if (
    !(contentType instanceof asn1js.ObjectIdentifier) ||
    contentType.valueBlock.toString() !== signedData.encapContentInfo.eContentType
  ) {
    return malformed("the contentType attribute is missing or does not match the eContentType");
  }
  const messageDigest = singleValue(attributes, ATTR_MESSAGE_DIGEST);
  if (!(messageDigest instanceof asn1js.OctetString) || messageDigest.valueBlock.isConstructed) {
    return malformed("the messageDigest attribute is missing or not DER");
  }
  const signingTime = singleValue(attributes, ATTR_SIGNING_TIME);
  // GeneralizedTime extends UTCTime in asn1js, so this admits both encodings RFC 5652 allows.
  if (signingTime !== undefined && !(signingTime instanceof asn1js.UTCTime)) {
    return malformed("the signingTime attribute is not a time");
  }

  const certificateHash = signingCertificateHash(singleValue(attributes, ATTR_SIGNING_CERTIFICATE_V2));
  if (certificateHash === "bad") return malformed("the signingCertificateV2 attribute is not a SHA-256 ESSCertIDv2");

  const digest = digestHash(signerInfo.digestAlgorithm.algorithmId);
  if (digest === null) return malformed("unsupported digest algorithm");
  const signatureHash = signerSignatureHash(signerInfo.signatureAlgorithm.algorithmId, digest);
  if (signatureHash === null) return malformed("unsupported or inconsistent signature algorithm");

  const certificates = (signedData.certificates ?? []).filter(
    (item): item is pkijs.Certificate => item instanceof pkijs.Certificate,
  );
  const signer = findSigner(signerInfo.sid, certificates);
  if (signer === undefined) return malformed("the signer certificate is not included");

  return ok({
    signer,
    certificates,
    digestHash: digest,
    signatureHash,
    messageDigest: messageDigest.valueBlock.valueHexView,
    signedAttributesDer: new Uint8Array(signerInfo.signedAttrs.encodedValue),
    signature: signerInfo.signature.valueBlock.valueHexView,
    signingTime: signingTime === undefined ? null : signingTime.toDate(),
    signingCertificateSha256: certificateHash,
  });
};
