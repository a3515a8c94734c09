import type { SignatureVerificationRecord } from "../applications/application.ts";
import { encodeBase64 } from "../shared/base64.ts";
import type { VerifiedSignature } from "./signature-verifier.port.ts";

/**
 * The stored form of a verification: what the verifier established, as plain JSON (ISO timestamps),
 * kept with the canonical JSON and the CMS so the decision can be explained later.
 */
export const signatureVerificationRecord = (verified: VerifiedSignature): SignatureVerificationRecord => {
  const evidence = verified.revocation;
  return {
    purpose: verified.purpose,
    trustAnchorSha256: verified.trustAnchorSha256,
    signingTime: verified.signingTime?.toISOString() ?? null,
    basicInformation: verified.basicInformation,
    revocation:
      evidence.source === "crl"
        ? {
            source: "crl",
            serialNumber: evidence.serialNumber,
            issuer: evidence.crlIssuer,
            crlNumber: evidence.crlNumber,
            crlSha256: evidence.crlSha256,
            thisUpdate: evidence.thisUpdate.toISOString(),
            nextUpdate: evidence.nextUpdate?.toISOString() ?? null,
          }
        : evidence.source === "ocsp"
          ? {
              source: "ocsp",
              serialNumber: evidence.serialNumber,
              issuer: evidence.responder,
              crlNumber: null,
              crlSha256: null,
              thisUpdate: evidence.thisUpdate.toISOString(),
              nextUpdate: evidence.nextUpdate?.toISOString() ?? null,
              producedAt: evidence.producedAt.toISOString(),
              ocspResponseBase64: encodeBase64(evidence.responseDer),
              ocspResponseSha256: evidence.responseSha256,
            }
          : {
            source: evidence.source,
            serialNumber: evidence.serialNumber,
            issuer: evidence.responder,
            crlNumber: null,
            crlSha256: null,
            thisUpdate: evidence.producedAt.toISOString(),
            nextUpdate: null,
          },
  };
};
