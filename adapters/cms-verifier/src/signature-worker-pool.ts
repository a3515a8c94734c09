import { Worker } from "node:worker_threads";
import type { SignatureError } from "@madoguchi/core";
import { err, ok, type Result } from "neverthrow";
import type { CheckedSignature, SignatureCheckInput } from "./signature-checks.ts";
import { signatureError } from "./signature-error.ts";
import type { TrustAnchorsPem } from "./trust-anchors.ts";

/** One signature for a worker, by the pool's number for it. */
export interface CheckRequest {
  readonly id: number;
  readonly input: SignatureCheckInput;
}

/** A worker's answer to a {@link CheckRequest}. */
export type CheckAnswer = { readonly id: number; readonly ok: true; readonly value: CheckedSignature } | { readonly id: number; readonly ok: false; readonly error: SignatureError };

/** Signature checks on worker threads: parsing a CMS and its certificates and verifying RSA keep a core busy. */
export interface SignatureWorkerPool {
  check(input: SignatureCheckInput): Promise<Result<CheckedSignature, SignatureError>>;
  /** Stops the workers; checks under way answer `unavailable`. */
  close(): Promise<void>;
}

interface PoolWorker {
  readonly worker: Worker;
  readonly pending: Map<number, (answer: Result<CheckedSignature, SignatureError>) => void>;
}

const WORKER_URL = new URL("./signature-worker.ts", import.meta.url);

/**
 * Up to `size` workers, started on first need (a server that never sees a signature starts none), each sent
 * the next check when it has the fewest under way. A worker holds the process open only while it has checks
 * under way. A worker that fails or exits answers its checks `unavailable` (the resident may retry) and is
 * replaced at the next check.
 */
export const createSignatureWorkerPool = (size: number, anchors: TrustAnchorsPem): SignatureWorkerPool => {
  const workers: PoolWorker[] = [];
  let nextId = 0;

  const stopped = (entry: PoolWorker, why: string) => {
    const at = workers.indexOf(entry);
    if (at >= 0) workers.splice(at, 1);
    for (const settle of entry.pending.values()) settle(err(signatureError("unavailable", why)));
    entry.pending.clear();
  };

  const start = (): PoolWorker => {
    const worker = new Worker(WORKER_URL, { workerData: anchors });
    const entry: PoolWorker = { worker, pending: new Map() };
    worker.unref();
    worker.on("message", (answer: CheckAnswer) => {
      const settle = entry.pending.get(answer.id);
      if (settle === undefined) return;
      entry.pending.delete(answer.id);
      if (entry.pending.size === 0) worker.unref();
      settle(answer.ok ? ok(answer.value) : err(answer.error));
    });
    worker.on("error", () => stopped(entry, "the signature worker failed"));
    worker.on("exit", () => stopped(entry, "the signature worker stopped"));
    workers.push(entry);
    return entry;
  };

  const pick = (): PoolWorker => {
    const idle = workers.find((w) => w.pending.size === 0);
    if (idle !== undefined) return idle;
    if (workers.length < size) return start();
    return workers.reduce((least, w) => (w.pending.size < least.pending.size ? w : least));
  };

  return {
    check: (input) =>
      new Promise((resolve) => {
        const entry = pick();
        const id = nextId++;
        entry.pending.set(id, resolve);
        entry.worker.ref();
        entry.worker.postMessage({ id, input } satisfies CheckRequest);
      }),
    close: async () => {
      await Promise.all(workers.slice().map((w) => w.worker.terminate()));
    },
  };
};
