import type { Argon2idPolicy, PasswordHashPolicy } from "./password-hasher.port.ts";

/** The Argon2 version this code writes and reads (0x13, RFC 9106). */
const ARGON2_VERSION = 19;

const PHC_ARGON2ID = /^\$argon2id\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;

/** The parameters written in an Argon2id PHC string, or `null` if `hash` is not one (another algorithm, or corrupt). */
export const parseArgon2idParameters = (hash: string): Argon2idPolicy | null => {
  const m = PHC_ARGON2ID.exec(hash);
  if (m === null || Number(m[1]) !== ARGON2_VERSION) return null;
  return { algorithm: "argon2id", memoryKiB: Number(m[2]), iterations: Number(m[3]), parallelism: Number(m[4]) };
};

/**
 * Whether a stored hash should be replaced at the next successful login (when the plaintext is at
 * hand): it is not Argon2id with the current version (e.g. the reference app's older `scrypt$…`
 * hashes), or its memory or time cost is below the policy. A hash costlier than the policy is kept:
 * lowering the cost must not silently weaken existing hashes. Parallelism is not a cost (it changes
 * the hash, not the attacker's work), so only a difference in it does not trigger a rehash.
 */
export const needsRehash = (hash: string, policy: PasswordHashPolicy): boolean => {
  const stored = parseArgon2idParameters(hash);
  if (stored === null) return true;
  return stored.memoryKiB < policy.memoryKiB || stored.iterations < policy.iterations;
};
