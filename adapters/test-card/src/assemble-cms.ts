import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { OID } from "./oids.ts";

/** Parts of a detached SignedData whose signature value was computed elsewhere (card, app, platform). */
export interface CmsParts {
  readonly signerCertificate: pkijs.Certificate;
  readonly signedAttributes: pkijs.SignedAndUnsignedAttributes;
  /** RSASSA-PKCS1-v1_5 / SHA-256 signature over DER(signedAttrs). */
  readonly signatureValue: Uint8Array;
}

/**
 * A detached CMS SignedData (RFC 5652) in a ContentInfo, DER: version 1, SHA-256, no encapsulated
 * content, the signer certificate included, one SignerInfo identified by issuer and serial number.
 * Split from signing because with a real card only the signature value comes from the card.
 */
export const assembleDetachedCms = (parts: CmsParts): Uint8Array => {
  // RFC 5754: SHA-2 digest identifiers are generated with absent parameters; RFC 4055: RSA PKCS#1 v1.5
  // signature identifiers carry NULL.
  const sha256 = new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [sha256],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [parts.signerCertificate],
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: parts.signerCertificate.issuer,
          serialNumber: parts.signerCertificate.serialNumber,
        }),
        digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
        signedAttrs: parts.signedAttributes,
        signatureAlgorithm: new pkijs.AlgorithmIdentifier({
          algorithmId: OID.sha256WithRsaEncryption,
          algorithmParams: new asn1js.Null(),
        }),
        signature: new asn1js.OctetString({ valueHex: parts.signatureValue }),
      }),
    ],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
};
