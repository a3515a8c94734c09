import { useI18n } from "../../../i18n/i18n-context.tsx";

const TEXT = {
  ja: { utf8: "CSVで書き出す（UTF-8）", sjis: "CSVで書き出す（Shift_JIS）", note: "書き出しは監査ログに記録されます。" },
  en: { utf8: "Export CSV (UTF-8)", sjis: "Export CSV (Shift_JIS)", note: "Exports are recorded in the audit log." },
} as const;

/** The export URL of the staff list with its status filter; a plain link, so the browser downloads it with the session cookie. */
export const applicationsExportUrl = (status: string, encoding: "utf-8" | "shift_jis"): string => {
  const params = new URLSearchParams({ encoding });
  if (status !== "") params.set("status", status);
  return `/api/staff/applications/export?${params.toString()}`;
};

/** Download links of the staff list as CSV (the server scopes them to the staff member's groups). */
export function ExportLinks({ status }: { readonly status: string }) {
  const { locale } = useI18n();
  const text = TEXT[locale];
  return (
    <p className="export-links">
      <a href={applicationsExportUrl(status, "utf-8")} className="button button--ghost" download data-testid="export-csv-utf8">
        {text.utf8}
      </a>{" "}
      <a href={applicationsExportUrl(status, "shift_jis")} className="button button--ghost" download data-testid="export-csv-sjis">
        {text.sjis}
      </a>{" "}
      <span className="hint">{text.note}</span>
    </p>
  );
}
