import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalCheckpointSigner, createLocalKeyStore } from "@madoguchi/adapter-local-keystore";
import { createMikroOrmStore } from "@madoguchi/adapter-mikro-orm";
import { changeAuditRetention, checkpointAuditLog, expireAuditSegments, type AuditEntryDraft, type CheckpointSigner } from "@madoguchi/core";
import { jsonOf, madoguchi, tempDir } from "./run-madoguchi.ts";

/** Synthetic events (ids only), one per day from 2026-10-20, so the log spans two monthly segments. */
const drafts = (from: number, count: number): AuditEntryDraft[] =>
  Array.from({ length: count }, (_, i) => ({
    at: new Date(Date.UTC(2026, 9, 20 + from + i, 9, 0, 0)),
    actor: { kind: "staff", id: `staff-${(from + i) % 3}` },
    action: "application.viewed",
    target: { kind: "application", id: `00000000-0000-4000-8000-${String(from + i).padStart(12, "0")}` },
    result: "success",
    sourceIp: "192.0.2.10",
    details: {},
  }));

// One story, in order (vitest runs a file's tests sequentially): write, verify, export, then tamper.
describe("madoguchi audit verify / export-checkpoints", { timeout: 60_000 }, () => {
  const dir = tempDir();
  const dataDir = join(dir.path, "data");
  const dbFile = join(dataDir, "madoguchi.sqlite");
  let signer: CheckpointSigner;

  /** Appends entries and signs checkpoints through the real adapters, as the server does. */
  const serverWrites = async (from: number, count: number): Promise<void> => {
    const keyStore = (await createLocalKeyStore({ keyFile: join(dataDir, "keys", "data-kek.json"), createIfMissing: true }))._unsafeUnwrap();
    const store = (await createMikroOrmStore({ driver: "sqlite", path: dbFile, keyStore }))._unsafeUnwrap();
    try {
      (await store.auditLog.append(drafts(from, count)))._unsafeUnwrap();
      (await checkpointAuditLog({ auditLog: store.auditLog, signer, clock: { now: () => new Date("2026-11-23T00:00:00Z") } }))._unsafeUnwrap();
    } finally {
      await store.close();
    }
  };

  /** Raw SQL on the database file, as someone with file access would do it. */
  const raw = (...statements: string[]): void => {
    const db = new DatabaseSync(dbFile);
    try {
      for (const s of statements) db.exec(s);
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    signer = (await createLocalCheckpointSigner({ keyFile: join(dataDir, "keys", "audit-signing.json"), createIfMissing: true }))._unsafeUnwrap();
    await serverWrites(0, 20);
  });
  afterAll(() => dir.remove());

  it("verify prints OK with counts for an intact log (the server's key file is trusted by default)", async () => {
    const run = await madoguchi(["audit", "verify", "--data-dir", dataDir, "--lang", "en"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("audit log OK: 20 entries (seq 1–20), 2 checkpoints");
    const json = await madoguchi(["audit", "verify", "--data-dir", dataDir, "--json"]);
    expect(jsonOf<{ entries: number; lastSeq: number }>(json)).toMatchObject({ ok: true, entries: 20, lastSeq: 20 });
  });

  it("export-checkpoints writes the signed checkpoints with the public key, never overwriting; --sign-now covers the current end", async () => {
    const out = join(dir.path, "copy-1.json");
    const run = await madoguchi(["audit", "export-checkpoints", "--data-dir", dataDir, "--out", out, "--json"]);
    expect(run.code).toBe(0);
    const file = JSON.parse(readFileSync(out, "utf8")) as { format: string; publicKeys: { keyId: string; publicKey: string }[]; checkpoints: { lastSeq: number }[] };
    expect(file.format).toBe("madoguchi-audit-checkpoints");
    expect(file.publicKeys).toEqual([{ keyId: signer.keyId, publicKey: signer.publicKey }]);
    expect(file.checkpoints.map((c) => c.lastSeq)).toEqual([12, 20]);
    expect(readFileSync(out, "utf8")).not.toContain("privateKey");
    const again = await madoguchi(["audit", "export-checkpoints", "--data-dir", dataDir, "--out", out, "--lang", "en"]);
    expect(again.code).toBe(1);
    expect(again.stderr + again.stdout).toContain("the file exists (not overwritten)");

    await serverWrites(20, 3); // the server checkpoints the new end too
    raw(`delete from audit_checkpoints where last_seq = 23`);
    const signed = await madoguchi(["audit", "export-checkpoints", "--data-dir", dataDir, "--out", join(dir.path, "copy-2.json"), "--sign-now", "--json"]);
    expect(jsonOf<{ signedNow: number; lastSeq: number }>(signed)).toMatchObject({ ok: true, signedNow: 1, lastSeq: 23 });
  });

  it("a cut-off tail passes on the database alone but fails against the exported copy: truncated", async () => {
    // The attacker deletes the newest entry and the database's checkpoint of it.
    raw("delete from audit_entries where seq = 23", "delete from audit_checkpoints where last_seq = 23");
    expect((await madoguchi(["audit", "verify", "--data-dir", dataDir])).code).toBe(0);
    const run = await madoguchi(["audit", "verify", "--data-dir", dataDir, "--checkpoints", join(dir.path, "copy-2.json"), "--lang", "en", "--json"]);
    expect(run.code).toBe(1);
    const compact = JSON.stringify(JSON.parse(run.stdout));
    expect(compact).toContain('"reason":"truncated"');
    expect(compact).toContain('"seq":23');
  });

  it("a raw edit is reported as the first bad entry with its reason, exit 1", async () => {
    raw("drop trigger if exists audit_entries_append_only", "update audit_entries set result = 'denied' where seq = 7");
    const run = await madoguchi(["audit", "verify", "--data-dir", dataDir, "--lang", "en"]);
    expect(run.code).toBe(1);
    expect(run.stderr + run.stdout).toContain("first bad entry seq 7");
    expect(run.stderr + run.stdout).toContain("hash_mismatch");
  });

  it("usage errors: an unknown database file is not found; a bad checkpoint file is invalid input", async () => {
    const missing = await madoguchi(["audit", "verify", "--data-dir", join(dir.path, "nowhere"), "--public-key", join(dataDir, "keys", "audit-signing.json")]);
    expect(missing.code).toBe(1);
    expect(existsSync(join(dir.path, "nowhere", "madoguchi.sqlite"))).toBe(false);
    const bad = await madoguchi(["audit", "verify", "--data-dir", dataDir, "--checkpoints", join(dataDir, "keys", "audit-signing.json"), "--lang", "en"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr + bad.stdout).toContain("invalid checkpoint file");
    expect((await madoguchi(["audit", "export-checkpoints", "--data-dir", dataDir])).code).toBe(2);
  });
});

// The retention an administrator stores is read for the report, never trusted for the check (ADR 21):
// whoever can write the database could shorten it and delete segments that have not expired.
describe("madoguchi audit verify after an administrator shortened the retention", { timeout: 60_000 }, () => {
  const dir = tempDir();
  const dataDir = join(dir.path, "data");
  const dbFile = join(dataDir, "madoguchi.sqlite");
  const ENV = { MADOGUCHI_AUDIT_RETENTION_MONTHS: "36" };
  /** A day in the month `monthsAgo` months before this one (UTC): the CLI verifies against the real clock. */
  const monthsAgo = (months: number, day: number) => {
    const now = new Date();
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, day, 9, 0, 0));
  };
  const event = (at: Date, n: number): AuditEntryDraft => ({
    at,
    actor: { kind: "staff", id: "staff-1" },
    action: "application.viewed",
    target: { kind: "application", id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}` },
    result: "success",
    sourceIp: "192.0.2.10",
    details: {},
  });
  const verify = (...args: string[]) => madoguchi(["audit", "verify", "--data-dir", dataDir, "--lang", "en", ...args], { env: ENV });

  beforeAll(async () => {
    const signer = (await createLocalCheckpointSigner({ keyFile: join(dataDir, "keys", "audit-signing.json"), createIfMissing: true }))._unsafeUnwrap();
    const keyStore = (await createLocalKeyStore({ keyFile: join(dataDir, "keys", "data-kek.json"), createIfMissing: true }))._unsafeUnwrap();
    const store = (await createMikroOrmStore({ driver: "sqlite", path: dbFile, keyStore }))._unsafeUnwrap();
    const clock = { now: () => new Date() };
    try {
      // 20 months ago: expired under a 12-month retention, not under the deployment's 36.
      (await store.auditLog.append([event(monthsAgo(20, 3), 1), event(monthsAgo(20, 4), 2), event(monthsAgo(1, 5), 3), event(monthsAgo(1, 6), 4)]))._unsafeUnwrap();
      (await checkpointAuditLog({ auditLog: store.auditLog, signer, clock }))._unsafeUnwrap();
      const change = (await changeAuditRetention({ settings: store.settings, clock }, { months: 12, defaultMonths: 36, staffId: "staff-admin", sourceIp: "192.0.2.1" }))._unsafeUnwrap();
      expect([change.from, change.to, change.changed]).toEqual([36, 12, true]);
      // The server's next maintenance run, with the period in force.
      const expired = (await expireAuditSegments({ auditLog: store.auditLog, clock }, 12))._unsafeUnwrap();
      expect(expired.entries).toBe(2);
    } finally {
      await store.close();
    }
  });
  afterAll(() => dir.remove());

  it("without the flag it checks against the deployment's period and fails, naming the stored period and how to pass it", async () => {
    const run = await verify();
    expect(run.code).toBe(1);
    const out = run.stderr + run.stdout;
    expect(out).toContain("audit log verification FAILED");
    expect(out).toContain("retention checked against: 36 months (from MADOGUCHI_AUDIT_RETENTION_MONTHS)");
    expect(out).toContain("the database holds a retention of 12 months set by an administrator");
    expect(out).toContain("pass --retention-months 12");
    const json = jsonOf<{ error: Record<string, unknown> }>(await madoguchi(["audit", "verify", "--data-dir", dataDir, "--json"], { env: ENV }));
    expect(json.error).toMatchObject({ retentionMonths: 36, retentionSource: "environment", storedRetentionMonths: 12 });
  });

  it("--retention-months overrides the variable: the stored period, once confirmed, verifies clean and the report says where it came from", async () => {
    const run = await verify("--retention-months", "12");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("1 for expired segments");
    expect(run.stdout).toContain("retention checked against: 12 months (from --retention-months)");
    expect(run.stdout).not.toContain("the database holds a retention");
    const json = jsonOf<Record<string, unknown>>(await madoguchi(["audit", "verify", "--data-dir", dataDir, "--json", "--retention-months", "12"], { env: ENV }));
    expect(json).toMatchObject({ ok: true, retentionMonths: 12, retentionSource: "flag", storedRetentionMonths: 12, expiredCheckpoints: 1 });
  });

  it("a period that is not a whole number of months from 1 to 1200 is a usage error naming where it came from (exit 2)", async () => {
    for (const bad of ["abc", "0", "1201", "12.5", "-3"]) {
      const run = await verify(`--retention-months=${bad}`);
      expect(run.code, bad).toBe(2);
      expect(run.stderr + run.stdout, bad).toContain("--retention-months must be a whole number of months from 1 to 1200");
    }
    const fromEnv = await madoguchi(["audit", "verify", "--data-dir", dataDir, "--lang", "en"], { env: { MADOGUCHI_AUDIT_RETENTION_MONTHS: "three years" } });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr + fromEnv.stdout).toContain("MADOGUCHI_AUDIT_RETENTION_MONTHS must be a whole number of months from 1 to 1200");
  });
});
