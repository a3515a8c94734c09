import { revocationCheckerCases, type RevocationCheckerCase } from "@madoguchi/conformance/revocation-checker";
import type { RevocationChecker, RevocationStatus } from "@madoguchi/core";
import { okAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import { createCrlRevocationChecker } from "../src/index.ts";
import { crlCheckerHarness } from "./revocation.harness.ts";

// The contract is only worth running if it catches broken checkers. Each mutant wraps the real CRL
// checker and breaks one rule; the case that guards that rule must fail against it.

type Mutation = (status: RevocationStatus) => RevocationStatus;

const mutant = (mutation: Mutation) =>
  crlCheckerHarness((crls) => {
    const real = createCrlRevocationChecker({ crls: async () => crls });
    return { ...real, check: (input) => real.check(input).map(mutation) };
  });

const fakeEvidence = {
  source: "crl" as const,
  crlIssuer: "CN=nobody",
  crlNumber: "1",
  thisUpdate: new Date(0),
  nextUpdate: null,
  crlSha256: "0".repeat(64),
  serialNumber: "01",
};

const mutations: readonly [string, Mutation, string][] = [
  ["ignores the CRL's entries (revoked read as good)", (s) => (s.status === "revoked" ? { status: "good", evidence: s.evidence } : s), "a listed serial answers revoked"],
  // Always another reason than the CRL's: a generated CRL may list only "unspecified" entries.
  ["loses the reason", (s) => (s.status === "revoked" ? { ...s, reason: s.reason === "keyCompromise" ? "affiliationChanged" : "keyCompromise" } : s), "a listed serial answers revoked"],
  ["dates the revocation by the CRL", (s) => (s.status === "revoked" && s.evidence.source === "crl" ? { ...s, revokedAt: s.evidence.thisUpdate } : s), "a listed serial answers revoked"],
  ["revokes what it cannot find (good read as revoked)", (s) => (s.status === "good" ? { status: "revoked", reason: "unspecified", revokedAt: new Date(0), evidence: s.evidence } : s), "not yet in force"],
  ["stale CRL read as good", (s) => (s.status === "unknown" && s.evidence !== null ? { status: "good", evidence: s.evidence } : s), "(stale)"],
  ["no usable CRL read as good", (s) => (s.status === "unknown" ? { status: "good", evidence: s.evidence ?? fakeEvidence } : s), "(other_issuer)"],
  ["badly signed CRL read as good", (s) => (s.status === "unknown" ? { status: "good", evidence: s.evidence ?? fakeEvidence } : s), "(bad_signature)"],
  ["evidence names another serial", (s) => (s.evidence?.source === "crl" ? { ...s, evidence: { ...s.evidence, serialNumber: "7f" } } : s), "evidence of a current answer"],
  ["evidence hashes something else", (s) => (s.evidence?.source === "crl" ? { ...s, evidence: { ...s.evidence, crlSha256: "0".repeat(64) } } : s), "evidence of a current answer"],
  ["evidence without the cRLNumber", (s) => (s.evidence?.source === "crl" ? { ...s, evidence: { ...s.evidence, crlNumber: null } } : s), "evidence of a current answer"],
  ["evidence with a made-up window", (s) => (s.evidence?.source === "crl" ? { ...s, evidence: { ...s.evidence, nextUpdate: null } } : s), "evidence of a current answer"],
];

const caseNamed = (fragment: string): RevocationCheckerCase => {
  const found = revocationCheckerCases.find((c) => c.name.includes(fragment));
  if (found === undefined) throw new Error(`no contract case mentions ${fragment}`);
  return found;
};

describe("the revocation-checker contract catches broken checkers", () => {
  it("passes the real checker on every case (so the failures below are the mutants')", async () => {
    const loaded = await mutant((s) => s).load();
    for (const c of revocationCheckerCases) await c.run(loaded, { numRuns: 5 });
  });

  it.each(mutations)("%s fails its case", async (_, mutation, fragment) => {
    const loaded = await mutant(mutation).load();
    await expect(caseNamed(fragment).run(loaded, { numRuns: 10 })).rejects.toThrow();
  });

  it("a checker that throws on garbage fails the invalid_input case", async () => {
    const loaded = await crlCheckerHarness((crls): RevocationChecker => {
      const real = createCrlRevocationChecker({ crls: async () => crls });
      return {
        ...real,
        check: (input) => {
          if (input.certificateDer.length < 50 || input.issuerDer.length < 50) throw new TypeError("not DER");
          return real.check(input);
        },
      };
    }).load();
    await expect(caseNamed("not a certificate").run(loaded, {})).rejects.toThrow();
  });

  it("a checker with another contract id fails the meta case", async () => {
    const loaded = await crlCheckerHarness((crls) => {
      const real = createCrlRevocationChecker({ crls: async () => crls });
      return { ...real, meta: { ...real.meta, contract: "revocation-checker@0" as never } };
    }).load();
    await expect(caseNamed("declares").run(loaded, {})).rejects.toThrow();
  });

  it("a checker that answers good from no data at all fails every unknown case", async () => {
    const loaded = await crlCheckerHarness(() => ({
      meta: { contract: "revocation-checker@1", name: "optimist", capabilities: new Set<never>() },
      check: () => okAsync({ status: "good", evidence: fakeEvidence }),
    })).load();
    for (const fragment of ["(stale)", "(other_issuer)", "(bad_signature)"]) {
      await expect(caseNamed(fragment).run(loaded, {})).rejects.toThrow();
    }
  });
});
