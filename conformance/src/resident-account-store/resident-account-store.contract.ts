import fc from "fast-check";
import type { Result } from "neverthrow";
import { afterEach, describe, expect, it } from "vitest";
import {
  RESIDENT_ACCOUNT_STORE_CONTRACT,
  RESIDENT_SECOND_FACTORS,
  ResidentAccountId,
  type ResidentAccount,
  type ResidentAccountStore,
  type StorageError,
} from "@madoguchi/core";

/** A fresh, empty store for one test, with how to close it. */
export interface ResidentAccountStoreHarness {
  readonly store: ResidentAccountStore;
  close(): Promise<void>;
  /**
   * Raw-read hook (as Auth.js's): every byte the adapter persisted, as text (e.g. all rows of its
   * tables). When given, the suite checks that no address is stored in plain text. Omit it only for
   * adapters that persist nothing (memory).
   */
  readonly rawDump?: () => Promise<string>;
}

/** Tuning of {@link describeResidentAccountStoreContract}. */
export interface ResidentAccountStoreContractOptions {
  /** fast-check runs of the round-trip property (default 25). */
  readonly numRuns?: number;
  readonly testTimeout?: number;
}

const value = async <T>(pending: PromiseLike<Result<T, StorageError>>): Promise<T> => {
  const r = await pending;
  if (r.isErr()) expect.fail(`expected Ok, got ${r.error.reason}: ${r.error.message}`);
  return r.value;
};
const failure = async <T>(pending: PromiseLike<Result<T, StorageError>>): Promise<StorageError> => {
  const r = await pending;
  if (r.isOk()) expect.fail("expected a StorageError, got Ok");
  return r.error;
};

let counter = 0;
/** A valid account with a unique id and address. */
export const sampleResidentAccount = (overrides: Partial<ResidentAccount> = {}): ResidentAccount => {
  counter += 1;
  return {
    id: ResidentAccountId(`00000000-0000-4000-8000-${String(counter).padStart(12, "0")}`),
    email: `resident${counter}@example.jp`,
    passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
    emailVerifiedAt: null,
    emailVerification: { tokenHash: "a".repeat(64), expiresAt: new Date("2026-11-24T03:00:00.123Z") },
    pendingEmailChange: null,
    pendingUnlock: null,
    secondFactor: "email_code",
    locale: "ja",
    createdAt: new Date("2026-11-23T03:00:00.456Z"),
    version: 1,
    ...overrides,
  };
};

const dateArb = fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2040-01-01T00:00:00Z"), noInvalidDate: true });
const tokenArb = fc.record({ tokenHash: fc.stringMatching(/^[0-9a-f]{64}$/), expiresAt: dateArb });
const localPartArb = fc.stringMatching(/^[a-z0-9._+-]{1,20}$/);

/** Accounts with every optional part present or absent (unique ids and addresses are drawn per run). */
const accountArb = fc.record({
  local: localPartArb,
  emailVerifiedAt: fc.option(dateArb, { nil: null }),
  emailVerification: fc.option(tokenArb, { nil: null }),
  pendingEmailChange: fc.option(fc.record({ tokenHash: fc.stringMatching(/^[0-9a-f]{64}$/), expiresAt: dateArb, local: localPartArb }), { nil: null }),
  pendingUnlock: fc.option(tokenArb, { nil: null }),
  secondFactor: fc.constantFrom(...RESIDENT_SECOND_FACTORS),
  locale: fc.constantFrom("ja" as const, "en" as const),
  createdAt: dateArb,
});

/**
 * The conformance suite of `resident-account-store@1`: round trips (dates to the millisecond, every
 * optional part), unique ids and addresses, the conditional update, lookups by the current address
 * only, and — with a raw-read hook — no address in plain text at rest.
 */
export const describeResidentAccountStoreContract = (
  name: string,
  make: () => Promise<ResidentAccountStoreHarness>,
  options: ResidentAccountStoreContractOptions = {},
): void => {
  describe(`resident-account-store@1 contract: ${name}`, () => {
    let open: ResidentAccountStoreHarness[] = [];
    const fresh = async () => {
      const h = await make();
      open.push(h);
      return h;
    };
    afterEach(async () => {
      for (const h of open) await h.close();
      open = [];
    });
    const timeout = options.testTimeout ?? 30_000;

    it("declares resident-account-store@1 and is healthy", async () => {
      const { store } = await fresh();
      expect(store.meta.contract).toBe(RESIDENT_ACCOUNT_STORE_CONTRACT);
      await value(store.healthCheck());
    });

    it("answers null for unknown ids and addresses", async () => {
      const { store } = await fresh();
      expect(await value(store.findById(ResidentAccountId("00000000-0000-4000-8000-ffffffffffff")))).toBeNull();
      expect(await value(store.findByEmail("nobody@example.jp"))).toBeNull();
    });

    it("keeps accounts exactly, found by id and by address (property)", { timeout }, async () => {
      const { store } = await fresh();
      let n = 0;
      await fc.assert(
        fc.asyncProperty(accountArb, async (drawn) => {
          n += 1;
          const account = sampleResidentAccount({
            email: `${drawn.local}.${n}@example.jp`,
            emailVerifiedAt: drawn.emailVerifiedAt,
            emailVerification: drawn.emailVerification,
            pendingEmailChange: drawn.pendingEmailChange === null ? null : { tokenHash: drawn.pendingEmailChange.tokenHash, expiresAt: drawn.pendingEmailChange.expiresAt, email: `${drawn.pendingEmailChange.local}.new${n}@example.org` },
            pendingUnlock: drawn.pendingUnlock,
            secondFactor: drawn.secondFactor,
            locale: drawn.locale,
            createdAt: drawn.createdAt,
          });
          await value(store.insert(account));
          expect(await value(store.findById(account.id))).toEqual(account);
          expect(await value(store.findByEmail(account.email))).toEqual(account);
        }),
        { numRuns: options.numRuns ?? 25 },
      );
    });

    it("refuses a second account with the same id or address, and writes nothing", async () => {
      const { store } = await fresh();
      const first = sampleResidentAccount();
      await value(store.insert(first));
      const sameEmail = sampleResidentAccount({ email: first.email });
      expect((await failure(store.insert(sameEmail))).reason).toBe("conflict");
      expect(await value(store.findById(sameEmail.id))).toBeNull();
      const sameId = sampleResidentAccount({ id: first.id });
      expect((await failure(store.insert(sameId))).reason).toBe("conflict");
      expect(await value(store.findByEmail(sameId.email))).toBeNull();
      expect(await value(store.findById(first.id))).toEqual(first);
    });

    it("updates only from the expected version; a stale update writes nothing", async () => {
      const { store } = await fresh();
      const account = sampleResidentAccount();
      await value(store.insert(account));
      const verified = { ...account, emailVerifiedAt: new Date("2026-11-23T04:00:00.789Z"), emailVerification: null, version: 2 };
      expect(await value(store.update(verified, 1))).toBe(true);
      expect(await value(store.findById(account.id))).toEqual(verified);
      const stale = { ...account, secondFactor: "none" as const, version: 2 };
      expect(await value(store.update(stale, 1))).toBe(false);
      expect(await value(store.findById(account.id))).toEqual(verified);
      expect(await value(store.update(sampleResidentAccount({ version: 2 }), 1))).toBe(false);
    });

    it("of two concurrent updates from one version, exactly one wins", async () => {
      const { store } = await fresh();
      const account = sampleResidentAccount();
      await value(store.insert(account));
      const results = await Promise.all(
        (["none", "totp", "email_code", "none"] as const).map((secondFactor) => store.update({ ...account, secondFactor, version: 2 }, 1)),
      );
      expect(results.filter((r) => r.isOk() && r.value).length).toBe(1);
    });

    it("finds an account by its current address only, and refuses another account's address", async () => {
      const { store } = await fresh();
      const a = sampleResidentAccount();
      const b = sampleResidentAccount();
      await value(store.insert(a));
      await value(store.insert(b));
      const moved = { ...a, email: "moved@example.jp", version: 2 };
      expect(await value(store.update(moved, 1))).toBe(true);
      expect(await value(store.findByEmail(a.email))).toBeNull();
      expect((await value(store.findByEmail("moved@example.jp")))?.id).toBe(a.id);
      expect((await failure(store.update({ ...b, email: "moved@example.jp", version: 2 }, 1))).reason).toBe("conflict");
      expect(await value(store.findById(b.id))).toEqual(b);
      // The freed address can be registered again.
      await value(store.insert(sampleResidentAccount({ email: a.email })));
    });

    it("stores no address in plain text (raw-read hook)", async () => {
      const h = await fresh();
      if (h.rawDump === undefined) return;
      const account = sampleResidentAccount({
        email: "plain.text.canary@example.jp",
        pendingEmailChange: { tokenHash: "b".repeat(64), expiresAt: new Date("2026-11-24T00:00:00Z"), email: "pending.canary@example.org" },
      });
      await value(h.store.insert(account));
      const raw = await h.rawDump();
      expect(raw.length).toBeGreaterThan(0);
      expect(raw).not.toContain("plain.text.canary");
      expect(raw).not.toContain("pending.canary");
    });
  });
};
