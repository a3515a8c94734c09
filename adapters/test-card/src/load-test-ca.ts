import type * as pkijs from "pkijs";
import { errAsync, okAsync, ResultAsync } from "neverthrow";
import { importPrivateKey } from "./certificate-builder.ts";
import { parseCertificatePem } from "./certificate-parsing.ts";
import { fromPem } from "./pem.ts";
import { testCardError, type TestCardError } from "./test-card.errors.ts";
import type { TestCa } from "./test-card.ts";
import type { CryptoKey } from "./webcrypto.ts";

/** A test CA ready to issue: its parsed certificate and its signing key. */
export interface LoadedTestCa {
  readonly certificate: pkijs.Certificate;
  readonly privateKey: CryptoKey;
}

/** Parses a {@link TestCa}'s PEM files; anything unreadable is `corrupt`. */
export const loadTestCa = (ca: TestCa, operation: string): ResultAsync<LoadedTestCa, TestCardError> => {
  const certificate = parseCertificatePem(ca.certificatePem);
  const pkcs8 = fromPem("PRIVATE KEY", ca.privateKeyPkcs8Pem);
  if (certificate === null || pkcs8 === null) {
    return errAsync(testCardError(operation, "corrupt", "the test CA certificate or key is not readable PEM"));
  }
  return ResultAsync.fromPromise(importPrivateKey(pkcs8), (cause) =>
    testCardError(operation, "corrupt", "the test CA private key is not an RSA PKCS#8 key", { cause }),
  ).andThen((privateKey) => okAsync({ certificate, privateKey }));
};
