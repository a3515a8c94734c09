import { Result as EffectResult, Schema } from "effect";
import { err, ok, type Result } from "neverthrow";
import type { PasswordHashingError } from "@madoguchi/core";
import { passwordHashingError } from "./password-hashing.errors.ts";

/**
 * The floor for Argon2id costs: OWASP's Password Storage Cheat Sheet lists equivalent minimum
 * configurations from m=47104 t=1 to m=7168 t=5, all with memory × passes ≥ 35 840 KiB and at least
 * 7 MiB of memory. Anything cheaper is refused at start-up rather than silently used.
 */
export const MIN_MEMORY_KIB = 7_168;
/** See {@link MIN_MEMORY_KIB}. */
export const MIN_MEMORY_TIMES_PASSES = 35_840;

const PositiveInt = Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(1));

/** Options of {@link createArgon2Hasher}, as decoded from configuration. */
export const Argon2HasherOptionsSchema = Schema.Struct({
  /** Memory per hash in KiB (`m`); default 19 456 (19 MiB, OWASP / RFC 9106-aligned minimum). */
  memoryKiB: PositiveInt.check(Schema.isGreaterThanOrEqualTo(MIN_MEMORY_KIB)),
  /** Passes over memory (`t`); default 2. */
  iterations: PositiveInt,
  /** Lanes (`p`); default 1 (the reference server has few cores and hashes many logins at once). */
  parallelism: PositiveInt.check(Schema.isLessThanOrEqualTo(255)),
}).check(
  Schema.makeFilter((o) => o.memoryKiB * o.iterations >= MIN_MEMORY_TIMES_PASSES || `memoryKiB × iterations must be at least ${MIN_MEMORY_TIMES_PASSES} (OWASP minimum)`),
);

/** Options of {@link createArgon2Hasher}. */
export type Argon2HasherOptions = typeof Argon2HasherOptionsSchema.Type;

/** The default cost: m=19456 KiB, t=2, p=1 (OWASP Password Storage Cheat Sheet, first Argon2id configuration). */
export const DEFAULT_ARGON2_OPTIONS: Argon2HasherOptions = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };

const decode = Schema.decodeUnknownResult(Argon2HasherOptionsSchema);

/** Validates options at the boundary (messages name the fields, never values that could be secret). */
export const decodeArgon2HasherOptions = (input: unknown): Result<Argon2HasherOptions, PasswordHashingError> => {
  const decoded = decode(input, { errors: "all" });
  return EffectResult.isSuccess(decoded)
    ? ok(decoded.success)
    : err(passwordHashingError("password-hasher.create", "unavailable", `invalid options: ${decoded.failure.message}`, false));
};
