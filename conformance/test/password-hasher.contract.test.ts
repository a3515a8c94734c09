import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { errAsync, okAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import { PASSWORD_HASHER_CONTRACT, type PasswordHasher } from "@madoguchi/core";
import { describePasswordHasherContract, passwordHasherCases } from "@madoguchi/conformance/password-hasher";

interface Flaws {
  /** Hashes only the first 72 UTF-8 bytes, as bcrypt does. */
  truncates72?: boolean;
  /** No salt: the same password always gives the same hash. */
  unsalted?: boolean;
  /** Skips NFKC. */
  noNfkc?: boolean;
  /** Answers Ok(false) for a hash it cannot read. */
  malformedIsFalse?: boolean;
  /** Compares case-insensitively. */
  caseInsensitive?: boolean;
  /** Writes a fixed cost into the hash whatever its policy. */
  fixedParameters?: boolean;
}

/**
 * A fast stand-in with the Argon2id PHC shape (SHA-256 inside: it only has to be *correct*, the real
 * adapter supplies the slowness). Each flaw breaks one promise of the contract.
 */
const fixtureHasher = (costlier: boolean, flaws: Flaws = {}): PasswordHasher => {
  const policy = { algorithm: "argon2id" as const, memoryKiB: 19_456, iterations: costlier ? 3 : 2, parallelism: 1 };
  const digest = (salt: Buffer, password: string) => {
    let text = flaws.noNfkc === true ? password : password.normalize("NFKC");
    if (flaws.caseInsensitive === true) text = text.toLowerCase();
    let bytes = Buffer.from(text, "utf8");
    if (flaws.truncates72 === true) bytes = bytes.subarray(0, 72);
    return createHash("sha256").update(salt).update(bytes).digest();
  };
  const b64 = (b: Buffer) => b.toString("base64").replace(/=+$/, "");
  const params = flaws.fixedParameters === true ? "m=19456,t=2,p=1" : `m=${policy.memoryKiB},t=${policy.iterations},p=${policy.parallelism}`;
  const shape = /^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;
  return {
    meta: { contract: PASSWORD_HASHER_CONTRACT, name: "fixture", capabilities: new Set() },
    policy,
    hash: (password) => {
      const salt = flaws.unsalted === true ? Buffer.alloc(16) : randomBytes(16);
      return okAsync(`$argon2id$v=19$${params}$${b64(salt)}$${b64(digest(salt, password))}`);
    },
    verify: (hash, password) => {
      const m = shape.exec(hash);
      if (m === null) {
        return flaws.malformedIsFalse === true
          ? okAsync(false)
          : errAsync({ _tag: "PasswordHashingError" as const, reason: "malformed_hash" as const, operation: "verify", retryable: false, message: "malformed" });
      }
      const expected = Buffer.from(m[2] ?? "", "base64");
      const actual = digest(Buffer.from(m[1] ?? "", "base64"), password);
      return okAsync(expected.length === actual.length && timingSafeEqual(expected, actual));
    },
    healthCheck: () => okAsync(undefined),
  };
};

describePasswordHasherContract("flawless fixture", async (costlier) => fixtureHasher(costlier), { numRuns: 20 });

const caseNamed = (prefix: string) => {
  const found = passwordHasherCases.find((c) => c.name.startsWith(prefix));
  if (found === undefined) throw new Error(`no case starting with ${prefix}`);
  return found;
};

describe("the password-hasher contract catches broken hashers", () => {
  const mustCatch: readonly [string, Flaws, string][] = [
    ["bcrypt-style 72-byte truncation", { truncates72: true }, "is exact for long passwords"],
    ["no salt", { unsalted: true }, "salts:"],
    ["no NFKC", { noNfkc: true }, "applies NFKC"],
    ["malformed hash read as a wrong password", { malformedIsFalse: true }, "answers malformed_hash"],
    ["case-insensitive compare", { caseInsensitive: true }, "is exact about case"],
    ["parameters not stored", { fixedParameters: true }, "stores its parameters"],
  ];
  for (const [flaw, flaws, prefix] of mustCatch) {
    it(`${flaw} fails "${prefix}…"`, async () => {
      await expect(caseNamed(prefix).run(async (costlier) => fixtureHasher(costlier, flaws), { numRuns: 20 })).rejects.toThrow();
    });
  }
});
