import type { SignatureError } from "@madoguchi/core";
import { err, ok, type Result } from "neverthrow";
import type * as pkijs from "pkijs";
import { certificateDer, isCa, isSignedBy, KEY_USAGE, keyUsageBits, nameDer } from "./certificate-facts.ts";
import { signatureError } from "./signature-error.ts";

/** A configured trust anchor and its DER, to recognise it when a CMS includes it. */
export interface TrustAnchor {
  readonly certificate: pkijs.Certificate;
  readonly der: Uint8Array;
}

// JPKI has no intermediates; a few levels allow other hierarchies while bounding the search.
const MAX_INTERMEDIATES = 4;

const bytesEqual = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

const issues = (candidate: pkijs.Certificate, child: pkijs.Certificate) =>
  bytesEqual(nameDer(candidate.subject), nameDer(child.issuer));

// An intermediate from the CMS may only issue if it says it is a CA (and, with keyUsage, keyCertSign).
const mayIssue = (certificate: pkijs.Certificate) => {
  const usage = keyUsageBits(certificate);
  return isCa(certificate) && (usage === null || usage.includes(KEY_USAGE.keyCertSign));
};

/**
 * Builds a path signer → … → trust anchor in which every link is checked by signature, not only by
 * name: the issuer's subject must equal the child's issuer name AND the issuer's key must verify the
 * child's signature. Several anchors may share a name (JPKI CA generations; an impostor CA); each
 * candidate is tried. Intermediates come from the certificates included in the CMS.
 *
 * @returns the path from the signer up to and including the anchor, or `untrusted_chain`
 */
export const buildCertificatePath = async (
  signer: pkijs.Certificate,
  intermediates: readonly pkijs.Certificate[],
  anchors: readonly TrustAnchor[],
): Promise<Result<readonly pkijs.Certificate[], SignatureError>> => {
  const extend = async (
    path: readonly pkijs.Certificate[],
    used: readonly Uint8Array[],
  ): Promise<readonly pkijs.Certificate[] | null> => {
    const child = path[path.length - 1]!;
    for (const anchor of anchors) {
      if (issues(anchor.certificate, child) && (await isSignedBy(child, anchor.certificate))) {
        return [...path, anchor.certificate];
      }
    }
    if (path.length > MAX_INTERMEDIATES) return null;
    for (const candidate of intermediates) {
      const der = certificateDer(candidate);
      if (used.some((seen) => bytesEqual(seen, der)) || !issues(candidate, child) || !mayIssue(candidate)) continue;
      if (!(await isSignedBy(child, candidate))) continue;
      const found = await extend([...path, candidate], [...used, der]);
      if (found !== null) return found;
    }
    return null;
  };

  const signerDer = certificateDer(signer);
  // A configured anchor is trusted as such, even when it signs directly.
  if (anchors.some((anchor) => bytesEqual(anchor.der, signerDer))) return ok([signer]);
  const path = await extend([signer], [signerDer]);
  return path === null
    ? err(signatureError("untrusted_chain", "the signer certificate does not chain to a trust anchor"))
    : ok(path);
};
