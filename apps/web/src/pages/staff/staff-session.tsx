import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { useApi } from "../../app-context.tsx";
import type { StaffPermission, StaffSession } from "../../api-types.ts";
import { can as holds, canUseSection, type StaffSection } from "./staff-permissions.ts";

/** What the staff pages know about the sign-in: not yet asked, signed out, or signed in (with the CSRF token). */
export type StaffSessionState =
  | { readonly kind: "unknown" }
  | { readonly kind: "checking" }
  | { readonly kind: "signedOut"; readonly reason: "none" | "expired" }
  | { readonly kind: "signedIn"; readonly session: StaffSession }
  | { readonly kind: "error"; readonly message: string | null };

interface StaffSessionContextValue {
  readonly state: StaffSessionState;
  /** Asks the server (`GET /api/staff/me`) whether the session cookie is still valid. */
  readonly check: () => Promise<void>;
  readonly signedIn: (session: StaffSession) => void;
  /** Forgets the session, e.g. after a 401 (`expired`) or a logout (`none`). */
  readonly signedOut: (reason: "none" | "expired") => void;
}

const StaffSessionContext = createContext<StaffSessionContextValue | null>(null);

/**
 * Holds the staff sign-in for the whole app, so moving between the list and a detail does not ask the
 * server again, and the CSRF token is at hand for every state-changing request.
 */
export function StaffSessionProvider({ children }: { readonly children: ReactNode }) {
  const api = useApi();
  const [state, setState] = useState<StaffSessionState>({ kind: "unknown" });

  const check = useCallback(async () => {
    // A signed-in page stays mounted while its token is refreshed (only a first check shows a spinner).
    setState((current) => (current.kind === "signedIn" ? current : { kind: "checking" }));
    const result = await api.staffMe();
    if (result.ok) setState({ kind: "signedIn", session: result.data });
    else if (result.error.status === 401) setState({ kind: "signedOut", reason: "none" });
    else setState({ kind: "error", message: result.error.message });
  }, [api]);

  const signedIn = useCallback((session: StaffSession) => setState({ kind: "signedIn", session }), []);
  const signedOut = useCallback((reason: "none" | "expired") => setState({ kind: "signedOut", reason }), []);
  const value = useMemo(() => ({ state, check, signedIn, signedOut }), [state, check, signedIn, signedOut]);
  return <StaffSessionContext.Provider value={value}>{children}</StaffSessionContext.Provider>;
}

/** The staff sign-in. Throws outside {@link StaffSessionProvider} (a programming error). */
export function useStaffSession(): StaffSessionContextValue {
  const value = useContext(StaffSessionContext);
  if (value === null) throw new Error("useStaffSession() must be used inside <StaffSessionProvider>");
  return value;
}

/** The signed-in session; only for components rendered inside `<StaffGate>`. */
export function useSignedInStaff(): StaffSession & Pick<StaffSessionContextValue, "signedOut" | "check"> {
  const { state, signedOut, check } = useStaffSession();
  if (state.kind !== "signedIn") throw new Error("useSignedInStaff() must be used inside <StaffGate>");
  return { ...state.session, signedOut, check };
}

/** What the signed-in member may do, for showing only that; none while not signed in. */
export interface StaffPermissions {
  readonly permissions: readonly StaffPermission[];
  /** Whether the member holds a permission (e.g. to show a command's button). */
  readonly can: (permission: StaffPermission) => boolean;
  /** Whether the member may use a section of the back office (its navigation link, its page). */
  readonly canUse: (section: StaffSection) => boolean;
}

const NONE: readonly StaffPermission[] = [];

/**
 * The one place pages ask what to show: the permissions of the session's answer. The server still
 * refuses anything else; a role changed meanwhile shows at the next session check.
 */
export function useStaffPermissions(): StaffPermissions {
  const { state } = useStaffSession();
  // An answer without the field (an older server) shows nothing rather than everything: fail closed.
  const permissions = state.kind === "signedIn" ? (state.session.permissions ?? NONE) : NONE;
  return useMemo(
    () => ({ permissions, can: (p: StaffPermission) => holds(permissions, p), canUse: (s: StaffSection) => canUseSection(permissions, s) }),
    [permissions],
  );
}
