import { useState } from "react";
import { requestDownload } from "../api.ts";
import { saveDownloadedFile } from "../download.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { Alert } from "./alert.tsx";

/** The two encodings a report is offered in: UTF-8, and Shift_JIS for older Excel. */
export type CsvEncodingChoice = "utf-8" | "shift_jis";

/**
 * A report's two CSV buttons (UTF-8 and Shift_JIS) and the error of a failed download. The file is fetched, not
 * linked, so that an error answer shows here instead of downloading as a file.
 */
export function CsvDownloads(props: {
  readonly url: (encoding: CsvEncodingChoice) => string;
  readonly filename: string;
  readonly labels: { readonly utf8: string; readonly sjis: string };
  /** `settlement` gives `settlement-csv-utf8`, `settlement-csv-sjis` and `settlement-download-error`. */
  readonly testIdPrefix: string;
}) {
  const { locale } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const download = async (encoding: CsvEncodingChoice) => {
    setError(null);
    const file = await requestDownload(props.url(encoding), { locale });
    if (file.ok) saveDownloadedFile(file.data, props.filename);
    else setError(file.error.message ?? String(file.error.status));
  };
  return (
    <>
      <p className="actions">
        <button type="button" className="button button--secondary" onClick={() => void download("utf-8")} data-testid={`${props.testIdPrefix}-csv-utf8`}>
          {props.labels.utf8}
        </button>
        <button type="button" className="button button--secondary" onClick={() => void download("shift_jis")} data-testid={`${props.testIdPrefix}-csv-sjis`}>
          {props.labels.sjis}
        </button>
      </p>
      {error !== null && (
        <Alert kind="error" testId={`${props.testIdPrefix}-download-error`}>
          <p>{error}</p>
        </Alert>
      )}
    </>
  );
}
