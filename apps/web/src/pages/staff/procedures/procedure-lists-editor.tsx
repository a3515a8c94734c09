import { useRef, useState, type FormEvent } from "react";
import type { SaveProcedureListsBody, StaffProcedureListsView } from "../../../api-types.ts";
import { requestJson } from "../../../api.ts";
import { Alert } from "../../../components/alert.tsx";
import { useFocusLater } from "../../../hooks/use-focus-later.ts";
import { SaveActions, type SaveFailure } from "./save-actions.tsx";
import { ErrorSummary } from "../../../components/error-summary.tsx";
import { Link } from "../../../components/link.tsx";
import { useFocusOnChange } from "../../../hooks/use-focus-on-change.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { arrangeErrors, NO_ERRORS, procedureIssuesOf, type ArrangedErrors } from "./procedure-issues.ts";
import { blockingProcedureIds, checkLists, placeListIssues } from "./procedure-lists-issues.ts";
import { procedureListsMessages } from "./procedure-lists-messages.ts";
import { ListSection } from "./procedure-lists-section.tsx";
import {
  draftOfLists,
  hasUnsavedListChanges,
  LIST_KEYS,
  listInputIds,
  newRow,
  PROCEDURE_LISTS_API_PATH,
  toLists,
  withoutRow,
  withRow,
  withRowChange,
  type ListKey,
  type ListsDraft,
} from "./procedure-lists.ts";
import { procedureEditPath } from "./procedure-paths.ts";
import { useLeaveWarning } from "./use-leave-warning.ts";

/**
 * S6: the form of the three lists, saved whole with the version they were loaded at. Checked here first (Japanese
 * messages, each linked to its input), then by the server with every procedure: its issues are placed beside the
 * inputs they name, and a procedure that still uses a removed entry is named with a link to its editor.
 */
export function ProcedureListsEditor({
  view,
  csrfToken,
  onSaved,
  onReload,
}: {
  readonly view: StaffProcedureListsView;
  readonly csrfToken: string;
  readonly onSaved: (saved: StaffProcedureListsView) => void;
  readonly onReload: () => void;
}) {
  const { locale, t } = useI18n();
  const m = procedureListsMessages[locale];
  // What was loaded (or just saved: the page then opens the form afresh), to tell unsaved changes by.
  const [loadedDraft] = useState<ListsDraft>(() => draftOfLists(view.lists));
  const [draft, setDraft] = useState<ListsDraft>(loadedDraft);
  const unsaved = hasUnsavedListChanges(loadedDraft, draft);
  useLeaveWarning(unsaved, m.leaveQuestion);
  const [errors, setErrors] = useState<ArrangedErrors>(NO_ERRORS);
  const [blocking, setBlocking] = useState<readonly string[]>([]);
  const [summaryGeneration, setSummaryGeneration] = useState(0);
  const summaryRef = useFocusOnChange<HTMLDivElement>(summaryGeneration);
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const [saving, setSaving] = useState(false);
  // State updates are not synchronous: a ref stops a double click from sending twice.
  const busy = useRef(false);
  const setFocusTarget = useFocusLater();

  const errorsOf = (id: string): readonly string[] => errors.byTarget.get(id) ?? [];

  const add = (key: ListKey) => {
    const row = newRow(draft, key);
    setDraft((d) => withRow(d, key, row));
    setFocusTarget(listInputIds.input(key, row.uid, "id"));
  };
  const remove = (key: ListKey, uid: string) => {
    setDraft((d) => withoutRow(d, key, uid));
    // Its own button is gone: the list's add button keeps the keyboard user in the list.
    setFocusTarget(listInputIds.add(key));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy.current) return;
    setFailure(null);
    setBlocking([]);
    const problems = checkLists(draft, m);
    if (problems.length > 0) {
      setErrors(arrangeErrors(problems));
      setSummaryGeneration((g) => g + 1);
      return;
    }
    setErrors(NO_ERRORS);
    const sent = draft;
    const body: SaveProcedureListsBody = { lists: toLists(sent), expectedVersion: view.listsVersion };
    busy.current = true;
    setSaving(true);
    const result = await requestJson<StaffProcedureListsView>("PUT", PROCEDURE_LISTS_API_PATH, { locale, body, csrfToken });
    busy.current = false;
    setSaving(false);
    if (result.ok) {
      onSaved(result.data);
      return;
    }
    const error = result.error;
    if (error.status === 409) {
      setFailure({ kind: "conflict" });
      return;
    }
    const issues = error.status === 422 ? procedureIssuesOf(error.issues) : [];
    if (issues.length > 0) {
      setErrors(arrangeErrors(placeListIssues(issues, sent, view.procedures, m, locale)));
      setBlocking(blockingProcedureIds(issues));
      setSummaryGeneration((g) => g + 1);
      return;
    }
    setFailure({ kind: "error", text: error.message ?? (error.status === 0 ? t.meta.networkError : t.meta.unexpectedError) });
  };

  const procedureName = (id: string) => view.procedures.find((p) => p.id === id)?.name[locale] ?? id;

  return (
    <>
      {errors.summary.length > 0 && (
        <div data-testid="lists-error-summary">
          <ErrorSummary items={errors.summary} focusRef={summaryRef} />
        </div>
      )}
      {blocking.length > 0 && (
        <Alert kind="warning" testId="lists-blocking-procedures">
          <p>{m.blockingTitle}</p>
          <ul>
            {blocking.map((id) => (
              <li key={id}>
                <Link href={procedureEditPath(id)} data-testid="lists-blocking-procedure-link">
                  {m.openProcedure(procedureName(id))}
                </Link>
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <p>{m.intro}</p>
      <p>{m.removeNote}</p>
      <form noValidate className="form" onSubmit={(e) => void submit(e)} data-testid="lists-form">
        {LIST_KEYS.map((key) => (
          <ListSection
            key={key}
            listKey={key}
            rows={draft[key]}
            onAdd={() => add(key)}
            onRemove={(uid) => remove(key, uid)}
            onChange={(uid, patch) => setDraft((d) => withRowChange(d, key, uid, patch))}
            errors={errorsOf}
            m={m}
          />
        ))}
        {view.listsVersion === 0 && (
          <Alert kind="info" testId="lists-source-note">
            <p>{m.sourceFile}</p>
          </Alert>
        )}
        <SaveActions failure={failure} onReload={onReload} saving={saving} unsaved={unsaved} saveId={listInputIds.save} testPrefix="lists" m={m} />
      </form>
    </>
  );
}
