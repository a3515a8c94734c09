import { useState } from "react";
import type { StaffProcedureListsView } from "../../../api-types.ts";
import { requestJson } from "../../../api.ts";
import { Alert } from "../../../components/alert.tsx";
import { Link } from "../../../components/link.tsx";
import { Loading } from "../../../components/loading.tsx";
import { PageTitle } from "../../../components/page-title.tsx";
import { usePageTitle } from "../../../hooks/use-document-title.ts";
import { useFocusOnChange } from "../../../hooks/use-focus-on-change.ts";
import { useLoad } from "../../../hooks/use-load.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { StaffNav } from "../staff-nav.tsx";
import { useSignedInStaff } from "../staff-session.tsx";
import { ProcedureListsEditor } from "./procedure-lists-editor.tsx";
import { procedureListsMessages } from "./procedure-lists-messages.ts";
import { PROCEDURES_PATH } from "./procedure-paths.ts";

/** Loads the lists with the catalog (`GET /api/staff/procedures`, `forms.manage`): the procedures name the lists' entries. */
export const loadProcedureLists = (locale: "ja" | "en", signal: AbortSignal) =>
  requestJson<StaffProcedureListsView>("GET", "/api/staff/procedures", { locale, signal });

/**
 * `/staff/procedures/lists` — S6: staff change the delivery methods and their postage (Japan Post changes its
 * rates), the categories and the life events without a developer. After a save the form starts afresh from what
 * the server answered (the new rows' ids now fixed), keyed by the lists' version; the confirmation stays.
 */
export function ProcedureListsPage() {
  const { locale, t } = useI18n();
  const m = procedureListsMessages[locale];
  usePageTitle(m.title);
  const { csrfToken } = useSignedInStaff();
  // Not keyed by the language: the lists hold both, and a reload would throw away what staff typed.
  const loaded = useLoad((signal) => loadProcedureLists(locale, signal), "staff-procedure-lists");
  const [savedGeneration, setSavedGeneration] = useState(0);
  const savedRef = useFocusOnChange<HTMLDivElement>(savedGeneration);

  const header = (
    <>
      <StaffNav current="procedures" />
      <p>
        <Link href={PROCEDURES_PATH} data-testid="lists-back">
          {m.back}
        </Link>
      </p>
      <PageTitle>{m.title}</PageTitle>
    </>
  );
  if (loaded.state.kind === "loading") {
    return (
      <>
        {header}
        <Loading />
      </>
    );
  }
  if (loaded.state.kind === "error") {
    const error = loaded.state.error;
    return (
      <>
        {header}
        <Alert kind="error" testId="lists-load-error">
          <p>{error.message ?? (error.status === 0 ? t.meta.networkError : t.meta.unexpectedError)}</p>
        </Alert>
      </>
    );
  }
  const view = loaded.state.data;

  const onSaved = (saved: StaffProcedureListsView) => {
    loaded.set(saved);
    setSavedGeneration((g) => g + 1);
  };

  return (
    <>
      {header}
      {savedGeneration > 0 && (
        <div tabIndex={-1} ref={savedRef}>
          <Alert kind="success" testId="lists-saved">
            <p>{m.saved}</p>
          </Alert>
        </div>
      )}
      <ProcedureListsEditor key={view.listsVersion} view={view} csrfToken={csrfToken} onSaved={onSaved} onReload={loaded.reload} />
    </>
  );
}
