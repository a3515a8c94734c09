import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { toArrayBuffer } from "./bytes.ts";
import { OID } from "./oids.ts";

/** The hash of the CertID's issuer name and key: SHA-1 (RFC 5019's and every responder's) or SHA-256. */
export type CertIdHash = "SHA-1" | "SHA-256";

/** An encoded OCSPRequest and what its answer must echo. */
export interface BuiltRequest {
  readonly der: Uint8Array;
  readonly certId: pkijs.CertID;
  /** The nonce extension's extnValue (an OCTET STRING holding the nonce), or `null` without a nonce. */
  readonly nonceExtnValue: Uint8Array | null;
}

/**
 * An OCSPRequest (RFC 6960 §4.1) for one certificate: CertID over the issuer's name and public key
 * with `hash`, and the nonce (RFC 8954: an OCTET STRING in the extension's value), unsigned.
 */
export const buildOcspRequest = async (
  certificate: pkijs.Certificate,
  issuer: pkijs.Certificate,
  hash: CertIdHash,
  nonce: Uint8Array | null,
): Promise<BuiltRequest> => {
  const request = new pkijs.OCSPRequest();
  await request.createForCertificate(certificate, { hashAlgorithm: hash, issuerCertificate: issuer });
  const nonceExtnValue = nonce === null ? null : new Uint8Array(new asn1js.OctetString({ valueHex: toArrayBuffer(nonce) }).toBER(false));
  if (nonceExtnValue !== null) {
    request.tbsRequest.requestExtensions = [new pkijs.Extension({ extnID: OID.ocspNonce, extnValue: toArrayBuffer(nonceExtnValue) })];
  }
  const certId = request.tbsRequest.requestList[0]?.reqCert;
  if (certId === undefined) throw new Error("pkijs built an OCSP request without a CertID");
  return { der: new Uint8Array(request.toSchema(true).toBER(false)), certId, nonceExtnValue };
};
