import { createHash, X509Certificate } from "node:crypto";
import {
  trustAnchorStoreCases,
  type ConfiguredTrustAnchor,
  type MakeTrustAnchorStore,
  type TrustAnchorStoreCase,
} from "@madoguchi/conformance/trust-anchor-store";
import { TRUST_ANCHOR_STORE_CONTRACT, type TrustAnchorStore } from "@madoguchi/core";
import { errAsync, okAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import { createPinnedTrustAnchorStore } from "../src/index.ts";
import { asPinnedConfig, testCaTrustAnchorFixtures } from "./trust-anchor.fixtures.ts";

// The contract is only worth running if it catches broken stores. Each mutant breaks one rule of the
// port; the case that guards that rule must fail against it.

const fixtures = testCaTrustAnchorFixtures();
const real: MakeTrustAnchorStore = (anchors) => createPinnedTrustAnchorStore(anchors.map(asPinnedConfig));
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** The real store with its `list` answer rewritten. */
const rewriting =
  (rewrite: (store: TrustAnchorStore, purpose: "signature" | "authentication") => ReturnType<TrustAnchorStore["list"]>): MakeTrustAnchorStore =>
  async (anchors) => {
    const store = await real(anchors);
    return { ...store, list: (purpose) => rewrite(store, purpose) };
  };

const expired = (der: Uint8Array) => new Date(new X509Certificate(der).validTo).getTime() < Date.now();

/** A store with no checks at all: every configured entry is an anchor, whatever its bytes or pin. */
const trusting: MakeTrustAnchorStore = (anchors: readonly ConfiguredTrustAnchor[]) => ({
  meta: { contract: TRUST_ANCHOR_STORE_CONTRACT, name: "trusting", capabilities: new Set<never>() },
  list: (purpose) =>
    okAsync(
      anchors
        .filter((a) => a.purpose === purpose)
        .map((a) => ({ purpose: a.purpose, generation: a.generation, certificateDer: a.certificateDer, sha256Fingerprint: sha256(a.certificateDer) })),
    ),
});

const mutants: readonly [string, MakeTrustAnchorStore, string][] = [
  ["ignores the pins (trusts whatever file is there)", (anchors) => real(anchors.map((a) => ({ ...a, sha256: sha256(a.certificateDer) }))), "does not match its pin"],
  ["drops a mismatched generation silently", (anchors) => real(anchors.filter((a) => a.sha256 === sha256(a.certificateDer))), "does not match its pin"],
  ["accepts any pinned bytes as a certificate", trusting, "not one certificate"],
  [
    "mixes purposes",
    rewriting((store) => store.list("signature").andThen((s) => store.list("authentication").map((a) => [...s, ...a]))),
    "only that purpose's",
  ],
  ["fingerprints something else", rewriting((store, p) => store.list(p).map((all) => all.map((a) => ({ ...a, sha256Fingerprint: sha256(new TextEncoder().encode(a.generation)) })))), "each with its DER and SHA-256"],
  ["keeps only the newest generation", rewriting((store, p) => store.list(p).map((all) => all.slice(-1))), "several generations"],
  ["drops expired generations", rewriting((store, p) => store.list(p).map((all) => all.filter((a) => !expired(a.certificateDer)))), "expired generation"],
  [
    "answers an error when nothing is configured",
    rewriting((store, p) =>
      store.list(p).andThen((all) =>
        all.length === 0 ? errAsync({ _tag: "TrustAnchorError" as const, reason: "unavailable" as const, operation: "list", retryable: true, message: "none" }) : okAsync(all),
      ),
    ),
    "empty list",
  ],
  [
    "declares another contract",
    async (anchors) => {
      const store = await real(anchors);
      return { ...store, meta: { ...store.meta, contract: "trust-anchor-store@0" as never } };
    },
    "declares",
  ],
];

const caseNamed = (fragment: string): TrustAnchorStoreCase => {
  const found = trustAnchorStoreCases.find((c) => c.name.includes(fragment));
  if (found === undefined) throw new Error(`no contract case mentions ${fragment}`);
  return found;
};

describe("the trust-anchor-store contract catches broken stores", () => {
  it("passes the real store on every case (so the failures below are the mutants')", async () => {
    const loaded = await fixtures.load();
    for (const c of trustAnchorStoreCases) await c.run(real, loaded, { numRuns: 10 });
  });

  it.each(mutants)("%s fails its case", async (_, make, fragment) => {
    await expect(caseNamed(fragment).run(make, await fixtures.load(), { numRuns: 30 })).rejects.toThrow();
  });
});
