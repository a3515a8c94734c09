import { generateKeyPairSync, sign } from "node:crypto";
import { okAsync } from "neverthrow";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { createMemoryStore } from "@madoguchi/adapter-memory";
import type { AuditEntryDraft, CheckpointSigner, Clock } from "@madoguchi/core";
import { runAuditMaintenance } from "../src/audit/audit-maintenance.ts";

const signer = (): CheckpointSigner => {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    meta: { contract: "checkpoint-signer@1", name: "test-ed25519", capabilities: new Set() },
    keyId: "test-key",
    publicKey: publicKey.export({ type: "spki", format: "der" }).toString("base64"),
    sign: (message) => okAsync(sign(null, Buffer.from(message, "utf8"), privateKey).toString("base64")),
  };
};

/** One entry in the middle of each month from January 2023 to October 2026. */
const monthlyDrafts = (): AuditEntryDraft[] => {
  const drafts: AuditEntryDraft[] = [];
  for (let m = 0; m < 46; m++) {
    drafts.push({ at: new Date(Date.UTC(2023, m, 15)), actor: { kind: "system", id: null }, action: "audit.checkpointed", target: null, result: "success", sourceIp: null, details: { m } });
  }
  return drafts;
};

describe("audit maintenance reads the retention in force on every run", () => {
  it("uses the deployment's default until an administrator sets one, then each newly stored value; an unreadable setting deletes nothing", async () => {
    const store = createMemoryStore();
    const now = new Date("2026-11-15T00:00:00.000Z");
    const clock: Clock = { now: () => new Date(now) };
    (await store.auditLog.append(monthlyDrafts()))._unsafeUnwrap();
    const deps = { auditLog: store.auditLog, signer: signer(), clock, logger: pino({ level: "silent" }), settings: store.settings, defaultRetentionMonths: 48 };
    const oldest = async () => (await store.auditLog.segments())._unsafeUnwrap()[0]?.segment;

    await runAuditMaintenance(deps);
    // 48 months: January 2023 ends 2023-02-01 and is kept until 2027-02-01.
    expect(await oldest()).toBe("2023-01");

    (await store.settings.put("audit.retentionMonths", 24, 0, now, []))._unsafeUnwrap();
    await runAuditMaintenance(deps);
    // 24 months: October 2024 ended 2024-11-01 and expired 2026-11-01; November 2024 is kept until 2026-12-01.
    expect(await oldest()).toBe("2024-11");

    (await store.settings.put("audit.retentionMonths", 12, 1, now, []))._unsafeUnwrap();
    await runAuditMaintenance(deps);
    expect(await oldest()).toBe("2025-11");
    const expiries = (await store.auditLog.read({ actions: ["audit.segments_expired"], afterSeq: 0, limit: 10 }))._unsafeUnwrap();
    expect(expiries.map((e) => e.details["retentionMonths"])).toEqual([24, 12]);

    // A hand-edited, out-of-range value (0 would delete everything) is not used: nothing is deleted.
    store.settings.writeRaw("audit.retentionMonths", "0");
    now.setUTCFullYear(2027);
    await runAuditMaintenance(deps);
    expect(await oldest()).toBe("2025-11");
    await store.close();
  });
});
