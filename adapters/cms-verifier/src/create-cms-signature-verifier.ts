import {
  SIGNATURE_VERIFIER_CONTRACT,
  type JpkiKey,
  type RevocationChecker,
  type SignatureError,
  type SignatureVerifier,
  type SignerCertificate,
  type VerifiedSignature,
} from "@madoguchi/core";
import * as asn1js from "asn1js";
import { Schema } from "effect";
import { err, ok, ResultAsync, type Result } from "neverthrow";
import * as pkijs from "pkijs";
import { RSA_ENCRYPTION } from "./algorithms.ts";
import { checkSignerKeyUsage, checkValidity } from "./certificate-checks.ts";
import { certificateDer } from "./certificate-facts.ts";
import { buildCertificatePath, type TrustAnchor } from "./certificate-path.ts";
import { formatName } from "./distinguished-name.ts";
import { basicInformationOf, jpkiPurposeOf } from "./jpki-certificate.ts";
import { parseDetachedSignedData } from "./parse-detached-signed-data.ts";
import { certificatesFromPem } from "./pem.ts";
import { signatureError } from "./signature-error.ts";
import { digest, verifyRsaPkcs1 } from "./webcrypto.ts";

/** Options of {@link createCmsSignatureVerifier}. */
export interface CmsSignatureVerifierOptions {
  /**
   * Trust anchors as PEM; a string may hold several certificates. For JPKI: every generation of the
   * signature CA still needed (a 2015-generation card verifies only against the 2015 CA).
   */
  readonly trustAnchorsPem: readonly string[];
  /** Trust anchors for user-authentication certificates (login); none: every authentication is refused. */
  readonly authenticationTrustAnchorsPem?: readonly string[];
  /**
   * Asked after every other check passed; only "good" is accepted (revoked → `revoked`, unknown →
   * `revocation_unknown`, unreachable → `unavailable`).
   */
  readonly revocation: RevocationChecker;
}

const OptionsSchema = Schema.Struct({
  trustAnchorsPem: Schema.Array(Schema.String).check(Schema.isMinLength(1)),
  authenticationTrustAnchorsPem: Schema.optionalKey(Schema.Array(Schema.String)),
});

const parseAnchor = (der: Uint8Array): TrustAnchor | null => {
  try {
    const parsed = asn1js.fromBER(der);
    if (parsed.offset !== der.byteLength) return null;
    const certificate = new pkijs.Certificate({ schema: parsed.result });
    return { certificate, der: certificateDer(certificate) };
  } catch {
    return null; // pkijs throws on a schema mismatch: for configuration that is "not a certificate"
  }
};

/** Trust anchors from configuration; throws at start-up (fail fast) when one is not a certificate. */
const loadAnchors = (options: CmsSignatureVerifierOptions): Readonly<Record<JpkiKey, readonly TrustAnchor[]>> => {
  const decoded = Schema.decodeUnknownResult(OptionsSchema)(
    { trustAnchorsPem: options.trustAnchorsPem, ...(options.authenticationTrustAnchorsPem === undefined ? {} : { authenticationTrustAnchorsPem: options.authenticationTrustAnchorsPem }) },
    { errors: "all" },
  );
  if (decoded._tag === "Failure") throw new Error(`cms-verifier options: ${decoded.failure.message}`);
  if (typeof options.revocation?.check !== "function") throw new Error("cms-verifier options: revocation checker missing");
  const load = (pems: readonly string[], option: string) =>
    pems.flatMap((pem, index) => {
      const ders = certificatesFromPem(pem);
      const anchors = ders.map(parseAnchor);
      if (ders.length === 0 || anchors.some((anchor) => anchor === null)) {
        throw new Error(`cms-verifier options: ${option}[${index}] is not a PEM certificate`);
      }
      return anchors as TrustAnchor[];
    });
  return {
    signature: load(decoded.success.trustAnchorsPem, "trustAnchorsPem"),
    authentication: load(decoded.success.authenticationTrustAnchorsPem ?? [], "authenticationTrustAnchorsPem"),
  };
};

const bytesEqual = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

const describeSigner = (certificate: pkijs.Certificate): SignerCertificate => ({
  subject: formatName(certificate.subject),
  issuer: formatName(certificate.issuer),
  serialNumber: Buffer.from(certificate.serialNumber.valueBlock.valueHexView).toString("hex"),
  notBefore: certificate.notBefore.value,
  notAfter: certificate.notAfter.value,
  derBase64: Buffer.from(certificateDer(certificate)).toString("base64"),
});

/**
 * The checks in the order the port lists them; each returns its own reason, so a test can aim at one.
 * Throws only where pkijs or WebCrypto throw on input they cannot read; the boundary maps that.
 */
const verifyChecked = async (
  anchorsByPurpose: Readonly<Record<JpkiKey, readonly TrustAnchor[]>>,
  revocation: RevocationChecker,
  input: { readonly content: Uint8Array; readonly cms: Uint8Array; readonly at: Date; readonly purpose: JpkiKey },
): Promise<Result<VerifiedSignature, SignatureError>> => {
  const parsed = parseDetachedSignedData(input.cms);
  if (parsed.isErr()) return err(parsed.error);
  const cms = parsed.value;

  if (!bytesEqual(await digest(cms.digestHash, input.content), cms.messageDigest)) {
    return err(signatureError("content_mismatch", "the content does not match the signed message digest"));
  }

  if (cms.signer.subjectPublicKeyInfo.algorithm.algorithmId !== RSA_ENCRYPTION) {
    return err(signatureError("malformed", "the signer key is not an RSA key"));
  }
  // RFC 5652 §5.4: with signed attributes, the signature covers their DER (as a SET OF), not the content.
  const signed = await verifyRsaPkcs1(
    cms.signer.subjectPublicKeyInfo,
    cms.signatureHash,
    cms.signature,
    cms.signedAttributesDer,
  );
  if (!signed) {
    return err(signatureError("bad_signature", "the signature value does not verify with the signer's key"));
  }

  // ESS signingCertificateV2 (when present) binds the signature to this very certificate.
  if (
    cms.signingCertificateSha256 !== null &&
    !bytesEqual(await digest("SHA-256", certificateDer(cms.signer)), cms.signingCertificateSha256)
  ) {
    return err(signatureError("bad_signature", "the signed certificate reference does not match the signer"));
  }

  // The policy before the chain: a signature certificate offered for login (or the reverse) is refused
  // for what it is, not as "untrusted" because the other purpose's anchors do not know its CA.
  const purpose = jpkiPurposeOf(cms.signer);
  if (purpose !== input.purpose) {
    return err(signatureError("wrong_certificate_policy", `the signer certificate is not a JPKI ${input.purpose} certificate`));
  }

  const path = await buildCertificatePath(cms.signer, cms.certificates, anchorsByPurpose[input.purpose]);
  if (path.isErr()) return err(path.error);

  const checked = checkValidity(path.value, input.at).andThen(() => checkSignerKeyUsage(cms.signer));
  if (checked.isErr()) return err(checked.error);

  let basicInformation: VerifiedSignature["basicInformation"] = null;
  if (purpose === "signature") {
    const read = basicInformationOf(cms.signer);
    if (read.isErr()) return err(signatureError("basic_information_invalid", read.error));
    basicInformation = read.value;
  }

  const anchor = path.value[path.value.length - 1]!;
  const issuer = path.value[1] ?? anchor;
  const status = await revocation.check({
    certificateDer: certificateDer(cms.signer),
    issuerDer: certificateDer(issuer),
    at: input.at,
  });
  if (status.isErr()) {
    return err(signatureError("unavailable", `revocation could not be checked: ${status.error.message}`));
  }
  if (status.value.status === "revoked") return err(signatureError("revoked", "the signer certificate is revoked"));
  if (status.value.status === "unknown") {
    return err(signatureError("revocation_unknown", `no current revocation data: ${status.value.why}`));
  }
  return ok({
    signer: describeSigner(cms.signer),
    signingTime: cms.signingTime,
    purpose,
    basicInformation,
    trustAnchorSha256: Buffer.from(await digest("SHA-256", certificateDer(anchor))).toString("hex"),
    revocation: status.value.evidence,
  });
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
  const anchors = loadAnchors(options);
  return {
    meta: { contract: SIGNATURE_VERIFIER_CONTRACT, name: "cms", capabilities: new Set<never>() },

    verifyDetached: (input) => {
      if (!(input.at instanceof Date) || Number.isNaN(input.at.getTime())) {
        throw new TypeError("verifyDetached: `at` must be a valid Date"); // a programmer error, not input
      }
      // The one boundary: pkijs and WebCrypto throw only on bytes they cannot read, and the CMS is the
      // only input that varies (anchors were checked at construction), so an exception means malformed.
      if (input.purpose !== "signature" && input.purpose !== "authentication") {
        throw new TypeError("verifyDetached: `purpose` must be signature or authentication");
      }
      return ResultAsync.fromPromise(verifyChecked(anchors, options.revocation, input), () =>
        signatureError("malformed", "the CMS could not be read"),
      ).andThen((result) => result);
    },

    healthCheck: () =>
      ResultAsync.fromPromise(globalThis.crypto.subtle.digest("SHA-256", new ArrayBuffer(0)), () =>
        signatureError("unavailable", "WebCrypto is not available", "signature-verifier.healthCheck"),
      ).andThen(() => ok(undefined)),
  };
};
