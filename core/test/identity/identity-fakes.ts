/**
 * Test doubles of the identity ports for core's tests. The real adapters (adapter-argon2,
 * adapter-system) pass the conformance suites; these keep core's tests fast and deterministic.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { errAsync, okAsync } from "neverthrow";
import { PASSWORD_HASHER_CONTRACT, type Hasher, type PasswordHasher, type SecureRandom } from "../../src/index.ts";

/** A salted SHA-256 stand-in for Argon2id (correct, not slow), counting verifications. */
export const fakePasswordHasher = () => {
  let verifications = 0;
  const digest = (salt: string, password: string) => createHash("sha256").update(salt).update(password.normalize("NFKC")).digest("base64");
  const hasher: PasswordHasher = {
    meta: { contract: PASSWORD_HASHER_CONTRACT, name: "fake", capabilities: new Set() },
    policy: { algorithm: "argon2id", memoryKiB: 19456, iterations: 2, parallelism: 1 },
    hash: (password) => {
      const salt = randomBytes(16).toString("base64").replace(/=+$/, "");
      return okAsync(`$argon2id$v=19$m=19456,t=2,p=1$${salt}$${digest(salt, password).replace(/=+$/, "")}`);
    },
    verify: (hash, password) => {
      verifications++;
      const parts = hash.split("$");
      const [salt, expected] = [parts[4], parts[5]];
      if (parts.length !== 6 || salt === undefined || expected === undefined) {
        return errAsync({ _tag: "PasswordHashingError" as const, reason: "malformed_hash" as const, operation: "verify", retryable: false, message: "malformed" });
      }
      const a = Buffer.from(expected);
      const b = Buffer.from(digest(salt, password).replace(/=+$/, ""));
      return okAsync(a.length === b.length && timingSafeEqual(a, b));
    },
    healthCheck: () => okAsync(undefined),
  };
  return { hasher, verifications: () => verifications };
};

export const sha256Hasher: Hasher = { sha256Hex: (data) => createHash("sha256").update(data, "utf8").digest("hex") };

export const cryptoRandom: SecureRandom = { bytes: (n) => new Uint8Array(randomBytes(n)) };

/** Hands out the given bytes in order, cycling; for exact distribution tests. */
export const scriptedRandom = (script: readonly number[]): SecureRandom => {
  let i = 0;
  return { bytes: (n) => Uint8Array.from({ length: n }, () => script[i++ % script.length] ?? 0) };
};
