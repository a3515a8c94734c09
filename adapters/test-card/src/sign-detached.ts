import {
  assembleDetachedCms,
  certificateIdentity,
  sha256DigestInfo,
  signedAttributesFor,
} from "@madoguchi/core";
import { Schema } from "effect";
import { errAsync, ResultAsync } from "neverthrow";
import { sha256 } from "./bytes.ts";
import { decodeOptions } from "./decode-options.ts";
import { fromPem } from "./pem.ts";
import { signDigestInfo } from "./sign-digest-info.ts";
import { testCardError, type TestCardError } from "./test-card.errors.ts";
import type { TestCard } from "./test-card.ts";

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

/**
 * Core builds the signed attributes (with signingCertificateV2: this card's certificate is known before
 * signing) and the CMS; the card only signs their SHA-256 DigestInfo — the same path as a real card's.
 */
const prepare = (card: TestCard, content: Uint8Array, signingTime: Date) => {
  const certificateDer = fromPem("CERTIFICATE", card.certificatePem);
  const identity = certificateDer === null ? null : certificateIdentity(certificateDer);
  if (certificateDer === null || identity === null || identity.isErr()) {
    return errAsync(testCardError(OPERATION, "corrupt", "the card's certificate is not readable PEM", { card }));
  }
  return ResultAsync.fromPromise(
    (async () => {
      const signedAttributes = signedAttributesFor({
        contentSha256: await sha256(content),
        signingTime,
        signingCertificate: { sha256: await sha256(certificateDer), identity: identity.value },
      });
      return { signedAttributes, digestInfo: sha256DigestInfo(await sha256(signedAttributes)) };
    })(),
    (cause) => testCardError(OPERATION, "unavailable", "could not hash the content", { cause, card }),
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
  decodeOptions(SignDetachedOptionsSchema, OPERATION, options).asyncAndThen(({ password, signingTime }) =>
    prepare(card, content, signingTime).andThen(({ signedAttributes, digestInfo }) =>
      signDigestInfo(card, "signature", digestInfo, password).andThen((signed) => {
        const cms = assembleDetachedCms({ signedAttributes, signatureValue: signed.signatureValue, certificateDer: signed.certificateDer });
        return cms.isOk()
          ? ResultAsync.fromSafePromise(Promise.resolve({ cms: cms.value, card: signed.card }))
          : errAsync(testCardError(OPERATION, "corrupt", cms.error.message, { card: signed.card }));
      }),
    ),
  );
