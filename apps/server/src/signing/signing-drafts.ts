import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { Schema } from "effect";
import { err, ok, type Result } from "neverthrow";
import { storageError, type JpkiSigner, type SigningSessionStore, type StorageError, type StoredSigningSession } from "@madoguchi/core";

/**
 * Signing drafts: one signing session this server started for a resident (docs/adr/0025) — the card
 * read here or the Digital Authentication App —, with the capabilities that may finish it: the page that
 * started it (PC) and, after a hand-off, the phone.
 *
 * Kept in a `signing-session-store@1` (kind `draft`) shared by every instance, so a draft started on one
 * instance is polled, handed off and finished on another; the store seals the record at rest (it holds
 * the application's canonical JSON and, once signed, the CMS). Only SHA-256 hashes of the keys and of the
 * hand-off token are kept. Every change is a compare-and-set on the record's version: of two requests
 * changing one draft at once (PC and phone, two instances), one wins and the other is told so.
 *
 * The signer's session is named by a reference the draft keeps (`card`, or the app signer's redirect
 * URI) and resolved on each instance: the app's sessions are in the same store, so any instance
 * finishes them; the test card's live in the process that reads the card (ADR 25, several instances).
 */

/** How long a hand-off link opens the session on a phone (shorter than the session itself). */
export const HANDOFF_TTL_MS = 5 * 60_000;

/** How long a completion holds a draft: a crashed instance's hold ends by itself after this. */
export const COMPLETION_HOLD_MS = 60_000;

/** What a finished draft hands to whoever asks with a key (the PC polls it after the phone signed). */
export interface SigningOutcome {
  readonly ok: boolean;
  /** HTTP status and body as the finishing request got them (the PC sees what the phone saw). */
  readonly status: number;
  readonly body: object;
}

/** The signer that holds a draft's signing session, and that session. */
export interface DraftSigning {
  readonly port: JpkiSigner;
  /** Which signer it is, as every instance names it: `card`, or the app signer's redirect URI. */
  readonly ref: string;
  readonly sessionId: string;
}

export interface SigningDraft {
  readonly id: string;
  readonly purpose: "application" | "card_check";
  /** Who signs: the card this service reads (password here or on the phone) or the Digital Authentication App. */
  readonly signer: "card" | "app";
  /**
   * The signer's session. Null while an app draft waits for the phone: the app's sign transaction starts
   * when the phone claims the hand-off link, on the phone's origin, so the app returns to the browser that
   * holds its cookie. Also null where this instance has no such signer (the test card of another instance).
   */
  signing: DraftSigning | null;
  readonly content: Uint8Array;
  readonly signedAttributes: Uint8Array;
  /** The application's values as the form normalised them (compared with the certificate), or what was typed. */
  readonly typed: { readonly name: string; readonly address: string; readonly dateOfBirth: string } | null;
  readonly canonicalJson: string | null;
  readonly expiresAt: Date;
  triesLeft: number | null;
  readonly pcKeyHash: string;
  phoneKeyHash: string | null;
  handoff: { tokenHash: string; expiresAt: Date; used: boolean } | null;
  state: "pending" | "signed" | "failed";
  outcome: SigningOutcome | null;
  /** A completion holds the draft until then (PC and phone at once: the second is told to wait). */
  heldUntil: Date | null;
  /** The stored record's version this object was read at. */
  version: number;
}

/** Where the hand-off stands, as the PC polls it: none asked, a link waiting (or past its 5 minutes), opened on the phone. */
export const handoffState = (draft: SigningDraft, now: Date): "none" | "waiting" | "expired" | "opened" =>
  draft.handoff === null ? "none" : draft.handoff.used ? "opened" : draft.handoff.expiresAt <= now ? "expired" : "waiting";

/** Why a hand-off token was not accepted. */
export type HandoffRefusal = "unknown" | "used" | "expired";

/** What a new draft is made of. */
export type NewSigningDraft = Omit<SigningDraft, "id" | "pcKeyHash" | "phoneKeyHash" | "handoff" | "state" | "outcome" | "heldUntil" | "version">;

export interface SigningDrafts {
  /** Stores a new draft; answers it with the PC's key (shown once). */
  create(draft: NewSigningDraft): Promise<Result<{ draft: SigningDraft; key: string }, StorageError>>;
  /** The draft `id` if it has not expired, whoever asks: only for a callback bound to its browser otherwise (the sealed cookie). */
  find(id: string, now: Date): Promise<Result<SigningDraft | null, StorageError>>;
  /** The draft `id` if `key` is one of its keys (PC or phone) and it has not expired; which one it is. */
  authorise(id: string, key: string, now: Date): Promise<Result<{ draft: SigningDraft; role: "pc" | "phone" } | null, StorageError>>;
  /** Takes the draft for one completion; false when another request (here or on another instance) holds or changed it. */
  hold(draft: SigningDraft, now: Date): Promise<Result<boolean, StorageError>>;
  /** Writes the draft's changes and ends a hold; false when another request changed it first. */
  save(draft: SigningDraft): Promise<Result<boolean, StorageError>>;
  /** A new hand-off token for the draft (replacing an earlier one); null when the draft changed meanwhile. */
  startHandoff(draft: SigningDraft, now: Date): Promise<Result<{ token: string; expiresAt: Date } | null, StorageError>>;
  /** Redeems a hand-off token once: the phone's key for its draft, or why not. */
  claimHandoff(token: string, now: Date): Promise<Result<{ draft: SigningDraft; key: string } | { refused: HandoffRefusal; draft: SigningDraft | null }, StorageError>>;
  /** Forgets long-expired drafts (kept a little past expiry so that a late phone is told "expired", not "unknown"). */
  sweep(now: Date): Promise<void>;
}

const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");
const token = (): string => randomBytes(32).toString("base64url");
const sameHash = (a: string | null, b: string): boolean => a !== null && a.length === b.length && timingSafeEqual(Buffer.from(a, "hex"), Buffer.from(b, "hex"));

/** The draft as stored (JSON, sealed by the store): no port, bytes in base64, times in epoch ms. */
const Stored = Schema.Struct({
  purpose: Schema.Literals(["application", "card_check"]),
  signer: Schema.Literals(["card", "app"]),
  signing: Schema.NullOr(Schema.Struct({ ref: Schema.String, sessionId: Schema.String })),
  content: Schema.String,
  signedAttributes: Schema.String,
  typed: Schema.NullOr(Schema.Struct({ name: Schema.String, address: Schema.String, dateOfBirth: Schema.String })),
  canonicalJson: Schema.NullOr(Schema.String),
  expiresAtMs: Schema.Number,
  triesLeft: Schema.NullOr(Schema.Number),
  pcKeyHash: Schema.String,
  phoneKeyHash: Schema.NullOr(Schema.String),
  handoff: Schema.NullOr(Schema.Struct({ tokenHash: Schema.String, expiresAtMs: Schema.Number, used: Schema.Boolean })),
  state: Schema.Literals(["pending", "signed", "failed"]),
  outcome: Schema.NullOr(Schema.Struct({ ok: Schema.Boolean, status: Schema.Number, body: Schema.Unknown })),
  heldUntilMs: Schema.NullOr(Schema.Number),
});
type Stored = typeof Stored.Type;
const decodeStored = Schema.decodeUnknownSync(Stored);

const toStored = (d: SigningDraft): Stored => ({
  purpose: d.purpose,
  signer: d.signer,
  signing: d.signing === null ? null : { ref: d.signing.ref, sessionId: d.signing.sessionId },
  content: Buffer.from(d.content).toString("base64"),
  signedAttributes: Buffer.from(d.signedAttributes).toString("base64"),
  typed: d.typed,
  canonicalJson: d.canonicalJson,
  expiresAtMs: d.expiresAt.getTime(),
  triesLeft: d.triesLeft,
  pcKeyHash: d.pcKeyHash,
  phoneKeyHash: d.phoneKeyHash,
  handoff: d.handoff === null ? null : { tokenHash: d.handoff.tokenHash, expiresAtMs: d.handoff.expiresAt.getTime(), used: d.handoff.used },
  state: d.state,
  outcome: d.outcome,
  heldUntilMs: d.heldUntil?.getTime() ?? null,
});

/**
 * @param store where drafts live (shared by the instances).
 * @param signerOf the signer a reference names on this instance (`card`, an app redirect URI), or null.
 */
export const createSigningDrafts = (store: SigningSessionStore, signerOf: (ref: string) => JpkiSigner | null): SigningDrafts => {
  const record = (d: SigningDraft) => ({
    kind: "draft" as const,
    id: d.id,
    lookupKey: d.handoff?.tokenHash ?? null,
    // Kept past the draft's end so that a late phone is told "expired", not "unknown".
    expiresAt: new Date(d.expiresAt.getTime() + HANDOFF_TTL_MS),
    data: JSON.stringify(toStored(d)),
  });

  const fromRow = (row: StoredSigningSession): Result<SigningDraft, StorageError> => {
    try {
      const s = decodeStored(JSON.parse(row.data));
      const port = s.signing === null ? null : signerOf(s.signing.ref);
      return ok({
        id: row.id,
        purpose: s.purpose,
        signer: s.signer,
        signing: s.signing === null || port === null ? null : { port, ref: s.signing.ref, sessionId: s.signing.sessionId },
        content: new Uint8Array(Buffer.from(s.content, "base64")),
        signedAttributes: new Uint8Array(Buffer.from(s.signedAttributes, "base64")),
        typed: s.typed,
        canonicalJson: s.canonicalJson,
        expiresAt: new Date(s.expiresAtMs),
        triesLeft: s.triesLeft,
        pcKeyHash: s.pcKeyHash,
        phoneKeyHash: s.phoneKeyHash,
        handoff: s.handoff === null ? null : { tokenHash: s.handoff.tokenHash, expiresAt: new Date(s.handoff.expiresAtMs), used: s.handoff.used },
        state: s.state,
        outcome: s.outcome === null ? null : { ok: s.outcome.ok, status: s.outcome.status, body: s.outcome.body as object },
        heldUntil: s.heldUntilMs === null ? null : new Date(s.heldUntilMs),
        version: row.version,
      });
    } catch {
      return err(storageError("signing-drafts.read", "corrupt", "a signing draft is unreadable"));
    }
  };

  const load = async (id: string): Promise<Result<SigningDraft | null, StorageError>> => {
    const row = await store.get("draft", id);
    if (row.isErr()) return err(row.error);
    return row.value === null ? ok(null) : fromRow(row.value);
  };

  /** Compare-and-set of the draft at the version it was read; the object's version follows. */
  const write = async (draft: SigningDraft): Promise<Result<boolean, StorageError>> => {
    const version = await store.replace(record(draft), draft.version);
    if (version.isErr()) return err(version.error);
    if (version.value === null) return ok(false);
    draft.version = version.value;
    return ok(true);
  };

  return {
    async create(input) {
      const key = token();
      const draft: SigningDraft = { ...input, id: token(), pcKeyHash: sha256(key), phoneKeyHash: null, handoff: null, state: "pending", outcome: null, heldUntil: null, version: 1 };
      const inserted = await store.insert(record(draft));
      return inserted.isErr() ? err(inserted.error) : ok({ draft, key });
    },
    async find(id, now) {
      const draft = await load(id);
      return draft.map((d) => (d === null || d.expiresAt <= now ? null : d));
    },
    async authorise(id, key, now) {
      const draft = await load(id);
      return draft.map((d) => {
        if (d === null || d.expiresAt <= now) return null;
        const hash = sha256(key);
        if (sameHash(d.pcKeyHash, hash)) return { draft: d, role: "pc" as const };
        if (sameHash(d.phoneKeyHash, hash)) return { draft: d, role: "phone" as const };
        return null;
      });
    },
    async hold(draft, now) {
      if (draft.heldUntil !== null && draft.heldUntil > now) return ok(false);
      const before = draft.heldUntil;
      draft.heldUntil = new Date(now.getTime() + COMPLETION_HOLD_MS);
      const held = await write(draft);
      if (held.isErr() || !held.value) draft.heldUntil = before;
      return held;
    },
    save(draft) {
      draft.heldUntil = null;
      return write(draft);
    },
    async startHandoff(draft, now) {
      const value = token();
      const expiresAt = new Date(Math.min(now.getTime() + HANDOFF_TTL_MS, draft.expiresAt.getTime()));
      draft.handoff = { tokenHash: sha256(value), expiresAt, used: false };
      const written = await write(draft);
      return written.map((done) => (done ? { token: value, expiresAt } : null));
    },
    async claimHandoff(value, now) {
      const tokenHash = sha256(value);
      const row = await store.findByLookupKey("draft", tokenHash);
      if (row.isErr()) return err(row.error);
      if (row.value === null) return ok({ refused: "unknown" as const, draft: null });
      const read = fromRow(row.value);
      if (read.isErr()) return err(read.error);
      const draft = read.value;
      if (draft.handoff?.tokenHash !== tokenHash) return ok({ refused: "unknown" as const, draft: null });
      if (draft.handoff.used || draft.state !== "pending") return ok({ refused: "used" as const, draft });
      if (draft.handoff.expiresAt <= now || draft.expiresAt <= now) return ok({ refused: "expired" as const, draft });
      const key = token();
      draft.handoff = { ...draft.handoff, used: true };
      draft.phoneKeyHash = sha256(key);
      const claimed = await write(draft);
      if (claimed.isErr()) return err(claimed.error);
      // Another claim of the same link won the race: this one is the second use.
      return ok(claimed.value ? { draft, key } : { refused: "used" as const, draft });
    },
    async sweep(now) {
      await store.removeExpired(now);
    },
  };
};
