import type { ResultAsync } from "neverthrow";
import {
  completeLogin,
  endAllSessionsOf,
  endSession,
  resumeSession,
  startSession,
  stepUpSession,
  type LiveSession,
  type SessionDeps,
  type SessionStage,
  type StaffAccount,
  type StaffId,
  type StaffStore,
} from "@madoguchi/core";

/** A logged-in staff member's server-side session, as the HTTP layer sees it. */
export interface StaffSession {
  /** The session id: only ever in the cookie (the store keeps its hash). */
  readonly id: string;
  readonly staff: Pick<StaffAccount, "id" | "loginId" | "displayName">;
  /** Synchronizer token required on every state-changing staff request. */
  readonly csrfToken: string;
  readonly stage: SessionStage;
  readonly stepUpAt: Date | null;
  readonly live: LiveSession;
}

/** A storage failure while reading or writing a session: the request is answered 503, never let through. */
export class SessionStorageUnavailable extends Error {
  override readonly name = "SessionStorageUnavailable";
}

const orThrow = async <T, E extends { readonly _tag: string }>(pending: ResultAsync<T, E>): Promise<T> => {
  const r = await pending;
  if (r.isErr()) throw new SessionStorageUnavailable(r.error._tag);
  return r.value;
};

/**
 * Staff sessions on the shared SessionStore (core's session rules: 258-bit ids stored hashed, 30 min
 * idle, 12 h absolute, a new id at login and at step-up). The staff member's name comes from the
 * staff store at each request, so an account that is gone is logged out at once.
 */
export const createStaffSessions = (deps: SessionDeps, staffStore: StaffStore) => {
  const view = async (live: LiveSession): Promise<StaffSession | null> => {
    const account = await orThrow(staffStore.findById(live.record.principal.id as StaffId));
    if (account === null) return null;
    return {
      id: live.id,
      staff: { id: account.id, loginId: account.loginId, displayName: account.displayName },
      csrfToken: live.record.csrfToken,
      stage: live.record.stage,
      stepUpAt: live.record.stepUpAt,
      live,
    };
  };
  return {
    /** Starts a session (active, or pending while a second factor or the TOTP enrolment is due), replacing `previousId`. */
    async create(staff: Pick<StaffAccount, "id" | "loginId" | "displayName">, stage: SessionStage = { kind: "active" }, previousId?: string): Promise<StaffSession> {
      const live = await orThrow(startSession(deps, { principal: { kind: "staff", id: staff.id }, stage, previousId }));
      return { id: live.id, staff, csrfToken: live.record.csrfToken, stage, stepUpAt: null, live };
    },
    /** The live session (any stage) for a cookie value, or null. */
    async get(id: string | undefined): Promise<StaffSession | null> {
      const live = await orThrow(resumeSession(deps, id));
      if (live === null || live.record.principal.kind !== "staff") return null;
      return view(live);
    },
    /** Pending → active with a new id (the second factor passed). Null when the pending session is gone. */
    async complete(session: StaffSession): Promise<StaffSession | null> {
      const r = await completeLogin(deps, session.live);
      if (r.isErr()) {
        if (r.error._tag === "SessionGone") return null;
        throw new SessionStorageUnavailable(r.error._tag);
      }
      return view(r.value);
    },
    /** The second factor re-proved: a new id and `stepUpAt`. Null when the session is gone. */
    async stepUp(session: StaffSession): Promise<StaffSession | null> {
      const r = await stepUpSession(deps, session.live);
      if (r.isErr()) {
        if (r.error._tag === "SessionGone") return null;
        throw new SessionStorageUnavailable(r.error._tag);
      }
      return view(r.value);
    },
    async destroy(id: string): Promise<void> {
      await orThrow(endSession(deps, id));
    },
    /** Ends every session of a staff member (disabled, password or TOTP changed). Answers how many. */
    async destroyAllOf(staffId: string): Promise<number> {
      return orThrow(endAllSessionsOf(deps, { kind: "staff", id: staffId }));
    },
  };
};

export type StaffSessions = ReturnType<typeof createStaffSessions>;
