import {
  signatureVerifierCases,
  type SignatureFixtures,
  type SignatureVerifierCase,
  type SignatureVerifierSetup,
} from "@madoguchi/conformance/signature-verifier";
import { testCardSignatureFixtures } from "@madoguchi/adapter-test-card";
import type { SignatureError, SignatureVerifier, VerifiedSignature } from "@madoguchi/core";
import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import { createCmsSignatureVerifier } from "../src/index.ts";

// The contract is only worth running if it catches broken verifiers. Each mutant below wraps the real
// verifier and breaks one rule; the cases that guard that rule must fail against it.

const fixtures: SignatureFixtures = testCardSignatureFixtures();

type Mutation = (
  real: SignatureVerifier,
) => (input: Parameters<SignatureVerifier["verifyDetached"]>[0]) => ResultAsync<VerifiedSignature, SignatureError>;

const mutant =
  (mutation: Mutation) =>
  (setup: SignatureVerifierSetup): SignatureVerifier => {
    const real = createCmsSignatureVerifier(setup);
    return { ...real, verifyDetached: mutation(real) };
  };

const fakeSigner: VerifiedSignature = {
  signer: {
    subject: "CN=anyone",
    issuer: "CN=anyone",
    serialNumber: "01",
    notBefore: new Date(0),
    notAfter: new Date(Date.UTC(2999, 0, 1)),
    derBase64: "AA==",
  },
  signingTime: null,
  purpose: "signature",
  basicInformation: null,
  trustAnchorSha256: "0".repeat(64),
  revocation: { source: "crl", crlIssuer: "x", crlNumber: null, thisUpdate: new Date(0), nextUpdate: null, crlSha256: "0".repeat(64), serialNumber: "01" },
};

/** Accepts whatever the real verifier refuses for `reason`. */
const accepting = (reason: SignatureError["reason"]): Mutation => (real) => (input) =>
  real.verifyDetached(input).orElse((error) => (error.reason === reason ? okAsync(fakeSigner) : errAsync(error)));

/** Reports `from` as `to`. */
const relabelling = (from: SignatureError["reason"], to: SignatureError["reason"]): Mutation => (real) => (input) =>
  real.verifyDetached(input).mapErr((error) => (error.reason === from ? { ...error, reason: to } : error));

const caseNamed = (fragment: string): SignatureVerifierCase => {
  const found = signatureVerifierCases.find((c) => c.name.includes(fragment));
  if (found === undefined) throw new Error(`no contract case mentions ${fragment}`);
  return found;
};

const expectCaseToCatch = async (fragment: string, mutation: Mutation) => {
  const loaded = await fixtures.load();
  await expect(caseNamed(fragment).run(mutant(mutation), loaded, { numRuns: 3 })).rejects.toThrow();
};

describe("the signature-verifier contract catches broken verifiers", () => {
  it("passes the real verifier on the cases used below (so failures below are the mutants')", async () => {
    const loaded = await fixtures.load();
    const real = (setup: SignatureVerifierSetup) => createCmsSignatureVerifier(setup);
    await caseNamed("(content_mismatch)").run(real, loaded, { numRuns: 3 });
  });

  it.each([
    ["every single flipped byte of the content", "content_mismatch"],
    ["truncated, extended or other content", "content_mismatch"],
    ["signature value", "bad_signature"],
    ["not a trust anchor", "untrusted_chain"],
    ["impostor CA", "untrusted_chain"],
    ["an expired signer", "expired"],
    ["far after its validity", "expired"],
    ["not yet valid", "not_yet_valid"],
    ["wrong_key_usage", "wrong_key_usage"],
    ["garbage", "malformed"],
    ["(revoked)", "revoked"],
    ["(revocation_unknown)", "revocation_unknown"],
    ["(wrong_certificate_policy)", "wrong_certificate_policy"],
  ] as const)("'%s' fails a verifier that accepts %s", async (fragment, reason) => {
    await expectCaseToCatch(fragment, accepting(reason));
  });

  it.each([
    ["every single flipped byte of the content", "content_mismatch", "bad_signature"],
    ["signature value", "bad_signature", "malformed"],
    ["impostor CA", "untrusted_chain", "bad_signature"],
    ["an expired signer", "expired", "not_yet_valid"],
    ["garbage", "malformed", "unavailable"],
  ] as const)("'%s' fails a verifier that reports %s as %s", async (fragment, from, to) => {
    await expectCaseToCatch(fragment, relabelling(from, to));
  });

  it("fails a verifier that throws on garbage instead of returning malformed", async () => {
    await expectCaseToCatch("garbage", (real) => (input) => {
      if (input.cms.length < 100) throw new Error("boom");
      return real.verifyDetached(input);
    });
  });

  it("fails a verifier that reports another signer or drops the signing time", async () => {
    await expectCaseToCatch("returns the signer and signingTime", (real) => (input) =>
      real.verifyDetached(input).map((v) => ({ ...v, signer: { ...v.signer, serialNumber: "00" } })),
    );
    await expectCaseToCatch("returns the signer and signingTime", (real) => (input) =>
      real.verifyDetached(input).map((v) => ({ ...v, signingTime: null })),
    );
  });

  it("fails a verifier that drops or alters the 4 basic information items", async () => {
    await expectCaseToCatch("exactly the 4 basic information items", (real) => (input) =>
      real.verifyDetached(input).map((v) => ({ ...v, basicInformation: null })),
    );
    await expectCaseToCatch("exactly the 4 basic information items", (real) => (input) =>
      real.verifyDetached(input).map((v) =>
        v.basicInformation === null ? v : { ...v, basicInformation: { ...v.basicInformation, nameSubstitute: v.basicInformation.name } },
      ),
    );
  });

  it("fails a verifier that reports a revoked certificate as expired", async () => {
    await expectCaseToCatch("(revoked)", relabelling("revoked", "expired"));
  });

  it("fails a verifier that declares another contract", async () => {
    const loaded = await fixtures.load();
    const wrongMeta = (setup: SignatureVerifierSetup): SignatureVerifier => ({
      ...createCmsSignatureVerifier(setup),
      meta: { contract: "signature-verifier@0", name: "old", capabilities: new Set<never>() },
    });
    await expect(caseNamed("declares").run(wrongMeta, loaded, {})).rejects.toThrow();
  });
});
