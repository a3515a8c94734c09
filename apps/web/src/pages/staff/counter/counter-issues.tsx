import { jumpToField } from "../../../components/jump-to-field.ts";
import type { DraftIssue } from "@madoguchi/core";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { issueTargetId } from "./counter-draft.ts";
import { counterMessages, issueText } from "./counter-messages.ts";
import { MEMO_INPUT_ID } from "./counter-memo.ts";

/**
 * What stops the draft from being printed (core's `draftIssues`, and a 窓口メモ over its limit), each a link that
 * puts focus where it is fixed.
 * A polite live region: an issue that appears or goes is announced without taking focus from the value typed.
 */
export function CounterIssues({
  issues,
  scanName,
  memoTooLong = false,
}: {
  readonly issues: readonly DraftIssue[];
  readonly scanName: (scan: number) => string;
  /** C6: the 窓口メモ is over its limit (the page's own check: the server would refuse the draft). */
  readonly memoTooLong?: boolean;
}) {
  const { locale } = useI18n();
  const m = counterMessages[locale];
  const none = issues.length === 0 && !memoTooLong;
  return (
    <section aria-labelledby="counter-issues-heading" className={none ? "counter-issues counter-issues--none" : "counter-issues"}>
      <h2 id="counter-issues-heading">{m.issuesHeading}</h2>
      <div aria-live="polite" data-testid="counter-issues">
        {none ? (
          <p data-testid="counter-no-issues">{m.noIssues}</p>
        ) : (
          <ul className="counter-issues__list">
            {issues.map((issue, i) => {
              const target = issueTargetId(issue);
              return (
                <li key={`${target}-${issue.code}-${i}`} data-testid="counter-issue">
                  <a href={`#${target}`} onClick={(e) => jumpToField(e, target)}>
                    {issueText(issue, locale, scanName)}
                  </a>
                </li>
              );
            })}
            {memoTooLong && (
              <li data-testid="counter-issue">
                <a href={`#${MEMO_INPUT_ID}`} onClick={(e) => jumpToField(e, MEMO_INPUT_ID)}>
                  {m.memoTooLong}
                </a>
              </li>
            )}
          </ul>
        )}
      </div>
    </section>
  );
}
