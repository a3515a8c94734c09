import { Schema } from "effect";
import type * as pkijs from "pkijs";
import { parseCertificatePem, readOtherName } from "./certificate-parsing.ts";
import { AUTHENTICATION_PIN_PATTERN } from "./sign-digest-info.ts";
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
      return withAuthenticationKey(ca, card, { basicInfo: decoded.basicInfo, locality, notBefore: decoded.notBefore, notAfter: decoded.notAfter }, pin);
    });
  });

const withAuthenticationKey = (
  ca: TestCa,
  card: TestCard,
  holder: Pick<CardCertificateSpec, "basicInfo" | "locality" | "notBefore" | "notAfter">,
  pin: string,
): ResultAsync<TestCard, TestCardError> =>
  issueCardCertificate(ca, { ...holder, keyUsage: ["digitalSignature"], purpose: "authentication" }).andThen((auth) =>
    ResultAsync.fromPromise(hashSignaturePassword(pin), (cause) =>
      testCardError(OPERATION, "unavailable", "could not hash the authentication PIN", { cause }),
    ).map((pinHash): TestCard => ({
      ...card,
      authentication: { ...auth, pinHash, triesLeft: AUTHENTICATION_PIN_TRIES, locked: false },
    })),
  );

/**
 * Gives a card issued without one an authentication key guarded by `pin` (4 digits, 3 tries), as
 * issuing it with `authenticationPin` would have: same CA, the holder's locality and the signature
 * certificate's validity. The signature side (key, certificate, password, counter, lock) is kept as
 * it is. A card that has an authentication key is returned unchanged.
 */
export const addAuthenticationKey = (ca: TestCa, card: TestCard, pin: string): ResultAsync<TestCard, TestCardError> => {
  if (card.authentication !== undefined) return okAsync(card);
  if (!AUTHENTICATION_PIN_PATTERN.test(pin)) return errAsync(testCardError(OPERATION, "invalid_input", "the authentication PIN is 4 digits"));
  const holder = cardHolderOf(card);
  if (holder === null) return errAsync(testCardError(OPERATION, "corrupt", "the card's signature certificate is unreadable"));
  return withAuthenticationKey(ca, card, holder, pin);
};

/**
 * The holder as the card's signature certificate names them: the 4-info, the subject's `L=` pair
 * (prefecture, city) and the validity; `null` when the certificate is unreadable.
 */
export const cardHolderOf = (card: TestCard): Pick<CardCertificateSpec, "basicInfo" | "locality" | "notBefore" | "notAfter"> | null => {
  const certificate = parseCertificatePem(card.certificatePem);
  const holder = certificate === null ? null : holderOf(certificate);
  return certificate === null || holder === null ? null : { ...holder, notBefore: certificate.notBefore.value, notAfter: certificate.notAfter.value };
};

const holderOf = (certificate: pkijs.Certificate): Pick<CardCertificateSpec, "basicInfo" | "locality"> | null => {
  const read = (oid: string) => readOtherName(certificate, oid);
  const [name, nameSubstitute, sex, dateOfBirth, address, addressSubstitute] = [
    read(OID.jpkiName),
    read(OID.jpkiNameSubstitute),
    read(OID.jpkiSex),
    read(OID.jpkiDateOfBirth),
    read(OID.jpkiAddress),
    read(OID.jpkiAddressSubstitute),
  ];
  const localities = certificate.subject.typesAndValues.filter((tv) => tv.type === OID.localityName).map((tv) => String(tv.value.valueBlock.value));
  const [prefecture, city] = localities;
  if (name === null || nameSubstitute === null || dateOfBirth === null || address === null || addressSubstitute === null) return null;
  if (sex !== "1" && sex !== "2" && sex !== "3") return null;
  if (prefecture === undefined || city === undefined) return null;
  return { basicInfo: { name, nameSubstitute, sex, dateOfBirth, address, addressSubstitute }, locality: { prefecture, city } };
};
