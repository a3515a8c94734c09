import { createHash } from "node:crypto";
import fc from "fast-check";
import type { Result } from "neverthrow";
import { describe, expect, it } from "vitest";
import {
  TRUST_ANCHOR_STORE_CONTRACT,
  type JpkiKey,
  type TrustAnchor,
  type TrustAnchorError,
  type TrustAnchorStore,
} from "@madoguchi/core";

/** One CA generation as a deployment configures it: the certificate and the pin it must match. */
export interface ConfiguredTrustAnchor {
  readonly purpose: JpkiKey;
  readonly generation: string;
  /** The CA certificate, DER (the adapter may want PEM or a file: the harness converts). */
  readonly certificateDer: Uint8Array;
  /** SHA-256 the certificate must have, lower-case hex. */
  readonly sha256: string;
}

/** Builds the store under test from exactly these configured anchors. */
export type MakeTrustAnchorStore = (anchors: readonly ConfiguredTrustAnchor[]) => TrustAnchorStore | Promise<TrustAnchorStore>;

/**
 * CA certificates the suite configures (made by a package that can make certificates, e.g.
 * `testCardTrustAnchorFixtures()`): at least three valid ones and one expired generation.
 */
export interface LoadedTrustAnchorFixtures {
  /** Distinct self-signed CA certificates (DER), each valid at the time of the run. */
  readonly certificates: readonly Uint8Array[];
  /** A CA certificate whose validity ended before the time of the run (an old generation, like the 2015 CA). */
  readonly expiredCertificate: Uint8Array;
}

/** Lazily built fixtures: key generation is slow, so `load()` runs once per suite and may cache. */
export interface TrustAnchorFixtures {
  load(): Promise<LoadedTrustAnchorFixtures>;
}

/** Tuning of {@link describeTrustAnchorStoreContract}. */
export interface TrustAnchorStoreContractOptions {
  /** fast-check runs per property (default 30). */
  readonly numRuns?: number;
}

/** One named check of the trust-anchor-store contract: throws (via `expect`) when the adapter breaks it. */
export interface TrustAnchorStoreCase {
  readonly name: string;
  readonly run: (make: MakeTrustAnchorStore, fixtures: LoadedTrustAnchorFixtures, options: TrustAnchorStoreContractOptions) => Promise<void>;
}

const PURPOSES: readonly JpkiKey[] = ["signature", "authentication"];
const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const configured = (purpose: JpkiKey, generation: string, certificateDer: Uint8Array): ConfiguredTrustAnchor => ({
  purpose,
  generation,
  certificateDer,
  sha256: sha256Hex(certificateDer),
});

/** Calls `list`, failing the test if it throws or rejects instead of returning a Result. */
const list = async (store: TrustAnchorStore, purpose: JpkiKey): Promise<Result<readonly TrustAnchor[], TrustAnchorError>> => {
  try {
    return await store.list(purpose);
  } catch (thrown) {
    return expect.fail(`list threw instead of returning an error value: ${String(thrown)}`);
  }
};

const anchorsOf = async (store: TrustAnchorStore, purpose: JpkiKey): Promise<readonly TrustAnchor[]> => {
  const result = await list(store, purpose);
  if (result.isErr()) expect.fail(`list(${purpose}) failed: ${result.error.reason}: ${result.error.message}`);
  return result.value;
};

const errorOf = async (store: TrustAnchorStore, purpose: JpkiKey): Promise<TrustAnchorError> => {
  const result = await list(store, purpose);
  if (result.isOk()) expect.fail(`list(${purpose}) answered ${result.value.length} anchors, expected a TrustAnchorError`);
  expect(result.error._tag).toBe("TrustAnchorError");
  expect(["pin_mismatch", "malformed", "unavailable"]).toContain(result.error.reason);
  return result.error;
};

/** The anchors as comparable rows (order is not part of the contract). */
const rows = (anchors: readonly { purpose: JpkiKey; generation: string; certificateDer: Uint8Array }[]) =>
  anchors.map((a) => `${a.purpose}|${a.generation}|${Buffer.from(a.certificateDer).toString("hex")}`).sort();

/** Generation labels people write: distinct, non-empty, with Japanese text allowed. */
const generationsArb = (count: number) =>
  fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9 一-龠ぁ-ん-]{1,24}$/), { minLength: count, maxLength: count });

/** Which of the fixture certificates are configured, and for which purpose. */
const layoutArb = (available: number) =>
  fc
    .array(fc.constantFrom<JpkiKey | null>("signature", "authentication", null), { minLength: available, maxLength: available })
    .chain((purposes) => generationsArb(available).map((generations) => ({ purposes, generations })));

/** Every case of the trust-anchor-store contract, exported so a suite's own tests can run one against a broken store. */
export const trustAnchorStoreCases: readonly TrustAnchorStoreCase[] = [
  {
    name: "declares the trust-anchor-store@1 contract",
    run: async (make) => {
      const store = await make([]);
      expect(store.meta.contract).toBe(TRUST_ANCHOR_STORE_CONTRACT);
    },
  },
  {
    name: "no configured anchor is an empty list (Ok), not an error",
    run: async (make) => {
      const store = await make([]);
      for (const purpose of PURPOSES) expect(await anchorsOf(store, purpose)).toEqual([]);
    },
  },
  {
    name: "lists every configured generation of a purpose, and only that purpose's, each with its DER and SHA-256",
    run: async (make, fixtures, options) => {
      await fc.assert(
        fc.asyncProperty(layoutArb(fixtures.certificates.length), async ({ purposes, generations }) => {
          const anchors = fixtures.certificates.flatMap((der, i) =>
            purposes[i] === null ? [] : [configured(purposes[i]!, generations[i]!, der)],
          );
          const store = await make(anchors);
          for (const purpose of PURPOSES) {
            const listed = await anchorsOf(store, purpose);
            // Purposes kept apart: a signature CA never vouches for an authentication certificate.
            expect(rows(listed)).toEqual(rows(anchors.filter((a) => a.purpose === purpose)));
            for (const anchor of listed) {
              expect(anchor.purpose).toBe(purpose);
              expect(anchor.sha256Fingerprint).toBe(sha256Hex(anchor.certificateDer));
            }
          }
        }),
        { numRuns: options.numRuns ?? 30 },
      );
    },
  },
  {
    name: "keeps several generations of one purpose at once (a card verifies only against the one that issued it)",
    run: async (make, fixtures) => {
      const [older, newer] = fixtures.certificates;
      const store = await make([configured("signature", "JPKI sign 2019", older!), configured("signature", "JPKI sign 2023", newer!)]);
      const listed = await anchorsOf(store, "signature");
      expect(listed.map((a) => a.generation).sort()).toEqual(["JPKI sign 2019", "JPKI sign 2023"]);
      expect(await anchorsOf(store, "authentication")).toEqual([]);
    },
  },
  {
    name: "lists an expired generation too: the store has no clock, validity at the signing time is the verifier's check",
    run: async (make, fixtures) => {
      const store = await make([
        configured("signature", "JPKI sign 2015 (expired)", fixtures.expiredCertificate),
        configured("signature", "JPKI sign 2023", fixtures.certificates[0]!),
      ]);
      expect((await anchorsOf(store, "signature")).map((a) => a.generation).sort()).toEqual(["JPKI sign 2015 (expired)", "JPKI sign 2023"]);
    },
  },
  {
    name: "refuses a certificate that does not match its pin (pin_mismatch, not retryable) and never lists it",
    run: async (make, fixtures, options) => {
      const count = fixtures.certificates.length;
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: count - 1 }),
          fc.integer({ min: 1, max: count - 1 }),
          fc.constantFrom<JpkiKey>(...PURPOSES),
          fc.boolean(),
          fc.nat({ max: 63 }),
          async (victim, shift, purpose, swapFile, digit) => {
            const pinned = fixtures.certificates[victim]!;
            const wrong: ConfiguredTrustAnchor = swapFile
              ? // The file was swapped for another CA's certificate; the pin still names the original.
                { ...configured(purpose, "swapped", fixtures.certificates[(victim + shift) % count]!), sha256: sha256Hex(pinned) }
              : // The pin has one wrong hex digit.
                { ...configured(purpose, "mistyped pin", pinned), sha256: flipHexDigit(sha256Hex(pinned), digit) };
            const other = fixtures.certificates[(victim + 1) % count]!;
            const store = await make([configured(purpose, "good generation", other), wrong]);
            const error = await errorOf(store, purpose);
            expect(error.reason).toBe("pin_mismatch");
            expect(error.retryable).toBe(false);
            // Whatever the other purpose answers, the refused certificate is not in it.
            const elsewhere = await list(store, purpose === "signature" ? "authentication" : "signature");
            if (elsewhere.isOk()) expect(rows(elsewhere.value)).not.toContainEqual(rows([wrong])[0]);
          },
        ),
        { numRuns: options.numRuns ?? 30 },
      );
    },
  },
  {
    name: "refuses bytes that are not one certificate even when the pin matches them (malformed)",
    run: async (make, fixtures) => {
      const [first, second] = fixtures.certificates;
      const notCertificates = [new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]), new Uint8Array(Buffer.concat([first!, second!])), new Uint8Array(0)];
      for (const bytes of notCertificates) {
        const store = await make([configured("signature", "not a certificate", bytes)]);
        expect((await errorOf(store, "signature")).reason).toBe("malformed");
      }
    },
  },
];

const flipHexDigit = (hex: string, index: number) =>
  `${hex.slice(0, index)}${((parseInt(hex[index]!, 16) + 1) % 16).toString(16)}${hex.slice(index + 1)}`;

/**
 * Runs the trust-anchor-store contract (`trust-anchor-store@1`) against the store `make` builds from
 * configured anchors: every generation of a purpose listed with its DER and SHA-256, purposes kept
 * apart, expired generations still listed (no clock in the store), a certificate that does not match
 * its pin or is not one certificate refused.
 */
export const describeTrustAnchorStoreContract = (
  name: string,
  make: MakeTrustAnchorStore,
  fixtures: TrustAnchorFixtures,
  options: TrustAnchorStoreContractOptions = {},
): void => {
  describe(`trust-anchor-store contract: ${name}`, () => {
    for (const c of trustAnchorStoreCases) it(c.name, async () => c.run(make, await fixtures.load(), options), 120_000);
  });
};
