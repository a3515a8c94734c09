import fc from "fast-check";
import type { Result } from "neverthrow";
import { describe, expect, it } from "vitest";
import { KEY_STORE_CONTRACT, type KeyStore, type KeyStoreError } from "@madoguchi/core";

/** Builds a ready {@link KeyStore} for one test. Each call may share the key-encryption key or not. */
export type MakeKeyStore = () => Promise<KeyStore>;

/** Tuning of {@link describeKeyStoreContract}. */
export interface KeyStoreContractOptions {
  /** fast-check runs per property (default 50). */
  readonly numRuns?: number;
}

/** One named check of the key-store contract: throws (via `expect`) when the adapter breaks it. */
export interface KeyStoreCase {
  readonly name: string;
  readonly run: (makeKeyStore: MakeKeyStore, options: KeyStoreContractOptions) => Promise<void>;
}

const okValue = async <T, E>(pending: PromiseLike<Result<T, E>>): Promise<T> => {
  const result = await pending;
  if (result.isErr()) expect.fail(`expected Ok, got ${JSON.stringify(result.error)}`);
  return result.value;
};

const keyStoreErrorOf = async <T>(pending: PromiseLike<Result<T, KeyStoreError>>): Promise<KeyStoreError> => {
  const result = await pending;
  if (result.isOk()) expect.fail("expected a KeyStoreError, got Ok");
  expect(result.error._tag).toBe("KeyStoreError");
  return result.error;
};

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** Contexts as adapters will see them, plus arbitrary Unicode to catch encoding mistakes. */
const contextArb = fc.oneof(
  fc.uuid().map((id) => `application:${id}`),
  fc.string({ unit: "grapheme", minLength: 0, maxLength: 40 }),
);

/** The cases of the key-store contract, exported so that tests can prove each one catches a broken adapter. */
export const keyStoreCases: readonly KeyStoreCase[] = [
  {
    name: "declares the key-store@1 contract",
    run: async (make) => {
      const store = await make();
      expect(store.meta.contract).toBe(KEY_STORE_CONTRACT);
    },
  },
  {
    name: "generates 32-byte data keys with a positive integer key version",
    run: async (make) => {
      const store = await make();
      const key = await okValue(store.generateDataKey("application:shape"));
      expect(key.plaintext).toBeInstanceOf(Uint8Array);
      expect(key.plaintext.length).toBe(32);
      expect(key.wrapped).toBeInstanceOf(Uint8Array);
      expect(key.wrapped.length).toBeGreaterThan(0);
      expect(Number.isSafeInteger(key.keyVersion) && key.keyVersion >= 1).toBe(true);
    },
  },
  {
    name: "unwraps what it wrapped, for any context (round trip)",
    run: async (make, options) => {
      const store = await make();
      await fc.assert(
        fc.asyncProperty(contextArb, async (context) => {
          const key = await okValue(store.generateDataKey(context));
          const unwrapped = await okValue(store.unwrapDataKey(key.wrapped, key.keyVersion, context));
          expect(Array.from(unwrapped)).toEqual(Array.from(key.plaintext));
        }),
        { numRuns: options.numRuns ?? 50 },
      );
    },
  },
  {
    name: "never hands out the same key twice (fresh plaintext and wrapping each time)",
    run: async (make) => {
      const store = await make();
      const seen = new Set<string>();
      const wrappings = new Set<string>();
      for (let i = 0; i < 64; i++) {
        const key = await okValue(store.generateDataKey("application:same-context"));
        seen.add(hex(key.plaintext));
        wrappings.add(hex(key.wrapped));
      }
      expect(seen.size).toBe(64);
      expect(wrappings.size).toBe(64);
    },
  },
  {
    name: "refuses to unwrap under a different context (unwrap_failed)",
    run: async (make, options) => {
      const store = await make();
      await fc.assert(
        fc.asyncProperty(
          fc.tuple(contextArb, contextArb).filter(([a, b]) => a !== b),
          async ([context, other]) => {
            const key = await okValue(store.generateDataKey(context));
            const error = await keyStoreErrorOf(store.unwrapDataKey(key.wrapped, key.keyVersion, other));
            expect(error.reason).toBe("unwrap_failed");
          },
        ),
        { numRuns: options.numRuns ?? 50 },
      );
    },
  },
  {
    name: "refuses every single flipped bit or byte of a wrapped key (unwrap_failed)",
    run: async (make, options) => {
      const store = await make();
      const key = await okValue(store.generateDataKey("application:tamper"));
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: key.wrapped.length - 1 }),
          fc.integer({ min: 1, max: 255 }),
          async (index, mask) => {
            const tampered = new Uint8Array(key.wrapped);
            tampered[index] = (tampered[index] ?? 0) ^ mask;
            const error = await keyStoreErrorOf(store.unwrapDataKey(tampered, key.keyVersion, "application:tamper"));
            expect(error.reason).toBe("unwrap_failed");
          },
        ),
        { numRuns: Math.max(options.numRuns ?? 50, key.wrapped.length * 2) },
      );
      // And exhaustively, one flipped low bit per position: no byte of the wrapping is unchecked.
      for (let index = 0; index < key.wrapped.length; index++) {
        const tampered = new Uint8Array(key.wrapped);
        tampered[index] = (tampered[index] ?? 0) ^ 1;
        const error = await keyStoreErrorOf(store.unwrapDataKey(tampered, key.keyVersion, "application:tamper"));
        expect(error.reason).toBe("unwrap_failed");
      }
    },
  },
  {
    name: "refuses truncated or extended wrapped keys (unwrap_failed)",
    run: async (make) => {
      const store = await make();
      const key = await okValue(store.generateDataKey("application:length"));
      for (const bytes of [key.wrapped.subarray(0, key.wrapped.length - 1), new Uint8Array([...key.wrapped, 0]), new Uint8Array(0)]) {
        const error = await keyStoreErrorOf(store.unwrapDataKey(bytes, key.keyVersion, "application:length"));
        expect(error.reason).toBe("unwrap_failed");
      }
    },
  },
  {
    name: "refuses a key version it does not hold (key_destroyed or unwrap_failed)",
    run: async (make) => {
      const store = await make();
      const key = await okValue(store.generateDataKey("application:version"));
      const error = await keyStoreErrorOf(store.unwrapDataKey(key.wrapped, key.keyVersion + 1000, "application:version"));
      expect(["key_destroyed", "unwrap_failed"]).toContain(error.reason);
    },
  },
  {
    name: "passes its health check",
    run: async (make) => {
      const store = await make();
      await okValue(store.healthCheck());
    },
  },
];

/**
 * Registers the key-store contract (`key-store@1`) as vitest tests. Every KeyStore adapter runs it;
 * vendors run it against their own (e.g. a cloud-KMS adapter).
 *
 * @param name - adapter name shown in the test report
 * @param makeKeyStore - returns a ready key store; called once per test
 */
export const describeKeyStoreContract = (
  name: string,
  makeKeyStore: MakeKeyStore,
  options: KeyStoreContractOptions = {},
): void => {
  describe(`key-store contract: ${name}`, () => {
    for (const c of keyStoreCases) it(c.name, () => c.run(makeKeyStore, options));
  });
};
