import { describe, expect, it } from "vitest";
import { detectSecurityAlerts, type AuditEntry, type AuditEntryDraft } from "../../src/index.ts";

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);
const MIN = 60_000;

/** Entries in order, numbered from 1 (hash and segment do not matter to the rules). */
const log = (drafts: readonly AuditEntryDraft[]): AuditEntry[] => drafts.map((d, i) => ({ ...d, seq: i + 1, segment: "2026-11", hash: "" }));

const failedLogin = (minute: number, ip: string, extra: Partial<AuditEntryDraft> = {}): AuditEntryDraft => ({
  at: new Date(T0 + minute * MIN),
  actor: { kind: "anonymous", id: null },
  action: "resident.login",
  target: null,
  result: "failure",
  sourceIp: ip,
  details: { step: "password", outcome: "wrong_password" },
  ...extra,
});

const denied = (minute: number, staffId: string): AuditEntryDraft => ({
  at: new Date(T0 + minute * MIN),
  actor: { kind: "staff", id: staffId },
  action: "authorization.denied",
  target: null,
  result: "denied",
  sourceIp: "192.0.2.10",
  details: { permission: "audit.view" },
});

describe("detectSecurityAlerts (N5)", () => {
  it("a staff account locked by failed sign-ins and a failed backup are alerts by themselves", () => {
    const entries = log([
      failedLogin(0, "192.0.2.1", { action: "staff.login", actor: { kind: "staff", id: "st-1" }, details: { step: "password", outcome: "wrong_password" } }),
      failedLogin(1, "192.0.2.1", { action: "staff.login", actor: { kind: "staff", id: "st-1" }, details: { step: "password", outcome: "wrong_password", lockedUntil: "2026-11-24T09:16:00.000Z" } }),
      { at: new Date(T0 + 2 * MIN), actor: { kind: "system", id: null }, action: "backup.failed", target: null, result: "failure", sourceIp: null, details: { reason: "integrity check failed" } },
    ]);
    expect(detectSecurityAlerts(entries, 0).map((a) => [a.rule, a.subject, a.seq])).toEqual([
      ["staff_account_locked", "st-1", 2],
      ["backup_failed", "", 3],
    ]);
  });

  it("20 failed sign-ins from one source within 10 minutes raise one alert; 19, or 20 spread wider, or from many sources, raise none", () => {
    const burst = (n: number, everyMinutes: number, ip: (i: number) => string) => log(Array.from({ length: n }, (_, i) => failedLogin(i * everyMinutes, ip(i))));
    expect(detectSecurityAlerts(burst(19, 0.4, () => "198.51.100.7"), 0)).toEqual([]);
    expect(detectSecurityAlerts(burst(20, 0.6, () => "198.51.100.7"), 0)).toEqual([]); // 11.4 minutes from first to last
    expect(detectSecurityAlerts(burst(40, 0.1, (i) => `198.51.100.${i}`), 0)).toEqual([]);
    const alerts = detectSecurityAlerts(burst(30, 0.4, () => "198.51.100.7"), 0);
    expect(alerts.map((a) => [a.rule, a.subject, a.count, a.seq])).toEqual([["login_failures_from_source", "198.51.100.7", 20, 20]]);
  });

  it("a sustained attack is one alert per window, and staff refusals count per member", () => {
    const attack = log(Array.from({ length: 120 }, (_, i) => failedLogin(i * 0.25, "203.0.113.9"))); // 30 minutes, 4 a minute
    expect(detectSecurityAlerts(attack, 0).map((a) => Math.round((a.at.getTime() - T0) / MIN))).toEqual([5, 15, 25]);
    const refusals = log([...Array.from({ length: 10 }, (_, i) => denied(i * 0.5, "st-9")), ...Array.from({ length: 9 }, (_, i) => denied(i * 0.5, "st-8"))]);
    expect(detectSecurityAlerts(refusals, 0).map((a) => [a.rule, a.subject, a.count])).toEqual([["authorization_denied_burst", "st-9", 10]]);
  });

  it("with the earlier entries as context, only alerts raised after afterSeq are returned, and none is raised twice", () => {
    const entries = log(Array.from({ length: 30 }, (_, i) => failedLogin(i * 0.2, "198.51.100.7")));
    expect(detectSecurityAlerts(entries, 20)).toEqual([]); // raised at seq 20, which the previous run saw
    expect(detectSecurityAlerts(entries, 19).map((a) => a.seq)).toEqual([20]);
  });
});
