import { errAsync, okAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import {
  jpkiIdentityKey,
  linkResidentJpki,
  loginResidentWithJpki,
  RESIDENT_LOCKOUT_POLICY,
  ResidentAccountId,
  storageError,
  UNLOCKED_ACCOUNT,
  type AccountLockoutState,
  type ResidentAccount,
  type ResidentAccountStore,
  type ResidentJpkiDeps,
  type ResidentJpkiLink,
  type ResidentJpkiLinkStore,
} from "../../src/index.ts";
import { sha256Hasher } from "../identity/identity-fakes.ts";

const NOW = new Date("2026-11-23T03:00:00Z");
const ID = ResidentAccountId("0a1b2c3d-0000-4000-8000-000000000001");
const CARD = { method: "digital_auth_app", subject: "pairwise-1" } as const;

const account = (extra: Partial<ResidentAccount> = {}): ResidentAccount => ({
  id: ID,
  email: "hanako@example.jp",
  passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
  emailVerifiedAt: new Date("2026-11-01T00:00:00Z"),
  emailVerification: null,
  pendingEmailChange: null,
  pendingUnlock: null,
  secondFactor: "email_code",
  locale: "ja",
  createdAt: new Date("2026-11-01T00:00:00Z"),
  version: 1,
  ...extra,
});

/** A link store holding `rows`, whose `add` can be made to lose a race (conflict after a clean lookup). */
const links = (rows: Map<string, { accountId: string; link: ResidentJpkiLink }>, raceOnAdd = false): ResidentJpkiLinkStore => ({
  add: (accountId, link) => {
    if (raceOnAdd || rows.has(link.key)) return errAsync(storageError("resident-jpki-link-store.add", "conflict", "linked already"));
    rows.set(link.key, { accountId, link });
    return okAsync(undefined);
  },
  list: (accountId) => okAsync([...rows.values()].filter((r) => r.accountId === accountId).map((r) => r.link)),
  findByKey: (key) => okAsync(rows.get(key) ?? null),
  remove: () => okAsync(false),
  removeAll: () => okAsync(0),
});

const deps = (options: { account?: ResidentAccount | null; lockout?: AccountLockoutState; rows?: Map<string, { accountId: string; link: ResidentJpkiLink }>; raceOnAdd?: boolean }): ResidentJpkiDeps => ({
  clock: { now: () => NOW },
  hasher: sha256Hasher,
  accounts: { findById: () => okAsync(options.account === undefined ? account() : options.account) } as unknown as ResidentAccountStore,
  links: links(options.rows ?? new Map(), options.raceOnAdd ?? false),
  loginState: { loadLockout: () => okAsync(options.lockout ?? UNLOCKED_ACCOUNT) },
  lockoutPolicy: RESIDENT_LOCKOUT_POLICY,
});

const linkedRows = () => {
  const key = jpkiIdentityKey(sha256Hasher, CARD);
  return new Map([[key, { accountId: ID as string, link: { key, method: "digital_auth_app" as const, linkedAt: NOW } }]]);
};

describe("JPKI login identities", () => {
  it("are kept as a domain-separated hash: per method, per subject, never the subject itself", () => {
    const key = jpkiIdentityKey(sha256Hasher, CARD);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toContain("pairwise");
    expect(jpkiIdentityKey(sha256Hasher, { ...CARD, method: "auth_certificate" })).not.toBe(key);
    expect(jpkiIdentityKey(sha256Hasher, { ...CARD, subject: "pairwise-2" })).not.toBe(key);
  });
});

describe("loginResidentWithJpki", () => {
  const refusal = async (d: ResidentJpkiDeps) => {
    const result = await loginResidentWithJpki(d)(CARD);
    return result.isErr() && result.error._tag === "ResidentJpkiLoginRefused" ? result.error.reason : "opened";
  };

  it("opens the linked account", async () => {
    expect((await loginResidentWithJpki(deps({ rows: linkedRows() }))(CARD))._unsafeUnwrap()).toBe(ID);
  });

  it("refuses an unlinked card, a deleted account, an unverified address and a locked account, each with its reason", async () => {
    expect(await refusal(deps({}))).toBe("not_linked");
    expect(await refusal(deps({ rows: linkedRows(), account: null }))).toBe("account_gone");
    expect(await refusal(deps({ rows: linkedRows(), account: account({ emailVerifiedAt: null }) }))).toBe("email_not_verified");
    const locked = { consecutiveFailures: 10, lastFailureAt: NOW, lockedUntil: new Date(NOW.getTime() + 60_000) };
    expect(await refusal(deps({ rows: linkedRows(), lockout: locked }))).toBe("locked");
    // A lock that has run out no longer stops the card.
    expect(await refusal(deps({ rows: linkedRows(), lockout: { ...locked, lockedUntil: new Date(NOW.getTime() - 1) } }))).toBe("opened");
  });
});

describe("linkResidentJpki", () => {
  it("links once; again to the same account changes nothing; to another account is refused, also when it loses a race", async () => {
    const rows = new Map<string, { accountId: string; link: ResidentJpkiLink }>();
    const first = (await linkResidentJpki(deps({ rows }))({ accountId: ID, identity: CARD }))._unsafeUnwrap();
    expect(first).toEqual({ created: true, link: { key: jpkiIdentityKey(sha256Hasher, CARD), method: "digital_auth_app", linkedAt: NOW } });
    expect((await linkResidentJpki(deps({ rows }))({ accountId: ID, identity: CARD }))._unsafeUnwrap().created).toBe(false);
    const other = await linkResidentJpki(deps({ rows }))({ accountId: "0a1b2c3d-0000-4000-8000-000000000002", identity: CARD });
    expect(other._unsafeUnwrapErr()._tag).toBe("ResidentJpkiLinkedElsewhere");
    const raced = await linkResidentJpki(deps({ raceOnAdd: true }))({ accountId: ID, identity: CARD });
    expect(raced._unsafeUnwrapErr()._tag).toBe("ResidentJpkiLinkedElsewhere");
  });
});
