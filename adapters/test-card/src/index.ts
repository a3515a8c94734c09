/**
 * @madoguchi/adapter-test-card — a software JPKI signature card with its own test CA: issue cards,
 * sign detached CMS like the card does (password counter and lock included), keep the reference app's
 * demo card in files, and expose it over HTTP as a stand-in for the smartphone JPKI app. Also provides
 * the fixtures for the signature-verifier conformance suite. Never use it to accept real signatures.
 */
export type { TestCa, TestCard, BasicInfo, JpkiSex } from "./test-card.ts";
export { SIGNATURE_PASSWORD_TRIES, AUTHENTICATION_PIN_TRIES, type TestCardAuthentication } from "./test-card.ts";
export { signDigestInfo, AUTHENTICATION_PIN_PATTERN, type CardSignature } from "./sign-digest-info.ts";
export { createTestCardJpkiSigner, type TestCardJpkiSignerDeps } from "./test-card-jpki-signer.ts";
export { issueTestCrl, type IssueTestCrlOptions, type TestCrlEntry } from "./test-crl.ts";
export { createCrlRevocationChecker, type CrlRevocationCheckerOptions } from "./crl-revocation-checker.ts";
export { createTestCaRevocationChecker, testCaCrlAt, readRevokedList, addRevoked, REVOKED_FILE } from "./test-ca-revocation.ts";
export type { TestCardError, TestCardErrorReason } from "./test-card.errors.ts";
export { createTestCa, type CreateTestCaOptions } from "./create-test-ca.ts";
export { addAuthenticationKey, issueTestCard, type IssueTestCardOptions } from "./issue-test-card.ts";
export { localityOfAddress, type Locality } from "./jpki-names.ts";
export { SIGNATURE_PASSWORD_PATTERN } from "./signature-password.ts";
export { signDetached, type SignDetachedOptions, type SignedByTestCard } from "./sign-detached.ts";
export { readTestCardInfo, type TestCardInfo } from "./read-test-card-info.ts";
export {
  loadOrCreateTestCardSetup,
  DEMO_AUTHENTICATION_PIN,
  DEMO_BASIC_INFO,
  DEMO_SIGNATURE_PASSWORD,
  type TestCardSetup,
  type TestCardSetupOptions,
} from "./load-or-create-test-card-setup.ts";
export { TEST_CARD_FILES } from "./test-card-files.ts";
export { issueTestCardFiles, type IssueTestCardFilesOptions } from "./issue-test-card-files.ts";
export { createTestCardRouter, type TestCardRouterDeps } from "./test-card-router.ts";
export {
  testCardSignatureFixtures,
  type TestCardFixtureSigner,
  type TestCardSignedFixture,
  type LoadedTestCardSignatureFixtures,
  type TestCardSignatureFixtures,
} from "./signature-fixtures.ts";
export { createSerialQueue, serialQueueForCardDir, type SerialQueue } from "./serial-queue.ts";
