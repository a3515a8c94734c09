import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { revocationReasonOfCode, type RevocationReason } from "@madoguchi/core";
import { bytesEqual, digest, toArrayBuffer } from "./bytes.ts";
import { certificateDer, nameDer, parseDer } from "./der.ts";
import { OID } from "./oids.ts";

/** OCSPResponseStatus (RFC 6960 §4.2.1). */
export const RESPONSE_STATUS = {
  successful: 0,
  malformedRequest: 1,
  internalError: 2,
  tryLater: 3,
  sigRequired: 5,
  unauthorized: 6,
} as const;

/** An OCSPResponse as far as it parsed: its status and, when successful, the BasicOCSPResponse. */
export type ParsedResponse =
  | { readonly kind: "malformed"; readonly why: string }
  | { readonly kind: "status"; readonly responseStatus: number }
  | { readonly kind: "basic"; readonly basic: pkijs.BasicOCSPResponse };

/** Reads an OCSPResponse; only id-pkix-ocsp-basic is understood (RFC 6960 §4.2.1). */
export const parseOcspResponse = (der: Uint8Array): ParsedResponse => {
  const response = parseDer(der, (schema) => new pkijs.OCSPResponse({ schema }));
  if (response === null) return { kind: "malformed", why: "the responder's answer is not an OCSPResponse" };
  const responseStatus = response.responseStatus.valueBlock.valueDec;
  if (responseStatus !== RESPONSE_STATUS.successful) return { kind: "status", responseStatus };
  if (response.responseBytes === undefined) return { kind: "malformed", why: "a successful OCSPResponse without responseBytes" };
  if (response.responseBytes.responseType !== OID.ocspBasic) return { kind: "malformed", why: `unsupported OCSP response type ${response.responseBytes.responseType}` };
  const basic = parseDer(response.responseBytes.response.valueBlock.valueHexView, (schema) => new pkijs.BasicOCSPResponse({ schema }));
  if (basic === null) return { kind: "malformed", why: "the BasicOCSPResponse does not decode" };
  return { kind: "basic", basic };
};

/** Who may have signed the response: the responderID names it by subject or by SHA-1 of its key. */
const matchesResponderId = async (responderId: unknown, candidate: pkijs.Certificate): Promise<boolean> => {
  if (responderId instanceof pkijs.RelativeDistinguishedNames) return bytesEqual(nameDer(responderId), nameDer(candidate.subject));
  if (responderId instanceof asn1js.OctetString) {
    const keyHash = await digest("SHA-1", candidate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);
    return bytesEqual(keyHash, responderId.valueBlock.valueHexView);
  }
  return false;
};

const signedBy = async (basic: pkijs.BasicOCSPResponse, signer: pkijs.Certificate): Promise<boolean> => {
  try {
    return await pkijs
      .getCrypto(true)
      .verifyWithPublicKey(toArrayBuffer(basic.tbsResponseData.tbsView), basic.signature, signer.subjectPublicKeyInfo, basic.signatureAlgorithm);
  } catch {
    return false;
  }
};

const sameCertificate = (a: pkijs.Certificate, b: pkijs.Certificate) => bytesEqual(certificateDer(a), certificateDer(b));

/** Why a delegated responder certificate is not authorised by `issuer` at `at`, or `null` when it is. */
const delegationFault = async (candidate: pkijs.Certificate, issuer: pkijs.Certificate, at: Date, skewMs: number): Promise<string | null> => {
  if (!bytesEqual(nameDer(candidate.issuer), nameDer(issuer.subject))) return "the responder certificate was not issued by the certificate's issuer";
  if (!(await candidate.verify(issuer).catch(() => false))) return "the responder certificate's signature does not verify with the issuer's key";
  const extensions = candidate.extensions ?? [];
  const eku = extensions.find((extension) => extension.extnID === OID.extKeyUsage)?.parsedValue;
  if (!(eku instanceof pkijs.ExtKeyUsage) || !eku.keyPurposes.includes(OID.kpOcspSigning)) return "the responder certificate lacks id-kp-OCSPSigning";
  if (!extensions.some((extension) => extension.extnID === OID.ocspNoCheck)) {
    // Without id-pkix-ocsp-nocheck the responder's own certificate would need a revocation check of its
    // own (RFC 6960 §4.2.2.2.1); we make none, so we accept only responders that say none is needed.
    return "the responder certificate lacks id-pkix-ocsp-nocheck";
  }
  if (candidate.notBefore.value.getTime() - skewMs > at.getTime() || at.getTime() > candidate.notAfter.value.getTime() + skewMs) {
    return "the responder certificate is not valid at the time asked about";
  }
  return null;
};

/** The certificate that signed the response, authorised for the issuer's certificates (RFC 6960 §4.2.2.2). */
export type ResponderCheck = { readonly ok: true; readonly signer: pkijs.Certificate } | { readonly ok: false; readonly why: string };

/**
 * The response must be signed by the issuer itself, or by a delegated responder: a certificate the
 * issuer signed, with id-kp-OCSPSigning and id-pkix-ocsp-nocheck, valid at `at` (± skew), carried in
 * the response. Anyone else — another CA, a certificate that only names the issuer — is refused.
 */
export const checkResponder = async (basic: pkijs.BasicOCSPResponse, issuer: pkijs.Certificate, at: Date, skewMs: number): Promise<ResponderCheck> => {
  const responderId: unknown = basic.tbsResponseData.responderID;
  const candidates = [issuer, ...(basic.certs ?? [])];
  let why = "no certificate matching the responderID signed the response";
  for (const candidate of candidates) {
    if (!(await matchesResponderId(responderId, candidate))) continue;
    if (!(await signedBy(basic, candidate))) {
      why = "the response's signature does not verify with the responder's key";
      continue;
    }
    if (sameCertificate(candidate, issuer)) return { ok: true, signer: issuer };
    const fault = await delegationFault(candidate, issuer, at, skewMs);
    if (fault === null) return { ok: true, signer: candidate };
    why = fault;
  }
  return { ok: false, why };
};

/** The response's nonce extension value, or `null`. */
export const responseNonce = (basic: pkijs.BasicOCSPResponse): Uint8Array | null => {
  const extension = basic.tbsResponseData.responseExtensions?.find((item) => item.extnID === OID.ocspNonce);
  return extension === undefined ? null : new Uint8Array(extension.extnValue.valueBlock.valueHexView);
};

/** certStatus of a SingleResponse (RFC 6960 §4.2.1): good [0], revoked [1] RevokedInfo, unknown [2]. */
export type CertStatus =
  | { readonly kind: "good" }
  | { readonly kind: "revoked"; readonly revokedAt: Date; readonly reason: RevocationReason }
  | { readonly kind: "unknown" };

/** Reads the CHOICE pkijs leaves as a raw asn1js value; `null` when it is none of the three. */
export const readCertStatus = (certStatus: unknown): CertStatus | null => {
  if (!(certStatus instanceof asn1js.BaseBlock) || certStatus.idBlock.tagClass !== 3) return null;
  const { tagNumber, isConstructed } = certStatus.idBlock;
  if (tagNumber === 0 && !isConstructed) return { kind: "good" };
  if (tagNumber === 2 && !isConstructed) return { kind: "unknown" };
  if (tagNumber !== 1 || !(certStatus instanceof asn1js.Constructed)) return null;
  const [time, reasonBlock] = certStatus.valueBlock.value;
  if (!(time instanceof asn1js.GeneralizedTime)) return null;
  let reason: RevocationReason = "unspecified";
  if (reasonBlock !== undefined) {
    const enumerated = reasonBlock instanceof asn1js.Constructed ? reasonBlock.valueBlock.value[0] : undefined;
    if (!(enumerated instanceof asn1js.Enumerated)) return null;
    reason = revocationReasonOfCode(enumerated.valueBlock.valueDec);
  }
  return { kind: "revoked", revokedAt: time.toDate(), reason };
};
