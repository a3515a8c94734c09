/**
 * Small in-memory fakes of the ports, for core's use-case tests only. The real adapters are tested
 * against the conformance suites elsewhere; these fakes keep just enough behaviour to observe what a
 * use case did (what was stored, charged, voided, verified).
 */
import { createHash } from "node:crypto";
import { errAsync, okAsync, type Result, type ResultAsync } from "neverthrow";
import {
  APPLICATION_STORE_CONTRACT,
  applicationFinishedAt,
  ApplicationId,
  ReceiptNumber,
  storageError,
  type Application,
  type ApplicationStore,
  type AuditEntryDraft,
  type Authorization,
  type AuthorizeRequest,
  type Clock,
  type ConcurrentModification,
  type Hasher,
  type IdempotencyKey,
  type IdGenerator,
  type OutboxMessage,
  type PaymentError,
  type PurgeTarget,
  type PaymentGateway,
  type PaymentCustomer,
  type PaymentEvent,
  type SavedCard,
  type SettlementRecord,
  type SignatureError,
  type SignatureVerifier,
  type StorageError,
  type VerifiedSignature,
} from "../src/index.ts";

const meta = (contract: string) => ({ contract, name: "test-fake", capabilities: new Set<never>() });

export class FakeStore implements ApplicationStore {
  readonly meta = meta(APPLICATION_STORE_CONTRACT);
  readonly rows = new Map<string, Application>();
  readonly outbox: OutboxMessage[] = [];
  /** Audit drafts written with the changes, in order. */
  readonly audit: AuditEntryDraft[] = [];
  /** Makes the next insert fail with this error (nothing is written). */
  failNextInsert: StorageError | null = null;
  /** Runs before the next insert (simulates a concurrent request that wins the race). */
  beforeNextInsert: ((application: Application) => void) | null = null;

  insert(application: Application, outbox: readonly OutboxMessage[], audit: readonly AuditEntryDraft[] = []): ResultAsync<void, StorageError> {
    const before = this.beforeNextInsert;
    this.beforeNextInsert = null;
    before?.(application);
    const failure = this.failNextInsert;
    this.failNextInsert = null;
    if (failure !== null) return errAsync(failure);
    const clash = [...this.rows.values()].some(
      (a) => a.id === application.id || a.receiptNumber === application.receiptNumber || a.submissionKey === application.submissionKey,
    );
    if (clash) return errAsync(storageError("application-store.insert", "conflict", "duplicate"));
    this.rows.set(application.id, application);
    this.outbox.push(...outbox);
    this.audit.push(...audit);
    return okAsync(undefined);
  }

  update(
    application: Application,
    expectedVersion: number,
    outbox: readonly OutboxMessage[],
    audit: readonly AuditEntryDraft[] = [],
  ): ResultAsync<void, StorageError | ConcurrentModification> {
    const stored = this.rows.get(application.id);
    if (stored === undefined) return errAsync(storageError("application-store.update", "conflict", "missing"));
    if (stored.version !== expectedVersion || application.version !== expectedVersion + 1) {
      return errAsync({ _tag: "ConcurrentModification", code: "application.concurrent_modification", id: application.id, expectedVersion });
    }
    this.rows.set(application.id, application);
    this.outbox.push(...outbox);
    this.audit.push(...audit);
    return okAsync(undefined);
  }

  findById(id: ApplicationId) {
    return okAsync(this.rows.get(id) ?? null);
  }
  findByReceiptNumber(receiptNumber: ReceiptNumber) {
    return okAsync([...this.rows.values()].find((a) => a.receiptNumber === receiptNumber) ?? null);
  }
  findBySubmissionKey(submissionKey: string) {
    return okAsync([...this.rows.values()].find((a) => a.submissionKey === submissionKey) ?? null);
  }
  list() {
    return okAsync({ items: [...this.rows.values()], total: this.rows.size });
  }
  /** Finished before `before`, earliest first (ids break no ties here: tests use distinct times). */
  listFinishedBefore(before: Date, limit: number) {
    const finished = [...this.rows.values()].filter((a) => (applicationFinishedAt(a)?.getTime() ?? Infinity) < before.getTime());
    return okAsync(finished.sort((a, b) => applicationFinishedAt(a)!.getTime() - applicationFinishedAt(b)!.getTime()).slice(0, limit));
  }
  /** Makes the next purge fail with this error (nothing is deleted). */
  failNextPurge: StorageError | null = null;
  purge(targets: readonly PurgeTarget[], audit: readonly AuditEntryDraft[]): ResultAsync<void, StorageError> {
    const failure = this.failNextPurge;
    this.failNextPurge = null;
    if (failure !== null) return errAsync(failure);
    if (targets.some((t) => this.rows.get(t.id)?.version !== t.version)) return errAsync(storageError("application-store.purge", "conflict", "changed"));
    for (const t of targets) this.rows.delete(t.id);
    this.audit.push(...audit);
    return okAsync(undefined);
  }
  healthCheck() {
    return okAsync(undefined);
  }
  async close() {}
}

/** The fake signature of `content`: what a test card would produce. */
export const fakeSign = (content: string): string => Buffer.from(`signed:${sha256(content)}`).toString("base64");

/** Accepts exactly `fakeSign(content)`; anything else is a tampered payload or a malformed CMS. */
export class FakeVerifier implements SignatureVerifier {
  readonly meta = meta("signature-verifier@2");
  readonly calls: { content: string; at: Date }[] = [];

  verifyDetached(input: { content: Uint8Array; cms: Uint8Array; at: Date }): ResultAsync<VerifiedSignature, SignatureError> {
    const content = new TextDecoder().decode(input.content);
    this.calls.push({ content, at: input.at });
    const cms = new TextDecoder().decode(input.cms);
    if (!cms.startsWith("signed:")) return errAsync({ _tag: "SignatureError", reason: "malformed", operation: "verify", retryable: false, message: "not CMS" });
    if (cms !== `signed:${sha256(content)}`) {
      return errAsync({ _tag: "SignatureError", reason: "content_mismatch", operation: "verify", retryable: false, message: "digest" });
    }
    return okAsync({
      signer: { subject: "CN=test", issuer: "CN=Test CA", serialNumber: "0a", notBefore: new Date(0), notAfter: new Date(4e12), derBase64: "" },
      signingTime: null,
      purpose: "signature",
      basicInformation: null,
      trustAnchorSha256: "0".repeat(64),
      revocation: { source: "crl", crlIssuer: "CN=Test CA", crlNumber: "1", thisUpdate: new Date(0), nextUpdate: null, crlSha256: "0".repeat(64), serialNumber: "0a" },
    });
  }
  healthCheck() {
    return okAsync(undefined);
  }
}

/** A gateway that keeps authorisations by idempotency key; token `tok_declined` is declined. */
export class FakeGateway implements PaymentGateway {
  readonly meta = meta("payment-gateway@3");
  readonly byKey = new Map<string, Authorization>();
  readonly requests: AuthorizeRequest[] = [];
  readonly voids: string[] = [];

  /** Authorisations actually created (a replayed idempotency key creates none). */
  get charges(): number {
    return this.byKey.size;
  }

  authorize(request: AuthorizeRequest): ResultAsync<Authorization, PaymentError> {
    this.requests.push(request);
    const existing = this.byKey.get(request.idempotencyKey);
    if (existing !== undefined) return okAsync(existing);
    if (request.source.kind === "token" && request.source.token === "tok_declined") {
      return errAsync({ _tag: "PaymentError", reason: "declined", operation: "authorize", retryable: false, message: "declined" });
    }
    const authorization: Authorization = {
      id: `auth_${this.byKey.size + 1}`,
      amount: request.amount,
      capturedAmount: 0 as Authorization["capturedAmount"],
      refundedAmount: 0 as Authorization["refundedAmount"],
      status: "authorized",
      brand: "visa",
      last4: "4242",
      idempotencyKey: request.idempotencyKey,
      challenge: null,
    };
    this.byKey.set(request.idempotencyKey, authorization);
    return okAsync(authorization);
  }
  capture(): ResultAsync<Authorization, PaymentError> {
    throw new Error("not used by core use cases");
  }
  void(authorizationId: string, _key: IdempotencyKey): ResultAsync<Authorization, PaymentError> {
    this.voids.push(authorizationId);
    for (const [key, a] of this.byKey) {
      if (a.id === authorizationId) {
        const voided: Authorization = { ...a, status: "voided" };
        this.byKey.set(key, voided);
        return okAsync(voided);
      }
    }
    return errAsync({ _tag: "PaymentError", reason: "not_found", operation: "void", retryable: false, message: "no such authorisation" });
  }
  completeChallenge(): ResultAsync<Authorization, PaymentError> {
    throw new Error("not used by core use cases");
  }
  refund(): ResultAsync<Authorization, PaymentError> {
    throw new Error("not used by core use cases");
  }
  getAuthorization(): ResultAsync<Authorization | null, PaymentError> {
    throw new Error("not used by core use cases");
  }
  ensureCustomer(): ResultAsync<PaymentCustomer, PaymentError> {
    throw new Error("not used by core use cases");
  }
  findCustomer(): ResultAsync<PaymentCustomer | null, PaymentError> {
    throw new Error("not used by core use cases");
  }
  saveCard(): ResultAsync<SavedCard, PaymentError> {
    throw new Error("not used by core use cases");
  }
  updateSavedCard(): ResultAsync<SavedCard, PaymentError> {
    throw new Error("not used by core use cases");
  }
  deleteSavedCard(): ResultAsync<void, PaymentError> {
    throw new Error("not used by core use cases");
  }
  listSettlementRecords(): ResultAsync<readonly SettlementRecord[], PaymentError> {
    return errAsync({ _tag: "PaymentError", reason: "unsupported", operation: "listSettlementRecords", retryable: false, message: "the fake keeps no settlement records" });
  }
  verifyWebhook(): Result<PaymentEvent, PaymentError> {
    throw new Error("not used by core use cases");
  }
  findByIdempotencyKey(key: IdempotencyKey) {
    return okAsync(this.byKey.get(key) ?? null);
  }
  healthCheck() {
    return okAsync(undefined);
  }
}

export const sha256 = (s: string): string => createHash("sha256").update(s, "utf8").digest("hex");

export const hasher: Hasher = { sha256Hex: sha256 };

export const fixedClock = (iso: string): Clock & { set(iso: string): void } => {
  let now = new Date(iso);
  return {
    now: () => now,
    set: (next: string) => {
      now = new Date(next);
    },
  };
};

/** Deterministic ids: counters, so every test run produces the same values. */
export const sequentialIds = (): IdGenerator => {
  let n = 0;
  const next = () => ++n;
  return {
    applicationId: () => ApplicationId(`app-${next()}`),
    receiptNumber: (now: Date) => ReceiptNumber(`${now.toISOString().slice(0, 10).replace(/-/g, "")}-R${next()}`),
    secret: () => `secret-${next()}-abcdefghijklmnopqrstuv`,
    uuid: () => `uuid-${next()}`,
  };
};
