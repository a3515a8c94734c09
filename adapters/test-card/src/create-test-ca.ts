import { Schema } from "effect";
import { ResultAsync } from "neverthrow";
import {
  buildCertificate,
  exportPrivateKeyPem,
  generateRsaKeyPair,
  randomSerialNumber,
} from "./certificate-builder.ts";
import { caBasicConstraintsExtension, keyUsageExtension } from "./certificate-extensions.ts";
import { decodeOptions } from "./decode-options.ts";
import { testCaName } from "./jpki-names.ts";
import { testCardError, type TestCardError } from "./test-card.errors.ts";
import type { TestCa } from "./test-card.ts";

/** Options of {@link createTestCa}. */
export interface CreateTestCaOptions {
  /** Start of validity (the CA is valid from this second). */
  readonly now: Date;
  /** Validity in years; the real JPKI signature CA is valid 10 years (the default). */
  readonly validYears?: number;
  /**
   * Label of the CA generation (e.g. `"2026"`), added as one more OU. Optional: real generations share
   * their name, and a verifier must pick the right one by signature anyway.
   */
  readonly generation?: string;
}

const OPERATION = "test-card.create-ca";

// PrintableString's alphabet, because the generation is written as a PrintableString OU.
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]{1,64}$/;

const CreateTestCaOptionsSchema = Schema.Struct({
  now: Schema.Date,
  validYears: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 30 }))),
  generation: Schema.optionalKey(Schema.String.check(Schema.isPattern(PRINTABLE))),
});

/**
 * Creates a self-signed RSA-2048 / SHA-256 test CA shaped like the JPKI signature CA (`C=JP, O=JPKI,
 * OU=JPKI for digital signature (TEST), OU=madoguchi test card CA`), basicConstraints CA (critical) and
 * keyUsage keyCertSign + cRLSign (critical).
 */
export const createTestCa = (options: CreateTestCaOptions): ResultAsync<TestCa, TestCardError> =>
  decodeOptions(CreateTestCaOptionsSchema, OPERATION, options).asyncAndThen(({ now, validYears = 10, generation }) =>
    ResultAsync.fromPromise(
      (async (): Promise<TestCa> => {
        const keys = await generateRsaKeyPair();
        const notAfter = new Date(now);
        notAfter.setUTCFullYear(notAfter.getUTCFullYear() + validYears);
        const name = testCaName(generation);
        const certificatePem = await buildCertificate({
          serialNumber: randomSerialNumber(),
          issuer: name,
          subject: name,
          notBefore: now,
          notAfter,
          subjectPublicKey: keys.publicKey,
          issuerPrivateKey: keys.privateKey,
          issuerKeyIdentifier: null,
          extensions: [caBasicConstraintsExtension(), keyUsageExtension(["keyCertSign", "cRLSign"])],
        });
        return { certificatePem, privateKeyPkcs8Pem: await exportPrivateKeyPem(keys.privateKey) };
      })(),
      (cause) => testCardError(OPERATION, "unavailable", "could not generate the test CA", { cause }),
    ),
  );
