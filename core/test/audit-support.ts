/**
 * Test helpers for the audit log: a real Ed25519 key pair (node:crypto), arbitraries of drafts, and a
 * chain with checkpoints built through core's own functions.
 */
import { generateKeyPairSync, sign, verify, createPublicKey } from "node:crypto";
import fc from "fast-check";
import {
  AUDIT_ACTIONS,
  checkpointSigningPayload,
  sealAuditEntries,
  type AuditCheckpoint,
  type AuditEntry,
  type AuditEntryDraft,
  type CheckpointSignatureVerifier,
} from "../src/index.ts";
import { hasher } from "./fakes.ts";

/** A fresh Ed25519 key: signs checkpoints and names its public key (SPKI DER, base64). */
export const ed25519Key = (keyId: string) => {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    keyId,
    publicKey: publicKey.export({ type: "spki", format: "der" }).toString("base64"),
    sign: (message: string): string => sign(null, Buffer.from(message, "utf8"), privateKey).toString("base64"),
  };
};
export type Ed25519TestKey = ReturnType<typeof ed25519Key>;

/** The real Ed25519 check; malformed input is "invalid", never a throw. */
export const ed25519Verifier: CheckpointSignatureVerifier = {
  verify: (publicKey, message, signature) => {
    try {
      const key = createPublicKey({ key: Buffer.from(publicKey, "base64"), format: "der", type: "spki" });
      return verify(null, Buffer.from(message, "utf8"), key, Buffer.from(signature, "base64"));
    } catch {
      return false;
    }
  },
};

/** Signs a checkpoint at `entry`. */
export const checkpointAt = (key: Ed25519TestKey, entry: AuditEntry, signedAt = new Date(entry.at.getTime() + 1000)): AuditCheckpoint => {
  const unsigned = { segment: entry.segment, lastSeq: entry.seq, lastHash: entry.hash, signedAt, keyId: key.keyId };
  return { ...unsigned, signature: key.sign(checkpointSigningPayload(unsigned)) };
};

/** A checkpoint at the last entry of every segment (the closed ones and the open one). */
export const checkpointEverySegment = (key: Ed25519TestKey, entries: readonly AuditEntry[]): AuditCheckpoint[] =>
  entries.filter((e, i) => entries[i + 1]?.segment !== e.segment).map((e) => checkpointAt(key, e));

const START = Date.UTC(2023, 0, 1);
const SPAN = Date.UTC(2026, 11, 31) - START;

/** A draft at `at` without personal data. */
export const draftArb = (at: fc.Arbitrary<Date>): fc.Arbitrary<AuditEntryDraft> =>
  fc.record({
    at,
    actor: fc.record({ kind: fc.constantFrom("staff", "resident", "system", "anonymous"), id: fc.option(fc.uuid(), { nil: null }) }),
    action: fc.constantFrom(...AUDIT_ACTIONS),
    target: fc.option(fc.record({ kind: fc.constantFrom("application", "staff_account", "audit_log"), id: fc.uuid() }), { nil: null }),
    result: fc.constantFrom("success", "failure", "denied"),
    sourceIp: fc.option(fc.ipV4(), { nil: null }),
    details: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null)), { maxKeys: 3 }),
  }) as fc.Arbitrary<AuditEntryDraft>;

/** Drafts in time order spread over four years (so over many monthly segments). */
export const draftsArb = (options: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<AuditEntryDraft[]> =>
  fc
    .array(fc.integer({ min: 0, max: SPAN }), { minLength: options.minLength ?? 1, maxLength: options.maxLength ?? 30 })
    .map((offsets) => offsets.sort((a, b) => a - b).map((o) => new Date(START + o)))
    .chain((times) => fc.tuple(...times.map((t) => draftArb(fc.constant(t)))));

/** Seals drafts into a chain from the genesis. */
export const seal = (drafts: readonly AuditEntryDraft[]): AuditEntry[] => [...sealAuditEntries(hasher, null, drafts)];
