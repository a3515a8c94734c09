import { err, ok, type Result } from "neverthrow";
import {
  derChildren,
  derNull,
  derOctetString,
  derOid,
  derSequence,
  derSetOf,
  derSmallInteger,
  derTime,
  readDer,
  tlv,
} from "./der.ts";

/** Object identifiers of the CMS pieces core builds (RFC 5652, 5035, 4055, 5754). */
export const CMS_OID = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  sha256: "2.16.840.1.101.3.4.2.1",
  sha256WithRsaEncryption: "1.2.840.113549.1.1.11",
} as const;

/** DigestInfo prefix for SHA-256 (RFC 8017 §9.2 note 1); the card gets this plus the 32-byte hash. */
export const SHA256_DIGEST_INFO_PREFIX = Uint8Array.from([
  0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
]);

/** The DigestInfo a JPKI card signs (RSASSA-PKCS1-v1_5) for a SHA-256 hash. */
export const sha256DigestInfo = (sha256: Uint8Array): Uint8Array => {
  if (sha256.length !== 32) throw new TypeError("sha256DigestInfo: a SHA-256 hash is 32 bytes");
  const out = new Uint8Array(SHA256_DIGEST_INFO_PREFIX.length + 32);
  out.set(SHA256_DIGEST_INFO_PREFIX);
  out.set(sha256, SHA256_DIGEST_INFO_PREFIX.length);
  return out;
};

/** The hash inside a SHA-256 DigestInfo, or `null` when `digestInfo` is anything else. */
export const hashOfSha256DigestInfo = (digestInfo: Uint8Array): Uint8Array | null =>
  digestInfo.length === SHA256_DIGEST_INFO_PREFIX.length + 32 &&
  SHA256_DIGEST_INFO_PREFIX.every((byte, i) => digestInfo[i] === byte)
    ? digestInfo.slice(SHA256_DIGEST_INFO_PREFIX.length)
    : null;

/** Issuer and serial number of a certificate, as DER elements ready for IssuerAndSerialNumber. */
export interface CertificateIdentity {
  /** The issuer Name, DER as in the certificate. */
  readonly issuerDer: Uint8Array;
  /** The serialNumber INTEGER, DER as in the certificate. */
  readonly serialNumberDer: Uint8Array;
}

/** The certificate could not be read far enough to name it in a SignerInfo. */
export interface CertificateUnreadable {
  readonly _tag: "CertificateUnreadable";
  readonly message: string;
}

/** Reads issuer and serial number from a certificate's DER (RFC 5280 §4.1: tbs → [0] version?, serial, sig, issuer). */
export const certificateIdentity = (certificateDer: Uint8Array): Result<CertificateIdentity, CertificateUnreadable> => {
  const unreadable = (message: string) => err<never, CertificateUnreadable>({ _tag: "CertificateUnreadable", message });
  const certificate = readDer(certificateDer);
  if (certificate === null || certificate.tag !== 0x30 || certificate.der.length !== certificateDer.length) {
    return unreadable("not a DER SEQUENCE");
  }
  const tbs = derChildren(certificate)?.[0];
  const fields = tbs === undefined || tbs.tag !== 0x30 ? null : derChildren(tbs);
  if (fields === null) return unreadable("no TBSCertificate");
  const rest = fields[0]?.tag === 0xa0 ? fields.slice(1) : fields;
  const [serial, , issuer] = rest;
  if (serial?.tag !== 0x02 || issuer?.tag !== 0x30) return unreadable("no serial number or issuer");
  return ok({ issuerDer: issuer.der, serialNumberDer: serial.der });
};

/** Inputs of {@link signedAttributesFor}. */
export interface SignedAttributesInput {
  /** SHA-256 of the detached content (the canonical JSON's UTF-8 bytes). */
  readonly contentSha256: Uint8Array;
  /** Written as signingTime, to the second. */
  readonly signingTime: Date;
  /**
   * When the certificate is known before signing (a card read first): its SHA-256 and identity, for an
   * ESS signingCertificateV2 attribute. The Digital Authentication App returns the certificate only
   * with the signature, so the attribute is optional (see ADR 0022).
   */
  readonly signingCertificate?: { readonly sha256: Uint8Array; readonly identity: CertificateIdentity };
}

const attribute = (oid: string, value: Uint8Array) => derSequence(derOid(oid), derSetOf([value]));

/**
 * The CMS signed attributes (RFC 5652 §5.3, CAdES-BES-like): contentType id-data, messageDigest,
 * signingTime and optionally signingCertificateV2 (RFC 5035), as the DER SET OF that the signature
 * covers (§5.4: tag SET, not the [0] of SignerInfo). Hash it with SHA-256, wrap it with
 * {@link sha256DigestInfo}, and the card signs that.
 */
export const signedAttributesFor = (input: SignedAttributesInput): Uint8Array => {
  if (input.contentSha256.length !== 32) throw new TypeError("signedAttributesFor: contentSha256 is 32 bytes");
  const attributes = [
    attribute(CMS_OID.contentType, derOid(CMS_OID.data)),
    attribute(CMS_OID.messageDigest, derOctetString(input.contentSha256)),
    attribute(CMS_OID.signingTime, derTime(input.signingTime)),
  ];
  const certificate = input.signingCertificate;
  if (certificate !== undefined) {
    // SigningCertificateV2 ::= SEQ { certs SEQ OF ESSCertIDv2 }; ESSCertIDv2 ::= SEQ { hash (SHA-256 is
    // the DEFAULT algorithm, so omitted), IssuerSerial ::= SEQ { GeneralNames { [4] directoryName }, serial } }
    const issuerSerial = derSequence(derSequence(tlv(0xa4, certificate.identity.issuerDer)), certificate.identity.serialNumberDer);
    const essCertId = derSequence(derOctetString(certificate.sha256), issuerSerial);
    attributes.push(attribute(CMS_OID.signingCertificateV2, derSequence(derSequence(essCertId))));
  }
  return derSetOf(attributes);
};

/** Parts of a detached SignedData whose signature value came from a card, app or platform. */
export interface DetachedCmsParts {
  /** The DER SET OF returned by {@link signedAttributesFor}, exactly as hashed and signed. */
  readonly signedAttributes: Uint8Array;
  readonly signatureValue: Uint8Array;
  readonly certificateDer: Uint8Array;
  /** CA certificates to include besides the signer's (optional; verifiers use their own anchors). */
  readonly caCertificatesDer?: readonly Uint8Array[];
}

/**
 * A detached CMS SignedData (RFC 5652) in a ContentInfo, DER: version 1, SHA-256, no encapsulated
 * content, the certificates included, one SignerInfo by issuer and serial number, RSA PKCS#1 v1.5.
 * What `openssl cms -verify -binary -content <json>` accepts.
 */
export const assembleDetachedCms = (parts: DetachedCmsParts): Result<Uint8Array, CertificateUnreadable> =>
  certificateIdentity(parts.certificateDer).andThen((identity) => {
    const attrs = readDer(parts.signedAttributes);
    if (attrs === null || attrs.tag !== 0x31 || attrs.der.length !== parts.signedAttributes.length) {
      return err<never, CertificateUnreadable>({ _tag: "CertificateUnreadable", message: "signed attributes are not a DER SET" });
    }
    // RFC 5754: SHA-2 digest identifiers without parameters; RFC 4055: RSA PKCS#1 v1.5 with NULL.
    const sha256 = derSequence(derOid(CMS_OID.sha256));
    const signerInfo = derSequence(
      derSmallInteger(1),
      derSequence(identity.issuerDer, identity.serialNumberDer),
      sha256,
      tlv(0xa0, attrs.content),
      derSequence(derOid(CMS_OID.sha256WithRsaEncryption), derNull()),
      derOctetString(parts.signatureValue),
    );
    const signedData = derSequence(
      derSmallInteger(1),
      derSetOf([sha256]),
      derSequence(derOid(CMS_OID.data)),
      derSetOf([parts.certificateDer, ...(parts.caCertificatesDer ?? [])], 0xa0),
      derSetOf([signerInfo]),
    );
    return ok(derSequence(derOid(CMS_OID.signedData), tlv(0xa0, signedData)));
  });
