import { useState } from "react";
import { requestDownload, requestJson } from "../../../api.ts";
import { Alert } from "../../../components/alert.tsx";
import { saveDownloadedFile } from "../../../download.ts";
import { useLoad } from "../../../hooks/use-load.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { useStepUp } from "../step-up/use-step-up.tsx";
import { RequestApproval } from "../approvals/request-approval.tsx";
import { applicationsExportSubject, needsApproval } from "../approvals/approvals-api.ts";

const TEXT = {
  ja: {
    utf8: "CSVで書き出す（UTF-8）",
    sjis: "CSVで書き出す（Shift_JIS）",
    note: "書き出しには確認コードの再入力が必要な場合があります。書き出しは監査ログに記録されます。",
    columns: "書き出す列",
    noColumns: "書き出す列を1つ以上選んでください。",
    columnsUnavailable: "書き出せる列を読み込めませんでした。画面を再読み込みしてください。",
  },
  en: {
    utf8: "Export CSV (UTF-8)",
    sjis: "Export CSV (Shift_JIS)",
    note: "Exporting may ask for your authenticator code again. Exports are recorded in the audit log.",
    columns: "Columns to export",
    noColumns: "Choose at least one column to export.",
    columnsUnavailable: "The columns that can be exported could not be loaded. Reload the page.",
  },
} as const;

/** A column the server offers for the export (S3). */
interface ExportColumn {
  readonly id: string;
  readonly label: { readonly ja: string; readonly en: string };
  readonly default: boolean;
}

/**
 * The export URL of the staff list with its status filter (the server scopes it to the staff member's groups) and
 * the chosen columns in the server's order (none chosen: the server's default ones).
 */
export const applicationsExportUrl = (status: string, encoding: "utf-8" | "shift_jis", columns: readonly string[] = []): string => {
  const params = new URLSearchParams({ encoding });
  if (status !== "") params.set("status", status);
  if (columns.length > 0) params.set("columns", columns.join(","));
  return `/api/staff/applications/export?${params.toString()}`;
};

/**
 * The staff list's CSV export. A bulk export needs a recent step-up (issue 4), so the file is fetched,
 * not linked: a `staff.step_up_required` answer brings up the shared code prompt, then the download
 * starts. A GET carries no CSRF token; the retry only needs the session the step-up renewed.
 */
export function ExportLinks({ status }: { readonly status: string }) {
  const { locale } = useI18n();
  const text = TEXT[locale];
  const stepUp = useStepUp();
  const [error, setError] = useState<string | null>(null);
  // Over the threshold an export needs a second person's approval of this filter (ADR 24).
  const [approvalFor, setApprovalFor] = useState<{ readonly status: string; readonly columns: readonly string[] } | null>(null);
  // S3: the columns offered by the server; the ones staff unticked or ticked, else the server's defaults.
  const offered = useLoad((signal) => requestJson<{ columns: readonly ExportColumn[] }>("GET", "/api/staff/applications/export-columns", { locale, signal }), "export-columns");
  const [picked, setPicked] = useState<ReadonlySet<string> | null>(null);
  const columns = offered.state.kind === "ok" ? offered.state.data.columns : [];
  const chosen = picked ?? new Set(columns.filter((c) => c.default).map((c) => c.id));
  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setPicked(next);
  };
  const download = async (encoding: "utf-8" | "shift_jis") => {
    setError(null);
    setApprovalFor(null);
    const ordered = columns.filter((c) => chosen.has(c.id)).map((c) => c.id);
    // The columns are part of what a second person approves (ADR 24): nothing is exported before they are known.
    if (offered.state.kind !== "ok") return setError(text.columnsUnavailable);
    if (ordered.length === 0) return setError(text.noColumns);
    const result = await stepUp.run(() => requestDownload(applicationsExportUrl(status, encoding, ordered), { locale }));
    if (result.ok) saveDownloadedFile(result.data, "madoguchi-applications.csv");
    else {
      setError(result.error.message ?? String(result.error.status));
      if (needsApproval(result.error)) setApprovalFor({ status, columns: ordered });
    }
  };
  return (
    <div className="export-links">
      {columns.length > 0 && (
        <fieldset className="field export-columns" data-testid="export-columns">
          <legend className="field__label">{text.columns}</legend>
          {columns.map((c) => (
            <span className="checkbox" key={c.id}>
              <input type="checkbox" id={`export-column-${c.id}`} checked={chosen.has(c.id)} onChange={() => toggle(c.id)} data-testid={`export-column-${c.id}`} />{" "}
              <label htmlFor={`export-column-${c.id}`}>{c.label[locale]}</label>
            </span>
          ))}
        </fieldset>
      )}
      <p>
        <button type="button" className="button button--ghost" onClick={() => void download("utf-8")} data-testid="export-csv-utf8">
          {text.utf8}
        </button>{" "}
        <button type="button" className="button button--ghost" onClick={() => void download("shift_jis")} data-testid="export-csv-sjis">
          {text.sjis}
        </button>{" "}
        <span className="hint">{text.note}</span>
      </p>
      {error !== null && (
        <Alert kind="error" testId="export-error">
          <p>{error}</p>
        </Alert>
      )}
      {approvalFor !== null && (
        <RequestApproval
          key={`${approvalFor.status}|${approvalFor.columns.join(",")}`}
          kind="applications.export"
          subject={applicationsExportSubject(approvalFor.status, approvalFor.columns)}
          testId="export-request-approval"
        />
      )}
      {stepUp.prompt}
    </div>
  );
}
