import { Schema } from "effect";
import { errAsync, ResultAsync } from "neverthrow";
import { assembleDetachedCms } from "./assemble-cms.ts";
import { sha256, toArrayBuffer } from "./bytes.ts";
import { importPrivateKey, RSA_SHA256 } from "./certificate-builder.ts";
import { parseCertificatePem } from "./certificate-parsing.ts";
import { decodeOptions } from "./decode-options.ts";
import { fromPem } from "./pem.ts";
import { checkSignaturePassword } from "./signature-password.ts";
import { buildSignedAttributes } from "./signed-attributes.ts";
import { testCardError, type TestCardError } from "./test-card.errors.ts";
import { SIGNATURE_PASSWORD_TRIES, type TestCard } from "./test-card.ts";

/** Options of {@link signDetached}. */
export interface SignDetachedOptions {
  /** The signature password (署名用パスワード). */
  readonly password: string;
  /** Written as the CMS signingTime attribute, to the second. */
  readonly signingTime: Date;
}

/** A detached CMS signature and the card state to persist (its counter reset by the right password). */
export interface SignedByTestCard {
  /** DER ContentInfo holding the SignedData. */
  readonly cms: Uint8Array;
  readonly card: TestCard;
}

const OPERATION = "test-card.sign";

const SignDetachedOptionsSchema = Schema.Struct({ password: Schema.String, signingTime: Schema.Date });

const signWithCard = (card: TestCard, content: Uint8Array, signingTime: Date) => {
  const certificate = parseCertificatePem(card.certificatePem);
  const pkcs8 = fromPem("PRIVATE KEY", card.privateKeyPkcs8Pem);
  if (certificate === null || pkcs8 === null) {
    return errAsync(testCardError(OPERATION, "corrupt", "the card's certificate or key is not readable PEM", { card }));
  }
  return ResultAsync.fromPromise(importPrivateKey(pkcs8), (cause) =>
    testCardError(OPERATION, "corrupt", "the card's private key is not an RSA PKCS#8 key", { cause, card }),
  ).andThen((privateKey) =>
    ResultAsync.fromPromise(
      (async () => {
        const signed = buildSignedAttributes({
          contentDigest: await sha256(content),
          signingTime,
          signerCertificateHash: await sha256(new Uint8Array(certificate.toSchema(false).toBER(false))),
          signerCertificate: certificate,
        });
        // What the card computes: RSASSA-PKCS1-v1_5 over SHA-256 of DER(signedAttrs).
        const signatureValue = new Uint8Array(
          await globalThis.crypto.subtle.sign(RSA_SHA256, privateKey, toArrayBuffer(signed.der)),
        );
        return assembleDetachedCms({
          signerCertificate: certificate,
          signedAttributes: signed.attributes,
          signatureValue,
        });
      })(),
      (cause) => testCardError(OPERATION, "unavailable", "could not compute the signature", { cause, card }),
    ),
  );
};

/**
 * Signs `content` with the test card as a JPKI card would: checks the signature password first (a
 * wrong one decrements `triesLeft`; at 0 the card locks and then refuses even the right one; the right
 * one resets the counter), then returns a detached CMS SignedData with contentType, messageDigest,
 * signingTime and signingCertificateV2 signed attributes and the signer certificate.
 *
 * Every error carries, non-enumerably, the card state to persist.
 */
export const signDetached = (
  card: TestCard,
  content: Uint8Array,
  options: SignDetachedOptions,
): ResultAsync<SignedByTestCard, TestCardError> =>
  decodeOptions(SignDetachedOptionsSchema, OPERATION, options).asyncAndThen(({ password, signingTime }) => {
    if (card.locked || card.triesLeft <= 0) {
      const locked: TestCard = { ...card, triesLeft: 0, locked: true };
      return errAsync(testCardError(OPERATION, "locked", "the card is locked", { triesLeft: 0, card: locked }));
    }
    return ResultAsync.fromPromise(checkSignaturePassword(password, card.passwordHash), (cause) =>
      testCardError(OPERATION, "unavailable", "could not check the signature password", { cause, card }),
    ).andThen((matches) => {
      if (matches === null) {
        return errAsync(testCardError(OPERATION, "corrupt", "the card's password hash is not readable", { card }));
      }
      if (!matches) {
        const triesLeft = card.triesLeft - 1;
        const after: TestCard = { ...card, triesLeft, locked: triesLeft === 0 };
        return errAsync(
          testCardError(OPERATION, "wrong_password", "wrong signature password", { triesLeft, card: after }),
        );
      }
      const reset: TestCard = { ...card, triesLeft: SIGNATURE_PASSWORD_TRIES, locked: false };
      return signWithCard(reset, content, signingTime).map((cms) => ({ cms, card: reset }));
    });
  });
