import type { Result } from "neverthrow";
import { expect } from "vitest";
import type { StorageError } from "@madoguchi/core";

/** A fresh, empty store for one test or one generated case, and how to dispose of it. */
export interface StoreHarness<S> {
  readonly store: S;
  close(): Promise<void>;
}

/** The value of an Ok, or the test fails naming the storage error (or the tag of another error value). */
export const okValue = async <T, E extends { readonly _tag: string } = StorageError>(pending: PromiseLike<Result<T, E>>): Promise<T> => {
  const result = await pending;
  if (result.isErr()) {
    const e: { readonly _tag: string } = result.error;
    expect.fail(e._tag === "StorageError" ? `expected Ok, got ${(e as StorageError).reason}: ${(e as StorageError).message}` : `expected Ok, got ${e._tag}`);
  }
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
