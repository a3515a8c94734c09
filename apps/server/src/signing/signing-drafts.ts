import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { JpkiSigner } from "@madoguchi/core";

/**
 * Signing drafts: one signing session this server started for a resident (docs/adr/0025) — the card
 * read here or the Digital Authentication App —, with the capabilities that may finish it: the page that
 * started it (PC) and, after a hand-off, the phone.
 *
 * Held in this process's memory for the few minutes a signature takes (like the card's and the
 * app's sessions): nothing here outlives a restart, and a multi-instance deployment needs sticky
 * sessions for it (ADR 23 says the same of sign transactions). Only SHA-256 hashes of the keys and of
 * the hand-off token are kept, so a heap dump does not hand out capabilities.
 */

/** How long a hand-off link opens the session on a phone (shorter than the session itself). */
export const HANDOFF_TTL_MS = 5 * 60_000;

/** What a finished draft hands to whoever asks with a key (the PC polls it after the phone signed). */
export interface SigningOutcome {
  readonly ok: boolean;
  /** HTTP status and body as the finishing request got them (the PC sees what the phone saw). */
  readonly status: number;
  readonly body: object;
}

export interface SigningDraft {
  readonly id: string;
  readonly purpose: "application" | "card_check";
  /** Who signs: the card this service reads (password here or on the phone) or the Digital Authentication App. */
  readonly signer: "card" | "app";
  /**
   * The signer's port and its session (for the app: the signer of the origin the browser comes back to).
   * Null while an app draft waits for the phone: the app's sign transaction starts when the phone claims
   * the hand-off link, on the phone's origin, so the app returns to the browser that holds its cookie.
   */
  signing: { readonly port: JpkiSigner; readonly sessionId: string } | null;
  readonly content: Uint8Array;
  readonly signedAttributes: Uint8Array;
  /** The application's values as the form normalised them (compared with the certificate), or what was typed. */
  readonly typed: { readonly name: string; readonly address: string; readonly dateOfBirth: string } | null;
  readonly canonicalJson: string | null;
  readonly expiresAt: Date;
  triesLeft: number | null;
  pcKeyHash: Buffer;
  phoneKeyHash: Buffer | null;
  handoff: { tokenHash: string; expiresAt: Date; used: boolean } | null;
  state: "pending" | "signed" | "failed";
  outcome: SigningOutcome | null;
  /** A completion is running: a second one (PC and phone at once) waits its turn rather than racing. */
  busy: boolean;
}

const sha256 = (text: string): Buffer => createHash("sha256").update(text, "utf8").digest();
const token = (): string => randomBytes(32).toString("base64url");

/** Where the hand-off stands, as the PC polls it: none asked, a link waiting (or past its 5 minutes), opened on the phone. */
export const handoffState = (draft: SigningDraft, now: Date): "none" | "waiting" | "expired" | "opened" =>
  draft.handoff === null ? "none" : draft.handoff.used ? "opened" : draft.handoff.expiresAt <= now ? "expired" : "waiting";

/** Why a hand-off token was not accepted. */
export type HandoffRefusal = "unknown" | "used" | "expired";

export interface SigningDrafts {
  /** Stores a new draft; answers it with the PC's key (shown once). */
  create(draft: Omit<SigningDraft, "id" | "pcKeyHash" | "phoneKeyHash" | "handoff" | "state" | "outcome" | "busy">): { draft: SigningDraft; key: string };
  /** The draft `id` if it has not expired, whoever asks: only for a callback bound to its browser otherwise (the sealed cookie). */
  find(id: string, now: Date): SigningDraft | null;
  /** The draft `id` if `key` is one of its keys (PC or phone) and it has not expired; which one it is. */
  authorise(id: string, key: string, now: Date): { draft: SigningDraft; role: "pc" | "phone" } | null;
  /** A new hand-off token for the draft (replacing an unused earlier one). */
  startHandoff(draft: SigningDraft, now: Date): { token: string; expiresAt: Date };
  /** Redeems a hand-off token once: the phone's key for its draft, or why not. */
  claimHandoff(token: string, now: Date): { draft: SigningDraft; key: string } | { refused: HandoffRefusal; draft: SigningDraft | null };
  /** Forgets expired drafts (called on each request; the map stays small). */
  sweep(now: Date): void;
}

const sameHash = (a: Buffer | null, b: Buffer): boolean => a !== null && a.length === b.length && timingSafeEqual(a, b);

export const createSigningDrafts = (): SigningDrafts => {
  const drafts = new Map<string, SigningDraft>();
  const byHandoff = new Map<string, string>();
  return {
    create(input) {
      const key = token();
      const draft: SigningDraft = { ...input, id: token(), pcKeyHash: sha256(key), phoneKeyHash: null, handoff: null, state: "pending", outcome: null, busy: false };
      drafts.set(draft.id, draft);
      return { draft, key };
    },
    find(id, now) {
      const draft = drafts.get(id);
      return draft === undefined || draft.expiresAt <= now ? null : draft;
    },
    authorise(id, key, now) {
      const draft = drafts.get(id);
      if (draft === undefined || draft.expiresAt <= now) return null;
      const hash = sha256(key);
      if (sameHash(draft.pcKeyHash, hash)) return { draft, role: "pc" };
      if (sameHash(draft.phoneKeyHash, hash)) return { draft, role: "phone" };
      return null;
    },
    startHandoff(draft, now) {
      if (draft.handoff !== null && !draft.handoff.used) byHandoff.delete(draft.handoff.tokenHash);
      const value = token();
      const tokenHash = sha256(value).toString("hex");
      const expiresAt = new Date(Math.min(now.getTime() + HANDOFF_TTL_MS, draft.expiresAt.getTime()));
      draft.handoff = { tokenHash, expiresAt, used: false };
      byHandoff.set(tokenHash, draft.id);
      return { token: value, expiresAt };
    },
    claimHandoff(value, now) {
      const tokenHash = sha256(value).toString("hex");
      const id = byHandoff.get(tokenHash);
      const draft = id === undefined ? undefined : drafts.get(id);
      if (draft === undefined || draft.handoff?.tokenHash !== tokenHash) return { refused: "unknown", draft: null };
      if (draft.handoff.used || draft.state !== "pending") return { refused: "used", draft };
      if (draft.handoff.expiresAt <= now || draft.expiresAt <= now) return { refused: "expired", draft };
      draft.handoff.used = true;
      const key = token();
      draft.phoneKeyHash = sha256(key);
      return { draft, key };
    },
    sweep(now) {
      for (const [id, draft] of drafts) {
        // Kept a little past expiry so that a late phone is told "expired", not "unknown".
        if (draft.expiresAt.getTime() + HANDOFF_TTL_MS <= now.getTime()) {
          drafts.delete(id);
          if (draft.handoff !== null) byHandoff.delete(draft.handoff.tokenHash);
        }
      }
    },
  };
};
