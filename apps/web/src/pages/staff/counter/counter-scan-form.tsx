import { useState, type FormEvent } from "react";
import type { CounterDocumentKind, Localized } from "@madoguchi/core";
import { Alert } from "../../../components/alert.tsx";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { counterApi } from "./counter-api.ts";
import { canPreview, megabytes, SCAN_ACCEPT, scanContentType, type CounterSetup, type ScanContentType, type ScanRead } from "./counter-draft.ts";
import { counterMessages } from "./counter-messages.ts";

/** A scanned file as the page shows it: its name, and the image as a data URL when the browser can show it. */
export interface ScanPicture {
  readonly fileName: string;
  readonly contentType: ScanContentType;
  /** The file as chosen: after printing it is kept with the form (C8), as it is. */
  readonly file: Blob;
  /**
   * A `data:` URL, not an object URL: the app's CSP allows images from 'self' and data: only (a `blob:` image
   * would be refused). Null for PDF and TIFF, which an <img> cannot show.
   */
  readonly dataUrl: string | null;
}

const readAsDataUrl = (file: Blob): Promise<string | null> =>
  new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === "string" ? reader.result : null);
    reader.onerror = () => resolve(null);
    reader.readAsDataURL(file);
  });

/** What a read gave, announced in the page's language (and again in the other after a switch). */
export interface ReadOutcome {
  readonly document: Localized;
  /** Values waiting for a look in the draft after the merge. */
  readonly flagged: number;
  /** Read as an unknown layout by its labels: every value flagged. */
  readonly byLabels: boolean;
}

/** Props of {@link CounterScanForm}. */
export interface CounterScanFormProps {
  readonly setup: CounterSetup;
  readonly csrfToken: string;
  /** A scan was read: the page merges it and answers what to announce. */
  readonly onRead: (read: ScanRead, picture: ScanPicture) => ReadOutcome;
}

/**
 * Choosing and reading a scan: the file, the layout (default: identify it among all) and the kind to read an
 * unknown layout as. The upload is the file's bytes; reading takes the server a few seconds, shown as progress.
 */
export function CounterScanForm({ setup, csrfToken, onRead }: CounterScanFormProps) {
  const { locale, pick } = useI18n();
  const m = counterMessages[locale];
  const [file, setFile] = useState<File | null>(null);
  const [templateId, setTemplateId] = useState("");
  const [fallbackKind, setFallbackKind] = useState("");
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<ReadOutcome | null>(null);
  const maxMb = megabytes(setup.maxScanBytes);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reading) return;
    setError(null);
    setDone(null);
    if (file === null) return setError(m.fileMissing);
    const contentType = scanContentType(file);
    if (contentType === null) return setError(m.fileType);
    if (file.size > setup.maxScanBytes) return setError(m.fileTooLarge(maxMb));
    setReading(true);
    const [result, dataUrl] = await Promise.all([
      counterApi(locale).read(file, contentType, { templateId: templateId === "" ? null : templateId, fallbackKind: fallbackKind === "" ? null : (fallbackKind as CounterDocumentKind) }, csrfToken),
      canPreview(contentType) ? readAsDataUrl(file) : Promise.resolve(null),
    ]);
    setReading(false);
    if (!result.ok) {
      setError(result.error.message ?? (result.error.status === 0 ? m.networkError : m.unexpectedError));
      return;
    }
    setDone(onRead(result.data, { fileName: file.name, contentType, file, dataUrl }));
  };

  return (
    <section aria-labelledby="counter-scan-heading" className="counter-scan-form">
      <h2 id="counter-scan-heading">{m.scanHeading}</h2>
      <form noValidate onSubmit={(e) => void submit(e)} aria-busy={reading || undefined}>
        <div className={error === null ? "field" : "field field--error"}>
          <label className="field__label" htmlFor="counter-file">
            {m.file}
          </label>
          <p id="counter-file-help" className="field__help">
            {m.fileHelp(maxMb)}
          </p>
          <input
            id="counter-file"
            name="counter-file"
            type="file"
            accept={SCAN_ACCEPT}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setError(null);
            }}
            aria-describedby={error === null ? "counter-file-help" : "counter-file-error counter-file-help"}
            aria-invalid={error !== null || undefined}
            data-testid="counter-file"
          />
        </div>
        <div className="counter-scan-form__choices">
          <div className="field">
            <label className="field__label" htmlFor="counter-template">
              {m.template}
            </label>
            <select id="counter-template" name="counter-template" className="select" value={templateId} onChange={(e) => setTemplateId(e.target.value)} data-testid="counter-template">
              <option value="">{m.templateAuto}</option>
              {setup.templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {pick(t.name)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor="counter-fallback">
              {m.fallback}
            </label>
            <p id="counter-fallback-help" className="field__help">
              {m.fallbackHelp}
            </p>
            <select
              id="counter-fallback"
              name="counter-fallback"
              className="select"
              value={fallbackKind}
              onChange={(e) => setFallbackKind(e.target.value)}
              aria-describedby="counter-fallback-help"
              data-testid="counter-fallback"
            >
              <option value="">{m.fallbackNone}</option>
              {setup.documentKinds.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {pick(k.name)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {error !== null && (
          <Alert kind="error" testId="counter-read-error">
            <p id="counter-file-error">{error}</p>
          </Alert>
        )}
        <div className="actions">
          <button type="submit" className="button" aria-disabled={reading || undefined} data-testid="counter-read">
            {reading ? m.reading : m.read}
          </button>
          <p className="counter-scan-form__status" role="status" data-testid="counter-read-status">
            {reading ? (
              <>
                <span className="loading__spinner" aria-hidden="true" /> {m.reading}
              </>
            ) : done === null ? (
              ""
            ) : (
              `${m.readDone(pick(done.document), done.flagged)}${done.byLabels ? ` ${m.readByLabels}` : ""}`
            )}
          </p>
        </div>
      </form>
    </section>
  );
}
