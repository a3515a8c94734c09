import { describeRevocationCheckerContract } from "@madoguchi/conformance/revocation-checker";
import { afterAll } from "vitest";
import { createOcspRevocationChecker } from "../src/index.ts";
import { ocspHarness, removeSharedPki, sharedPki } from "./ocsp.harness.ts";
import { stopAllResponders } from "./openssl-pki.ts";

afterAll(async () => {
  await stopAllResponders();
  await removeSharedPki();
});

describeRevocationCheckerContract(
  "ocsp (OpenSSL's responder, the CA signs; CertID SHA-1)",
  ocspHarness("issuer", (responderUrl) => createOcspRevocationChecker({ responderUrl }), sharedPki),
  { numRuns: 10 },
);

describeRevocationCheckerContract(
  "ocsp (OpenSSL's responder, a delegated responder signs; CertID SHA-256)",
  ocspHarness("delegated", (responderUrl) => createOcspRevocationChecker({ responderUrl, certIdHash: "SHA-256" }), sharedPki),
  { numRuns: 10 },
);
