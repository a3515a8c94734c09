import { expect } from "vitest";
import type { Result } from "neverthrow";
import type { ApplicationStore, OutboxStore, StorageError } from "@madoguchi/core";

/** What `describeApplicationStoreContract` tests: the two ports sharing one storage. */
export interface ApplicationStoreUnderTest {
  readonly applications: ApplicationStore;
  readonly outbox: OutboxStore;
  /** Releases the storage (connections, files). Called once after every test and property case. */
  close(): Promise<void>;
  /**
   * Every byte the adapter has persisted (e.g. the database file plus its WAL). When given, the
   * suite checks that no personal field reaches storage in plaintext.
   */
  readonly rawRead?: () => Promise<Uint8Array>;
}

/** Returns a FRESH, empty store on every call (per test and per generated property case). */
export type MakeApplicationStore = () => Promise<ApplicationStoreUnderTest>;

/** Tuning of the application-store contract. */
export interface ApplicationStoreContractOptions {
  /** fast-check runs per property (default 25: every run opens a fresh store). */
  readonly numRuns?: number;
  /** Runs of the model-based test (default 15), each a fresh store and up to 25 commands. */
  readonly modelRuns?: number;
  /** Timeout of each test in ms (default: the vitest project's `testTimeout`). */
  readonly testTimeout?: number;
  /** fast-check seed of the model-based run (default: random). Fixed where a test needs the same sequences every time. */
  readonly seed?: number;
}

/** What a case may ask of the test runner. */
export interface CaseContext {
  /** Marks the case as skipped with a note (e.g. the adapter has no `rawRead`); does not return. */
  readonly skip: (note: string) => never;
}

/** One named check of the application-store contract. */
export interface ApplicationStoreCase {
  readonly name: string;
  readonly run: (make: MakeApplicationStore, options: ApplicationStoreContractOptions, context: CaseContext) => Promise<void>;
}

/** Runs `fn` on a fresh store and always closes it. */
export const withStore = async <T>(make: MakeApplicationStore, fn: (store: ApplicationStoreUnderTest) => Promise<T>): Promise<T> => {
  const store = await make();
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
};

/** Unwraps an Ok or fails the test with the error (errors carry no personal data, so printing is safe). */
export const okValue = async <T, E>(pending: PromiseLike<Result<T, E>>): Promise<T> => {
  const result = await pending;
  if (result.isErr()) expect.fail(`expected Ok, got Err ${JSON.stringify(result.error)}`);
  return result.value;
};

/** Unwraps an Err or fails the test. */
export const errValue = async <T, E>(pending: PromiseLike<Result<T, E>>): Promise<E> => {
  const result = await pending;
  if (result.isOk()) expect.fail("expected Err, got Ok");
  return result.error;
};

/** Asserts a StorageError with the given reason and a port-qualified operation name. */
export const expectStorageError = (error: unknown, reason: StorageError["reason"]): void => {
  expect(error).toMatchObject({ _tag: "StorageError", reason });
  expect(typeof (error as StorageError).operation).toBe("string");
  expect(typeof (error as StorageError).message).toBe("string");
  expect(typeof (error as StorageError).retryable).toBe("boolean");
};
