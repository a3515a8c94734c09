import type { RevocationChecker } from "@madoguchi/core";
import { okAsync } from "neverthrow";

/** Answers "good" for every certificate (tests aimed at other checks), with evidence naming the serial. */
export const alwaysGood: RevocationChecker = {
  meta: { contract: "revocation-checker@1", name: "always-good", capabilities: new Set<never>() },
  check: () =>
    okAsync({
      status: "good",
      evidence: {
        source: "crl",
        crlIssuer: "test",
        crlNumber: "1",
        thisUpdate: new Date(0),
        nextUpdate: null,
        crlSha256: "0".repeat(64),
        serialNumber: "00",
      },
    }),
};
