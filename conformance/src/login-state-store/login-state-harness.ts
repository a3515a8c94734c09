/** What the login-state contract's cases share: the harness they get and the shape of a case. */
import type { AuditLogStore, LoginStateStore } from "@madoguchi/core";
import type { StoreHarness } from "../shared/store-harness.ts";

/**
 * A fresh, empty store for one test or one generated case, and how to dispose of it; with the audit
 * log its writes append to (and share transactions with) — empty too.
 */
export interface LoginStateStoreHarness extends StoreHarness<LoginStateStore> {
  readonly auditLog: AuditLogStore;
}

/** Builds a {@link LoginStateStoreHarness} on an empty database. */
export type MakeLoginStateStore = () => Promise<LoginStateStoreHarness>;

/** Tuning of {@link describeLoginStateStoreContract}. */
export interface LoginStateStoreContractOptions {
  /** fast-check runs of each property (default 30). */
  readonly numRuns?: number;
  readonly testTimeout?: number;
}

/** One named check of the contract. */
export interface LoginStateStoreCase {
  readonly name: string;
  readonly run: (make: MakeLoginStateStore, options: LoginStateStoreContractOptions) => Promise<void>;
}

