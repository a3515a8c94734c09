import type { ResultAsync } from "neverthrow";
import type { AdapterMeta } from "../../shared/adapter-meta.ts";

/** Contract id of {@link PasswordHasher}. */
export const PASSWORD_HASHER_CONTRACT = "password-hasher@1" as const;

/**
 * The cost a hasher uses for new hashes. Argon2id (RFC 9106) is the one algorithm of this contract
 * version; the `algorithm` tag lets a later version add another without breaking this one.
 */
export interface Argon2idPolicy {
  readonly algorithm: "argon2id";
  /** Memory in KiB (`m`). */
  readonly memoryKiB: number;
  /** Passes over memory (`t`). */
  readonly iterations: number;
  /** Lanes (`p`). */
  readonly parallelism: number;
}

/** The cost policy of a {@link PasswordHasher}. */
export type PasswordHashPolicy = Argon2idPolicy;

/** Infrastructure failure of a {@link PasswordHasher}. Never carries the password or the hash. */
export interface PasswordHashingError {
  readonly _tag: "PasswordHashingError";
  /**
   * `unavailable`: the native hasher failed (out of memory, …); `malformed_hash`: the stored hash is
   * not one this hasher can read (corrupt row, or another algorithm: migrate it at the next login).
   */
  readonly reason: "unavailable" | "malformed_hash";
  /** Port method, e.g. `"password-hasher.verify"`. */
  readonly operation: string;
  readonly retryable: boolean;
  readonly message: string;
}

/**
 * Port: a slow, salted, memory-hard password hash. Hashes are self-describing strings (PHC format:
 * `$argon2id$v=19$m=…,t=…,p=…$salt$hash`) so that the parameters travel with each hash and
 * {@link needsRehash} can tell when a stored hash is cheaper than the current policy.
 *
 * Both methods apply NFKC to the password themselves (idempotent if core already did), so that a
 * caller who forgets cannot lock out people who type with a full-width IME.
 */
export interface PasswordHasher {
  readonly meta: AdapterMeta;
  /** The cost used for new hashes. */
  readonly policy: PasswordHashPolicy;
  /** A fresh salted hash of `password` under {@link policy}: the same password gives a different string each time. */
  hash(password: string): ResultAsync<string, PasswordHashingError>;
  /** Whether `password` is the one hashed in `hash` (whatever cost `hash` was made with). Exact: no truncation. */
  verify(hash: string, password: string): ResultAsync<boolean, PasswordHashingError>;
  healthCheck(): ResultAsync<void, PasswordHashingError>;
}
