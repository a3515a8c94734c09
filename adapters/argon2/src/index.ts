/**
 * @madoguchi/adapter-argon2 — the {@link PasswordHasher} for madoguchi: Argon2id on `@node-rs/argon2`.
 */
export { createArgon2Hasher } from "./create-argon2-hasher.ts";
export {
  Argon2HasherOptionsSchema,
  DEFAULT_ARGON2_OPTIONS,
  MIN_MEMORY_KIB,
  MIN_MEMORY_TIMES_PASSES,
  type Argon2HasherOptions,
} from "./argon2-hasher.options.ts";
