import { useEffect, useRef, useState, type FormEvent } from "react";
import type { NotificationKind, ResidenceNotificationDraft, ResidentRecordHousehold } from "@madoguchi/core";
import { Alert } from "../../../components/alert.tsx";
import { RadioGroup } from "../../../components/radio-group.tsx";
import { SelectField } from "../../../components/select-field.tsx";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { counterApi } from "./counter-api.ts";
import {
  appliedText,
  applyHousehold,
  householdLabel,
  MAX_RECORDS_FILE_BYTES,
  nextAfterRead,
  RECORDS_ACCEPT,
  RECORDS_ENCODINGS,
  recordsFitKind,
  recordsProblem,
  type RecordsApplied,
  type RecordsEncodingChoice,
  type RecordsProblem,
  type ResidentRecordsAnswer,
} from "./counter-records-import.ts";
import { recordsImportMessages } from "./counter-records-import-messages.ts";

/** Props of {@link CounterRecordsImport}. */
export interface CounterRecordsImportProps {
  /** The draft's kind now: a 転入 cannot be filled from the records. */
  readonly kind: NotificationKind;
  readonly csrfToken: string;
  /** The draft as it is now: the answer arrives after its request and goes into the draft as it is then. */
  readonly currentDraft: () => ResidenceNotificationDraft;
  readonly onDraft: (next: ResidenceNotificationDraft) => void;
}

/** The page's own refusals, worded when shown (they follow a language switch); the server's come worded. */
type OwnProblem = "fileMissing" | "fileTooLarge" | "chooseMissing" | "notForMovingIn" | "unexpectedError";
type Problem = { readonly own: OwnProblem } | { readonly server: RecordsProblem };

/** The households of a file with several, waiting for staff to choose the one at the counter. */
interface Choice {
  readonly answer: ResidentRecordsAnswer;
  /** The index chosen, as the radio's value; "" before a choice. */
  readonly chosen: string;
}

/**
 * C5 住民記録から入力: staff choose the CSV the resident-records system exported for the household at the counter;
 * the server decodes and checks it, and its persons, address and head go into the 転居・転出・世帯主変更 draft
 * through core's `residentRecordsIntoDraft` (filling gaps only, as a second scan does). A file of several
 * households asks which one first. The file is personal data: it goes to the server only, nothing is kept here
 * beyond the draft.
 */
export function CounterRecordsImport({ kind, csrfToken, currentDraft, onDraft }: CounterRecordsImportProps) {
  const { locale } = useI18n();
  const m = recordsImportMessages[locale];
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState<RecordsEncodingChoice>("auto");
  const [reading, setReading] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [choice, setChoice] = useState<Choice | null>(null);
  const [applied, setApplied] = useState<RecordsApplied | null>(null);
  /** The read under way: leaving the page (or 新しい届出, which renews the panel) cancels it, so it fills no other draft. */
  const controllerRef = useRef<AbortController | null>(null);

  useEffect(() => () => controllerRef.current?.abort(), []);

  const apply = (household: ResidentRecordHousehold, answer: ResidentRecordsAnswer) => {
    const outcome = applyHousehold(currentDraft(), household, answer);
    // The kind may have become 転入 while the file was read or a household chosen.
    if (!outcome.ok) return setProblem({ own: "notForMovingIn" });
    onDraft(outcome.draft);
    setChoice(null);
    setApplied(outcome.applied);
  };

  const read = async (event: FormEvent) => {
    event.preventDefault();
    if (reading) return;
    setProblem(null);
    setApplied(null);
    setChoice(null);
    if (file === null) return setProblem({ own: "fileMissing" });
    if (file.size > MAX_RECORDS_FILE_BYTES) return setProblem({ own: "fileTooLarge" });
    const controller = new AbortController();
    controllerRef.current = controller;
    setReading(true);
    const result = await counterApi(locale).readRecords(file, encoding, csrfToken, controller.signal);
    if (controller.signal.aborted) return;
    controllerRef.current = null;
    setReading(false);
    if (!result.ok) return setProblem({ server: recordsProblem(result.error, locale) });
    const next = nextAfterRead(result.data);
    if (next.kind === "apply") apply(next.household, result.data);
    else if (next.kind === "choose") setChoice({ answer: result.data, chosen: "" });
    // No household at all: the server answers a file without rows as a problem, so this would be its fault.
    else setProblem({ own: "unexpectedError" });
  };

  const applyChosen = () => {
    if (choice === null) return;
    const household = choice.answer.households[Number(choice.chosen)];
    if (choice.chosen === "" || household === undefined) return setProblem({ own: "chooseMissing" });
    setProblem(null);
    apply(household, choice.answer);
  };

  const fits = recordsFitKind(kind);
  const fileInvalid = problem !== null && "own" in problem && (problem.own === "fileMissing" || problem.own === "fileTooLarge");

  return (
    <section aria-labelledby="counter-records-heading" className="counter-records-import" data-testid="counter-records-import">
      <h2 id="counter-records-heading">{m.heading}</h2>
      {!fits ? (
        <p className="field__help" data-testid="counter-records-not-for-moving-in">
          {m.notForMovingIn}
        </p>
      ) : (
        <>
          <p className="field__help">{m.intro}</p>
          <form noValidate onSubmit={(e) => void read(e)} aria-busy={reading || undefined}>
            <div className={fileInvalid ? "field field--error" : "field"}>
              <label className="field__label" htmlFor="counter-records-file">
                {m.file}
              </label>
              <p id="counter-records-file-help" className="field__help">
                {m.fileHelp}
              </p>
              <input
                id="counter-records-file"
                name="counter-records-file"
                type="file"
                accept={RECORDS_ACCEPT}
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  setProblem(null);
                }}
                aria-describedby={fileInvalid ? "counter-records-error counter-records-file-help" : "counter-records-file-help"}
                aria-invalid={fileInvalid || undefined}
                data-testid="counter-records-file"
              />
            </div>
            <SelectField
              id="counter-records-encoding"
              label={m.encoding}
              help={m.encodingHelp}
              value={encoding}
              onChange={(v) => setEncoding(v as RecordsEncodingChoice)}
              options={RECORDS_ENCODINGS.map((e) => ({ value: e, label: m.encodings[e] }))}
              placeholder={null}
              testId="counter-records-encoding"
            />
            <div className="actions">
              <button type="submit" className="button" aria-disabled={reading || undefined} data-testid="counter-records-read">
                {reading ? m.reading : m.read}
              </button>
            </div>
          </form>
          {choice !== null && (
            <div className="counter-records-import__choice" data-testid="counter-records-choice">
              <RadioGroup
                name="counter-records-household"
                legend={m.chooseHousehold}
                help={m.chooseHelp(choice.answer.households.length)}
                value={choice.chosen}
                onChange={(chosen) => {
                  setChoice({ ...choice, chosen });
                  setProblem(null);
                }}
                options={choice.answer.households.map((h, i) => ({ value: String(i), label: householdLabel(h, locale) }))}
              />
              <div className="actions">
                <button type="button" className="button" onClick={applyChosen} data-testid="counter-records-apply">
                  {m.applyHousehold}
                </button>
              </div>
            </div>
          )}
        </>
      )}
      {problem !== null && (
        <Alert kind="error" testId="counter-records-error">
          <p id="counter-records-error">{"own" in problem ? m[problem.own] : problem.server.message}</p>
          {"server" in problem && problem.server.issues.length > 0 && (
            <>
              <p>{m.issuesHeading}</p>
              <ul data-testid="counter-records-issues">
                {problem.server.issues.map((issue, i) => (
                  <li key={i}>{issue}</li>
                ))}
              </ul>
            </>
          )}
        </Alert>
      )}
      <p className="counter-scan-form__status" role="status" data-testid="counter-records-status">
        {reading ? (
          <>
            <span className="loading__spinner" aria-hidden="true" /> {m.reading}
          </>
        ) : applied === null || !fits ? (
          ""
        ) : (
          appliedText(applied, locale)
        )}
      </p>
    </section>
  );
}
