import { describe, expect, it } from "vitest";
import { applicationStoreCases, describeApplicationStoreContract, type CaseContext } from "@madoguchi/conformance/application-store";
import { flawedStore, type Flaws } from "./fixtures/flawed-application-store.ts";

// The fixture without flaws passes the whole suite (so the flawed runs below fail for their flaw).
describeApplicationStoreContract("flawless fixture", async () => flawedStore(), { testTimeout: 30_000 });

const context: CaseContext = {
  skip: (note) => {
    throw new Error(`unexpected skip: ${note}`);
  },
};

const caseNamed = (prefix: string) => {
  const found = applicationStoreCases.find((c) => c.name.startsWith(prefix));
  if (found === undefined) throw new Error(`no case starting with ${prefix}`);
  return found;
};

const mustCatch: readonly [string, Flaws, string][] = [
  ["ignoring the expected version", { ignoresVersion: true }, "update with a stale version"],
  ["ignoring the expected version under concurrency", { ignoresVersion: true }, "two concurrent updates"],
  ["no id tie-break in list", { noIdTieBreak: true }, "list filters by status"],
  ["handing out stored references", { sharesReferences: true }, "callers cannot change stored state"],
  ["writing the outbox of a failed insert", { keepsOutboxOfFailedInsert: true }, "insert with a duplicate id"],
  ["newest-first outbox", { outboxNewestFirst: true }, "outbox: due(now, limit)"],
  ["plaintext at rest (UTF-8)", { plaintextAtRest: "utf8" }, "canary:"],
  ["plaintext at rest (UTF-16LE)", { plaintextAtRest: "utf16le" }, "canary:"],
  ["losing milliseconds", { losesMilliseconds: true }, "insert then findById"],
  ["ignoring the version (model-based run)", { ignoresVersion: true }, "model-based:"],
  ["no id tie-break (model-based run)", { noIdTieBreak: true }, "model-based:"],
  ["in-process applications expiring", { expiresInProcess: true }, "retention: listFinishedBefore"],
  ["no id tie-break in the retention scan", { noIdTieBreak: true }, "retention: applications finished at the same time"],
  ["purging a changed application", { purgeIgnoresVersion: true }, "retention: purge is all or nothing"],
  ["a purge that leaves outbox messages", { purgeKeepsOutbox: true }, "retention: purge deletes"],
];

describe("the application-store contract catches broken adapters", () => {
  for (const [flaw, flaws, prefix] of mustCatch) {
    it(`${flaw} fails "${prefix}…"`, async () => {
      // A fixed seed for the model-based run: with a random one, 40 sequences missed the tie-break flaw once (a fresh
      // clone's full run); seeds 1–30 each catch both model-run flaws.
      await expect(caseNamed(prefix).run(async () => flawedStore(flaws), { numRuns: 40, modelRuns: 40, seed: 7 }, context)).rejects.toThrow();
      // Half a second on a quiet machine; fast-check's shrinking of the counterexample took over 30 s once on a loaded one.
    }, 120_000);
  }
});
