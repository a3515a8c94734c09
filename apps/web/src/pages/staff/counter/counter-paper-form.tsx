import { useRef, useState, type FormEvent } from "react";
import { Alert } from "../../../components/alert.tsx";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { megabytes, SCAN_ACCEPT, scanContentType } from "./counter-draft.ts";
import { recordMessages } from "./counter-record-messages.ts";
import { documentTitleProblem, MAX_DOCUMENT_TITLE_LENGTH, type PaperToKeep } from "./counter-records.ts";

/** Props of {@link CounterPaperForm}. */
export interface CounterPaperFormProps {
  /** Prefix of the form's ids and test ids (`counter-keep-add`, `counter-record-add`). */
  readonly idPrefix: string;
  readonly heading: string;
  readonly headingLevel: 2 | 3;
  readonly help: string;
  readonly maxScanBytes: number;
  /** Titles offered while typing (the kinds of document, 委任状 …). */
  readonly suggestions: readonly string[];
  readonly submitLabel: string;
  readonly busyLabel: string;
  /**
   * The paper, checked (a file the server takes, within the size, a title of 1–40 characters): null when it is
   * taken — the form is emptied for the next — or the message of why not (the server's words).
   */
  readonly onAdd: (paper: PaperToKeep) => Promise<string | null> | string | null;
}

/**
 * One paper to keep with a counter record (C8): its scan (any of the formats the counter reads, any paper size) and
 * what it is (転出証明書, 委任状 …). Checked here as the server checks it, so a refusal is rare and said at once.
 */
export function CounterPaperForm(props: CounterPaperFormProps) {
  const { locale } = useI18n();
  const m = recordMessages[locale];
  const { idPrefix } = props;
  const fileInput = useRef<HTMLInputElement | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState("");
  const [fileError, setFileError] = useState<string | null>(null);
  const [titleError, setTitleError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const maxMb = megabytes(props.maxScanBytes);
  const Heading = props.headingLevel === 2 ? "h2" : "h3";

  const titleText = (problem: ReturnType<typeof documentTitleProblem>): string | null =>
    problem === null ? null : problem === "missing" ? m.titleMissing : problem === "too_long" ? m.titleTooLong(MAX_DOCUMENT_TITLE_LENGTH) : m.titleInvalid;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setError(null);
    const contentType = file === null ? null : scanContentType(file);
    const nextFileError = file === null ? m.fileMissing : contentType === null ? m.fileType : file.size > props.maxScanBytes ? m.fileTooLarge(maxMb) : null;
    const nextTitleError = titleText(documentTitleProblem(title));
    setFileError(nextFileError);
    setTitleError(nextTitleError);
    if (nextFileError !== null || nextTitleError !== null || file === null || contentType === null) return;
    setBusy(true);
    const refused = await props.onAdd({ file, fileName: file.name, contentType, title: title.trim() });
    setBusy(false);
    if (refused !== null) return setError(refused);
    setFile(null);
    setTitle("");
    if (fileInput.current !== null) fileInput.current.value = "";
  };

  const fileId = `${idPrefix}-file`;
  const titleId = `${idPrefix}-title`;
  const listId = `${idPrefix}-titles`;
  return (
    <form className="counter-paper-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${idPrefix}-heading`} aria-busy={busy || undefined} data-testid={idPrefix}>
      <Heading id={`${idPrefix}-heading`}>{props.heading}</Heading>
      <p id={`${idPrefix}-help`} className="field__help">
        {props.help}
      </p>
      <div className="counter-paper-form__fields">
        <div className={fileError === null ? "field" : "field field--error"}>
          <label className="field__label" htmlFor={fileId}>
            {m.documentFile}
          </label>
          {fileError !== null && (
            <p id={`${fileId}-error`} className="field__error" data-testid={`${fileId}-error`}>
              {fileError}
            </p>
          )}
          <input
            ref={fileInput}
            id={fileId}
            name={fileId}
            type="file"
            accept={SCAN_ACCEPT}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setFileError(null);
            }}
            aria-describedby={fileError === null ? `${idPrefix}-help` : `${fileId}-error ${idPrefix}-help`}
            aria-invalid={fileError !== null || undefined}
            data-testid={fileId}
          />
        </div>
        <div className={titleError === null ? "field" : "field field--error"}>
          <label className="field__label" htmlFor={titleId}>
            {m.newTitle}
          </label>
          {titleError !== null && (
            <p id={`${titleId}-error`} className="field__error" data-testid={`${titleId}-error`}>
              {titleError}
            </p>
          )}
          <input
            id={titleId}
            name={titleId}
            className="input input--medium"
            value={title}
            list={listId}
            maxLength={MAX_DOCUMENT_TITLE_LENGTH}
            onChange={(e) => {
              setTitle(e.target.value);
              setTitleError(null);
            }}
            aria-describedby={titleError === null ? undefined : `${titleId}-error`}
            aria-invalid={titleError !== null || undefined}
            autoComplete="off"
            data-testid={titleId}
          />
          <datalist id={listId}>
            {props.suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </div>
      </div>
      {error !== null && (
        <Alert kind="error" testId={`${idPrefix}-error`}>
          <p>{error}</p>
        </Alert>
      )}
      <div className="actions">
        <button type="submit" className="button button--secondary" aria-disabled={busy || undefined} data-testid={`${idPrefix}-submit`}>
          {busy ? props.busyLabel : props.submitLabel}
        </button>
      </div>
    </form>
  );
}
