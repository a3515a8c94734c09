import { describe, expect, it } from "vitest";
import { auditLogStoreCases, describeAuditLogStoreContract } from "@madoguchi/conformance/audit-log";
import { flawedAuditStore, type AuditFlaws } from "./fixtures/flawed-audit-log-store.ts";

// The fixture without flaws passes the suite (so the flawed runs below fail for their flaw).
describeAuditLogStoreContract("flawless audit fixture", async () => flawedAuditStore(), { numRuns: 20, testTimeout: 30_000, tamperHooks: false });

const caseNamed = (prefix: string) => {
  const found = auditLogStoreCases.find((c) => c.name.startsWith(prefix));
  if (found === undefined) throw new Error(`no case starting with ${prefix}`);
  return found;
};

const mustCatch: readonly [string, AuditFlaws, string][] = [
  ["an application store that drops audit drafts", { dropsTransactionalAudit: true }, "insert and update append their audit entries"],
  ["an application store that drops a purge's audit drafts", { dropsTransactionalAudit: true }, "purge appends its audit entries"],
  ["unserialised appends (two writers chain to one head)", { unserialisedAppend: true }, "concurrent appends are serialised"],
  ["a read that ignores the actor filter", { ignoresActorFilter: true }, "read filters by actor"],
  ["segment deletion that takes the checkpoints along", { deletesCheckpoints: true }, "deleteSegment removes exactly"],
  ["losing milliseconds", { losesMilliseconds: true }, "append in batches"],
];

describe("the audit-log contract catches broken adapters", () => {
  it("a read that ignores the actor filter fails at the fixed example, not only when the property happens on one", async () => {
    await expect(caseNamed("read filters by actor").run(async () => flawedAuditStore({ ignoresActorFilter: true }), { numRuns: 1 })).rejects.toThrow();
  }, 30_000);

  for (const [flaw, flaws, prefix] of mustCatch) {
    it(`${flaw} fails "${prefix}…"`, async () => {
      await expect(caseNamed(prefix).run(async () => flawedAuditStore(flaws), { numRuns: 30 })).rejects.toThrow();
    }, 30_000);
  }
});
