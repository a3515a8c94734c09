import { jpkiSignerCases, type JpkiSignerCase, type JpkiSignerHarness } from "@madoguchi/conformance/jpki-signer";
import { errAsync, okAsync } from "neverthrow";
import type { JpkiSigner, SignatureVerifier } from "@madoguchi/core";
import { beforeAll, describe, expect, it } from "vitest";
import { createSerialQueue, createTestCardJpkiSigner, type TestCard } from "../src/index.ts";
import { makeCaAndCard, PASSWORD } from "./fixtures.ts";

// The declined case is only worth having if it catches signers that get a cancel wrong. Each mutant
// wraps the real test-card signer and breaks one rule of `declined`; the case must fail against it.
// (The CMS is verified in adapters/cms-verifier; the case under test needs no verifier.)

const noVerifier: SignatureVerifier = {
  meta: { contract: "signature-verifier@2", name: "unused", capabilities: new Set<never>() },
  verifyDetached: () => {
    throw new Error("not used by the declined case");
  },
} as unknown as SignatureVerifier;

type Mutation = (real: JpkiSigner, wrong: (sessionId: string) => ReturnType<JpkiSigner["completeSigning"]>) => JpkiSigner;

let card: TestCard;
beforeAll(async () => {
  ({ card } = await makeCaAndCard());
});

const harnessWith = (mutation: Mutation): JpkiSignerHarness => ({
  makeSigner: async () => {
    let current = card;
    const real = createTestCardJpkiSigner({
      getCard: () => okAsync(current),
      saveCard: (next) => {
        current = next;
        return okAsync(undefined);
      },
      exclusive: createSerialQueue(),
      clock: { now: () => new Date("2026-11-15T00:00:00Z") },
    });
    return mutation(real, (sessionId) => real.completeSigning({ sessionId, completion: { kind: "secret", secret: "WRONG999" } }));
  },
  completeRight: (signer, sessionId) => signer.completeSigning({ sessionId, completion: { kind: "secret", secret: PASSWORD } }),
  decline: (signer, sessionId) => signer.completeSigning({ sessionId, completion: { kind: "declined", error: "access_denied", state: null } }),
  wrongSecret: () => "WRONG999",
  tries: () => 5,
  verifier: noVerifier,
  at: new Date("2026-11-15T00:00:00Z"),
  keys: ["signature"],
});

const cancelled = { _tag: "JpkiSignerError", reason: "cancelled", operation: "mutant", retryable: false, message: "cancelled" } as const;

const mutations: readonly [string, Mutation][] = [
  // jpki-signer@1's reading: a completion of another kind is invalid_input, and the session stays open.
  ["refuses a decline as invalid_input", (real) => ({ ...real, completeSigning: (input) => (input.completion.kind === "declined" ? errAsync({ ...cancelled, reason: "invalid_input" as const }) : real.completeSigning(input)) })],
  ["answers cancelled but leaves the session open", (real) => ({ ...real, completeSigning: (input) => (input.completion.kind === "declined" ? errAsync(cancelled) : real.completeSigning(input)) })],
  [
    "spends a try on a decline (reads it as a wrong secret)",
    (real, wrong) => ({
      ...real,
      completeSigning: (input) => (input.completion.kind === "declined" ? wrong(input.sessionId).andThen(() => real.completeSigning(input)).orElse(() => real.completeSigning(input)) : real.completeSigning(input)),
    }),
  ],
  ["calls a decline unavailable (retryable)", (real) => ({ ...real, completeSigning: (input) => real.completeSigning(input).mapErr((e) => (e.reason === "cancelled" ? { ...e, reason: "unavailable" as const, retryable: true } : e)) })],
];

const declinedCase = (): JpkiSignerCase => {
  const found = jpkiSignerCases.find((c) => c.name.includes("declined"));
  if (found === undefined) throw new Error("no contract case about a declined session");
  return found;
};

describe("the jpki-signer contract's declined case catches broken signers", () => {
  it("passes the real test-card signer (so the failures below are the mutants')", async () => {
    await declinedCase().run(harnessWith((real) => real), {});
  });

  it.each(mutations)("a signer that %s fails it", async (_, mutation) => {
    await expect(declinedCase().run(harnessWith(mutation), {})).rejects.toThrow();
  });
});
