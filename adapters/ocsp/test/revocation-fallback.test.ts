import type { RevocationChecker, RevocationError, RevocationEvidence, RevocationStatus } from "@madoguchi/core";
import { errAsync, okAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import { createRevocationCheckerWithFallback } from "../src/index.ts";

const evidence = (source: "ocsp" | "crl"): RevocationEvidence =>
  source === "crl"
    ? { source, crlIssuer: "CN=CA", crlNumber: "1", thisUpdate: new Date(0), nextUpdate: null, crlSha256: "c".repeat(64), serialNumber: "01" }
    : { source, responder: "CN=CA", producedAt: new Date(0), thisUpdate: new Date(0), nextUpdate: null, responseDer: new Uint8Array([0x30]), responseSha256: "a".repeat(64), serialNumber: "01" };

type Outcome = "good" | "revoked" | "unknown" | "unavailable" | "invalid_input";

const answer = (outcome: Outcome, source: "ocsp" | "crl"): ReturnType<RevocationChecker["check"]> => {
  if (outcome === "unavailable" || outcome === "invalid_input") {
    const error: RevocationError = { _tag: "RevocationError", reason: outcome, operation: source, retryable: outcome === "unavailable", message: source };
    return errAsync(error);
  }
  const status: RevocationStatus =
    outcome === "good"
      ? { status: "good", evidence: evidence(source) }
      : outcome === "revoked"
        ? { status: "revoked", reason: "keyCompromise", revokedAt: new Date(0), evidence: evidence(source) }
        : { status: "unknown", why: source, evidence: null };
  return okAsync(status);
};

const checker = (name: string, outcome: Outcome, calls: string[], source: "ocsp" | "crl"): RevocationChecker => ({
  meta: { contract: "revocation-checker@1", name, capabilities: new Set<never>() },
  check: () => {
    calls.push(name);
    return answer(outcome, source);
  },
});

const input = { certificateDer: new Uint8Array([0x30]), issuerDer: new Uint8Array([0x30]), at: new Date(0) };

/** What the combination answers: the status (or error reason), whose answer it is, and who was asked. */
const run = async (first: Outcome, second: Outcome) => {
  const calls: string[] = [];
  const combined = createRevocationCheckerWithFallback(checker("ocsp", first, calls, "ocsp"), checker("crl", second, calls, "crl"));
  const result = await combined.check(input);
  const said = result.isOk() ? result.value.status : result.error.reason;
  const by = result.isOk() ? (result.value.evidence?.source ?? (result.value.status === "unknown" ? result.value.why : null)) : result.error.operation;
  return { said, by, calls };
};

describe("OCSP with the CRLs as fallback", () => {
  it("declares the revocation-checker@1 contract and names both", () => {
    const combined = createRevocationCheckerWithFallback(checker("ocsp", "good", [], "ocsp"), checker("crl", "good", [], "crl"));
    expect(combined.meta).toMatchObject({ contract: "revocation-checker@1", name: "ocsp, then crl" });
  });

  const outcomes: Outcome[] = ["good", "revoked", "unknown", "unavailable", "invalid_input"];
  // The whole table: [OCSP, CRL] → [answer, whose, CRL asked?]
  const expected = (first: Outcome, second: Outcome): [string, string, boolean] => {
    if (first === "good" || first === "revoked" || first === "invalid_input") return [first, "ocsp", false];
    if (second === "good" || second === "revoked") return [second, "crl", true];
    if (first === "unavailable") return ["unavailable", "ocsp", true];
    if (second === "unavailable") return ["unavailable", "crl", true];
    return ["unknown", "ocsp", true];
  };
  for (const first of outcomes) {
    for (const second of outcomes) {
      const [said, by, asked] = expected(first, second);
      it(`OCSP ${first}, CRL ${second} → ${said} (${by}'s)${asked ? "" : ", the CRLs not asked"}`, async () => {
        const outcome = await run(first, second);
        expect(outcome).toEqual({ said, by, calls: asked ? ["ocsp", "crl"] : ["ocsp"] });
      });
    }
  }
});
