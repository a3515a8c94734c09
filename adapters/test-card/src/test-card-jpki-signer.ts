import { randomBytes } from "node:crypto";
import {
  hashOfSha256DigestInfo,
  JPKI_SIGNER_CONTRACT,
  type Clock,
  type JpkiKey,
  type JpkiRawSignature,
  type JpkiSigner,
  type JpkiSignerError,
} from "@madoguchi/core";
import { err, errAsync, okAsync, ResultAsync } from "neverthrow";
import type { SerialQueue } from "./serial-queue.ts";
import { signDigestInfo } from "./sign-digest-info.ts";
import { AUTHENTICATION_PIN_PATTERN } from "./sign-digest-info.ts";
import { SIGNATURE_PASSWORD_PATTERN } from "./signature-password.ts";
import type { TestCardError } from "./test-card.errors.ts";
import type { TestCard } from "./test-card.ts";

/** Dependencies of {@link createTestCardJpkiSigner}; a `TestCardSetup` plus a clock fits. */
export interface TestCardJpkiSignerDeps {
  getCard(): ResultAsync<TestCard, TestCardError>;
  saveCard(card: TestCard): ResultAsync<void, TestCardError>;
  /**
   * The card's one queue, shared with every other user of the same card (a `TestCardSetup`'s
   * `exclusive`; `createSerialQueue()` for a card only this signer uses): each completion's
   * read-check-write of the card runs in it, so tries are never spent twice.
   */
  readonly exclusive: SerialQueue;
  readonly clock: Clock;
  /** How long a started session may be completed (default 5 minutes). */
  readonly sessionTtlMs?: number;
}

interface Session {
  readonly digestInfo: Uint8Array;
  readonly key: JpkiKey;
  readonly expiresAt: Date;
}

const OPERATION = "jpki-signer.test-card";

const signerError = (reason: JpkiSignerError["reason"], message: string, triesLeft?: number): JpkiSignerError => ({
  _tag: "JpkiSignerError",
  reason,
  operation: OPERATION,
  retryable: reason === "unavailable",
  message,
  ...(triesLeft === undefined ? {} : { triesLeft }),
});

const fromCardError = (error: TestCardError): JpkiSignerError => {
  switch (error.reason) {
    case "wrong_password":
      return signerError("wrong_secret", "wrong secret", error.triesLeft);
    case "locked":
      return signerError("locked", "the card is locked", 0);
    case "no_certificate":
      return signerError("no_certificate", error.message);
    case "invalid_input":
      return signerError("invalid_input", error.message);
    case "corrupt":
    case "unavailable":
      return signerError("unavailable", error.message);
  }
};

/**
 * The test card as a {@link JpkiSigner}: a session holds one DigestInfo; completing it with the
 * signature password (6–16 upper-case letters/digits, 5 tries) or the authentication PIN (4 digits,
 * 3 tries) signs it with the card, and the counter is saved whatever the outcome. Sessions live in
 * memory (the test card is a single-process stand-in); a session signs once.
 */
export const createTestCardJpkiSigner = (deps: TestCardJpkiSignerDeps): JpkiSigner => {
  const sessions = new Map<string, Session>();
  const queue = deps.exclusive;
  const ttl = deps.sessionTtlMs ?? 5 * 60_000;
  const sweep = (now: Date) => {
    for (const [id, session] of sessions) if (session.expiresAt.getTime() < now.getTime()) sessions.delete(id);
  };
  return {
    meta: { contract: JPKI_SIGNER_CONTRACT, name: "test-card", capabilities: new Set<never>() },

    startSigning: ({ digestInfo, key }) => {
      if (hashOfSha256DigestInfo(digestInfo) === null) {
        return errAsync(signerError("invalid_input", "only a SHA-256 DigestInfo is signed"));
      }
      if (key !== "signature" && key !== "authentication") return errAsync(signerError("invalid_input", "unknown key"));
      return deps
        .getCard()
        .mapErr(fromCardError)
        .andThen((card) => {
          if (key === "authentication" && card.authentication === undefined) {
            return errAsync(signerError("no_certificate", "the card has no authentication key"));
          }
          const now = deps.clock.now();
          sweep(now);
          const sessionId = randomBytes(18).toString("base64url");
          const expiresAt = new Date(now.getTime() + ttl);
          sessions.set(sessionId, { digestInfo: new Uint8Array(digestInfo), key, expiresAt });
          const side = key === "signature" ? card : card.authentication!;
          return okAsync({
            sessionId,
            key,
            expiresAt,
            challenge: {
              kind: "secret" as const,
              secret: key === "signature" ? ("signature_password" as const) : ("authentication_pin" as const),
              triesLeft: side.locked ? 0 : side.triesLeft,
            },
          });
        });
    },

    completeSigning: ({ sessionId, completion }) =>
      // The session is looked up inside the queue so that two completions of one session sign once.
      new ResultAsync(
        queue(async () => {
          const session = sessions.get(sessionId);
          if (session === undefined) return err(signerError("unknown_session", "no such signing session"));
          if (session.expiresAt.getTime() < deps.clock.now().getTime()) {
            sessions.delete(sessionId);
            return err(signerError("session_expired", "the signing session has expired"));
          }
          if (completion.kind === "declined") {
            // The resident cancelled at the prompt: the session ends and the card is not touched (no try spent).
            sessions.delete(sessionId);
            return err(signerError("cancelled", "the resident cancelled"));
          }
          if (completion.kind !== "secret") return err(signerError("invalid_input", "this session takes a secret"));
          const pattern = session.key === "signature" ? SIGNATURE_PASSWORD_PATTERN : AUTHENTICATION_PIN_PATTERN;
          // A malformed secret is refused before the card, as the card apps do: it costs no try.
          if (!pattern.test(completion.secret)) return err(signerError("invalid_input", "the secret has the wrong format"));
          return deps
            .getCard()
            .mapErr(fromCardError)
            .andThen((card) =>
              signDigestInfo(card, session.key, session.digestInfo, completion.secret).orElse((error) =>
                (error.card === undefined ? okAsync(undefined) : deps.saveCard(error.card))
                  .mapErr(fromCardError)
                  .andThen(() => errAsync(fromCardError(error))),
              ),
            )
            .andThen((signed) =>
              deps
                .saveCard(signed.card)
                .mapErr(fromCardError)
                .map((): JpkiRawSignature => {
                  sessions.delete(sessionId); // one signature per session
                  return { signatureValue: signed.signatureValue, certificateDer: signed.certificateDer, caCertificatesDer: [] };
                }),
            );
        }),
      ),

    healthCheck: () => deps.getCard().mapErr(fromCardError).map(() => undefined),
  };
};
