import { describeSignatureVerifierContract, type SignatureFixtures } from "@madoguchi/conformance/signature-verifier";
import { testCardSignatureFixtures } from "@madoguchi/adapter-test-card";
import { createCmsSignatureVerifier } from "../src/index.ts";

// Typed against the conformance package: the test card declares its fixtures structurally.
const fixtures: SignatureFixtures = testCardSignatureFixtures();

describeSignatureVerifierContract(
  "cms (test-card fixtures)",
  (setup) => createCmsSignatureVerifier(setup),
  fixtures,
);
