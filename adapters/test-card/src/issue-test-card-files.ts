import type { RevocationReason } from "@madoguchi/core";
import { errAsync, okAsync, ResultAsync } from "neverthrow";
import { toHex } from "./bytes.ts";
import { parseCertificatePem } from "./certificate-parsing.ts";
import { addRevoked } from "./test-ca-revocation.ts";
import { testCardError } from "./test-card.errors.ts";
import { createTestCa } from "./create-test-ca.ts";
import { issueTestCard } from "./issue-test-card.ts";
import type { Locality } from "./jpki-names.ts";
import { ensurePrivateDirectory, readTestCaFiles, writeTestCaFiles, writeTestCardFile } from "./test-card-files.ts";
import type { TestCardError } from "./test-card.errors.ts";
import type { BasicInfo, TestCa, TestCard } from "./test-card.ts";

/** Options of {@link issueTestCardFiles}. */
export interface IssueTestCardFilesOptions {
  /** The test-card directory (as for `loadOrCreateTestCardSetup`). */
  readonly dir: string;
  readonly now: Date;
  readonly basicInfo: BasicInfo;
  readonly signaturePassword: string;
  /** Years of validity of the new card (default 5, as a signature certificate). */
  readonly validYears?: number;
  readonly locality?: Locality;
  /** 4 digits: the card also gets a user-authentication key guarded by this PIN (3 tries). */
  readonly authenticationPin?: string;
  /** Put the new card's serial on the test CA's revoked list (`revoked.json`) at `at` for `reason`. */
  readonly revoked?: { readonly at: Date; readonly reason: RevocationReason };
}

const OPERATION = "test-card.issue-files";

/**
 * For the CLI: issues a new card from the CA in `dir` (creating the CA if there is none) and makes it
 * the directory's card, replacing `card.json` — a fresh card with 5 tries, which also serves to
 * "re-issue" a locked one, as a municipal counter does.
 */
export const issueTestCardFiles = (
  options: IssueTestCardFilesOptions,
): ResultAsync<{ readonly ca: TestCa; readonly card: TestCard }, TestCardError> => {
  const { dir, now } = options;
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + (options.validYears ?? 5));
  return ensurePrivateDirectory(dir, OPERATION)
    .andThen(() => readTestCaFiles(dir, OPERATION))
    .andThen((existing) =>
      existing === null
        ? createTestCa({ now }).andThen((ca) => writeTestCaFiles(dir, ca, OPERATION).map(() => ca))
        : ResultAsync.fromSafePromise(Promise.resolve(existing)),
    )
    .andThen((ca) =>
      issueTestCard(ca, {
        basicInfo: options.basicInfo,
        notBefore: now,
        notAfter,
        signaturePassword: options.signaturePassword,
        ...(options.locality === undefined ? {} : { locality: options.locality }),
        ...(options.authenticationPin === undefined ? {} : { authenticationPin: options.authenticationPin }),
      })
        .andThen((card) => writeTestCardFile(dir, card, OPERATION).map(() => card))
        .andThen((card) => {
          const revoked = options.revoked;
          if (revoked === undefined) return okAsync({ ca, card });
          const certificate = parseCertificatePem(card.certificatePem);
          if (certificate === null) return errAsync(testCardError(OPERATION, "corrupt", "the new card's certificate is not readable"));
          const serialNumber = toHex(certificate.serialNumber.valueBlock.valueHexView);
          return addRevoked(dir, { serialNumber, revokedAt: revoked.at, reason: revoked.reason }).map(() => ({ ca, card }));
        }),
    );
};
