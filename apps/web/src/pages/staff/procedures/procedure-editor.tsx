import { useRef, useState, type FormEvent } from "react";
import type { CatalogTag } from "@madoguchi/core";
import { APPLICANT_FIELDS, type ApplicantField, type ProcedureDefinition, type SavedProcedure, type SaveProcedureBody, type StaffProcedureCatalog } from "../../../api-types.ts";
import { requestJson } from "../../../api.ts";
import { Alert } from "../../../components/alert.tsx";
import { useFocusLater } from "../../../hooks/use-focus-later.ts";
import { SaveActions, type SaveFailure } from "./save-actions.tsx";
import { ErrorSummary } from "../../../components/error-summary.tsx";
import { RadioGroup } from "../../../components/radio-group.tsx";
import { TextField } from "../../../components/text-field.tsx";
import { formatYen } from "../../../format.ts";
import { useFocusOnChange } from "../../../hooks/use-focus-on-change.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { hasUnsavedChanges } from "./procedure-changes.ts";
import { checkDraft } from "./procedure-checks.ts";
import { ALWAYS_REQUIRED, draftOf, emptyDraft, toDefinition, toggleId, type ProcedureDraft, type ResidentEntryChoice } from "./procedure-draft.ts";
import { inputIds, type EditorChoices } from "./procedure-fields.ts";
import { CheckboxField, CheckboxGroup, TextAreaField, type CheckboxChoice } from "./procedure-inputs.tsx";
import { arrangeErrors, NO_ERRORS, placeIssues, procedureIssuesOf, type ArrangedErrors } from "./procedure-issues.ts";
import { procedureApiPath } from "./procedure-paths.ts";
import { ProcedurePreviewPanel } from "./procedure-preview-panel.tsx";
import { QuestionsEditor } from "./procedure-questions.tsx";
import { procedureMessages } from "./procedures-messages.ts";
import { useLeaveWarning } from "./use-leave-warning.ts";

/** The ids a procedure may refer to, in the catalog's order. */
export const editorChoicesOf = (catalog: StaffProcedureCatalog): EditorChoices => ({
  deliveryMethodIds: catalog.deliveryMethods.map((d) => d.id),
  officeIds: catalog.offices.map((o) => o.id),
  categoryIds: catalog.categories.map((c) => c.id),
  lifeEventIds: catalog.lifeEvents.map((e) => e.id),
});

/**
 * S6: the form of one procedure — its texts, fee, delivery, who may apply, where it is filed, the applicant fields
 * it requires and its extra questions. Checked here first (Japanese messages, each linked to its input), then sent
 * whole with the catalog's version; the server's issues are placed beside the inputs they name. `procedure` null:
 * a new one, whose id is typed here.
 */
export function ProcedureEditor({
  catalog,
  procedure,
  csrfToken,
  onSaved,
  onReload,
}: {
  readonly catalog: StaffProcedureCatalog;
  readonly csrfToken: string;
  readonly procedure: ProcedureDefinition | null;
  readonly onSaved: (saved: SavedProcedure, sent: ProcedureDefinition) => void;
  readonly onReload: () => void;
}) {
  const { locale, t } = useI18n();
  const m = procedureMessages[locale];
  const creating = procedure === null;
  const choices = editorChoicesOf(catalog);
  // What was loaded (or just saved: the page then opens the editor afresh), to tell unsaved changes by.
  const [loadedDraft] = useState<ProcedureDraft>(() => (procedure === null ? emptyDraft(choices.deliveryMethodIds) : draftOf(procedure)));
  const [draft, setDraft] = useState<ProcedureDraft>(loadedDraft);
  const unsaved = hasUnsavedChanges(loadedDraft, draft);
  useLeaveWarning(unsaved, m.leaveQuestion);
  const [errors, setErrors] = useState<ArrangedErrors>(NO_ERRORS);
  const [summaryGeneration, setSummaryGeneration] = useState(0);
  const summaryRef = useFocusOnChange<HTMLDivElement>(summaryGeneration);
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const [saving, setSaving] = useState(false);
  // State updates are not synchronous: a ref stops a double click from sending twice.
  const busy = useRef(false);
  const setFocusTarget = useFocusLater();

  const errorsOf = (id: string): readonly string[] => errors.byTarget.get(id) ?? [];
  const groupErrors = (ids: readonly string[]): readonly string[] => [...new Set(ids.flatMap(errorsOf))];
  const set = (patch: Partial<ProcedureDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy.current) return;
    setFailure(null);
    const problems = checkDraft(draft, { choices, creating, existingIds: catalog.procedures.map((p) => p.id) }, m);
    if (problems.length > 0) {
      setErrors(arrangeErrors(problems));
      setSummaryGeneration((g) => g + 1);
      return;
    }
    setErrors(NO_ERRORS);
    const sent = draft;
    const definition = toDefinition(sent);
    const body: SaveProcedureBody = { procedure: definition, expectedVersion: catalog.version };
    busy.current = true;
    setSaving(true);
    const result = await requestJson<SavedProcedure>("PUT", procedureApiPath(definition.id), { locale, body, csrfToken });
    busy.current = false;
    setSaving(false);
    if (result.ok) {
      onSaved(result.data, definition);
      return;
    }
    const error = result.error;
    if (error.status === 409) {
      setFailure({ kind: "conflict" });
      return;
    }
    const issues = error.status === 422 ? procedureIssuesOf(error.issues) : [];
    if (issues.length > 0) {
      setErrors(arrangeErrors(placeIssues(issues, sent, choices, m)));
      setSummaryGeneration((g) => g + 1);
      return;
    }
    setFailure({ kind: "error", text: error.message ?? (error.status === 0 ? t.meta.networkError : t.meta.unexpectedError) });
  };

  /** The catalog's choices, then any the procedure names that the catalog does not know (so they can be unticked). */
  const tagChoices = (tags: readonly CatalogTag[], selected: readonly string[], idOf: (id: string) => string): readonly CheckboxChoice[] => [
    ...tags.map((tag) => ({ id: idOf(tag.id), value: tag.id, label: tag.name[locale] })),
    ...selected.filter((id) => !tags.some((tag) => tag.id === id)).map((id) => ({ id: idOf(id), value: id, label: m.unknownChoice(id) })),
  ];
  const tagGroup = (key: "categoryIds" | "lifeEventIds" | "officeIds", tags: readonly CatalogTag[], idOf: (id: string) => string, legend: string, order: readonly string[]) => {
    const list = tagChoices(tags, draft[key], idOf);
    if (list.length === 0) return null;
    return (
      <CheckboxGroup
        name={`procedure-${key}`}
        legend={legend}
        choices={list}
        selected={draft[key]}
        onToggle={(value, on) => setDraft((d) => ({ ...d, [key]: toggleId(d[key], value, on, order) }))}
        errors={groupErrors(list.map((c) => c.id))}
      />
    );
  };

  const deliveryChoices: readonly CheckboxChoice[] = [
    ...catalog.deliveryMethods.map((d) => ({ id: inputIds.delivery(d.id), value: d.id, label: d.name[locale], hint: m.postage(formatYen(d.postage, locale)) })),
    ...draft.deliveryMethodIds.filter((id) => !choices.deliveryMethodIds.includes(id)).map((id) => ({ id: inputIds.delivery(id), value: id, label: m.unknownChoice(id) })),
  ];
  const requiredChoices: readonly CheckboxChoice[] = APPLICANT_FIELDS.map((f) => ({ id: inputIds.required(f), value: f, label: m.applicantFields[f], disabled: f === ALWAYS_REQUIRED }));
  const setFieldHelp = (field: ApplicantField, lang: "ja" | "en", value: string) =>
    setDraft((d) => ({ ...d, fieldHelp: { ...d.fieldHelp, [field]: { ...d.fieldHelp[field], [lang]: value } } }));

  return (
    <>
      {errors.summary.length > 0 && <ErrorSummary items={errors.summary} focusRef={summaryRef} />}
      <p>{m.editorIntro}</p>
      <form noValidate className="form" onSubmit={(e) => void submit(e)} data-testid="procedure-form">
        <fieldset className="form-section">
          <legend className="form-section__legend">{m.sections.basics}</legend>
          <TextField
            id={inputIds.id}
            label={m.fields.id}
            value={draft.id}
            onChange={(id) => set({ id })}
            required
            help={creating ? m.help.id : m.help.idFixed}
            errors={errorsOf(inputIds.id)}
            disabled={!creating}
            size="medium"
            spellCheck={false}
            autoComplete="off"
            testId={inputIds.id}
          />
          <TextField id={inputIds.nameJa} label={m.fields.nameJa} value={draft.nameJa} onChange={(nameJa) => set({ nameJa })} required errors={errorsOf(inputIds.nameJa)} testId={inputIds.nameJa} />
          <TextField id={inputIds.nameEn} label={m.fields.nameEn} value={draft.nameEn} onChange={(nameEn) => set({ nameEn })} required errors={errorsOf(inputIds.nameEn)} testId={inputIds.nameEn} />
          <TextAreaField id={inputIds.descriptionJa} label={m.fields.descriptionJa} value={draft.descriptionJa} onChange={(descriptionJa) => set({ descriptionJa })} required errors={errorsOf(inputIds.descriptionJa)} />
          <TextAreaField id={inputIds.descriptionEn} label={m.fields.descriptionEn} value={draft.descriptionEn} onChange={(descriptionEn) => set({ descriptionEn })} required errors={errorsOf(inputIds.descriptionEn)} />
          <CheckboxField id={inputIds.enabled} label={m.fields.enabled} checked={draft.enabled} onChange={(enabled) => set({ enabled })} help={m.help.enabled} errors={errorsOf(inputIds.enabled)} />
        </fieldset>

        <fieldset className="form-section">
          <legend className="form-section__legend">{m.sections.fees}</legend>
          <TextField
            id={inputIds.feePerCopy}
            label={m.fields.feePerCopy}
            value={draft.feePerCopy}
            onChange={(feePerCopy) => set({ feePerCopy })}
            required
            help={m.help.feePerCopy}
            errors={errorsOf(inputIds.feePerCopy)}
            inputMode="numeric"
            size="short"
            testId={inputIds.feePerCopy}
          />
          <TextField
            id={inputIds.maxCopies}
            label={m.fields.maxCopies}
            value={draft.maxCopies}
            onChange={(maxCopies) => set({ maxCopies })}
            required
            help={m.help.maxCopies}
            errors={errorsOf(inputIds.maxCopies)}
            inputMode="numeric"
            size="short"
            testId={inputIds.maxCopies}
          />
          <CheckboxGroup
            name="procedure-deliveryMethodIds"
            legend={m.fields.deliveryMethods}
            choices={deliveryChoices}
            selected={draft.deliveryMethodIds}
            onToggle={(value, on) => setDraft((d) => ({ ...d, deliveryMethodIds: toggleId(d.deliveryMethodIds, value, on, choices.deliveryMethodIds) }))}
            help={m.help.deliveryMethods}
            errors={groupErrors(deliveryChoices.map((c) => c.id))}
          />
          <RadioGroup
            name={inputIds.paymentTiming}
            legend={m.fields.paymentTiming}
            value={draft.paymentTiming}
            onChange={(v) => set({ paymentTiming: v === "after_assessment" ? "after_assessment" : "at_submission" })}
            options={[
              { value: "at_submission", label: m.paymentTiming.at_submission },
              { value: "after_assessment", label: m.paymentTiming.after_assessment },
            ]}
            errors={errorsOf(inputIds.paymentTiming)}
          />
        </fieldset>

        <fieldset className="form-section">
          <legend className="form-section__legend">{m.sections.entry}</legend>
          <RadioGroup
            name={inputIds.residentEntry}
            legend={m.fields.residentEntry}
            value={draft.residentEntry}
            onChange={(v) => set({ residentEntry: (["account", "email_only"] as const).find((x) => x === v) ?? ("both" satisfies ResidentEntryChoice) })}
            options={[
              { value: "both", label: m.residentEntry.both },
              { value: "account", label: m.residentEntry.account },
              { value: "email_only", label: m.residentEntry.email_only },
            ]}
            errors={errorsOf(inputIds.residentEntry)}
          />
          <CheckboxField
            id={inputIds.requiresSignature}
            label={m.fields.requiresSignature}
            checked={draft.requiresSignature}
            onChange={(requiresSignature) => set({ requiresSignature })}
            help={m.help.requiresSignature}
            errors={errorsOf(inputIds.requiresSignature)}
          />
        </fieldset>

        <fieldset className="form-section">
          <legend className="form-section__legend">{m.sections.findability}</legend>
          {tagGroup("categoryIds", catalog.categories, inputIds.category, m.fields.categories, choices.categoryIds)}
          {tagGroup("lifeEventIds", catalog.lifeEvents, inputIds.lifeEvent, m.fields.lifeEvents, choices.lifeEventIds)}
          {tagGroup("officeIds", catalog.offices, inputIds.office, m.fields.offices, choices.officeIds)}
          <TextAreaField id={inputIds.keywords} label={m.fields.keywords} value={draft.keywords} onChange={(keywords) => set({ keywords })} required={false} help={m.help.keywords} errors={errorsOf(inputIds.keywords)} rows={3} />
        </fieldset>

        <fieldset className="form-section">
          <legend className="form-section__legend">{m.sections.applicant}</legend>
          <CheckboxGroup
            name="procedure-requiredFields"
            legend={m.fields.requiredFields}
            choices={requiredChoices}
            selected={draft.requiredFields}
            onToggle={(value, on) => setDraft((d) => ({ ...d, requiredFields: APPLICANT_FIELDS.filter((f) => f === ALWAYS_REQUIRED || (f === value ? on : d.requiredFields.includes(f))) }))}
            help={m.help.requiredFields}
            errors={groupErrors(requiredChoices.map((c) => c.id))}
          />
          <fieldset className="field">
            <legend className="field__label">{m.fields.fieldHelp}</legend>
            <p className="field__help">{m.help.fieldHelp}</p>
            {APPLICANT_FIELDS.map((f) => {
              const name = m.applicantFields[f];
              return (
                <div key={f}>
                  <TextField id={inputIds.fieldHelp(f, "ja")} label={m.fieldHelpJa(name)} value={draft.fieldHelp[f].ja} onChange={(v) => setFieldHelp(f, "ja", v)} errors={errorsOf(inputIds.fieldHelp(f, "ja"))} />
                  <TextField id={inputIds.fieldHelp(f, "en")} label={m.fieldHelpEn(name)} value={draft.fieldHelp[f].en} onChange={(v) => setFieldHelp(f, "en", v)} errors={errorsOf(inputIds.fieldHelp(f, "en"))} />
                </div>
              );
            })}
          </fieldset>
        </fieldset>

        <fieldset className="form-section" data-testid="procedure-questions">
          <legend className="form-section__legend">{m.sections.questions}</legend>
          <QuestionsEditor questions={draft.questions} onChange={(questions) => set({ questions })} errors={errorsOf} focusLater={setFocusTarget} m={m} />
        </fieldset>

        {catalog.source === "file" && (
          <Alert kind="info" testId="procedure-source-note">
            <p>{m.sourceFile}</p>
          </Alert>
        )}
        <SaveActions failure={failure} onReload={onReload} saving={saving} unsaved={unsaved} saveId={inputIds.save} testPrefix="procedure" m={m} />
      </form>
      <ProcedurePreviewPanel draft={draft} catalog={catalog} m={m} />
    </>
  );
}
