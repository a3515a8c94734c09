import { useState } from "react";
import type { ProcedureDefinition, SavedProcedure, StaffProcedureCatalog } from "../../../api-types.ts";
import { Alert } from "../../../components/alert.tsx";
import { Link } from "../../../components/link.tsx";
import { Loading } from "../../../components/loading.tsx";
import { PageTitle } from "../../../components/page-title.tsx";
import { usePageTitle } from "../../../hooks/use-document-title.ts";
import { useFocusOnChange } from "../../../hooks/use-focus-on-change.ts";
import { useLoad } from "../../../hooks/use-load.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { navigate } from "../../../router.ts";
import { StaffNav } from "../staff-nav.tsx";
import { useSignedInStaff } from "../staff-session.tsx";
import { ProcedureEditor } from "./procedure-editor.tsx";
import { portalLink, procedureEditPath, PROCEDURES_PATH } from "./procedure-paths.ts";
import { loadStaffProcedures } from "./procedures-page.tsx";
import { procedureMessages } from "./procedures-messages.ts";

/** The catalog after a save: the procedure replaced (or added at the end, as the server adds it), the new version. */
export const catalogAfterSave = (catalog: StaffProcedureCatalog, saved: SavedProcedure, sent: ProcedureDefinition): StaffProcedureCatalog => {
  // The server answers the procedure as it now stands (defaults filled in); the sent one if it did not.
  const procedure = (saved.procedure as ProcedureDefinition | undefined) ?? sent;
  const known = catalog.procedures.some((p) => p.id === procedure.id);
  return {
    ...catalog,
    version: saved.version,
    source: "back_office",
    procedures: known ? catalog.procedures.map((p) => (p.id === procedure.id ? procedure : p)) : [...catalog.procedures, procedure],
  };
};

/**
 * `/staff/procedures/:id` and `/staff/procedures/new` — S6: one procedure's editor. The app renders both routes with
 * one key, so that after a new procedure is created and the address becomes its editor's, the catalog just saved
 * and the confirmation stay; the form itself starts afresh from what the server saved (its questions' keys now
 * fixed), keyed by the catalog's version.
 */
export function ProcedureEditPage({ id }: { readonly id: string | null }) {
  const { locale, t } = useI18n();
  const m = procedureMessages[locale];
  const { csrfToken } = useSignedInStaff();
  // Not keyed by the language: the catalog holds both, and a reload would throw away what staff typed.
  const loaded = useLoad((signal) => loadStaffProcedures(locale, signal), "staff-procedures");
  const [saved, setSaved] = useState<{ readonly id: string; readonly generation: number } | null>(null);
  const savedRef = useFocusOnChange<HTMLDivElement>(saved?.generation ?? 0);

  const catalog = loaded.state.kind === "ok" ? loaded.state.data : null;
  const procedure = id === null ? null : (catalog?.procedures.find((p) => p.id === id) ?? null);
  const title = id === null ? m.newTitle : m.editTitle(procedure?.name[locale] ?? id);
  usePageTitle(title);

  const header = (
    <>
      <StaffNav current="procedures" />
      <p>
        <Link href={PROCEDURES_PATH} data-testid="procedure-back">
          {m.back}
        </Link>
      </p>
      <PageTitle>{title}</PageTitle>
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
  if (loaded.state.kind === "error" || catalog === null) {
    const error = loaded.state.kind === "error" ? loaded.state.error : null;
    return (
      <>
        {header}
        <Alert kind="error" testId="procedure-load-error">
          <p>{error?.message ?? (error?.status === 0 ? t.meta.networkError : t.meta.unexpectedError)}</p>
        </Alert>
      </>
    );
  }
  if (id !== null && procedure === null) {
    return (
      <>
        {header}
        <Alert kind="error" testId="procedure-not-found">
          <p>{m.notFound(id)}</p>
        </Alert>
      </>
    );
  }

  const onSaved = (result: SavedProcedure, sent: ProcedureDefinition) => {
    loaded.set(catalogAfterSave(catalog, result, sent));
    setSaved({ id: sent.id, generation: (saved?.generation ?? 0) + 1 });
    // A new procedure's address is now its editor's: the page stays (see above), the form reopens it as saved.
    if (id === null) navigate(procedureEditPath(sent.id), { replace: true, scroll: false });
  };

  const link = saved !== null && saved.id === (id ?? "") ? portalLink(catalog.portalOrigin, saved.id) : null;
  return (
    <>
      {header}
      {link !== null && (
        <div tabIndex={-1} ref={savedRef}>
          <Alert kind="success" testId="procedure-saved">
            <p>{m.saved}</p>
            <p>
              {m.portalLink} <code className="code" data-testid="procedure-saved-link">{link}</code>
            </p>
          </Alert>
        </div>
      )}
      <ProcedureEditor key={`${procedure?.id ?? "new"}@${catalog.version}`} catalog={catalog} procedure={procedure} csrfToken={csrfToken} onSaved={onSaved} onReload={loaded.reload} />
    </>
  );
}
