import fc from "fast-check";
import type { Result } from "neverthrow";
import { describe, expect, it } from "vitest";
import { needsRehash, PASSWORD_HASHER_CONTRACT, type PasswordHasher, type PasswordHashingError } from "@madoguchi/core";

/**
 * Builds a ready {@link PasswordHasher} for one test. With `costlier: true` it must return a hasher
 * of the same kind whose policy costs more (more memory or more passes) than the default one, so the
 * suite can check that raising the cost is detected and that old hashes still verify.
 */
export type MakePasswordHasher = (costlier: boolean) => Promise<PasswordHasher>;

/** Tuning of {@link describePasswordHasherContract}. */
export interface PasswordHasherContractOptions {
  /** fast-check runs per property (default 5: every run hashes for real, which is slow by design). */
  readonly numRuns?: number;
  /** Per-test timeout in ms (default 60 000). */
  readonly testTimeoutMs?: number;
}

/** One named check of the password-hasher contract: throws (via `expect`) when the adapter breaks it. */
export interface PasswordHasherCase {
  readonly name: string;
  readonly run: (make: MakePasswordHasher, options: PasswordHasherContractOptions) => Promise<void>;
}

const okValue = async <T>(pending: PromiseLike<Result<T, PasswordHashingError>>): Promise<T> => {
  const result = await pending;
  if (result.isErr()) expect.fail(`expected Ok, got ${result.error._tag}/${result.error.reason}`);
  return result.value;
};

/** Passwords as people type them: ASCII, kana and kanji, astral characters, spaces. */
const passwordArb = fc.oneof(
  fc.string({ minLength: 8, maxLength: 40 }),
  fc.string({ unit: "grapheme", minLength: 8, maxLength: 40 }),
  fc.array(fc.constantFrom(..."あいうえおかきくけこ漢字窓口𠮷野家 ｶﾞ１２３"), { minLength: 8, maxLength: 30 }).map((a) => a.join("")),
);

/** A password of `n` code points, three UTF-8 bytes each: 100 of them are 300 bytes, past bcrypt's 72. */
const longPassword = (n: number, last: string) => "窓".repeat(n - 1) + last;

/** The cases of the password-hasher contract, exported so that tests can prove each one catches a broken hasher. */
export const passwordHasherCases: readonly PasswordHasherCase[] = [
  {
    name: "declares the password-hasher@1 contract and an Argon2id policy",
    run: async (make) => {
      const hasher = await make(false);
      expect(hasher.meta.contract).toBe(PASSWORD_HASHER_CONTRACT);
      expect(hasher.policy.algorithm).toBe("argon2id");
      for (const n of [hasher.policy.memoryKiB, hasher.policy.iterations, hasher.policy.parallelism]) {
        expect(Number.isSafeInteger(n) && n >= 1).toBe(true);
      }
    },
  },
  {
    name: "verifies the right password and refuses a wrong one (property)",
    run: async (make, options) => {
      const hasher = await make(false);
      await fc.assert(
        fc.asyncProperty(passwordArb, passwordArb, async (password, other) => {
          fc.pre(password.normalize("NFKC") !== other.normalize("NFKC"));
          const hash = await okValue(hasher.hash(password));
          expect(await okValue(hasher.verify(hash, password))).toBe(true);
          expect(await okValue(hasher.verify(hash, other))).toBe(false);
        }),
        { numRuns: options.numRuns ?? 5 },
      );
    },
  },
  {
    name: "salts: the same password twice gives two different hashes, both verifying",
    run: async (make) => {
      const hasher = await make(false);
      const a = await okValue(hasher.hash("correct horse battery staple"));
      const b = await okValue(hasher.hash("correct horse battery staple"));
      expect(a).not.toBe(b);
      expect(await okValue(hasher.verify(a, "correct horse battery staple"))).toBe(true);
      expect(await okValue(hasher.verify(b, "correct horse battery staple"))).toBe(true);
    },
  },
  {
    name: "is exact for long passwords: 64 and 100 code points, differing only in the last one, no truncation",
    run: async (make) => {
      const hasher = await make(false);
      for (const n of [64, 100]) {
        const password = longPassword(n, "A");
        const hash = await okValue(hasher.hash(password));
        expect(await okValue(hasher.verify(hash, password)), `${n} code points`).toBe(true);
        expect(await okValue(hasher.verify(hash, longPassword(n, "B"))), `${n}: last differs`).toBe(false);
        expect(await okValue(hasher.verify(hash, password.slice(0, -1))), `${n}: one shorter`).toBe(false);
        expect(await okValue(hasher.verify(hash, `${password}A`)), `${n}: one longer`).toBe(false);
      }
    },
  },
  {
    name: "is exact about case, spaces and characters that look alike",
    run: async (make) => {
      const hasher = await make(false);
      const hash = await okValue(hasher.hash("Sakura Mochi 2026"));
      for (const near of ["sakura mochi 2026", "Sakura Mochi 2026 ", " Sakura Mochi 2026", "SakuraMochi 2026", "Sakura Mochi 2O26"]) {
        expect(await okValue(hasher.verify(hash, near)), JSON.stringify(near)).toBe(false);
      }
    },
  },
  {
    name: "applies NFKC: full-width, half-width kana and composed/decomposed forms verify alike",
    run: async (make) => {
      const hasher = await make(false);
      const pairs: readonly [string, string][] = [
        ["ｐａｓｓｗｏｒｄ１２３", "password123"],
        ["ﾊﾟｽﾜｰﾄﾞをわすれた", "パスワードをわすれた"],
        ["cafe\u0301-au-lait", "caf\u00e9-au-lait"],
        ["①②③ｍａｄｏｇｕｃｈｉ", "123madoguchi"],
      ];
      for (const [typed, registered] of pairs) {
        const hash = await okValue(hasher.hash(registered));
        expect(await okValue(hasher.verify(hash, typed)), typed).toBe(true);
        const reverse = await okValue(hasher.hash(typed));
        expect(await okValue(hasher.verify(reverse, registered)), registered).toBe(true);
      }
    },
  },
  {
    name: "stores its parameters in the hash: needsRehash is false under its own policy, true under a costlier one",
    run: async (make) => {
      const hasher = await make(false);
      const costlier = await make(true);
      const hash = await okValue(hasher.hash("rehash-me-please"));
      expect(needsRehash(hash, hasher.policy)).toBe(false);
      expect(needsRehash(hash, costlier.policy)).toBe(true);
      // Old hashes keep verifying after the cost rises, so the rehash can happen at the next login.
      expect(await okValue(costlier.verify(hash, "rehash-me-please"))).toBe(true);
      const fresh = await okValue(costlier.hash("rehash-me-please"));
      expect(needsRehash(fresh, costlier.policy)).toBe(false);
      expect(await okValue(hasher.verify(fresh, "rehash-me-please"))).toBe(true);
    },
  },
  {
    name: "answers malformed_hash (not Ok(false), not an exception) for a hash it cannot read",
    run: async (make) => {
      const hasher = await make(false);
      const good = await okValue(hasher.hash("some-password-1"));
      for (const bad of ["", "not a hash", "scrypt$16384$8$1$c2FsdA$aGFzaA", good.slice(0, good.indexOf("$", 10))]) {
        const result = await hasher.verify(bad, "some-password-1");
        if (result.isOk()) expect.fail(`expected malformed_hash for ${JSON.stringify(bad)}, got Ok(${result.value})`);
        expect(result.error._tag).toBe("PasswordHashingError");
        expect(result.error.reason).toBe("malformed_hash");
        expect(result.error.message).not.toContain("some-password-1");
      }
    },
  },
  {
    name: "passes its health check",
    run: async (make) => {
      const hasher = await make(false);
      await okValue(hasher.healthCheck());
    },
  },
];

/**
 * Registers the password-hasher contract (`password-hasher@1`) as vitest tests. Every PasswordHasher
 * adapter runs it; vendors run it against their own (e.g. a hardware-backed pepper).
 *
 * @param name - adapter name shown in the test report
 * @param make - returns a ready hasher, the default one or a costlier one
 */
export const describePasswordHasherContract = (
  name: string,
  make: MakePasswordHasher,
  options: PasswordHasherContractOptions = {},
): void => {
  describe(`password-hasher contract: ${name}`, () => {
    for (const c of passwordHasherCases) it(c.name, () => c.run(make, options), options.testTimeoutMs ?? 60_000);
  });
};
