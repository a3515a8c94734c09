import type { ResultAsync } from "neverthrow";
import type { AdapterMeta } from "../shared/adapter-meta.ts";
import type { JpkiKey } from "./jpki-signer.port.ts";

/** Contract id of {@link TrustAnchorStore}. */
export const TRUST_ANCHOR_STORE_CONTRACT = "trust-anchor-store@1" as const;

/** One CA generation trusted for one kind of JPKI certificate. */
export interface TrustAnchor {
  /** Which certificates it may issue: signature or user-authentication certificates. */
  readonly purpose: JpkiKey;
  /** A label people recognise, e.g. `"JPKI signature CA 2023"`. */
  readonly generation: string;
  readonly certificateDer: Uint8Array;
  /** SHA-256 of `certificateDer`, lower-case hex: the pin it was loaded against. */
  readonly sha256Fingerprint: string;
}

/** Configured anchors could not be loaded, or one did not match its pin. */
export interface TrustAnchorError {
  readonly _tag: "TrustAnchorError";
  readonly reason: "pin_mismatch" | "malformed" | "unavailable";
  readonly operation: string;
  readonly retryable: boolean;
  readonly message: string;
}

/**
 * Port: the JPKI CA certificates a relying party trusts. Several generations at once (2015, 2019,
 * 2023 …: a card verifies only against the generation that issued it), each pinned by the SHA-256
 * fingerprint of its DER so that swapping a file cannot add a CA.
 */
export interface TrustAnchorStore {
  readonly meta: AdapterMeta;
  /** The anchors for `purpose`, every one matching its pinned fingerprint. */
  list(purpose: JpkiKey): ResultAsync<readonly TrustAnchor[], TrustAnchorError>;
}
