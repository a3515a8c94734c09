import { describe, expect, it } from "vitest";
import { errAsync } from "neverthrow";
import pino from "pino";
import { storageError, StaffId, type AuditEntryDraft, type AuditLogStore, type LoginStateStore } from "@madoguchi/core";
import { createArgon2Hasher } from "@madoguchi/adapter-argon2";
import { createCommonPasswordBlocklist } from "@madoguchi/adapter-common-passwords";
import { createMemoryStore } from "@madoguchi/adapter-memory";
import { createOtpauthAuthenticator } from "@madoguchi/adapter-otpauth";
import { createCryptoSecureRandom, createSha256Hasher } from "@madoguchi/adapter-system";
import { createStaffLogin } from "../src/staff/staff-login.ts";

// The staff login's state changes and their audit entries are one write (login-state-store@2,
// staff-store@2): the entries reach the log through the store's write, not through a later append,
// and a write whose entries cannot be appended does not happen.

const PASSWORD = "shiyakusho-no-mado-2026-aki";
const ID = StaffId("st_k1");
const KEY = { kind: "staff", accountId: ID } as const;

/** An audit log whose direct appends always fail: whatever is in the log came with a store's write. */
const refusingDirectAppends = (real: AuditLogStore): AuditLogStore => ({ ...real, append: () => errAsync(storageError("audit-log-store.append", "unavailable", "refused by the test")) });

/** A login-state store whose writes carry one more draft that cannot be chained: every audited write fails inside its transaction. */
const failingAuditedWrites = (real: LoginStateStore): LoginStateStore => {
  const poison = (audit: readonly AuditEntryDraft[] | undefined) => (audit === undefined || audit.length === 0 ? audit : [...audit, { ...audit[0]!, at: new Date(Number.NaN) }]);
  return {
    ...real,
    put: (key, facet, value, expected, audit) => real.put(key, facet, value, expected, poison(audit)),
    delete: (key, facet, audit) => real.delete(key, facet, poison(audit)),
  };
};

const setUp = async (wrap: (s: LoginStateStore) => LoginStateStore = (s) => s) => {
  const store = createMemoryStore();
  const hasher = (await createArgon2Hasher())._unsafeUnwrap();
  (await store.staff.insert({ id: ID, loginId: "tanaka.k", displayName: "田中", passwordHash: (await hasher.hash(PASSWORD))._unsafeUnwrap(), createdAt: new Date() }))._unsafeUnwrap();
  const login = await createStaffLogin({
    staff: store.staff,
    loginState: wrap(store.loginState),
    auditLog: refusingDirectAppends(store.auditLog),
    logger: pino({ level: "silent" }),
    clock: { now: () => new Date("2026-11-23T01:00:00.000Z") },
    random: createCryptoSecureRandom(),
    passwordHasher: hasher,
    totp: createOtpauthAuthenticator(),
    maxConsecutiveFailures: 2,
    hasher: createSha256Hasher(),
    blocklist: createCommonPasswordBlocklist(),
    cityNames: ["窓口市"],
    issuer: "窓口市 madoguchi",
    passkeys: store.passkeys,
    passkeyRelyingParty: {} as never,
  });
  const entries = async () => (await store.auditLog.read({ afterSeq: 0, limit: 100 }))._unsafeUnwrap();
  return { store, login, entries };
};

describe("staff login: audit entries in the transaction of the state they change", () => {
  it("failed passwords (the one that locks too) and administration reach the log with their writes, even when direct appends fail", async () => {
    const { store, login, entries } = await setUp();
    for (let i = 0; i < 2; i++) expect((await login.password("tanaka.k", "wrong-password-here", "192.0.2.5"))._unsafeUnwrapErr()).toMatchObject({ _tag: "InvalidCredentials" });
    const lockout = (await store.loginState.get(KEY, "lockout"))._unsafeUnwrap()!.value;
    expect(lockout.consecutiveFailures).toBe(2);
    expect(lockout.lockedUntil).not.toBeNull();
    const admin = (action: AuditEntryDraft["action"]): AuditEntryDraft[] => [
      { at: new Date("2026-11-23T01:00:00.000Z"), actor: { kind: "staff", id: "st_admin" }, action, target: { kind: "staff_account", id: ID }, result: "success", sourceIp: "192.0.2.9", details: {} },
    ];
    (await login.unlock(ID, admin("staff.account_unlocked")))._unsafeUnwrap();
    (await login.disable(ID, "st_admin", admin("staff.account_disabled")))._unsafeUnwrap();
    expect((await login.enable(ID, admin("staff.account_enabled")))._unsafeUnwrap()).toBe(true);
    // Enabling an enabled account changes nothing, so nothing is appended.
    expect((await login.enable(ID, admin("staff.account_enabled")))._unsafeUnwrap()).toBe(false);
    (await login.issueSetupTicket(ID, admin("staff.password_reset_started")))._unsafeUnwrap();
    expect((await entries()).map((e) => [e.action, e.result, e.details["outcome"] ?? null, e.details["lockedUntil"] ?? null])).toEqual([
      ["staff.login", "failure", "wrong_password", null],
      ["staff.login", "failure", "wrong_password", lockout.lockedUntil!.toISOString()],
      ["staff.account_unlocked", "success", null, null],
      ["staff.account_disabled", "success", null, null],
      ["staff.account_enabled", "success", null, null],
      ["staff.password_reset_started", "success", null, null],
    ]);
  });

  it("when the entry cannot be appended, the failure is not counted, the account is not unlocked or disabled, and the caller hears an error", async () => {
    const { store, login, entries } = await setUp(failingAuditedWrites);
    const failed = await login.password("tanaka.k", "wrong-password-here", "192.0.2.5");
    expect(failed._unsafeUnwrapErr()).toMatchObject({ _tag: "StorageError" });
    expect((await store.loginState.get(KEY, "lockout"))._unsafeUnwrap()).toBeNull();
    (await store.loginState.put(KEY, "lockout", { consecutiveFailures: 5, lastFailureAt: new Date(0), lockedUntil: new Date("2030-01-01T00:00:00Z") }, null))._unsafeUnwrap();
    const entry: AuditEntryDraft[] = [{ at: new Date(), actor: { kind: "staff", id: "st_admin" }, action: "staff.account_unlocked", target: { kind: "staff_account", id: ID }, result: "success", sourceIp: null, details: {} }];
    expect((await login.unlock(ID, entry)).isErr()).toBe(true);
    expect((await store.loginState.get(KEY, "lockout"))._unsafeUnwrap()!.value.consecutiveFailures).toBe(5);
    expect((await login.disable(ID, "st_admin", [{ ...entry[0]!, action: "staff.account_disabled" }])).isErr()).toBe(true);
    expect((await store.loginState.get(KEY, "disabled"))._unsafeUnwrap()).toBeNull();
    expect(await entries()).toEqual([]);
    // Nothing else was in the way: without entries to append the same write goes through.
    expect((await login.unlock(ID)).isOk()).toBe(true);
  });
});
