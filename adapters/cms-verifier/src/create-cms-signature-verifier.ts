import { SIGNATURE_VERIFIER_CONTRACT, type RevocationChecker, type SignatureError, type SignatureVerifier, type VerifiedSignature } from "@madoguchi/core";
import { err, ok, ResultAsync, type Result } from "neverthrow";
import { checkSignature, type CheckedSignature, type SignatureCheckInput } from "./signature-checks.ts";
import { signatureError } from "./signature-error.ts";
import { createSignatureWorkerPool } from "./signature-worker-pool.ts";
import { loadTrustAnchors, type TrustAnchorsPem } from "./trust-anchors.ts";

/** Options of {@link createCmsSignatureVerifier}. */
export interface CmsSignatureVerifierOptions extends TrustAnchorsPem {
  /**
   * Trust anchors as PEM; a string may hold several certificates. For JPKI: every generation of the
   * signature CA still needed (a 2015-generation card verifies only against the 2015 CA).
   */
  readonly trustAnchorsPem: readonly string[];
  /** Trust anchors for user-authentication certificates (login); none: every authentication is refused. */
  readonly authenticationTrustAnchorsPem?: readonly string[];
  /**
   * Worker threads that check signatures (all but revocation) off the main thread, started on first need; 0
   * (the default) checks on the calling thread. A burst of submissions then uses more than one core (N1).
   */
  readonly workers?: number;
  /**
   * Asked after every other check passed; only "good" is accepted (revoked → `revoked`, unknown →
   * `revocation_unknown`, unreachable → `unavailable`).
   */
  readonly revocation: RevocationChecker;
}

/**
 * Revocation, the last check, on the main thread: the checker is the caller's object (an OCSP client, the CRLs
 * a downloader keeps). Only "good" is accepted.
 */
const withRevocation = async (revocation: RevocationChecker, checked: CheckedSignature, at: Date): Promise<Result<VerifiedSignature, SignatureError>> => {
  const status = await revocation.check({ certificateDer: checked.signerDer, issuerDer: checked.issuerDer, at });
  if (status.isErr()) {
    return err(signatureError("unavailable", `revocation could not be checked: ${status.error.message}`));
  }
  if (status.value.status === "revoked") return err(signatureError("revoked", "the signer certificate is revoked"));
  if (status.value.status === "unknown") {
    return err(signatureError("revocation_unknown", `no current revocation data: ${status.value.why}`));
  }
  const { signerDer: _signer, issuerDer: _issuer, ...verified } = checked;
  return ok({ ...verified, revocation: status.value.evidence });
};

/**
 * A {@link SignatureVerifier} for detached CMS SignedData (RFC 5652) as JPKI signatures are sent:
 * message digest, RSASSA-PKCS1-v1_5 signature over the signed attributes, certificate path to one of
 * the configured trust anchors with every signature checked, validity at `at` of signer and CAs, and
 * signer key usage, the JPKI certificate policy of the requested purpose, the 4 basic information
 * items of a signature certificate, then revocation through the configured {@link RevocationChecker}
 * (JPKI revocation data needs a registered verifier or a platform provider, so it is a port).
 *
 * @throws Error at construction when the options are invalid or an anchor is not a certificate
 */
export const createCmsSignatureVerifier = (options: CmsSignatureVerifierOptions): SignatureVerifier => {
  const anchors = loadTrustAnchors(options);
  if (typeof options.revocation?.check !== "function") throw new Error("cms-verifier options: revocation checker missing");
  const workers = options.workers ?? 0;
  if (!Number.isInteger(workers) || workers < 0 || workers > 64) throw new Error("cms-verifier options: workers must be an integer from 0 to 64");
  const pool = workers === 0 ? null : createSignatureWorkerPool(workers, { trustAnchorsPem: options.trustAnchorsPem, authenticationTrustAnchorsPem: options.authenticationTrustAnchorsPem ?? [] });
  // The one boundary: pkijs and WebCrypto throw only on bytes they cannot read, and the CMS is the only input
  // that varies (anchors were checked at construction), so an exception means malformed (a worker says so itself).
  const check = (input: SignatureCheckInput): Promise<Result<CheckedSignature, SignatureError>> =>
    pool === null ? checkSignature(anchors, input).catch(() => err(signatureError("malformed", "the CMS could not be read"))) : pool.check(input);
  return {
    meta: { contract: SIGNATURE_VERIFIER_CONTRACT, name: "cms", capabilities: new Set<never>() },

    verifyDetached: (input) => {
      if (!(input.at instanceof Date) || Number.isNaN(input.at.getTime())) {
        throw new TypeError("verifyDetached: `at` must be a valid Date"); // a programmer error, not input
      }
      if (input.purpose !== "signature" && input.purpose !== "authentication") {
        throw new TypeError("verifyDetached: `purpose` must be signature or authentication");
      }
      const { content, cms, at, purpose } = input;
      return ResultAsync.fromSafePromise(check({ content, cms, at, purpose })).andThen((checked) =>
        checked.isErr()
          ? err(checked.error)
          : ResultAsync.fromPromise(withRevocation(options.revocation, checked.value, at), () => signatureError("unavailable", "revocation could not be checked")).andThen((verified) => verified),
      );
    },

    healthCheck: () =>
      ResultAsync.fromPromise(globalThis.crypto.subtle.digest("SHA-256", new ArrayBuffer(0)), () =>
        signatureError("unavailable", "WebCrypto is not available", "signature-verifier.healthCheck"),
      ).andThen(() => ok(undefined)),
  };
};
