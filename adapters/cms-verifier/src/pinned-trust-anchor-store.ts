import { createHash } from "node:crypto";
import {
  TRUST_ANCHOR_STORE_CONTRACT,
  type JpkiKey,
  type RevocationChecker,
  type SignatureVerifier,
  type TrustAnchor,
  type TrustAnchorError,
  type TrustAnchorStore,
} from "@madoguchi/core";
import * as asn1js from "asn1js";
import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import * as pkijs from "pkijs";
import { createCmsSignatureVerifier } from "./create-cms-signature-verifier.ts";
import { certificatesFromPem } from "./pem.ts";

/** One configured CA generation: its PEM and the SHA-256 fingerprint it must have. */
export interface PinnedAnchorConfig {
  readonly purpose: JpkiKey;
  readonly generation: string;
  readonly pem: string;
  /** SHA-256 of the DER, hex (colons and case ignored), as published by J-LIS or noted at set-up. */
  readonly sha256: string;
}

const normalise = (fingerprint: string) => fingerprint.replace(/[:\s]/g, "").toLowerCase();

/** Exactly one DER certificate, nothing after it: a pin over arbitrary bytes must not make them an anchor. */
const isOneCertificate = (der: Uint8Array): boolean => {
  try {
    const parsed = asn1js.fromBER(der);
    if (parsed.offset === -1 || parsed.offset !== der.byteLength) return false;
    new pkijs.Certificate({ schema: parsed.result });
    return true;
  } catch {
    return false;
  }
};

const anchorError = (reason: TrustAnchorError["reason"], message: string): TrustAnchorError => ({
  _tag: "TrustAnchorError",
  reason,
  operation: "trust-anchor-store.list",
  retryable: reason === "unavailable",
  message,
});

/**
 * A {@link TrustAnchorStore} from configuration: each CA generation is one PEM certificate pinned by
 * its SHA-256 fingerprint. A file that does not match its pin is refused (`pin_mismatch`) — replacing
 * a CA file cannot add a CA. Messages name the generation, never certificate contents.
 */
export const createPinnedTrustAnchorStore = (anchors: readonly PinnedAnchorConfig[]): TrustAnchorStore => {
  const checked: (TrustAnchor | TrustAnchorError)[] = anchors.map((config) => {
    const ders = certificatesFromPem(config.pem);
    if (ders.length !== 1) return anchorError("malformed", `${config.generation}: expected exactly one PEM certificate`);
    const der = ders[0]!;
    if (!isOneCertificate(der)) return anchorError("malformed", `${config.generation}: the PEM block is not one X.509 certificate`);
    const actual = createHash("sha256").update(der).digest("hex");
    if (actual !== normalise(config.sha256)) {
      return anchorError("pin_mismatch", `${config.generation}: the certificate does not match its SHA-256 pin`);
    }
    return { purpose: config.purpose, generation: config.generation, certificateDer: der, sha256Fingerprint: actual };
  });
  return {
    meta: { contract: TRUST_ANCHOR_STORE_CONTRACT, name: "pinned-config", capabilities: new Set<never>() },
    list: (purpose) => {
      const failed = checked.find((item): item is TrustAnchorError => "_tag" in item);
      if (failed !== undefined) return errAsync(failed);
      return okAsync((checked as TrustAnchor[]).filter((anchor) => anchor.purpose === purpose));
    },
  };
};

const toPem = (der: Uint8Array) =>
  `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n")}\n-----END CERTIFICATE-----\n`;

/** The CMS verifier over the anchors of a {@link TrustAnchorStore} (read once, at start-up), checking on `workers` threads. */
export const createCmsSignatureVerifierFromStore = (
  store: TrustAnchorStore,
  revocation: RevocationChecker,
  workers = 0,
): ResultAsync<SignatureVerifier, TrustAnchorError> =>
  store.list("signature").andThen((signature) =>
    store.list("authentication").andThen((authentication) =>
      signature.length === 0
        ? errAsync(anchorError("malformed", "no trust anchor for signature certificates"))
        : okAsync(
            createCmsSignatureVerifier({
              trustAnchorsPem: signature.map((anchor) => toPem(anchor.certificateDer)),
              authenticationTrustAnchorsPem: authentication.map((anchor) => toPem(anchor.certificateDer)),
              revocation,
              workers,
            }),
          ),
    ),
  );
