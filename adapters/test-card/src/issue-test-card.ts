import { Schema } from "effect";
import { errAsync, okAsync, ResultAsync } from "neverthrow";
import {
  buildCertificate,
  exportPrivateKeyPem,
  generateRsaKeyPair,
  keyIdentifier,
  randomSerialNumber,
} from "./certificate-builder.ts";
import {
  basicInfoAltNameExtension,
  certificatePoliciesExtension,
  keyUsageExtension,
  type KeyUsageBit,
} from "./certificate-extensions.ts";
import { decodeOptions } from "./decode-options.ts";
import { cardSubjectName, localityOfAddress, type Locality } from "./jpki-names.ts";
import { loadTestCa } from "./load-test-ca.ts";
import { OID } from "./oids.ts";
import { JPKI_OID } from "@madoguchi/core";
import { hashSignaturePassword, SIGNATURE_PASSWORD_PATTERN } from "./signature-password.ts";
import { testCardError, type TestCardError } from "./test-card.errors.ts";
import { AUTHENTICATION_PIN_TRIES, SIGNATURE_PASSWORD_TRIES, type BasicInfo, type TestCa, type TestCard } from "./test-card.ts";

/** Options of {@link issueTestCard}. */
export interface IssueTestCardOptions {
  readonly basicInfo: BasicInfo;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** 6–16 upper-case letters or digits, like the real signature password. */
  readonly signaturePassword: string;
  /** Prefecture and city for the subject's `L=`; read from the start of the address when omitted. */
  readonly locality?: Locality;
  /** 4 digits: also issue a user-authentication certificate and key guarded by this PIN (3 tries). */
  readonly authenticationPin?: string;
}

const OPERATION = "test-card.issue";

const Text = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200));

const IssueTestCardOptionsSchema = Schema.Struct({
  basicInfo: Schema.Struct({
    name: Text,
    nameSubstitute: Text,
    sex: Schema.Literals(["1", "2", "3"]),
    dateOfBirth: Schema.String.check(Schema.isPattern(/^[0-9]{9}$/)),
    address: Text,
    addressSubstitute: Text,
  }),
  notBefore: Schema.Date,
  notAfter: Schema.Date,
  signaturePassword: Schema.String.check(Schema.isPattern(SIGNATURE_PASSWORD_PATTERN)),
  locality: Schema.optionalKey(Schema.Struct({ prefecture: Text, city: Text })),
  authenticationPin: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^[0-9]{4}$/))),
});

/** What {@link issueCardCertificate} needs; `keyUsage` is open so fixtures can issue wrong certificates. */
export interface CardCertificateSpec {
  readonly basicInfo: BasicInfo;
  readonly locality: Locality;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly keyUsage: readonly KeyUsageBit[];
  /** Default signature: the signature policy and the 4-info; authentication: its policy, no 4-info. */
  readonly purpose?: "signature" | "authentication";
}

/** Issues a signature certificate and key pair from `ca` (internal: no input validation). */
export const issueCardCertificate = (
  ca: TestCa,
  spec: CardCertificateSpec,
): ResultAsync<Pick<TestCard, "certificatePem" | "privateKeyPkcs8Pem">, TestCardError> =>
  loadTestCa(ca, OPERATION).andThen((issuer) =>
    ResultAsync.fromPromise(
      (async () => {
        const keys = await generateRsaKeyPair();
        // The CN of a JPKI signature certificate is an opaque identifier, never the holder's name.
        const opaqueId = Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(16))).toString("hex").toUpperCase();
        const certificatePem = await buildCertificate({
          serialNumber: randomSerialNumber(),
          issuer: issuer.certificate.subject,
          subject: cardSubjectName(spec.locality, opaqueId),
          notBefore: spec.notBefore,
          notAfter: spec.notAfter,
          subjectPublicKey: keys.publicKey,
          issuerPrivateKey: issuer.privateKey,
          issuerKeyIdentifier: await keyIdentifier(issuer.certificate.subjectPublicKeyInfo),
          extensions: [
            keyUsageExtension(spec.keyUsage),
            ...(spec.purpose === "authentication"
              ? [certificatePoliciesExtension([JPKI_OID.authenticationPolicy])]
              : [certificatePoliciesExtension([OID.jpkiSignaturePolicy]), basicInfoAltNameExtension(spec.basicInfo)]),
          ],
        });
        return { certificatePem, privateKeyPkcs8Pem: await exportPrivateKeyPem(keys.privateKey) };
      })(),
      (cause) => testCardError(OPERATION, "unavailable", "could not issue the test card certificate", { cause }),
    ),
  );

/**
 * Issues a test card from `ca`: a JPKI-shaped signature certificate (subject `C=JP, L=<prefecture>,
 * L=<city>, CN=<opaque id>`, the 4 basic information items as subjectAltName otherNames, keyUsage
 * digitalSignature + nonRepudiation, the JPKI signature policy), its key, and the password counter at 5.
 */
export const issueTestCard = (ca: TestCa, options: IssueTestCardOptions): ResultAsync<TestCard, TestCardError> =>
  decodeOptions(IssueTestCardOptionsSchema, OPERATION, options).asyncAndThen((decoded) => {
    if (decoded.notBefore.getTime() >= decoded.notAfter.getTime()) {
      return errAsync(testCardError(OPERATION, "invalid_input", "notBefore must be before notAfter"));
    }
    const locality = decoded.locality ?? localityOfAddress(decoded.basicInfo.address);
    if (locality === null) {
      return errAsync(
        testCardError(OPERATION, "invalid_input", "the address does not start with a prefecture and city: pass locality"),
      );
    }
    return issueCardCertificate(ca, {
      basicInfo: decoded.basicInfo,
      locality,
      notBefore: decoded.notBefore,
      notAfter: decoded.notAfter,
      keyUsage: ["digitalSignature", "nonRepudiation"],
    }).andThen((issued) =>
      ResultAsync.fromPromise(hashSignaturePassword(decoded.signaturePassword), (cause) =>
        testCardError(OPERATION, "unavailable", "could not hash the signature password", { cause }),
      ).map(
        (passwordHash): TestCard => ({ ...issued, passwordHash, triesLeft: SIGNATURE_PASSWORD_TRIES, locked: false }),
      ),
    ).andThen((card) => {
      const pin = decoded.authenticationPin;
      if (pin === undefined) return okAsync(card);
      return issueCardCertificate(ca, {
        basicInfo: decoded.basicInfo,
        locality,
        notBefore: decoded.notBefore,
        notAfter: decoded.notAfter,
        keyUsage: ["digitalSignature"],
        purpose: "authentication",
      }).andThen((auth) =>
        ResultAsync.fromPromise(hashSignaturePassword(pin), (cause) =>
          testCardError(OPERATION, "unavailable", "could not hash the authentication PIN", { cause }),
        ).map((pinHash): TestCard => ({
          ...card,
          authentication: { ...auth, pinHash, triesLeft: AUTHENTICATION_PIN_TRIES, locked: false },
        })),
      );
    });
  });
