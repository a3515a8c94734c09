import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assembleDetachedCms,
  JPKI_SIGNER_CONTRACT,
  sha256DigestInfo,
  signedAttributesFor,
  type JpkiKey,
  type JpkiSigner,
  type JpkiSignerError,
  type SignatureVerifier,
} from "@madoguchi/core";
import { createHash } from "node:crypto";
import type { Result } from "neverthrow";

/** What a jpki-signer contract run is given by the adapter's test. */
export interface JpkiSignerHarness {
  /** A fresh signer over a fresh card (counters full) for each test. */
  makeSigner(): Promise<JpkiSigner>;
  /** Completes a started session the way the resident would, with the right secret or flow. */
  completeRight(signer: JpkiSigner, sessionId: string, key: JpkiKey): ReturnType<JpkiSigner["completeSigning"]>;
  /**
   * Completes a started session the way a resident who declines would: cancel at this service's prompt
   * (`{ kind: "declined", error: "access_denied", state: null }`), or cancel in the app and hand its
   * callback's `error` and `state` over.
   */
  decline(signer: JpkiSigner, sessionId: string, key: JpkiKey): ReturnType<JpkiSigner["completeSigning"]>;
  /** A wrong secret for `key` of the right format, or `null` when the signer has no secret (app flows). */
  readonly wrongSecret: (key: JpkiKey) => string | null;
  /** Tries before the key locks, or `null` when the signer has no secret. */
  readonly tries: (key: JpkiKey) => number | null;
  /** A verifier trusting the card's CA and knowing its revocation data, and the time to verify at. */
  readonly verifier: SignatureVerifier;
  readonly at: Date;
  /** The keys this card has (the authentication key is optional on a test card). */
  readonly keys: readonly JpkiKey[];
}

/** Tuning of {@link describeJpkiSignerContract}. */
export interface JpkiSignerContractOptions {
  /** fast-check runs of the property that signs (default 5: every run is an RSA signature). */
  readonly numRuns?: number;
}

const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash("sha256").update(bytes).digest());

/** Core's construction: signed attributes over `content`, their SHA-256 DigestInfo. */
const prepare = (content: Uint8Array, signingTime: Date) => {
  const signedAttributes = signedAttributesFor({ contentSha256: sha256(content), signingTime });
  return { signedAttributes, digestInfo: sha256DigestInfo(sha256(signedAttributes)) };
};

const errorOf = async <T>(pending: PromiseLike<Result<T, JpkiSignerError>>): Promise<JpkiSignerError> => {
  const result = await pending;
  if (result.isOk()) return expect.fail("expected a JpkiSignerError");
  expect(result.error._tag).toBe("JpkiSignerError");
  return result.error;
};

/** One case of the jpki-signer contract, runnable on its own (the bites tests run mutants through it). */
export interface JpkiSignerCase {
  readonly name: string;
  run(harness: JpkiSignerHarness, options: JpkiSignerContractOptions): Promise<void>;
}

/** The cases of `jpki-signer@2`, in the order they are registered. */
export const jpkiSignerCases: readonly JpkiSignerCase[] = [
  {
    name: "declares the jpki-signer@2 contract and passes its health check",
    run: async (h) => {
      const signer = await h.makeSigner();
      expect(signer.meta.contract).toBe(JPKI_SIGNER_CONTRACT);
      expect((await signer.healthCheck()).isOk()).toBe(true);
    },
  },
  {
    name: "signs core's DigestInfo for any content; the assembled CMS verifies for the key's purpose",
    run: async (h, options) => {
      const signer = await h.makeSigner();
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 1024 }), fc.constantFrom(...h.keys), async (content, key) => {
          const { signedAttributes, digestInfo } = prepare(content, h.at);
          const session = (await signer.startSigning({ digestInfo, key }))._unsafeUnwrap();
          expect(session.key).toBe(key);
          const raw = (await h.completeRight(signer, session.sessionId, key))._unsafeUnwrap();
          const cms = assembleDetachedCms({ signedAttributes, ...raw })._unsafeUnwrap();
          const verified = await h.verifier.verifyDetached({ content, cms, at: h.at, purpose: key });
          if (verified.isErr()) expect.fail(`assembled CMS refused: ${verified.error.reason}`);
          expect(verified.value.purpose).toBe(key);
          expect(verified.value.basicInformation === null).toBe(key === "authentication");
        }),
        { numRuns: options.numRuns ?? 5 },
      );
    },
  },
  {
    name: "refuses anything but a SHA-256 DigestInfo (invalid_input)",
    run: async (h) => {
      const signer = await h.makeSigner();
      const good = prepare(new Uint8Array([1]), h.at).digestInfo;
      for (const digestInfo of [new Uint8Array(0), good.subarray(0, 50), new Uint8Array([...good, 0]), sha256(good)]) {
        expect((await errorOf(signer.startSigning({ digestInfo, key: "signature" }))).reason).toBe("invalid_input");
      }
      const otherAlgorithm = new Uint8Array(good);
      otherAlgorithm[14] = 0x02; // sha384's OID arc in the prefix
      expect((await errorOf(signer.startSigning({ digestInfo: otherAlgorithm, key: "signature" }))).reason).toBe("invalid_input");
    },
  },
  {
    name: "signs once per session and refuses unknown sessions (unknown_session)",
    run: async (h) => {
      const signer = await h.makeSigner();
      const session = (await signer.startSigning({ digestInfo: prepare(new Uint8Array([2]), h.at).digestInfo, key: "signature" }))._unsafeUnwrap();
      expect((await h.completeRight(signer, session.sessionId, "signature")).isOk()).toBe(true);
      expect((await errorOf(h.completeRight(signer, session.sessionId, "signature"))).reason).toBe("unknown_session");
      expect((await errorOf(h.completeRight(signer, "no-such-session", "signature"))).reason).toBe("unknown_session");
    },
  },
  {
    name: "a declined session ends as cancelled, spends no try and signs nothing afterwards (cancelled)",
    run: async (h) => {
      for (const key of h.keys) {
        const signer = await h.makeSigner();
        const { digestInfo } = prepare(new Uint8Array([4]), h.at);
        const session = (await signer.startSigning({ digestInfo, key }))._unsafeUnwrap();
        const declined = await errorOf(h.decline(signer, session.sessionId, key));
        expect(declined).toMatchObject({ reason: "cancelled", retryable: false });
        // The session is over: the right secret (or an approval) no longer signs it.
        expect((await errorOf(h.completeRight(signer, session.sessionId, key))).reason).toBe("unknown_session");
        // The card's counter is as it was, and the card still signs.
        const next = (await signer.startSigning({ digestInfo, key }))._unsafeUnwrap();
        const tries = h.tries(key);
        if (next.challenge.kind === "secret" && tries !== null) expect(next.challenge.triesLeft).toBe(tries);
        expect((await h.completeRight(signer, next.sessionId, key)).isOk()).toBe(true);
      }
    },
  },
  {
    name: "counts wrong secrets down, then locks and refuses even the right one (wrong_secret, locked)",
    run: async (h) => {
      for (const key of h.keys) {
        const wrong = h.wrongSecret(key);
        const tries = h.tries(key);
        if (wrong === null || tries === null) continue; // app flows have no secret here
        const signer = await h.makeSigner();
        const session = (await signer.startSigning({ digestInfo: prepare(new Uint8Array([3]), h.at).digestInfo, key }))._unsafeUnwrap();
        for (let left = tries - 1; left >= 1; left--) {
          const error = await errorOf(signer.completeSigning({ sessionId: session.sessionId, completion: { kind: "secret", secret: wrong } }));
          expect(error).toMatchObject({ reason: "wrong_secret", triesLeft: left, retryable: false });
        }
        const last = await errorOf(signer.completeSigning({ sessionId: session.sessionId, completion: { kind: "secret", secret: wrong } }));
        expect(last.triesLeft).toBe(0);
        expect((await errorOf(h.completeRight(signer, session.sessionId, key))).reason).toBe("locked");
      }
    },
  },
];

/**
 * Registers the jpki-signer contract (`jpki-signer@2`): signatures over core's DigestInfo assemble into
 * CMS that a relying-party verifier accepts for the key's purpose; anything but a SHA-256 DigestInfo
 * is refused; a session signs once; wrong secrets count down to a lock that refuses even the right one;
 * a declined session ends as `cancelled` without spending a try.
 */
export const describeJpkiSignerContract = (
  name: string,
  harness: () => Promise<JpkiSignerHarness>,
  options: JpkiSignerContractOptions = {},
): void => {
  describe(`jpki-signer contract: ${name}`, () => {
    for (const c of jpkiSignerCases) it(c.name, async () => c.run(await harness(), options));
  });
};
