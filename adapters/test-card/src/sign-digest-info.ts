import { constants, createPrivateKey, privateEncrypt } from "node:crypto";
import { hashOfSha256DigestInfo, type JpkiKey } from "@madoguchi/core";
import { errAsync, okAsync, ResultAsync } from "neverthrow";
import { fromPem } from "./pem.ts";
import { checkSignaturePassword } from "./signature-password.ts";
import { testCardError, type TestCardError } from "./test-card.errors.ts";
import { AUTHENTICATION_PIN_TRIES, SIGNATURE_PASSWORD_TRIES, type TestCard } from "./test-card.ts";

/** The card's answer to a SIGN command, and the card state to persist. */
export interface CardSignature {
  /** RSASSA-PKCS1-v1_5 over the DigestInfo as given. */
  readonly signatureValue: Uint8Array;
  readonly certificateDer: Uint8Array;
  readonly card: TestCard;
}

/** JPKI authentication PIN: 4 digits. */
export const AUTHENTICATION_PIN_PATTERN = /^[0-9]{4}$/;

const OPERATION = "test-card.sign-digest-info";

interface KeySide {
  readonly certificatePem: string;
  readonly privateKeyPkcs8Pem: string;
  readonly hash: string;
  readonly triesLeft: number;
  readonly locked: boolean;
  readonly tries: number;
  readonly with: (state: { readonly triesLeft: number; readonly locked: boolean }) => TestCard;
}

const sideOf = (card: TestCard, key: JpkiKey): KeySide | null => {
  if (key === "signature") {
    return {
      certificatePem: card.certificatePem,
      privateKeyPkcs8Pem: card.privateKeyPkcs8Pem,
      hash: card.passwordHash,
      triesLeft: card.triesLeft,
      locked: card.locked,
      tries: SIGNATURE_PASSWORD_TRIES,
      with: (state) => ({ ...card, ...state }),
    };
  }
  const auth = card.authentication;
  if (auth === undefined) return null;
  return {
    certificatePem: auth.certificatePem,
    privateKeyPkcs8Pem: auth.privateKeyPkcs8Pem,
    hash: auth.pinHash,
    triesLeft: auth.triesLeft,
    locked: auth.locked,
    tries: AUTHENTICATION_PIN_TRIES,
    with: (state) => ({ ...card, authentication: { ...auth, ...state } }),
  };
};

/**
 * What the card does on `VERIFY` then `SIGN` (JPKI.md): checks the secret of `key` (signature password,
 * 5 tries; authentication PIN, 3 tries; a wrong one decrements, 0 locks, the right one resets), then
 * computes RSASSA-PKCS1-v1_5 over the SHA-256 DigestInfo exactly as given — the card never hashes.
 * Errors carry the card state to persist, as `signDetached`'s do.
 */
export const signDigestInfo = (
  card: TestCard,
  key: JpkiKey,
  digestInfo: Uint8Array,
  secret: string,
): ResultAsync<CardSignature, TestCardError> => {
  const side = sideOf(card, key);
  if (side === null) return errAsync(testCardError(OPERATION, "no_certificate", "the card has no authentication key", { card }));
  if (hashOfSha256DigestInfo(digestInfo) === null) {
    return errAsync(testCardError(OPERATION, "invalid_input", "only a SHA-256 DigestInfo is signed", { card }));
  }
  if (side.locked || side.triesLeft <= 0) {
    const locked = side.with({ triesLeft: 0, locked: true });
    return errAsync(testCardError(OPERATION, "locked", "the key is locked", { triesLeft: 0, card: locked }));
  }
  return ResultAsync.fromPromise(checkSignaturePassword(secret, side.hash), (cause) =>
    testCardError(OPERATION, "unavailable", "could not check the secret", { cause, card }),
  ).andThen((matches) => {
    if (matches === null) return errAsync(testCardError(OPERATION, "corrupt", "the card's secret hash is not readable", { card }));
    if (!matches) {
      const triesLeft = side.triesLeft - 1;
      const after = side.with({ triesLeft, locked: triesLeft === 0 });
      return errAsync(testCardError(OPERATION, "wrong_password", "wrong secret", { triesLeft, card: after }));
    }
    const reset = side.with({ triesLeft: side.tries, locked: false });
    const pkcs8 = fromPem("PRIVATE KEY", side.privateKeyPkcs8Pem);
    const certificateDer = fromPem("CERTIFICATE", side.certificatePem);
    if (pkcs8 === null || certificateDer === null) {
      return errAsync(testCardError(OPERATION, "corrupt", "the card's certificate or key is not readable PEM", { card: reset }));
    }
    try {
      const privateKey = createPrivateKey({ key: Buffer.from(pkcs8), format: "der", type: "pkcs8" });
      // PKCS#1 v1.5 type 1 padding over the DigestInfo: what the card's RSA computes.
      const signatureValue = new Uint8Array(
        privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(digestInfo)),
      );
      return okAsync({ signatureValue, certificateDer, card: reset });
    } catch (cause) {
      return errAsync(testCardError(OPERATION, "corrupt", "the card's private key is not usable", { cause, card: reset }));
    }
  });
};
