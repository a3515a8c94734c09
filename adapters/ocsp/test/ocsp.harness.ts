import type { RevocationDataState, RevocationHarness, RevokedEntry } from "@madoguchi/conformance/revocation-checker";
import type { RevocationChecker } from "@madoguchi/core";
import {
  indexSerial,
  makeOpensslPki,
  OPENSSL_REASONS,
  startOpensslResponder,
  type IndexRow,
  type Issued,
  type OpensslPki,
  type RunningResponder,
} from "./openssl-pki.ts";

const DAY = 86_400_000;

/**
 * The revocation-checker contract's worlds as OpenSSL's OCSP responder gives them. A responder signs
 * each answer at the moment it answers, so the harness asks about a time ten days from now (`at`):
 * - current: nextUpdate 30 days on (`-ndays 30`), signed by the CA (`signedBy: "issuer"`) or its
 *   delegated responder (`"delegated"`);
 * - stale: nextUpdate one day on (`-ndays 1`), before `at`;
 * - other_issuer: signed by another CA (another name and key), still answering for our CA's index;
 * - bad_signature: names our CA — as the signer itself (an impostor: the CA's name, another key) or as
 *   the issuer of a forged delegated responder certificate.
 * The index lists the harness's unrevoked certificates as valid (OpenSSL answers "unknown" for a
 * serial it does not list, where a CRL says nothing and so "good") and every revoked entry.
 */
export const ocspHarness = (
  signedBy: "issuer" | "delegated",
  make: (responderUrl: string) => RevocationChecker,
  loadPki: () => Promise<OpensslPki>,
): RevocationHarness => {
  let previous: RunningResponder | null = null;
  return {
    load: async () => {
      const pki = await loadPki();
      const at = new Date(Math.floor(Date.now() / 1000) * 1000 + 10 * DAY);
      const signerFor = (state: RevocationDataState): Issued =>
        state === "other_issuer"
          ? pki.other
          : state === "bad_signature"
            ? signedBy === "issuer"
              ? pki.impostor
              : pki.forgedResponder
            : signedBy === "issuer"
              ? pki.ca
              : pki.responder;
      return {
        issuerDer: pki.ca.der,
        certificates: pki.leaves.map((leaf) => ({ certificateDer: leaf.der, serialNumber: leaf.serial.toLowerCase() })),
        at,
        reasons: OPENSSL_REASONS,
        world: async ({ revoked, state }: { revoked: readonly RevokedEntry[]; state: RevocationDataState }) => {
          // One world per check: the previous world's responder is done.
          await previous?.close();
          const seen = new Set<string>();
          const rows: IndexRow[] = [];
          for (const entry of revoked) {
            if (seen.has(indexSerial(entry.serialNumber))) continue;
            seen.add(indexSerial(entry.serialNumber));
            rows.push({ serial: entry.serialNumber, status: "revoked", revokedAt: entry.revokedAt, reason: entry.reason });
          }
          for (const leaf of pki.leaves) if (!seen.has(indexSerial(leaf.serial))) rows.push({ serial: leaf.serial, status: "valid" });
          previous = await startOpensslResponder(pki, { rows, signer: signerFor(state), ndays: state === "stale" ? 1 : 30 });
          return { checker: make(previous.url), published: null };
        },
      };
    },
  };
};

let shared: Promise<OpensslPki> | undefined;
/** One OpenSSL PKI for the contract runs of a test file. */
export const sharedPki = (): Promise<OpensslPki> => (shared ??= makeOpensslPki());
/** Removes the shared PKI's directory. */
export const removeSharedPki = async () => (await shared)?.remove();
