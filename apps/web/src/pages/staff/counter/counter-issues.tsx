import { jumpToField } from "../../../components/jump-to-field.ts";
import type { DraftIssue } from "@madoguchi/core";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { issueTargetId } from "./counter-draft.ts";
import { counterMessages, issueText } from "./counter-messages.ts";

/**
 * What stops the draft from being printed (core's `draftIssues`), each a link that puts focus where it is fixed.
 * A polite live region: an issue that appears or goes is announced without taking focus from the value typed.
 */
export function CounterIssues({ issues, scanName }: { readonly issues: readonly DraftIssue[]; readonly scanName: (scan: number) => string }) {
  const { locale } = useI18n();
  const m = counterMessages[locale];
  return (
    <section aria-labelledby="counter-issues-heading" className={issues.length === 0 ? "counter-issues counter-issues--none" : "counter-issues"}>
      <h2 id="counter-issues-heading">{m.issuesHeading}</h2>
      <div aria-live="polite" data-testid="counter-issues">
        {issues.length === 0 ? (
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
          </ul>
        )}
      </div>
    </section>
  );
}
