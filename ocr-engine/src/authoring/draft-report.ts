/**
 * What drafting found and did not find, for the staff who adjust the draft: which labels were read
 * (and which only with a misread character), where each value was placed, how the member rows were
 * laid out, and which keys of the document kind are missing. Contains label words only, never values.
 */

/** One field of the draft and the label it came from. */
export interface DraftedField {
  readonly key: string;
  /** The vocabulary wording that matched (as printed, spaces removed). */
  readonly label: string;
  /** 0 when the label was read exactly, 1 when one character was misread. */
  readonly edits: number;
  /** Where the value sits relative to its label: right, below, in a table column, in a member column. */
  readonly placement: "right" | "below" | "table-column" | "member-column";
  /** False when the sample had no text in the value cell: its extent is a guess from the label alone. */
  readonly seen: boolean;
}

/** The report of one draft. */
export interface DraftReport {
  readonly templateId: string;
  readonly found: readonly DraftedField[];
  /** Keys of the kind's vocabulary with no label on the page (add them by hand if the form prints them). */
  readonly missing: readonly string[];
  readonly members: {
    readonly layout: "table" | "stacked" | "columns";
    readonly maxCount: number;
    readonly rowsFrom: "ruled-lines" | "labels" | "values" | "single-row";
  } | null;
  /** Things to check, one sentence each (Japanese / English). */
  readonly notes: readonly string[];
}

const LAYOUTS = {
  table: "表形式 / table rows",
  stacked: "項目名を繰り返す形式 / labels repeated per member",
  columns: "列形式 / one column per member",
} as const;

const ROWS_FROM = {
  "ruled-lines": "罫線から / from the ruled lines",
  labels: "繰り返しの項目名から / from the repeated labels",
  values: "見本の記載値から / from the sample's values",
  "single-row": "1行のみ（要確認） / one row only (check)",
} as const;

const PLACEMENT = {
  right: "右 / right",
  below: "下 / below",
  "table-column": "表の列 / table column",
  "member-column": "世帯員の列 / member column",
} as const;

/** A bilingual, line-per-item text of the report for the CLI and the review screen. */
export const formatDraftReport = (report: DraftReport): string => {
  const lines: string[] = [`テンプレート下書き / Draft template: ${report.templateId}`];
  lines.push(`見つかった項目 / Labels found (${report.found.length}):`);
  for (const f of report.found) {
    const misread = f.edits > 0 ? " ※1文字読み違い / one character misread" : "";
    const unseen = f.seen ? "" : " ※見本に値なし・範囲は推定 / no value on the sample, extent guessed";
    lines.push(`  ${f.key.padEnd(24)} 「${f.label}」 ${PLACEMENT[f.placement]}${misread}${unseen}`);
  }
  lines.push(`見つからない項目 / Not found (${report.missing.length}): ${report.missing.length === 0 ? "なし / none" : report.missing.join(", ")}`);
  if (report.members !== null) {
    lines.push(`世帯員 / Members: ${LAYOUTS[report.members.layout]}, 最大 / max ${report.members.maxCount} 行 / rows, ${ROWS_FROM[report.members.rowsFrom]}`);
  }
  for (const n of report.notes) lines.push(`注意 / Note: ${n}`);
  lines.push("座標は見本から推定したものです。職員が確認・調整してください。 / Regions are estimated from the sample: staff must check and adjust them.");
  return lines.join("\n");
};
