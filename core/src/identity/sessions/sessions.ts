import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import type { Clock } from "../../shared/clock.port.ts";
import type { Hasher } from "../../shared/hasher.port.ts";
import type { StorageError } from "../../shared/storage.errors.ts";
import { randomText } from "../random-text.ts";
import type { SecureRandom } from "../secure-random.port.ts";
import { sessionExpired, sessionPolicyFor, type SessionPrincipal, type SessionRecord, type SessionStage } from "./session.ts";
import type { SessionStore } from "./session-store.port.ts";

/** What the session rules need: the store, a CSPRNG, SHA-256 and the clock. */
export interface SessionDeps {
  readonly store: SessionStore;
  readonly random: SecureRandom;
  readonly hasher: Hasher;
  readonly clock: Clock;
}

/** A session id (only ever in the cookie) with its stored record. */
export interface LiveSession {
  readonly id: string;
  readonly record: SessionRecord;
}

/** The session was ended (logout, rotation, expiry) between reading it and changing it. */
export interface SessionGone {
  readonly _tag: "SessionGone";
  readonly code: "session.gone";
}
const GONE: SessionGone = Object.freeze({ _tag: "SessionGone", code: "session.gone" });

/** base64url: 43 symbols carry 258 bits (≥ 128 required). */
const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/** Length of session ids and CSRF tokens. */
export const SESSION_ID_LENGTH = 43;

/** A fresh session id (258 random bits, base64url). */
export const newSessionId = (random: SecureRandom): string => randomText(random, ID_ALPHABET, SESSION_ID_LENGTH);

/** What the store keeps instead of the id. The id has 258 bits, so a fast hash suffices: there is nothing to guess. */
export const hashSessionId = (hasher: Hasher, id: string): string => hasher.sha256Hex(`madoguchi-session\u0000${id}`);

const fresh = (deps: SessionDeps, principal: SessionPrincipal, stage: SessionStage, now: Date, stepUpAt: Date | null, attemptId: string | null): LiveSession => {
  const id = newSessionId(deps.random);
  const policy = sessionPolicyFor(principal.kind);
  return {
    id,
    record: {
      idHash: hashSessionId(deps.hasher, id),
      principal,
      stage,
      csrfToken: newSessionId(deps.random),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + policy.absoluteLifetimeMs),
      stepUpAt,
      attemptId,
    },
  };
};

/**
 * Starts a session with a new id — at every login, never reusing the one the browser presented
 * (`previousId`, deleted first, so a planted id is worthless: session fixation).
 */
export const startSession = (
  deps: SessionDeps,
  input: { readonly principal: SessionPrincipal; readonly stage: SessionStage; readonly previousId?: string | undefined; readonly attemptId?: string | null },
): ResultAsync<LiveSession, StorageError> => {
  const session = fresh(deps, input.principal, input.stage, deps.clock.now(), null, input.attemptId ?? null);
  const dropOld = input.previousId === undefined ? okAsync(false) : deps.store.delete(hashSessionId(deps.hasher, input.previousId));
  return dropOld.andThen(() => deps.store.insert(session.record)).map(() => session);
};

/**
 * The live session for the id in a cookie, with its activity recorded; `null` when there is none,
 * or when it is over (absolute end, idle, or a pending login left too long) — then it is deleted.
 */
export const resumeSession = (deps: SessionDeps, id: string | undefined): ResultAsync<LiveSession | null, StorageError> => {
  if (id === undefined || id.length !== SESSION_ID_LENGTH) return okAsync(null);
  const idHash = hashSessionId(deps.hasher, id);
  const now = deps.clock.now();
  return deps.store.find(idHash).andThen((record): ResultAsync<LiveSession | null, StorageError> => {
    if (record === null) return okAsync(null);
    if (sessionExpired(record, now)) return deps.store.delete(idHash).map(() => null);
    return deps.store.touch(idHash, now).map((alive) => (alive ? { id, record: { ...record, lastSeenAt: now } } : null));
  });
};

const rotate = (deps: SessionDeps, current: LiveSession, next: LiveSession): ResultAsync<LiveSession, StorageError | SessionGone> =>
  deps.store.replace(current.record.idHash, next.record).andThen((replaced) => (replaced ? okAsync(next) : errAsync(GONE)));

/**
 * Turns a pending login into a full session once the second factor passed (or the TOTP enrolment was
 * confirmed): a new id, and the absolute lifetime counted from now. The second factor just checked
 * counts as a step-up.
 */
export const completeLogin = (deps: SessionDeps, current: LiveSession): ResultAsync<LiveSession, StorageError | SessionGone> => {
  const now = deps.clock.now();
  return rotate(deps, current, fresh(deps, current.record.principal, { kind: "active" }, now, now, null));
};

/** Records a step-up (the second factor re-proved): a new id, `stepUpAt` now, the session's ends kept. */
export const stepUpSession = (deps: SessionDeps, current: LiveSession): ResultAsync<LiveSession, StorageError | SessionGone> => {
  const now = deps.clock.now();
  const next = fresh(deps, current.record.principal, current.record.stage, now, now, current.record.attemptId);
  return rotate(deps, current, { id: next.id, record: { ...next.record, createdAt: current.record.createdAt, expiresAt: current.record.expiresAt } });
};

/** Whether the session re-proved its second factor within `maxAgeMs` (for sensitive actions). */
export const steppedUpWithin = (record: SessionRecord, now: Date, maxAgeMs: number): boolean =>
  record.stepUpAt !== null && now.getTime() - record.stepUpAt.getTime() <= maxAgeMs && record.stage.kind === "active";

/** Logout: deletes the session server-side (the cookie alone is then worthless). */
export const endSession = (deps: SessionDeps, id: string): ResultAsync<boolean, StorageError> => deps.store.delete(hashSessionId(deps.hasher, id));

/** Ends every session of a principal (account disabled, password or second factor changed). */
export const endAllSessionsOf = (deps: SessionDeps, principal: SessionPrincipal): ResultAsync<number, StorageError> => deps.store.deleteAllOf(principal);

/** Deletes the sessions that are over by their absolute end or idle timeout (run periodically). */
export const purgeExpiredSessions = (deps: SessionDeps): ResultAsync<number, StorageError> => {
  const now = deps.clock.now();
  const idleBefore = (kind: SessionPrincipal["kind"]) => new Date(now.getTime() - sessionPolicyFor(kind).idleTimeoutMs);
  return deps.store.purgeExpired(now, { staff: idleBefore("staff"), resident: idleBefore("resident") });
};
