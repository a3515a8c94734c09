import fc from "fast-check";
import { okAsync, type Result } from "neverthrow";
import { describe, expect, it } from "vitest";
import {
  parseJpkiDateOfBirth,
  SIGNATURE_VERIFIER_CONTRACT,
  type JpkiKey,
  type RevocationChecker,
  type SignatureError,
  type SignatureVerifier,
  type VerifiedSignature,
} from "@madoguchi/core";
import type { FixtureBasicInformation, LoadedSignatureFixtures, SignatureFixtures } from "./signature-fixtures.ts";

/** What the verifier under test is built with. */
export interface SignatureVerifierSetup {
  /** Trust anchors for signature certificates, exactly these. */
  readonly trustAnchorsPem: string[];
  /** Trust anchors for user-authentication certificates, exactly these. */
  readonly authenticationTrustAnchorsPem: string[];
  readonly revocation: RevocationChecker;
}

/** Builds the verifier under test from `setup`. */
export type MakeSignatureVerifier = (setup: SignatureVerifierSetup) => SignatureVerifier;

/** Tuning of {@link describeSignatureVerifierContract}. */
export interface SignatureVerifierContractOptions {
  /** fast-check runs per property that signs (default 20; every run signs once). */
  readonly numRuns?: number;
}

/** One named check of the signature-verifier contract: throws (via `expect`) when the adapter breaks it. */
export interface SignatureVerifierCase {
  readonly name: string;
  readonly run: (
    makeVerifier: MakeSignatureVerifier,
    fixtures: LoadedSignatureFixtures,
    options: SignatureVerifierContractOptions,
  ) => Promise<void>;
}

const REASONS: readonly SignatureError["reason"][] = [
  "malformed",
  "content_mismatch",
  "bad_signature",
  "untrusted_chain",
  "expired",
  "not_yet_valid",
  "wrong_key_usage",
  "wrong_certificate_policy",
  "basic_information_invalid",
  "revoked",
  "revocation_unknown",
  "unavailable",
];

/** Calls `verifyDetached`, failing the test if it throws or rejects instead of returning a Result. */
const verify = async (
  verifier: SignatureVerifier,
  input: { content: Uint8Array; cms: Uint8Array; at: Date; purpose?: JpkiKey },
): Promise<Result<VerifiedSignature, SignatureError>> => {
  try {
    return await verifier.verifyDetached({ ...input, purpose: input.purpose ?? "signature" });
  } catch (thrown) {
    return expect.fail(`verifyDetached threw instead of returning an error value: ${String(thrown)}`);
  }
};

const okValue = async (pending: Promise<Result<VerifiedSignature, SignatureError>>) => {
  const result = await pending;
  if (result.isErr()) expect.fail(`expected a verified signature, got ${result.error.reason}: ${result.error.message}`);
  return result.value;
};

/** The error, checked to be a well-formed SignatureError (closed reason, final reasons not retryable). */
const errorOf = async (pending: Promise<Result<VerifiedSignature, SignatureError>>): Promise<SignatureError> => {
  const result = await pending;
  if (result.isOk()) expect.fail("expected a SignatureError, got a verified signature");
  const error = result.error;
  expect(error._tag).toBe("SignatureError");
  expect(REASONS).toContain(error.reason);
  expect(typeof error.operation).toBe("string");
  expect(typeof error.message).toBe("string");
  if (error.reason !== "unavailable") expect(error.retryable).toBe(false);
  return error;
};

const reasonOf = async (pending: Promise<Result<VerifiedSignature, SignatureError>>) => (await errorOf(pending)).reason;

const flip = (bytes: Uint8Array, index: number, mask: number): Uint8Array => {
  const copy = new Uint8Array(bytes);
  copy[index] = (copy[index] ?? 0) ^ mask;
  return copy;
};

const contentArb = fc.uint8Array({ minLength: 0, maxLength: 2048 });
const nonEmptyContentArb = fc.uint8Array({ minLength: 1, maxLength: 512 });
const maskArb = fc.integer({ min: 1, max: 255 });
const text = (value: string) => new TextEncoder().encode(value);

const anchorsOf = (fixtures: LoadedSignatureFixtures): SignatureVerifierSetup => ({
  trustAnchorsPem: [...fixtures.trustAnchorsPem],
  authenticationTrustAnchorsPem: [...fixtures.authenticationTrustAnchorsPem],
  revocation: fixtures.revocation,
});

const noRevocationData: RevocationChecker = {
  meta: { contract: "revocation-checker@1", name: "empty", capabilities: new Set<never>() },
  check: () => okAsync({ status: "unknown", why: "no CRL held", evidence: null }),
};

const kanji = fc.constantFrom(..."髙橋𠮷子山田太郎花齋藤渡邊一二三区町".split(/(?:)/u));
const textOf = (min: number, max: number) => fc.array(kanji, { minLength: min, maxLength: max }).map((a) => a.join(""));
/** Generated 4 basic information items, including MJ characters and partial dates of birth. */
export const basicInformationArb: fc.Arbitrary<FixtureBasicInformation> = fc.record({
  name: textOf(1, 12),
  nameSubstitute: textOf(1, 12),
  sex: fc.constantFrom("1" as const, "2" as const, "3" as const),
  dateOfBirth: fc
    .tuple(
      fc.integer({ min: 1, max: 5 }),
      fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2025-12-31T00:00:00Z"), noInvalidDate: true }),
      fc.constantFrom("full", "no-day", "no-month"),
    )
    .map(([era, date, shape]) => {
      const y = String(date.getUTCFullYear()).padStart(4, "0");
      const m = shape === "no-month" ? "00" : String(date.getUTCMonth() + 1).padStart(2, "0");
      const d = shape === "full" ? String(date.getUTCDate()).padStart(2, "0") : "00";
      return `${era}${y}${m}${d}`;
    }),
  address: textOf(1, 20).map((rest) => `みほん県みほん市${rest}`),
  addressSubstitute: textOf(1, 20).map((rest) => `みほん県みほん市${rest}`),
});

/** What a verifier must report for a certificate carrying `info`. */
const expectedBasicInformation = (info: FixtureBasicInformation) => ({ ...info, dateOfBirth: parseJpkiDateOfBirth(info.dateOfBirth) });

/** The cases of the contract, exported so adapters' tests can prove each one catches a broken verifier. */
export const signatureVerifierCases: readonly SignatureVerifierCase[] = [
  {
    name: "declares the signature-verifier@2 contract and passes its health check",
    run: async (make, fixtures) => {
      const verifier = make(anchorsOf(fixtures));
      expect(verifier.meta.contract).toBe(SIGNATURE_VERIFIER_CONTRACT);
      const health = await verifier.healthCheck();
      expect(health.isOk()).toBe(true);
    },
  },
  {
    name: "verifies a valid signature over any content and returns the signer and signingTime",
    run: async (make, fixtures, options) => {
      const verifier = make(anchorsOf(fixtures));
      await fc.assert(
        fc.asyncProperty(contentArb, async (content) => {
          const signed = await fixtures.sign("valid", content);
          const verified = await okValue(verify(verifier, { content, cms: signed.cms, at: fixtures.at }));
          expect(verified.signer.serialNumber).toBe(signed.signerSerialNumber);
          expect(verified.signingTime).toEqual(fixtures.signingTime);
          expect(verified.signer.notBefore.getTime()).toBeLessThanOrEqual(fixtures.at.getTime());
          expect(verified.signer.notAfter.getTime()).toBeGreaterThanOrEqual(fixtures.at.getTime());
          expect(verified.signer.subject.length).toBeGreaterThan(0);
          expect(verified.signer.issuer.length).toBeGreaterThan(0);
          expect(verified.signer.derBase64).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
          expect(verified.purpose).toBe("signature");
          expect(verified.basicInformation).toEqual(expectedBasicInformation(fixtures.basicInformation));
          expect(verified.revocation.serialNumber).toBe(signed.signerSerialNumber);
          expect(verified.trustAnchorSha256).toMatch(/^[0-9a-f]{64}$/);
        }),
        { numRuns: options.numRuns ?? 20 },
      );
    },
  },
  {
    name: "refuses every single flipped byte of the content (content_mismatch)",
    run: async (make, fixtures, options) => {
      const verifier = make(anchorsOf(fixtures));
      // Exhaustively for one document: no byte of the content goes unchecked…
      const content = text('{"type":"madoguchi.application/v1","applicant":{"name":"髙橋 𠮷子"},"copies":1}');
      const signed = await fixtures.sign("valid", content);
      for (let index = 0; index < content.length; index++) {
        const tampered = flip(content, index, 0x01);
        expect(await reasonOf(verify(verifier, { content: tampered, cms: signed.cms, at: fixtures.at }))).toBe(
          "content_mismatch",
        );
      }
      // …and for arbitrary documents, positions and masks.
      await fc.assert(
        fc.asyncProperty(
          nonEmptyContentArb.chain((bytes) => fc.tuple(fc.constant(bytes), fc.nat({ max: bytes.length - 1 }), maskArb)),
          async ([bytes, index, mask]) => {
            const cms = (await fixtures.sign("valid", bytes)).cms;
            const tampered = flip(bytes, index, mask);
            expect(await reasonOf(verify(verifier, { content: tampered, cms, at: fixtures.at }))).toBe(
              "content_mismatch",
            );
          },
        ),
        { numRuns: options.numRuns ?? 20 },
      );
    },
  },
  {
    name: "refuses truncated, extended or other content (content_mismatch)",
    run: async (make, fixtures) => {
      const verifier = make(anchorsOf(fixtures));
      const content = text("住民票の写し 1通");
      const signed = await fixtures.sign("valid", content);
      for (const other of [content.subarray(0, content.length - 1), new Uint8Array([...content, 0]), new Uint8Array(0)]) {
        expect(await reasonOf(verify(verifier, { content: other, cms: signed.cms, at: fixtures.at }))).toBe(
          "content_mismatch",
        );
      }
    },
  },
  {
    name: "refuses every single flipped byte of the signature value (bad_signature)",
    run: async (make, fixtures, options) => {
      const verifier = make(anchorsOf(fixtures));
      const content = text("signature value tamper");
      const signed = await fixtures.sign("valid", content);
      const { signatureValueOffset: start, signatureValueLength: length } = signed;
      expect(length).toBeGreaterThan(0);
      for (let index = start; index < start + length; index++) {
        const cms = flip(signed.cms, index, 0x01);
        expect(await reasonOf(verify(verifier, { content, cms, at: fixtures.at }))).toBe("bad_signature");
      }
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: length - 1 }), maskArb, async (offset, mask) => {
          const cms = flip(signed.cms, start + offset, mask);
          expect(await reasonOf(verify(verifier, { content, cms, at: fixtures.at }))).toBe("bad_signature");
        }),
        { numRuns: Math.max(options.numRuns ?? 20, 100) },
      );
    },
  },
  {
    name: "refuses a signer from a CA that is not a trust anchor (untrusted_chain)",
    run: async (make, fixtures) => {
      const verifier = make(anchorsOf(fixtures));
      const content = text("untrusted");
      const signed = await fixtures.sign("untrusted_ca", content);
      expect(await reasonOf(verify(verifier, { content, cms: signed.cms, at: fixtures.at }))).toBe("untrusted_chain");
    },
  },
  {
    name: "refuses a signer from an impostor CA named like a trust anchor: signatures, not names (untrusted_chain)",
    run: async (make, fixtures) => {
      const verifier = make(anchorsOf(fixtures));
      const content = text("impostor");
      const signed = await fixtures.sign("impostor_ca", content);
      expect(await reasonOf(verify(verifier, { content, cms: signed.cms, at: fixtures.at }))).toBe("untrusted_chain");
    },
  },
  {
    name: "refuses an expired signer certificate (expired)",
    run: async (make, fixtures) => {
      const verifier = make(anchorsOf(fixtures));
      const content = text("expired");
      const signed = await fixtures.sign("expired", content);
      expect(await reasonOf(verify(verifier, { content, cms: signed.cms, at: fixtures.at }))).toBe("expired");
    },
  },
  {
    name: "refuses a signer certificate that is not yet valid (not_yet_valid)",
    run: async (make, fixtures) => {
      const verifier = make(anchorsOf(fixtures));
      const content = text("not yet valid");
      const signed = await fixtures.sign("not_yet_valid", content);
      expect(await reasonOf(verify(verifier, { content, cms: signed.cms, at: fixtures.at }))).toBe("not_yet_valid");
    },
  },
  {
    name: "refuses a valid signer verified far after its validity (expired)",
    run: async (make, fixtures) => {
      const verifier = make(anchorsOf(fixtures));
      const content = text("much later");
      const signed = await fixtures.sign("valid", content);
      const later = new Date(Date.UTC(2200, 0, 1));
      expect(await reasonOf(verify(verifier, { content, cms: signed.cms, at: later }))).toBe("expired");
    },
  },
  {
    name: "refuses a certificate without digitalSignature or nonRepudiation (wrong_key_usage)",
    run: async (make, fixtures) => {
      const verifier = make(anchorsOf(fixtures));
      const content = text("wrong key usage");
      const signed = await fixtures.sign("wrong_key_usage", content);
      expect(await reasonOf(verify(verifier, { content, cms: signed.cms, at: fixtures.at }))).toBe("wrong_key_usage");
    },
  },
  {
    name: "refuses garbage, truncated CMS and a certificate posing as CMS without throwing (malformed)",
    run: async (make, fixtures, options) => {
      const verifier = make(anchorsOf(fixtures));
      const content = text("garbage");
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 1024 }), async (garbage) => {
          expect(await reasonOf(verify(verifier, { content, cms: garbage, at: fixtures.at }))).toBe("malformed");
        }),
        { numRuns: Math.max(options.numRuns ?? 20, 200) },
      );
      const signed = await fixtures.sign("valid", content);
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: signed.cms.length - 1 }), async (length) => {
          const truncated = signed.cms.subarray(0, length);
          expect(await reasonOf(verify(verifier, { content, cms: truncated, at: fixtures.at }))).toBe("malformed");
        }),
        { numRuns: Math.max(options.numRuns ?? 20, 200) },
      );
      const anchor = fixtures.trustAnchorsPem[0] ?? "";
      const certificateDer = new Uint8Array(Buffer.from(anchor.replace(/-----[^-]+-----|\s/g, ""), "base64"));
      expect(await reasonOf(verify(verifier, { content, cms: certificateDer, at: fixtures.at }))).toBe("malformed");
    },
  },
  {
    name: "yields exactly the 4 basic information items the certificate carries (generated)",
    run: async (make, fixtures, options) => {
      const verifier = make(anchorsOf(fixtures));
      const content = text("4 basic information items");
      await fc.assert(
        fc.asyncProperty(basicInformationArb, async (info) => {
          const signed = await fixtures.sign("valid", content, info);
          const verified = await okValue(verify(verifier, { content, cms: signed.cms, at: fixtures.at }));
          expect(verified.basicInformation).toEqual(expectedBasicInformation(info));
        }),
        // Each run issues a certificate with a fresh RSA key: kept small for shared CI cores.
        { numRuns: Math.min(options.numRuns ?? 20, 4) },
      );
    },
  },
  {
    name: "refuses a revoked signer certificate (revoked)",
    run: async (make, fixtures) => {
      const verifier = make(anchorsOf(fixtures));
      const content = text("revoked");
      const signed = await fixtures.sign("revoked", content);
      expect(await reasonOf(verify(verifier, { content, cms: signed.cms, at: fixtures.at }))).toBe("revoked");
    },
  },
  {
    name: "refuses when no revocation data covers the signer, instead of assuming good (revocation_unknown)",
    run: async (make, fixtures) => {
      const verifier = make({ ...anchorsOf(fixtures), revocation: noRevocationData });
      const content = text("unknown revocation");
      const signed = await fixtures.sign("valid", content);
      expect(await reasonOf(verify(verifier, { content, cms: signed.cms, at: fixtures.at }))).toBe("revocation_unknown");
    },
  },
  {
    name: "refuses a signature certificate used where an authentication certificate belongs, and the reverse (wrong_certificate_policy)",
    run: async (make, fixtures) => {
      const verifier = make(anchorsOf(fixtures));
      const content = text("login challenge");
      const bySignatureKey = await fixtures.sign("valid", content);
      expect(
        await reasonOf(verify(verifier, { content, cms: bySignatureKey.cms, at: fixtures.at, purpose: "authentication" })),
      ).toBe("wrong_certificate_policy");
      const byAuthenticationKey = await fixtures.sign("authentication", content);
      expect(await reasonOf(verify(verifier, { content, cms: byAuthenticationKey.cms, at: fixtures.at }))).toBe(
        "wrong_certificate_policy",
      );
    },
  },
  {
    name: "verifies an authentication certificate for authentication, with no 4 basic information items",
    run: async (make, fixtures) => {
      const verifier = make(anchorsOf(fixtures));
      const content = text("login challenge");
      const signed = await fixtures.sign("authentication", content);
      const verified = await okValue(
        verify(verifier, { content, cms: signed.cms, at: fixtures.at, purpose: "authentication" }),
      );
      expect(verified.purpose).toBe("authentication");
      expect(verified.basicInformation).toBeNull();
      expect(verified.signer.serialNumber).toBe(signed.signerSerialNumber);
    },
  },
  {
    name: "never throws and never accepts another signer, whatever single byte of the CMS is flipped",
    run: async (make, fixtures, options) => {
      const verifier = make(anchorsOf(fixtures));
      const content = text("any byte");
      const signed = await fixtures.sign("valid", content);
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: signed.cms.length - 1 }), maskArb, async (index, mask) => {
          const result = await verify(verifier, { content, cms: flip(signed.cms, index, mask), at: fixtures.at });
          // Some bytes are not covered by any signature (e.g. the unsigned digestAlgorithms set), so a flip
          // may still verify — but only as the very same signer.
          if (result.isOk()) expect(result.value.signer.serialNumber).toBe(signed.signerSerialNumber);
          else expect(REASONS).toContain(result.error.reason);
        }),
        { numRuns: Math.max(options.numRuns ?? 20, 300) },
      );
    },
  },
];

/**
 * Registers the signature-verifier contract (`signature-verifier@2`) as vitest tests. Every
 * SignatureVerifier adapter runs it with fixtures from a signer it does not implement itself (the test
 * card provides `testCardSignatureFixtures()`); vendors run it against their own verifiers.
 *
 * @param name - adapter name shown in the test report
 * @param makeVerifier - builds the verifier trusting exactly the given anchors; called once per test
 * @param fixtures - trust anchors and signed CMS from valid and deliberately wrong signers
 */
export const describeSignatureVerifierContract = (
  name: string,
  makeVerifier: MakeSignatureVerifier,
  fixtures: SignatureFixtures,
  options: SignatureVerifierContractOptions = {},
): void => {
  describe(`signature-verifier contract: ${name}`, () => {
    for (const c of signatureVerifierCases) {
      it(c.name, async () => c.run(makeVerifier, await fixtures.load(), options));
    }
  });
};
