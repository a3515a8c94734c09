import { useEffect, type ReactNode } from "react";
import { useApi } from "../../app-context.tsx";
import { Alert } from "../../components/alert.tsx";
import { Loading } from "../../components/loading.tsx";
import { PageTitle } from "../../components/page-title.tsx";
import { useI18n } from "../../i18n/i18n-context.tsx";
import { navigate } from "../../router.ts";
import { usePageTitle } from "../../hooks/use-document-title.ts";
import { StaffLogin } from "./staff-login.tsx";
import { StaffNav } from "./staff-nav.tsx";
import type { StaffPermission } from "../../api-types.ts";
import { noPermissionMessages, type StaffSection } from "./staff-permissions.ts";
import { useStaffPermissions, useStaffSession } from "./staff-session.tsx";

/**
 * Shows its children only to signed-in staff; otherwise the login form. After login the requested page
 * (list or detail) appears in place, so a deep link survives the sign-in. With a `section`, a member
 * whose roles do not allow it gets a clear "no permission" page instead of the page's refused requests; so does one
 * without `permission`, for a page that needs more than its section (S5's proxy entry: `applications.process`).
 */
export function StaffGate({ children, section, permission }: { readonly children: ReactNode; readonly section?: StaffSection; readonly permission?: StaffPermission }) {
  const { t } = useI18n();
  const { state, check } = useStaffSession();
  const { can, canUse } = useStaffPermissions();

  useEffect(() => {
    if (state.kind === "unknown") void check();
  }, [state.kind, check]);

  if (state.kind === "unknown" || state.kind === "checking") return <Loading />;
  if (state.kind === "error") {
    return (
      <>
        <PageTitle>{t.staff.title}</PageTitle>
        <Alert kind="error">
          <p>{state.message ?? t.meta.unexpectedError}</p>
        </Alert>
        <button type="button" className="button" onClick={() => void check()}>
          {t.meta.retry}
        </button>
      </>
    );
  }
  if (state.kind === "signedOut") return <StaffLogin expired={state.reason === "expired"} />;
  return (
    <>
      <StaffBar />
      {(section === undefined || canUse(section)) && (permission === undefined || can(permission)) ? children : <NoPermission section={section} />}
    </>
  );
}

/** In place of a page the member may not use: the sections they may use, and why this one is not shown. */
function NoPermission({ section }: { readonly section: StaffSection | undefined }) {
  const { locale } = useI18n();
  const m = noPermissionMessages[locale];
  usePageTitle(m.title);
  return (
    <>
      {section !== undefined && <StaffNav current={section} />}
      <PageTitle>{m.title}</PageTitle>
      <Alert kind="warning" testId="staff-no-permission">
        <p>{m.text}</p>
      </Alert>
    </>
  );
}

function StaffBar() {
  const { t, locale } = useI18n();
  const api = useApi();
  const { state, signedOut } = useStaffSession();
  if (state.kind !== "signedIn") return null;
  const logout = async () => {
    // Signed out locally whatever the answer: an expired session is signed out too.
    await api.staffLogout(state.session.csrfToken);
    signedOut("none");
    navigate("/staff");
  };
  return (
    <div className="staff-bar">
      <span className="staff-bar__who" data-testid="staff-name">
        {t.staff.loggedInAs(state.session.staff.displayName)}
      </span>
      {state.session.lastLogin !== undefined && (
        <span className="staff-bar__last-login" data-testid="staff-last-login">
          {state.session.lastLogin === null
            ? t.staff.firstLogin
            : t.staff.lastLogin(new Date(state.session.lastLogin.at).toLocaleString(locale === "ja" ? "ja-JP" : "en-GB", { timeZone: "Asia/Tokyo" }), state.session.lastLogin.sourceIp)}
        </span>
      )}
      {state.session.lastLogout !== undefined && state.session.lastLogout !== null && (
        <span className="staff-bar__last-login" data-testid="staff-last-logout">
          {t.staff.lastLogout(new Date(state.session.lastLogout.at).toLocaleString(locale === "ja" ? "ja-JP" : "en-GB", { timeZone: "Asia/Tokyo" }))}
        </span>
      )}
      {state.session.loginMessage !== undefined && state.session.loginMessage[locale] !== "" && (
        <p className="staff-bar__message" data-testid="staff-login-message">
          {state.session.loginMessage[locale]}
        </p>
      )}
      <button type="button" className="button button--ghost button--small" data-testid="staff-logout" onClick={() => void logout()}>
        {t.staff.logout}
      </button>
    </div>
  );
}
