import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { REVOCATION_REASON_CODES, type Clock, type RevocationChecker, type RevocationReason } from "@madoguchi/core";
import { Schema } from "effect";
import { errAsync, ResultAsync } from "neverthrow";
import { createCrlRevocationChecker } from "./crl-revocation-checker.ts";
import { issueTestCrl, type TestCrlEntry } from "./test-crl.ts";
import { testCardError, type TestCardError } from "./test-card.errors.ts";
import type { TestCa } from "./test-card.ts";

/** File of the test CA's revoked serial numbers inside a test-card directory. */
export const REVOKED_FILE = "revoked.json";

const EntrySchema = Schema.Array(
  Schema.Struct({
    serialNumber: Schema.String.check(Schema.isPattern(/^[0-9a-f]+$/)),
    revokedAt: Schema.String,
    reason: Schema.Literals(Object.keys(REVOCATION_REASON_CODES) as [RevocationReason, ...RevocationReason[]]),
  }),
);

/** The revoked entries of the test CA in `dir` (none when the file is absent). */
export const readRevokedList = (dir: string): ResultAsync<readonly TestCrlEntry[], TestCardError> =>
  ResultAsync.fromPromise(
    readFile(join(dir, REVOKED_FILE), "utf8").catch((cause: unknown) =>
      typeof cause === "object" && cause !== null && "code" in cause && cause.code === "ENOENT" ? "[]" : Promise.reject(cause),
    ),
    (cause) => testCardError("test-card.revoked", "unavailable", "the revoked list could not be read", { cause }),
  ).andThen((text) => {
    const decoded = Schema.decodeUnknownResult(EntrySchema)(JSON.parse(text));
    if (decoded._tag === "Failure") return errAsync(testCardError("test-card.revoked", "corrupt", "revoked.json is not a list of entries"));
    return ResultAsync.fromSafePromise(
      Promise.resolve(decoded.success.map((entry) => ({ ...entry, revokedAt: new Date(entry.revokedAt) }))),
    );
  });

/** Adds a revoked serial number to the test CA's list in `dir` (the CLI's `--revoked`). */
export const addRevoked = (dir: string, entry: TestCrlEntry): ResultAsync<void, TestCardError> =>
  readRevokedList(dir).andThen((list) =>
    ResultAsync.fromPromise(
      writeFile(
        join(dir, REVOKED_FILE),
        `${JSON.stringify([...list, entry].map((e) => ({ ...e, revokedAt: e.revokedAt.toISOString() })), null, 2)}\n`,
        { mode: 0o600 },
      ),
      (cause) => testCardError("test-card.revoked", "unavailable", "the revoked list could not be written", { cause }),
    ),
  );

/**
 * The CRL the test CA publishes at `now` for `revoked`: thisUpdate an hour ago, nextUpdate in a day,
 * cRLNumber the seconds since 1970 at `now` — it increases across restarts of the server, as a
 * cRLNumber must (a counter in memory would start at 1 again), and the same inputs give the same CRL.
 */
export const testCaCrlAt = (ca: TestCa, now: Date, revoked: readonly TestCrlEntry[]) =>
  issueTestCrl(ca, {
    thisUpdate: new Date(now.getTime() - 3_600_000),
    nextUpdate: new Date(now.getTime() + 86_400_000),
    crlNumber: Math.floor(now.getTime() / 1000),
    revoked,
  });

/** How long the test CA hands out the same CRL for an unchanged revoked list. */
const CRL_REUSE_MS = 60_000;

/**
 * The test CA as a CRL publisher: every check reads `revoked.json` and gets a CRL ({@link testCaCrlAt}) of its
 * serials — issued afresh when the list changed or the last one is a minute old — and checks against it with the
 * generic CRL checker, the same code path as a registered verifier's downloaded CRLs. A revocation takes effect at
 * the next check.
 */
export const createTestCaRevocationChecker = (deps: { readonly ca: TestCa; readonly dir: string; readonly clock: Clock }): RevocationChecker => {
  let issued: { readonly list: string; readonly at: number; readonly der: Uint8Array } | null = null;
  const checker = createCrlRevocationChecker({
    crls: async () => {
      const revoked = await readRevokedList(deps.dir);
      if (revoked.isErr()) throw new Error(revoked.error.message);
      const now = deps.clock.now();
      // The same list within a minute gets the CRL already issued (signing one per signature checked was a
      // fifth of a submission's time); a changed list, a later minute or a clock set back get a fresh one.
      const list = JSON.stringify(revoked.value);
      const age = issued === null ? -1 : now.getTime() - issued.at;
      if (issued !== null && issued.list === list && age >= 0 && age < CRL_REUSE_MS) return [issued.der];
      const crl = await testCaCrlAt(deps.ca, now, revoked.value);
      if (crl.isErr()) throw new Error(crl.error.message);
      issued = { list, at: now.getTime(), der: crl.value.der };
      return [crl.value.der];
    },
  });
  return { ...checker, meta: { ...checker.meta, name: "test-ca-crl" } };
};
