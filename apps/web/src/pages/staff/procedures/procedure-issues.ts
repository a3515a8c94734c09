import type { ProcedureIssue } from "../../../api-types.ts";
import type { ErrorSummaryItem } from "../../../components/error-summary.tsx";
import type { ProcedureDraft } from "./procedure-draft.ts";
import { fieldRef, parseIssuePath, type EditorChoices } from "./procedure-fields.ts";
import type { ProcedureMessages } from "./procedures-messages.ts";

/** One error of the editor: the input it is about (`null`: none the page shows), beside it, and in the summary. */
export interface EditorError {
  readonly targetId: string | null;
  /** Shown under the input. */
  readonly inline: string;
  /** Shown in the error summary: names the input, since the summary is read apart from the form. */
  readonly summary: string;
}

/** The `issues` of a 422 `catalog.invalid`, as `parseApiError` keeps them unchecked: those that have the shape. */
export const procedureIssuesOf = (issues: readonly unknown[] | undefined): readonly ProcedureIssue[] =>
  (issues ?? []).flatMap((i) => {
    if (typeof i !== "object" || i === null) return [];
    const { path, message } = i as { path?: unknown; message?: unknown };
    return typeof path === "string" && typeof message === "string" ? [{ path, message }] : [];
  });

/**
 * The server's issues placed beside the inputs they name: 「この項目を確認してください（<the server's English
 * text>）」. An issue whose path names nothing here (another procedure's, the file's) goes to the summary only, with
 * its path.
 */
export const placeIssues = (issues: readonly ProcedureIssue[], draft: ProcedureDraft, choices: EditorChoices, m: ProcedureMessages): readonly EditorError[] =>
  issues.map((issue) => {
    const segments = parseIssuePath(issue.path);
    const ref = segments === null || segments.length === 0 ? null : fieldRef(segments, draft, choices, m);
    if (ref === null || ref.targetId === null) return { targetId: null, inline: issue.message, summary: m.issueElsewhere(issue.path, issue.message) };
    return { targetId: ref.targetId, inline: m.checkThis(issue.message), summary: m.issueAt(ref.label, issue.message) };
  });

/** The errors as the page shows them: per input (in order, each message once) and the summary's lines. */
export interface ArrangedErrors {
  readonly byTarget: ReadonlyMap<string, readonly string[]>;
  readonly summary: readonly ErrorSummaryItem[];
}

/** Groups errors by input and lists them for the summary (each line once). */
export const arrangeErrors = (errors: readonly EditorError[]): ArrangedErrors => {
  const byTarget = new Map<string, string[]>();
  const summary: ErrorSummaryItem[] = [];
  for (const e of errors) {
    if (e.targetId !== null) {
      const list = byTarget.get(e.targetId) ?? [];
      if (!list.includes(e.inline)) list.push(e.inline);
      byTarget.set(e.targetId, list);
    }
    if (!summary.some((s) => s.targetId === e.targetId && s.message === e.summary)) summary.push({ targetId: e.targetId, message: e.summary });
  }
  return { byTarget, summary };
};

/** No errors. */
export const NO_ERRORS: ArrangedErrors = { byTarget: new Map(), summary: [] };
