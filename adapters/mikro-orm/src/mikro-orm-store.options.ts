import { Result as EffectResult, Schema } from "effect";
import { err, ok, type Result } from "neverthrow";
import type { KeyStore, StorageError } from "@madoguchi/core";

const NonEmpty = Schema.String.check(Schema.isNonEmpty());

/** The embedded profile: one SQLite file (WAL mode, synchronous=FULL). */
export const SqliteConnectionSchema = Schema.Struct({
  driver: Schema.Literal("sqlite"),
  /** Database file, e.g. `./data/madoguchi.sqlite`; its directory is created (mode 0700) if missing. */
  path: NonEmpty,
});

/** The scale profile: PostgreSQL. */
export const PostgresqlConnectionSchema = Schema.Struct({
  driver: Schema.Literal("postgresql"),
  /** Connection URL, e.g. `postgres://madoguchi@db:5432/madoguchi`. Never logged or put in errors. */
  url: NonEmpty,
  /** Schema holding the tables (created if missing); default `public`. A plain lower-case identifier. */
  schema: Schema.optional(Schema.String.check(Schema.isPattern(/^[a-z_][a-z0-9_]{0,62}$/))),
});

/** Where the store keeps its data. */
export const ConnectionOptionsSchema = Schema.Union([SqliteConnectionSchema, PostgresqlConnectionSchema]);

/** Where the store keeps its data, decoded. */
export type ConnectionOptions = typeof ConnectionOptionsSchema.Type;

const isKeyStore = (u: unknown): u is KeyStore =>
  typeof u === "object" &&
  u !== null &&
  "generateDataKey" in u &&
  typeof u.generateDataKey === "function" &&
  "unwrapDataKey" in u &&
  typeof u.unwrapDataKey === "function" &&
  "healthCheck" in u &&
  typeof u.healthCheck === "function";

/** Options of `createMikroOrmStore`: the connection plus the KeyStore that wraps each record's data key. */
export const MikroOrmStoreOptionsSchema = Schema.Union([
  Schema.Struct({ ...SqliteConnectionSchema.fields, keyStore: Schema.declare(isKeyStore) }),
  Schema.Struct({ ...PostgresqlConnectionSchema.fields, keyStore: Schema.declare(isKeyStore) }),
]);

/** Options of `createMikroOrmStore`. */
export type MikroOrmStoreOptions = typeof MikroOrmStoreOptionsSchema.Type;

const decodeStore = Schema.decodeUnknownResult(MikroOrmStoreOptionsSchema);
const decodeConnection = Schema.decodeUnknownResult(ConnectionOptionsSchema);

// Schema messages name the failing path and the expectation, not the value (which may be a URL
// with a password).
const invalid = (operation: string, message: string): StorageError => ({
  _tag: "StorageError",
  reason: "unavailable",
  operation,
  retryable: false,
  message: `invalid options: ${message}`,
});

/** Validates store options at the boundary. */
export const decodeMikroOrmStoreOptions = (input: unknown): Result<MikroOrmStoreOptions, StorageError> => {
  const decoded = decodeStore(input, { errors: "all" });
  return EffectResult.isSuccess(decoded) ? ok(decoded.success) : err(invalid("mikro-orm-store.create", decoded.failure.message));
};

/** Validates connection options at the boundary (for `migrateDatabase`). */
export const decodeConnectionOptions = (input: unknown): Result<ConnectionOptions, StorageError> => {
  const decoded = decodeConnection(input, { errors: "all" });
  return EffectResult.isSuccess(decoded) ? ok(decoded.success) : err(invalid("mikro-orm-store.migrate", decoded.failure.message));
};
