import fc from "fast-check";
import { expect } from "vitest";
import { applicationChangeAudit, applicationPurgedAudit, sealAuditEntries, type Application, type AuditEntryDraft } from "@madoguchi/core";
import { applicationArb } from "../application-store/application.arbitraries.ts";
import { errValue, okValue } from "../application-store/application-store.harness.ts";
import { auditDraftsArb } from "./audit.arbitraries.ts";
import { referenceHasher, withAuditStore, type AuditLogStoreCase } from "./audit-log.harness.ts";

const sampleApp = (seed: number): Application => fc.sample(applicationArb(), { numRuns: 1, seed })[0] as Application;

const changeAudit = (before: Application | null, after: Application, at: Date): AuditEntryDraft =>
  applicationChangeAudit({ action: before === null ? "application.submitted" : "application.status_changed", before, after, actor: { kind: "staff", id: "s-1" }, at, sourceIp: "192.0.2.1" });

/** Audit entries written by the application store, in the change's own transaction. */
export const transactionCases: readonly AuditLogStoreCase[] = [
  {
    name: "insert and update append their audit entries to the same chain as direct appends",
    run: (make) =>
      withAuditStore(make, async ({ auditLog, applications }) => {
        const [direct1, direct2] = fc.sample(auditDraftsArb(2, 2), { numRuns: 1, seed: 3 })[0]!;
        const app = sampleApp(61);
        const next = { ...app, version: app.version + 1 };
        const onInsert = changeAudit(null, app, new Date("2025-03-01T00:00:00.000Z"));
        const onUpdate = changeAudit(app, next, new Date("2025-03-02T00:00:00.000Z"));
        await okValue(auditLog.append([direct1!]));
        await okValue(applications.insert(app, [], [onInsert]));
        await okValue(applications.update(next, app.version, [], [onUpdate]));
        await okValue(auditLog.append([direct2!]));
        const expected = sealAuditEntries(referenceHasher, null, [direct1!, onInsert, onUpdate, direct2!]);
        expect(await okValue(auditLog.read({ afterSeq: 0, limit: 10 }))).toStrictEqual(expected);
      }),
  },
  {
    name: "a write that fails (duplicate insert, stale version) appends no audit entry",
    run: (make) =>
      withAuditStore(make, async ({ auditLog, applications }) => {
        const app = sampleApp(67);
        await okValue(applications.insert(app, [], [changeAudit(null, app, new Date("2025-01-01T00:00:00.000Z"))]));
        await errValue(applications.insert(app, [], [changeAudit(null, app, new Date("2025-01-01T00:00:01.000Z"))]));
        const next = { ...app, version: app.version + 1 };
        await okValue(applications.update(next, app.version, [], [changeAudit(app, next, new Date("2025-01-02T00:00:00.000Z"))]));
        const stale = { ...app, version: app.version + 1 };
        expect(await errValue(applications.update(stale, app.version, [], [changeAudit(app, stale, new Date("2025-01-03T00:00:00.000Z"))]))).toMatchObject({
          _tag: "ConcurrentModification",
        });
        expect((await okValue(auditLog.read({ afterSeq: 0, limit: 10 }))).map((e) => e.at.toISOString())).toEqual([
          "2025-01-01T00:00:00.000Z",
          "2025-01-02T00:00:00.000Z",
        ]);
      }),
  },
  {
    name: "purge appends its audit entries in its transaction; a refused purge (stale version) deletes and appends nothing",
    run: (make) =>
      withAuditStore(make, async ({ auditLog, applications }) => {
        const app = sampleApp(83);
        await okValue(applications.insert(app, []));
        const purged = (at: string) => applicationPurgedAudit(app, { at: new Date(at), actor: { kind: "system", id: null }, sourceIp: null, months: 12 });
        await errValue(applications.purge([{ id: app.id, version: app.version + 1 }], [purged("2026-01-01T00:00:00.000Z")]));
        expect(await okValue(auditLog.head())).toBeNull();
        expect(await okValue(applications.findById(app.id))).toStrictEqual(app);
        await okValue(applications.purge([{ id: app.id, version: app.version }], [purged("2026-01-02T00:00:00.000Z")]));
        expect(await okValue(applications.findById(app.id))).toBeNull();
        expect(await okValue(auditLog.read({ afterSeq: 0, limit: 10 }))).toStrictEqual(sealAuditEntries(referenceHasher, null, [purged("2026-01-02T00:00:00.000Z")]));
      }),
  },
  {
    name: "writes without audit entries leave the log untouched",
    run: (make) =>
      withAuditStore(make, async ({ auditLog, applications }) => {
        const app = sampleApp(71);
        await okValue(applications.insert(app, []));
        await okValue(applications.update({ ...app, version: app.version + 1 }, app.version, []));
        expect(await okValue(auditLog.head())).toBeNull();
      }),
  },
  {
    name: "concurrent updates of different applications and direct appends still form one chain",
    run: (make) =>
      withAuditStore(make, async ({ auditLog, applications }) => {
        const apps = fc.sample(applicationArb(), { numRuns: 6, seed: 73 }).map((a, i) => ({ ...a, receiptNumber: `${a.receiptNumber}-${i}`, submissionKey: `${a.submissionKey}-${i}` })) as Application[];
        const at = new Date("2025-05-05T00:00:00.000Z");
        for (const a of apps) await okValue(applications.insert(a, []));
        const directs = fc.sample(auditDraftsArb(6, 6), { numRuns: 1, seed: 79 })[0]!;
        const results = await Promise.all([
          ...apps.map((a) => applications.update({ ...a, version: a.version + 1 }, a.version, [], [changeAudit(a, { ...a, version: a.version + 1 }, at)])),
          ...directs.map((d) => auditLog.append([d])),
        ]);
        for (const r of results) expect(r.isOk()).toBe(true);
        const stored = await okValue(auditLog.read({ afterSeq: 0, limit: 100 }));
        expect(stored.map((e) => e.seq)).toEqual(stored.map((_, i) => i + 1));
        expect(stored.map((e) => e.hash)).toEqual(sealAuditEntries(referenceHasher, null, stored).map((e) => e.hash));
      }),
  },
];
