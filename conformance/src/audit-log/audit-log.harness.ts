import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { okAsync } from "neverthrow";
import { expect } from "vitest";
import type { ApplicationStore, AuditLogStore, AuditResult, CheckpointSigner, Hasher } from "@madoguchi/core";

/** What `describeAuditLogStoreContract` tests: the audit log and the application store sharing its storage. */
export interface AuditLogStoreUnderTest {
  readonly auditLog: AuditLogStore;
  /** Writes applications with audit entries in the same transaction (`application-store@3`), and purges them with theirs. */
  readonly applications: ApplicationStore;
  close(): Promise<void>;
  /**
   * Bypasses the port as someone with write access to the database would (raw SQL): when given, the
   * suite proves that such edits are caught by verification.
   */
  readonly tamper?: AuditTamperHooks;
}

/** Raw writes behind the port's back, for the tamper cases. */
export interface AuditTamperHooks {
  /** Changes the stored `result` of entry `seq` and nothing else. */
  setResult(seq: number, result: AuditResult): Promise<void>;
  /** Deletes entry `seq` only. */
  deleteEntry(seq: number): Promise<void>;
}

/** Returns a FRESH, empty store on every call (per test and per generated property case). */
export type MakeAuditLogStore = () => Promise<AuditLogStoreUnderTest>;

/** Tuning of the audit-log contract. */
export interface AuditLogStoreContractOptions {
  /** fast-check runs per property (default 20: every run opens a fresh store). */
  readonly numRuns?: number;
  readonly testTimeout?: number;
}

/** One named check of the audit-log contract. */
export interface AuditLogStoreCase {
  readonly name: string;
  readonly run: (make: MakeAuditLogStore, options: AuditLogStoreContractOptions) => Promise<void>;
}

/** Runs `fn` on a fresh store and always closes it. */
export const withAuditStore = async <T>(make: MakeAuditLogStore, fn: (store: AuditLogStoreUnderTest) => Promise<T>): Promise<T> => {
  const store = await make();
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
};

/** The suite's own SHA-256, independent of the adapter's. */
export const referenceHasher: Hasher = { sha256Hex: (data) => createHash("sha256").update(data, "utf8").digest("hex") };

/** A real Ed25519 signer for checkpoints made by the suite. */
export const testSigner = (keyId = "conformance-key"): CheckpointSigner => {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    meta: { contract: "checkpoint-signer@1", name: "conformance-ed25519", capabilities: new Set() },
    keyId,
    publicKey: publicKey.export({ type: "spki", format: "der" }).toString("base64"),
    sign: (message) => okAsync(sign(null, Buffer.from(message, "utf8"), privateKey).toString("base64")),
  };
};

/** Expects a StorageError with the given reason. */
export const expectStorageReason = (error: unknown, reason: string): void => {
  expect(error).toMatchObject({ _tag: "StorageError", reason });
};
