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

// The same contract with the checks on a worker thread (revocation stays on the calling thread), as the server runs it.
describeSignatureVerifierContract(
  "cms on a worker thread (test-card fixtures)",
  (setup) => createCmsSignatureVerifier({ ...setup, workers: 1 }),
  fixtures,
);
