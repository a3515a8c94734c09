import { describeRevocationCheckerContract } from "@madoguchi/conformance/revocation-checker";
import { afterAll } from "vitest";
import { createCrlRevocationChecker, createTestCaRevocationChecker } from "../src/index.ts";
import { crlCheckerHarness, removeHarnessDirectories, testCaCheckerHarness } from "./revocation.harness.ts";

afterAll(removeHarnessDirectories);

describeRevocationCheckerContract(
  "crl (generic: the CRLs a registered verifier holds)",
  crlCheckerHarness((crls) => createCrlRevocationChecker({ crls: async () => crls })),
);

describeRevocationCheckerContract(
  "test-ca-crl (the embedded profile's: a CRL of revoked.json on each check)",
  testCaCheckerHarness(({ ca, dir, now }) => createTestCaRevocationChecker({ ca, dir, clock: { now: () => now } })),
);
