import { ResultAsync, type Result } from "neverthrow";
import type { StorageError } from "@madoguchi/core";
import { toStorageError } from "./storage-error.boundary.ts";

/**
 * Runs one port operation. `work` returns domain outcomes as a Result and may throw driver or ORM
 * exceptions; those are mapped here, at the store's single boundary.
 */
export const runStorageOp = <T, E>(operation: string, work: () => Promise<Result<T, E>>): ResultAsync<T, E | StorageError> =>
  ResultAsync.fromPromise(work(), (e) => toStorageError(operation, e)).andThen((r) => r);
