import {
  completeLogin,
  endSession,
  hashSessionId,
  resumeSession,
  startSession,
  type LiveSession,
  type SessionDeps,
} from "@madoguchi/core";

/** A login waiting for its second step (bound to this browser by the session cookie). */
export interface PendingResidentLogin {
  readonly accountId: string;
  readonly step: "totp" | "email_code";
  /** The email code's attempt id (never sent to the browser). */
  readonly attemptId: string | null;
}

/** A resident's session as the routes see it: pending (second step to come) or logged in. */
export interface ResidentSession {
  readonly id: string;
  readonly accountId: string | null;
  readonly pending: PendingResidentLogin | null;
  /** Synchronizer token required on every state-changing request of a logged-in resident. */
  readonly csrfToken: string;
}

const view = (live: LiveSession): ResidentSession | null => {
  const { record } = live;
  if (record.principal.kind !== "resident") return null;
  const active = record.stage.kind === "active";
  return {
    id: live.id,
    accountId: active ? record.principal.id : null,
    // Only email-code logins bind an attempt id; a pending login without one waits for TOTP.
    pending: active ? null : { accountId: record.principal.id, step: record.attemptId === null ? "totp" : "email_code", attemptId: record.attemptId },
    csrfToken: record.csrfToken,
  };
};

/**
 * Resident sessions on the shared SessionStore (core's session rules: 258-bit ids stored hashed, a
 * new id at every login step, the resident policy's idle and absolute ends, 10 minutes for a pending
 * login). A staff session id presented here is not a resident session.
 */
export const createResidentSessions = (deps: SessionDeps) => {
  const resume = async (id: string | undefined): Promise<LiveSession | null> => {
    const live = await resumeSession(deps, id);
    return live.isOk() ? live.value : null;
  };
  const must = <T>(r: { isErr(): boolean; _unsafeUnwrap(): T }): T => {
    if (r.isErr()) throw new Error("the session store is unavailable");
    return r._unsafeUnwrap();
  };
  return {
    /** A session waiting for the second step (replacing whatever session the browser had). */
    pending: async (login: PendingResidentLogin, previousId?: string): Promise<ResidentSession> => {
      const live = must(
        await startSession(deps, {
          principal: { kind: "resident", id: login.accountId },
          stage: { kind: "pending", due: "second_factor" },
          previousId,
          attemptId: login.attemptId,
        }),
      );
      return view(live) as ResidentSession;
    },
    /** A logged-in session: the pending one rotated to a new id, or a new one (replacing `previousId`). */
    loggedIn: async (accountId: string, previousId?: string): Promise<ResidentSession> => {
      const current = await resume(previousId);
      const pendingOfAccount = current !== null && current.record.principal.kind === "resident" && current.record.principal.id === accountId && current.record.stage.kind === "pending";
      const rotated = pendingOfAccount ? await completeLogin(deps, current) : null;
      const live =
        rotated !== null && rotated.isOk()
          ? rotated.value
          : must(await startSession(deps, { principal: { kind: "resident", id: accountId }, stage: { kind: "active" }, previousId }));
      return view(live) as ResidentSession;
    },
    /** The live resident session for a cookie's id, or null (unknown, expired, or not a resident's). */
    get: async (id: string | undefined): Promise<ResidentSession | null> => {
      const live = await resume(id);
      return live === null ? null : view(live);
    },
    destroy: async (id: string): Promise<void> => {
      await endSession(deps, id);
    },
    /** Ends every session of an account but `exceptId` (after a password reset or change). */
    destroyAccount: async (accountId: string, exceptId?: string): Promise<void> => {
      const keep = exceptId === undefined ? null : hashSessionId(deps.hasher, exceptId);
      const sessions = await deps.store.listOf({ kind: "resident", id: accountId });
      if (sessions.isErr()) return;
      for (const s of sessions.value) if (s.idHash !== keep) await deps.store.delete(s.idHash);
    },
  };
};

/** The resident session registry. */
export type ResidentSessions = ReturnType<typeof createResidentSessions>;
