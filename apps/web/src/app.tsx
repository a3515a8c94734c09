import { useEffect, useRef } from "react";
import { ConfigContext } from "./app-context.tsx";
import { createApi } from "./api.ts";
import { Alert } from "./components/alert.tsx";
import { Layout } from "./components/layout.tsx";
import { Loading } from "./components/loading.tsx";
import { usePageTitle } from "./hooks/use-document-title.ts";
import { useLoad } from "./hooks/use-load.ts";
import { useI18n } from "./i18n/i18n-context.tsx";
import { ApplyPage } from "./pages/apply/apply-page.tsx";
import { DevInboxPage } from "./pages/dev-inbox-page.tsx";
import { NotFoundPage } from "./pages/not-found-page.tsx";
import { PortalPage } from "./pages/portal-page.tsx";
import { AuditPage } from "./pages/staff/audit/audit-page.tsx";
import { StaffSecurityPage } from "./pages/staff/security/staff-security-page.tsx";
import { StaffAccessPage } from "./pages/staff/access/staff-access-page.tsx";
import { StaffDetailPage } from "./pages/staff/staff-detail-page.tsx";
import { ProxyEntryPage } from "./pages/staff/proxy-entry/proxy-entry-page.tsx";
import { StaffGate } from "./pages/staff/staff-gate.tsx";
import { StaffSetupPage } from "./pages/staff/staff-setup-page.tsx";
import { StaffAccountsPage } from "./pages/staff/accounts/staff-accounts-page.tsx";
import { ApprovalsPage } from "./pages/staff/approvals/approvals-page.tsx";
import { SettlementPage } from "./pages/staff/fees/settlement-page.tsx";
import { StatisticsPage } from "./pages/staff/statistics/statistics-page.tsx";
import { RetentionPage } from "./pages/staff/retention/retention-page.tsx";
import { NoticesPage } from "./pages/staff/notices/notices-page.tsx";
import { ProceduresPage } from "./pages/staff/procedures/procedures-page.tsx";
import { ProcedureListsPage } from "./pages/staff/procedures/procedure-lists-page.tsx";
import { ProcedureEditPage } from "./pages/staff/procedures/procedure-edit-page.tsx";
import { CounterPage } from "./pages/staff/counter/counter-page.tsx";
import { CounterRecordPage } from "./pages/staff/counter/counter-record-page.tsx";
import { CounterRecordsPage } from "./pages/staff/counter/counter-records-page.tsx";
import { CounterReportPage } from "./pages/staff/counter/counter-report-page.tsx";
import { ResidentGuidePage } from "./pages/help/resident-guide.tsx";
import { StaffManualPage } from "./pages/help/staff-manual.tsx";
import { AdminManualPage } from "./pages/help/admin-manual.tsx";
import { StaffListPage } from "./pages/staff/staff-list-page.tsx";
import { StaffSessionProvider } from "./pages/staff/staff-session.tsx";
import { StatusPage } from "./pages/status-page.tsx";
import { AccountRoutePage } from "./pages/account/account-route-page.tsx";
import { SignPhonePage } from "./pages/apply/sign-phone-page.tsx";
import { SignAppCallbackPage } from "./pages/apply/sign-app-callback-page.tsx";
import { resolveRoute, useLocationKey, type Route } from "./router.ts";
import { KioskAccountPage, KioskChrome } from "./kiosk/kiosk-chrome.tsx";
import { KioskContext } from "./kiosk/kiosk-context.ts";
import { useKioskMode } from "./kiosk/use-kiosk.ts";

function RoutePage({ route, locationKey }: { readonly route: Route; readonly locationKey: string }) {
  switch (route.name) {
    case "portal":
    case "kiosk":
      // R11: `/kiosk` is the portal; kiosk mode (useKioskMode) adds what the counter's terminal shows.
      return <PortalPage />;
    case "apply":
      return <ApplyPage key={route.procedureId} procedureId={route.procedureId} />;
    case "status":
      // Keyed by the whole location: following another status link (other hash) starts afresh.
      return <StatusPage key={locationKey} receiptNumber={route.receiptNumber} />;
    case "staffList":
      return (
        <StaffGate section="applications">
          <StaffListPage />
        </StaffGate>
      );
    case "staffDetail":
      return (
        <StaffGate section="applications">
          <StaffDetailPage key={route.id} id={route.id} />
        </StaffGate>
      );
    case "staffApplicationNew":
      // S5: entering a resident's application needs more than seeing applications.
      return (
        <StaffGate section="applications" permission="applications.process">
          <ProxyEntryPage />
        </StaffGate>
      );
    case "staffAudit":
      return (
        <StaffGate section="audit">
          <AuditPage />
        </StaffGate>
      );
    case "staffSecurity":
      return (
        <StaffGate>
          <StaffSecurityPage />
        </StaffGate>
      );
    case "staffAccess":
      return (
        <StaffGate section="access">
          <StaffAccessPage />
        </StaffGate>
      );
    case "staffAccounts":
      return (
        <StaffGate section="accounts">
          <StaffAccountsPage />
        </StaffGate>
      );
    case "staffApprovals":
      return (
        <StaffGate section="approvals">
          <ApprovalsPage />
        </StaffGate>
      );
    case "staffSettlement":
      return (
        <StaffGate section="settlement">
          <SettlementPage />
        </StaffGate>
      );
    case "staffStatistics":
      return (
        <StaffGate section="statistics">
          <StatisticsPage />
        </StaffGate>
      );
    case "staffRetention":
      return (
        <StaffGate section="retention">
          <RetentionPage />
        </StaffGate>
      );
    case "staffNotices":
      return (
        <StaffGate section="notices">
          <NoticesPage />
        </StaffGate>
      );
    case "staffProcedures":
      return (
        <StaffGate section="procedures">
          <ProceduresPage />
        </StaffGate>
      );
    case "staffProcedureLists":
      return (
        <StaffGate section="procedures">
          <ProcedureListsPage />
        </StaffGate>
      );
    case "staffProcedureNew":
    case "staffProcedureEdit":
      // One key for both: once a new procedure is saved its address becomes its editor's, and the page stays.
      return (
        <StaffGate section="procedures">
          <ProcedureEditPage key="procedure-editor" id={route.name === "staffProcedureEdit" ? route.id : null} />
        </StaffGate>
      );
    case "staffCounter":
      return (
        <StaffGate section="counter">
          <CounterPage />
        </StaffGate>
      );
    case "staffCounterRecords":
      return (
        <StaffGate section="counter">
          <CounterRecordsPage />
        </StaffGate>
      );
    case "staffCounterRecord":
      return (
        <StaffGate section="counter">
          <CounterRecordPage key={route.id} id={route.id} />
        </StaffGate>
      );
    case "staffCounterReport":
      return (
        <StaffGate section="counter">
          <CounterReportPage />
        </StaffGate>
      );
    case "help":
      return <ResidentGuidePage />;
    case "staffHelp":
      return (
        <StaffGate section="help">
          <StaffManualPage />
        </StaffGate>
      );
    case "staffHelpAdmin":
      return (
        <StaffGate section="help">
          <AdminManualPage />
        </StaffGate>
      );
    case "staffSetup":
      // The mailed set-up / reset link: no session (the link's token is the credential).
      return <StaffSetupPage />;
    case "devInbox":
      return <DevInboxPage />;
    case "account":
      return <AccountRoutePage key={route.page} page={route.page} />;
    case "signPhone":
      return <SignPhonePage />;
    case "signAppCallback":
      return <SignAppCallbackPage />;
    case "notFound":
      return <NotFoundPage />;
  }
}

/** The whole app: loads the deployment configuration, then shows the page of the current path. */
export function App() {
  const { t, locale, pick } = useI18n();
  const config = useLoad((signal) => createApi(locale).config(signal), "config");
  const locationKey = useLocationKey();
  const pathname = window.location.pathname;
  const route = resolveRoute(pathname);
  const kiosk = useKioskMode(route.name === "kiosk", window.location.search);
  const mainRef = useRef<HTMLElement | null>(null);
  const firstPath = useRef(true);

  useEffect(() => {
    // After an in-app navigation, put focus where a fresh page load would leave a screen reader: at the top
    // of the new content. Not on the first load (the browser already did it).
    if (firstPath.current) {
      firstPath.current = false;
      return;
    }
    const heading = mainRef.current?.querySelector<HTMLElement>("h1");
    (heading ?? mainRef.current)?.focus();
  }, [pathname]);

  const cityName = config.state.kind === "ok" ? pick(config.state.data.municipality.name) : null;
  // Pages title themselves once the configuration is there.
  usePageTitle(null, config.state.kind !== "ok");

  if (config.state.kind !== "ok") {
    return (
      <Layout cityName={null} devInbox={false} mainRef={mainRef}>
        {config.state.kind === "loading" ? (
          <Loading />
        ) : (
          <>
            <Alert kind="error">
              <p>{t.meta.configFailed}</p>
            </Alert>
            <button type="button" className="button" onClick={config.reload}>
              {t.meta.retry}
            </button>
          </>
        )}
      </Layout>
    );
  }
  return (
    <ConfigContext.Provider value={config.state.data}>
      <StaffSessionProvider>
        <KioskContext.Provider value={kiosk}>
          <Layout cityName={cityName} devInbox={config.state.data.devInbox} mainRef={mainRef} kioskBar={kiosk ? <KioskChrome /> : null}>
            {/* R11: no resident login on a shared terminal, whatever link led there. */}
            {kiosk && route.name === "account" ? <KioskAccountPage /> : <RoutePage route={route} locationKey={locationKey} />}
          </Layout>
        </KioskContext.Provider>
      </StaffSessionProvider>
    </ConfigContext.Provider>
  );
}
