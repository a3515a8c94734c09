import { hash as argon2Hash, parseOptions, verify as argon2Verify, type Algorithm, type Version } from "@node-rs/argon2";
import { errAsync, okAsync, ResultAsync } from "neverthrow";
import { normalizePassword, PASSWORD_HASHER_CONTRACT, type PasswordHasher, type PasswordHashingError } from "@madoguchi/core";
import { decodeArgon2HasherOptions, DEFAULT_ARGON2_OPTIONS, type Argon2HasherOptions } from "./argon2-hasher.options.ts";
import { passwordHashingError } from "./password-hashing.errors.ts";

// @node-rs/argon2 declares these as `const enum`s, which type stripping cannot inline; the values are
// fixed by its API (Algorithm.Argon2id = 2, Version.V0x13 = 1).
const ARGON2ID = 2 as Algorithm;
const V0X13 = 1 as Version;

/** Whether `hash` is an Argon2id v1.3 PHC string this adapter can verify. */
const isReadableHash = (hash: string): boolean => {
  try {
    const parsed = parseOptions(hash);
    return parsed.algorithm === ARGON2ID && parsed.version === V0X13;
  } catch {
    return false;
  }
};

/**
 * Creates the Argon2id {@link PasswordHasher} (RFC 9106) on `@node-rs/argon2`: a Rust implementation
 * with prebuilt binaries for common platforms, so no compiler runs at install. Hashing runs on libuv's
 * thread pool, off the event loop. Hashes are PHC strings carrying m, t, p, a 16-byte random salt and a
 * 32-byte tag. Passwords are NFKC-normalised here as well as in core.
 */
export const createArgon2Hasher = (options: Argon2HasherOptions = DEFAULT_ARGON2_OPTIONS): ResultAsync<PasswordHasher, PasswordHashingError> => {
  const decoded = decodeArgon2HasherOptions(options);
  if (decoded.isErr()) return errAsync(decoded.error);
  const { memoryKiB, iterations, parallelism } = decoded.value;
  const native = { algorithm: ARGON2ID, version: V0X13, memoryCost: memoryKiB, timeCost: iterations, parallelism, outputLen: 32 };

  const hash = (password: string): ResultAsync<string, PasswordHashingError> =>
    ResultAsync.fromPromise(argon2Hash(normalizePassword(password), native), () =>
      passwordHashingError("password-hasher.hash", "unavailable", "argon2 hashing failed"),
    );

  const verify = (stored: string, password: string): ResultAsync<boolean, PasswordHashingError> =>
    isReadableHash(stored)
      ? ResultAsync.fromPromise(argon2Verify(stored, normalizePassword(password)), () =>
          passwordHashingError("password-hasher.verify", "unavailable", "argon2 verification failed"),
        )
      : errAsync(passwordHashingError("password-hasher.verify", "malformed_hash", "stored hash is not an Argon2id v1.3 PHC string"));

  const hasher: PasswordHasher = {
    meta: { contract: PASSWORD_HASHER_CONTRACT, name: "argon2id", capabilities: new Set() },
    policy: { algorithm: "argon2id", memoryKiB, iterations, parallelism },
    hash,
    verify,
    // A real round trip: proves the native binding loads and the memory can be allocated.
    healthCheck: () =>
      hash("madoguchi-health-check").andThen((h) => verify(h, "madoguchi-health-check")).andThen((ok) =>
        ok ? okAsync(undefined) : errAsync(passwordHashingError("password-hasher.healthCheck", "unavailable", "argon2 round trip failed", false)),
      ),
  };
  return okAsync(hasher);
};
