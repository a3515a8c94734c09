import type { Result } from "neverthrow";
import { expect } from "vitest";
import type { StorageError } from "@madoguchi/core";

/** A fresh, empty store for one test or one generated case, and how to dispose of it. */
export interface StoreHarness<S> {
  readonly store: S;
  close(): Promise<void>;
}

/** The value of an Ok, or the test fails naming the storage error. */
export const okValue = async <T>(pending: PromiseLike<Result<T, StorageError>>): Promise<T> => {
  const result = await pending;
  if (result.isErr()) expect.fail(`expected Ok, got ${result.error.reason}: ${result.error.message}`);
  return result.value;
};

/** Runs `use` on a fresh store and disposes of it afterwards, whatever happens. */
export const withStore = async <S>(make: () => Promise<StoreHarness<S>>, use: (store: S) => Promise<void>): Promise<void> => {
  const harness = await make();
  try {
    await use(harness.store);
  } finally {
    await harness.close();
  }
};
