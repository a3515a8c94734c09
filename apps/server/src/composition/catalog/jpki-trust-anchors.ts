import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { Result as EffectResult, Schema } from "effect";
import type { RevocationChecker, SignatureVerifier } from "@madoguchi/core";
import { createCmsSignatureVerifierFromStore, createPinnedTrustAnchorStore, type PinnedAnchorConfig } from "@madoguchi/adapter-cms-verifier";
import { createOcspRevocationChecker, createRevocationCheckerWithFallback } from "@madoguchi/adapter-ocsp";
import { createCrlRevocationChecker } from "@madoguchi/adapter-test-card";

/** The file in the trust-anchor directory that pins every CA certificate there. */
export const PINS_FILE = "pins.json";

/** Files of the directory taken for CA certificates: each must be listed in pins.json. */
const CERTIFICATE_FILE = /\.(pem|crt|cer)$/i;

const PinsSchema = Schema.Struct({
  anchors: Schema.Array(
    Schema.Struct({
      /** A file name in the same directory (no path: the directory is the one place anchors come from). */
      file: Schema.String.check(Schema.isPattern(/^[A-Za-z0-9][A-Za-z0-9._-]*$/)),
      purpose: Schema.Literals(["signature", "authentication"]),
      /** A label people recognise, e.g. "JPKI 署名用 2023". */
      generation: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(100)),
      /** SHA-256 of the certificate's DER: 64 hex digits, colons and case as published. */
      sha256: Schema.String.check(Schema.isPattern(/^([0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$/)),
    }),
  ),
});

const fail = (message: string): never => {
  throw new Error(`MADOGUCHI_JPKI_TRUST_ANCHORS: ${message}`);
};

/**
 * Reads `<dir>/pins.json` and the PEM files it names. Refuses, naming the file or generation and never
 * a certificate's contents: a missing or unreadable pins file, an entry that does not decode, a named
 * file that is missing, a certificate file in the directory that no pin names (someone added a CA
 * without pinning it), and no signature anchor at all. Pins themselves are checked by the store.
 */
export const readPinnedAnchors = async (dir: string): Promise<readonly PinnedAnchorConfig[]> => {
  const text = await readFile(join(dir, PINS_FILE), "utf8").catch(() => fail(`${join(dir, PINS_FILE)} cannot be read`));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail(`${PINS_FILE} is not JSON`);
  }
  const decoded = Schema.decodeUnknownResult(PinsSchema)(json, { errors: "all" });
  if (EffectResult.isFailure(decoded)) {
    return fail(`${PINS_FILE} must be { "anchors": [{ "file", "purpose": "signature" | "authentication", "generation", "sha256" }] }: ${String(decoded.failure)}`);
  }
  const entries = decoded.success.anchors;
  const files = await readdir(dir).catch(() => fail(`${dir} cannot be read`));
  const named = new Set(entries.map((entry) => entry.file));
  for (const file of files) {
    if (CERTIFICATE_FILE.test(file) && !named.has(file)) fail(`${file} is in the directory but not pinned in ${PINS_FILE}`);
  }
  if (!entries.some((entry) => entry.purpose === "signature")) fail(`${PINS_FILE} names no CA for signature certificates`);
  return Promise.all(
    entries.map(async (entry) => ({
      purpose: entry.purpose,
      generation: entry.generation,
      pem: await readFile(join(dir, basename(entry.file)), "utf8").catch(() => fail(`${entry.file} (${entry.generation}) cannot be read`)),
      sha256: entry.sha256,
    })),
  );
};

const PEM_CRL = /-----BEGIN X509 CRL-----([A-Za-z0-9+/=\s]+)-----END X509 CRL-----/g;

/** The CRLs of `dir` as DER: DER files as they are, PEM files block by block. */
const readCrls = async (dir: string): Promise<readonly Uint8Array[]> => {
  const files = (await readdir(dir)).filter((file) => !file.startsWith("."));
  const crls: Uint8Array[] = [];
  for (const file of files) {
    const bytes = await readFile(join(dir, file));
    const text = bytes.toString("latin1");
    const blocks = [...text.matchAll(PEM_CRL)];
    if (blocks.length === 0) crls.push(new Uint8Array(bytes));
    for (const [, body] of blocks) crls.push(new Uint8Array(Buffer.from((body ?? "").replace(/\s+/g, ""), "base64")));
  }
  return crls;
};

/** Where revocation answers come from: the CRLs of a directory, an OCSP responder, or both. */
export interface PinnedRevocationSources {
  readonly crlDir: string | null;
  readonly ocsp: { readonly url: string; readonly requireNonce: boolean } | null;
}

/**
 * The revocation checker of the sources (ADR 22 "OCSP"): OCSP alone, the CRLs alone, or OCSP first with
 * the CRLs as fallback when the responder cannot decide (unknown, unreachable). CRLs are read on every
 * check so that the registered verifier's next download takes effect without a restart.
 */
const revocationChecker = async (sources: PinnedRevocationSources): Promise<RevocationChecker> => {
  const { crlDir, ocsp } = sources;
  if (crlDir !== null) {
    await readdir(crlDir).catch(() => {
      throw new Error(`MADOGUCHI_JPKI_CRL_DIR: ${crlDir} cannot be read`);
    });
  }
  const crl = crlDir === null ? null : createCrlRevocationChecker({ crls: () => readCrls(crlDir) });
  const online = ocsp === null ? null : createOcspRevocationChecker({ responderUrl: ocsp.url, requireNonce: ocsp.requireNonce });
  if (online !== null && crl !== null) return createRevocationCheckerWithFallback(online, crl);
  const only = online ?? crl;
  if (only === null) throw new Error("MADOGUCHI_JPKI_TRUST_ANCHORS: no revocation source (MADOGUCHI_JPKI_CRL_DIR or MADOGUCHI_JPKI_OCSP_URL)");
  return only;
};

/**
 * The relying party of a municipality: the CMS verifier over the pinned JPKI CA generations of
 * `anchorsDir`, and revocation from the CRLs of `crlDir` and/or the OCSP responder (no current answer →
 * revocation_unknown, 503). Everything is checked here, at start: a wrong pin or an unreadable directory
 * stops the server.
 */
export const buildPinnedVerifier = async (
  anchorsDir: string,
  sources: PinnedRevocationSources,
  workers = 0,
): Promise<{ verifier: SignatureVerifier; revocation: RevocationChecker }> => {
  const anchors = await readPinnedAnchors(anchorsDir);
  const revocation = await revocationChecker(sources);
  const verifier = await createCmsSignatureVerifierFromStore(createPinnedTrustAnchorStore(anchors), revocation, workers);
  if (verifier.isErr()) return fail(`${verifier.error.message} (${PINS_FILE}, ${verifier.error.reason})`);
  return { verifier: verifier.value, revocation };
};
