/** Object identifiers of RFC 6960 and RFC 5280 that the OCSP checker reads or writes. */
export const OID = {
  /** id-pkix-ocsp-basic: the only response type we accept. */
  ocspBasic: "1.3.6.1.5.5.7.48.1.1",
  /** id-pkix-ocsp-nonce (RFC 8954). */
  ocspNonce: "1.3.6.1.5.5.7.48.1.2",
  /** id-pkix-ocsp-nocheck: a delegated responder's own certificate is not checked for revocation. */
  ocspNoCheck: "1.3.6.1.5.5.7.48.1.5",
  /** id-ad-ocsp: the accessMethod of an AIA entry naming an OCSP responder. */
  adOcsp: "1.3.6.1.5.5.7.48.1",
  /** authorityInfoAccess. */
  authorityInfoAccess: "1.3.6.1.5.5.7.1.1",
  /** extKeyUsage. */
  extKeyUsage: "2.5.29.37",
  /** id-kp-OCSPSigning. */
  kpOcspSigning: "1.3.6.1.5.5.7.3.9",
} as const;
