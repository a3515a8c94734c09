import type { JpkiKey, SignatureError, SignerCertificate, VerifiedSignature } from "@madoguchi/core";
import { err, ok, type Result } from "neverthrow";
import type * as pkijs from "pkijs";
import { RSA_ENCRYPTION } from "./algorithms.ts";
import { checkSignerKeyUsage, checkValidity } from "./certificate-checks.ts";
import { certificateDer } from "./certificate-facts.ts";
import { buildCertificatePath, type TrustAnchor } from "./certificate-path.ts";
import { formatName } from "./distinguished-name.ts";
import { basicInformationOf, jpkiPurposeOf } from "./jpki-certificate.ts";
import { parseDetachedSignedData } from "./parse-detached-signed-data.ts";
import { signatureError } from "./signature-error.ts";
import { digest, verifyRsaPkcs1 } from "./webcrypto.ts";

/** What to check: a detached CMS over `content`, at `at`, for a certificate of `purpose`. */
export interface SignatureCheckInput {
  readonly content: Uint8Array;
  readonly cms: Uint8Array;
  readonly at: Date;
  readonly purpose: JpkiKey;
}

/**
 * A signature that passed every check but revocation, with what the revocation check needs. Plain data (Dates,
 * bytes, strings): it crosses from a worker thread by structured clone.
 */
export interface CheckedSignature extends Omit<VerifiedSignature, "revocation"> {
  readonly signerDer: Uint8Array;
  /** The certificate that issued the signer's (the trust anchor itself in JPKI's two-level hierarchy). */
  readonly issuerDer: Uint8Array;
}

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
 * The checks in the order the port lists them, all but revocation; each returns its own reason, so a test can
 * aim at one. Pure computation on the bytes and the anchors (no I/O), so that a pool of worker threads can run
 * it. Throws only where pkijs or WebCrypto throw on input they cannot read; the caller maps that to `malformed`.
 */
export const checkSignature = async (
  anchorsByPurpose: Readonly<Record<JpkiKey, readonly TrustAnchor[]>>,
  input: SignatureCheckInput,
): Promise<Result<CheckedSignature, SignatureError>> => {
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
  const signed = await verifyRsaPkcs1(cms.signer.subjectPublicKeyInfo, cms.signatureHash, cms.signature, cms.signedAttributesDer);
  if (!signed) {
    return err(signatureError("bad_signature", "the signature value does not verify with the signer's key"));
  }

  // ESS signingCertificateV2 (when present) binds the signature to this very certificate.
  if (cms.signingCertificateSha256 !== null && !bytesEqual(await digest("SHA-256", certificateDer(cms.signer)), cms.signingCertificateSha256)) {
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
  return ok({
    signer: describeSigner(cms.signer),
    signingTime: cms.signingTime,
    purpose,
    basicInformation,
    trustAnchorSha256: Buffer.from(await digest("SHA-256", certificateDer(anchor))).toString("hex"),
    signerDer: certificateDer(cms.signer),
    issuerDer: certificateDer(issuer),
  });
};
