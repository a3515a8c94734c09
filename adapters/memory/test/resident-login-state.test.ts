import { describe, expect, it } from "vitest";
import {
  GLOBAL_THROTTLE,
  PER_ADDRESS_THROTTLE,
  RESIDENT_LOCKOUT_POLICY,
  residentLoginState,
  TotpSecret,
  type EmailCodeChallenge,
  type PasswordResetTicket,
  type StorageError,
} from "@madoguchi/core";
import { okAsync, type ResultAsync } from "neverthrow";
import { createMemoryStore } from "../src/index.ts";

// core's mapping of a resident's login state onto the shared login-state port, over the reference
// store: single-use things are compare-and-set, and residents' keys never touch staff state.
const make = () => {
  const store = createMemoryStore();
  const now = new Date("2026-11-23T04:00:00Z");
  const state = residentLoginState(store.loginState, {
    clock: { now: () => now },
    lockoutPolicy: RESIDENT_LOCKOUT_POLICY,
    addressThrottle: PER_ADDRESS_THROTTLE,
    globalThrottle: GLOBAL_THROTTLE,
    recordAttempt: () => okAsync(undefined),
    attemptAudit: (record, lockout) => ({
      at: record.at,
      actor: { kind: "resident", id: record.accountId },
      action: "resident.login",
      target: null,
      result: record.outcome === "success" ? "success" : "failure",
      sourceIp: null,
      details: { outcome: record.outcome, failures: lockout.consecutiveFailures },
    }),
  });
  return { store, state, now };
};
const ok = async <T>(p: ResultAsync<T, StorageError>): Promise<T> => (await p)._unsafeUnwrap();

describe("residentLoginState over the memory login-state store", () => {
  it("a TOTP step is accepted once from its previous step (compare-and-set)", async () => {
    const { state } = make();
    const enrolment = { secret: TotpSecret("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"), lastUsedStep: 10, confirmedAt: new Date(0) };
    await ok(state.saveTotpEnrolment("a1", enrolment));
    expect(await ok(state.saveTotpStep("a1", 10, { ...enrolment, lastUsedStep: 11 }))).toBe(true);
    expect(await ok(state.saveTotpStep("a1", 10, { ...enrolment, lastUsedStep: 11 }))).toBe(false);
    expect((await ok(state.loadTotpEnrolment("a1")))?.lastUsedStep).toBe(11);
    await ok(state.saveTotpEnrolment("a1", null));
    expect(await ok(state.loadTotpEnrolment("a1"))).toBeNull();
  });

  it("an email challenge is consumed once, and only for its own attempt", async () => {
    const { state, now } = make();
    const challenge: EmailCodeChallenge = { attemptId: "att-1", codeHash: "h", expiresAt: new Date(now.getTime() + 600_000), failedTries: 0, consumedAt: null };
    await ok(state.replaceEmailCodeChallenge("a1", challenge));
    expect(await ok(state.saveEmailCodeChallenge("a1", { ...challenge, attemptId: "att-2", consumedAt: now }))).toBe(false);
    expect(await ok(state.saveEmailCodeChallenge("a1", { ...challenge, consumedAt: now }))).toBe(true);
    expect(await ok(state.saveEmailCodeChallenge("a1", { ...challenge, consumedAt: now }))).toBe(false);
  });

  it("a reset ticket is used once, and a newer ticket voids the older one", async () => {
    const { state, now } = make();
    const ticket: PasswordResetTicket = { accountId: "a1", tokenHash: "t1", requestedBy: "self", issuedAt: now, expiresAt: new Date(now.getTime() + 1_800_000), usedAt: null };
    await ok(state.saveResetTicket(ticket));
    await ok(state.saveResetTicket({ ...ticket, tokenHash: "t2" }));
    expect(await ok(state.useResetTicket({ ...ticket, usedAt: now }))).toBe(false);
    expect(await ok(state.useResetTicket({ ...ticket, tokenHash: "t2", usedAt: now }))).toBe(true);
    expect(await ok(state.useResetTicket({ ...ticket, tokenHash: "t2", usedAt: now }))).toBe(false);
  });

  it("a recovery code list is replaced only from the list that was read", async () => {
    const { state, now } = make();
    const codes = [{ hash: "c1", usedAt: null }, { hash: "c2", usedAt: null }];
    await ok(state.saveRecoveryCodes("a1", codes));
    const used = [{ hash: "c1", usedAt: now }, codes[1]!];
    expect(await ok(state.useRecoveryCode("a1", codes, used))).toBe(true);
    expect(await ok(state.useRecoveryCode("a1", codes, used))).toBe(false);
  });

  it("keeps residents' state under the resident kind (a staff account with the same id is untouched)", async () => {
    const { store, state, now } = make();
    await ok(state.saveLockout("same-id", { consecutiveFailures: 3, lastFailureAt: now, lockedUntil: null }, null));
    expect(await ok(store.loginState.get({ kind: "staff", accountId: "same-id" }, "lockout"))).toBeNull();
    expect((await ok(state.loadLockout("same-id"))).consecutiveFailures).toBe(3);
    expect((await ok(state.loadLockout("other"))).consecutiveFailures).toBe(0);
  });

  it("a lockout saved with the login attempt that changed it appends the attempt's entry in the same write; without one, none", async () => {
    const { store, state, now } = make();
    const attempt = { at: now, step: "password", accountId: "r1", source: "ip4:192.0.2.1", outcome: "wrong_password" } as const;
    await ok(state.saveLockout("r1", { consecutiveFailures: 1, lastFailureAt: now, lockedUntil: null }, attempt));
    await ok(state.saveLockout("r1", { consecutiveFailures: 0, lastFailureAt: null, lockedUntil: null }, null));
    await ok(state.saveLockout("r1", { consecutiveFailures: 1, lastFailureAt: now, lockedUntil: null }, { ...attempt, outcome: "success" }));
    const log = (await store.auditLog.read({ afterSeq: 0, limit: 10 }))._unsafeUnwrap();
    expect(log.map((e) => [e.action, e.actor.id, e.details["outcome"], e.details["failures"]])).toEqual([
      ["resident.login", "r1", "wrong_password", 1],
      ["resident.login", "r1", "success", 1],
    ]);
  });
});
