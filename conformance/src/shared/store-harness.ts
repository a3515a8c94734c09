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

/** The StorageError of a failed operation, or the test fails. */
export const storageErrorOf = async <T>(pending: PromiseLike<Result<T, StorageError>>): Promise<StorageError> => {
  const result = await pending;
  if (result.isOk()) return expect.fail("expected a StorageError, got Ok");
  return result.error;
};

/** Runs `use` on a fresh harness (whatever stores it holds) and disposes of it afterwards, whatever happens. */
export const withHarness = async <H extends { close(): Promise<void> }>(make: () => Promise<H>, use: (harness: H) => Promise<void>): Promise<void> => {
  const harness = await make();
  try {
    await use(harness);
  } finally {
    await harness.close();
  }
};

/** Runs `use` on a fresh store and disposes of it afterwards, whatever happens. */
export const withStore = <S>(make: () => Promise<StoreHarness<S>>, use: (store: S) => Promise<void>): Promise<void> => withHarness(make, (h) => use(h.store));
