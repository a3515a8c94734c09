import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { Schema } from "effect";
import { errAsync, okAsync, ResultAsync } from "neverthrow";
import { decodeOptions } from "./decode-options.ts";
import { testCardError, type TestCardError } from "./test-card.errors.ts";
import { AUTHENTICATION_PIN_TRIES, SIGNATURE_PASSWORD_TRIES, type TestCa, type TestCard } from "./test-card.ts";

/** File names inside a test-card directory. */
export const TEST_CARD_FILES = {
  caCertificate: "ca-certificate.pem",
  caPrivateKey: "ca-private-key.pem",
  card: "card.json",
} as const;

const TestCardFileSchema = Schema.Struct({
  certificatePem: Schema.String,
  privateKeyPkcs8Pem: Schema.String,
  passwordHash: Schema.String,
  triesLeft: Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: SIGNATURE_PASSWORD_TRIES })),
  locked: Schema.Boolean,
  authentication: Schema.optionalKey(
    Schema.Struct({
      certificatePem: Schema.String,
      privateKeyPkcs8Pem: Schema.String,
      pinHash: Schema.String,
      triesLeft: Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: AUTHENTICATION_PIN_TRIES })),
      locked: Schema.Boolean,
    }),
  ),
});

const isMissing = (cause: unknown) =>
  typeof cause === "object" && cause !== null && "code" in cause && cause.code === "ENOENT";

// The one boundary where file-system exceptions become error values.
const fsError = (operation: string) => (cause: unknown) =>
  testCardError(operation, "unavailable", "test card files could not be read or written", { cause });

/** Reads a UTF-8 file; `null` when it does not exist. */
export const readOptionalFile = (path: string, operation: string): ResultAsync<string | null, TestCardError> =>
  ResultAsync.fromPromise(
    readFile(path, "utf8").catch((cause: unknown) => (isMissing(cause) ? null : Promise.reject(cause))),
    fsError(operation),
  );

/**
 * Writes a file readable by its owner only (0600), atomically: a crash mid-write leaves the old file,
 * never half a private key.
 */
export const writePrivateFile = (path: string, text: string, operation: string): ResultAsync<void, TestCardError> =>
  ResultAsync.fromPromise(
    (async () => {
      const temporary = `${path}.${randomUUID()}.tmp`;
      await writeFile(temporary, text, { mode: 0o600 });
      await chmod(temporary, 0o600); // the mode above is filtered by the umask
      await rename(temporary, path);
    })(),
    fsError(operation),
  );

/** Creates the directory (0700) if needed. */
export const ensurePrivateDirectory = (dir: string, operation: string): ResultAsync<void, TestCardError> =>
  ResultAsync.fromPromise(mkdir(dir, { recursive: true, mode: 0o700 }).then(() => undefined), fsError(operation));

/** Reads the CA files of `dir`: `null` when neither exists, `corrupt` when only one does. */
export const readTestCaFiles = (dir: string, operation: string): ResultAsync<TestCa | null, TestCardError> =>
  readOptionalFile(join(dir, TEST_CARD_FILES.caCertificate), operation).andThen((certificatePem) =>
    readOptionalFile(join(dir, TEST_CARD_FILES.caPrivateKey), operation).andThen((privateKeyPkcs8Pem) => {
      if (certificatePem === null && privateKeyPkcs8Pem === null) return okAsync(null);
      if (certificatePem === null || privateKeyPkcs8Pem === null) {
        return errAsync(testCardError(operation, "corrupt", "only one of the two test CA files exists"));
      }
      return okAsync({ certificatePem, privateKeyPkcs8Pem });
    }),
  );

/** Writes the CA certificate and key into `dir`. */
export const writeTestCaFiles = (dir: string, ca: TestCa, operation: string): ResultAsync<void, TestCardError> =>
  writePrivateFile(join(dir, TEST_CARD_FILES.caPrivateKey), ca.privateKeyPkcs8Pem, operation).andThen(() =>
    writePrivateFile(join(dir, TEST_CARD_FILES.caCertificate), ca.certificatePem, operation),
  );

/** Reads `card.json` of `dir`: `null` when absent, `corrupt` when it is not a card. */
export const readTestCardFile = (dir: string, operation: string): ResultAsync<TestCard | null, TestCardError> =>
  readOptionalFile(join(dir, TEST_CARD_FILES.card), operation).andThen((text) => {
    if (text === null) return okAsync(null);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return errAsync(testCardError(operation, "corrupt", "card.json is not JSON"));
    }
    return decodeOptions(TestCardFileSchema, operation, json)
      .mapErr((error) => testCardError(operation, "corrupt", `card.json is not a test card: ${error.message}`))
      .asyncAndThen((card) => okAsync<TestCard, TestCardError>(card));
  });

/** Writes `card.json` of `dir`. */
export const writeTestCardFile = (dir: string, card: TestCard, operation: string): ResultAsync<void, TestCardError> =>
  writePrivateFile(join(dir, TEST_CARD_FILES.card), `${JSON.stringify(card, null, 2)}\n`, operation);
