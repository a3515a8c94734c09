import { formatDraftReport, REVIEW_REASON_LABELS, type DocumentResult, type DraftReport, type FieldResult, type Identification, type OcrError, type Template } from "@madoguchi/ocr-engine";
import type { Line } from "../output/line.ts";
import { localizedTable } from "../output/localized-table.ts";

interface Row {
  /** Key as staff see it: `members[].name` becomes `members[2].name` for the third row. */
  readonly key: string;
  readonly label: { readonly ja: string; readonly en: string };
  readonly field: FieldResult;
}

const rowsOf = (template: Template, doc: DocumentResult): Row[] => {
  const labels = new Map([...template.fields, ...template.repeatGroups.flatMap((g) => g.fields)].map((f) => [f.key, f.label]));
  const label = (key: string) => {
    const l = labels.get(key);
    return { ja: l?.ja ?? key, en: l?.en ?? key };
  };
  const rows: Row[] = doc.fields.map((field) => ({ key: field.key, label: label(field.key), field }));
  for (const [group, groupRows] of Object.entries(doc.groups)) {
    groupRows.forEach((row, i) => row.forEach((field) => rows.push({ key: field.key.replace(`${group}[]`, `${group}[${i}]`), label: label(field.key), field })));
  }
  return rows;
};

const reasonsIn = (field: FieldResult, language: "ja" | "en"): string =>
  field.needsReview ? field.reasons.map((r) => REVIEW_REASON_LABELS[r][language]).join(language === "ja" ? "、" : "; ") : "";

/**
 * The human report: one table row per field (key, label, value, confidence, review reasons), then how
 * many need review. The values are what was read from the resident's document: they are printed only
 * here, for the member of staff who ran the command, never in an error.
 */
export const ocrLines = (template: Template, doc: DocumentResult, shown: string): Line[] => {
  const rows = rowsOf(template, doc);
  const flagged = rows.filter((r) => r.field.needsReview).length;
  const cells = (language: "ja" | "en") =>
    rows.map((r) => [r.key, r.label[language], r.field.value ?? (language === "ja" ? "（なし）" : "(none)"), r.field.confidence.toFixed(0), r.field.needsReview ? (language === "ja" ? `要確認: ${reasonsIn(r.field, "ja")}` : `review: ${reasonsIn(r.field, "en")}`) : "-"]);
  return [
    { ja: `読み取り: ${shown}（${template.name.ja}、${template.id}）`, en: `read: ${shown} (${template.name.en}, ${template.id})` },
    "",
    ...localizedTable({
      ja: [["項目", "名称", "値", "信頼度", "確認"], ...cells("ja")],
      en: [["Key", "Label", "Value", "Confidence", "Review"], ...cells("en")],
    }),
    "",
    { ja: `${rows.length} 項目中 ${flagged} 項目は原本と照合してください`, en: `${flagged} of ${rows.length} fields need checking against the document` },
  ];
};

/** The `--json` report: the engine's document result as is, plus the template and the file. */
export const ocrJson = (template: Template, doc: DocumentResult, shown: string): Readonly<Record<string, unknown>> => ({
  file: shown,
  template: { id: template.id, name: template.name },
  needsReview: doc.needsReview,
  reasons: doc.reasons,
  fields: doc.fields,
  groups: doc.groups,
});

/** How the template was picked: the identified template, how much of its blank form's ink was found, the runner-up. */
export const identificationLines = (found: Identification): Line[] => {
  const coverage = `${(found.coverage * 100).toFixed(0)} %`;
  const runnerUp = found.runnerUp === null ? null : `${found.runnerUp.templateId} (${(found.runnerUp.coverage * 100).toFixed(0)} %)`;
  return [
    { ja: `様式を判定: ${found.templateId}（様式の一致 ${coverage}${runnerUp === null ? "" : `、次点 ${runnerUp}`}）`, en: `identified: ${found.templateId} (form matched ${coverage}${runnerUp === null ? "" : `; runner-up ${runnerUp}`})` },
  ];
};

/** Why the page was read by its labels, and what the transient draft found: every value is to be confirmed. */
export const fallbackLines = (why: OcrError, report: DraftReport): Line[] => [
  { ja: "登録済みの様式に一致しないため、項目名から読み取りました（全項目を原本と照合してください）", en: "no registered template matches: read by the labels (check every field against the document)" },
  `  ${why.message}`,
  ...formatDraftReport(report).split("\n"),
  "",
];
