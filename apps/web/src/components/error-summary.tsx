import type { RefObject } from "react";
import { jumpToField } from "./jump-to-field.ts";
import { useI18n } from "../i18n/i18n-context.tsx";

/**
 * One line of the summary: the message (the server's field messages name their field, e.g.
 * 「氏名を入力してください」, so no label is added) and the input to jump to.
 */
export interface ErrorSummaryItem {
  readonly targetId: string | null;
  readonly message: string;
}

/**
 * The list of every error at the top of a form (GOV.UK pattern): announced (`role="alert"`), focused by
 * the caller after a failed submit, each line a link that puts focus into the field it is about.
 */
export function ErrorSummary({
  items,
  focusRef,
}: {
  readonly items: readonly ErrorSummaryItem[];
  readonly focusRef: RefObject<HTMLDivElement | null>;
}) {
  const { t } = useI18n();
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={focusRef} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" className="error-summary__title">
        {t.form.errorSummaryTitle}
      </h2>
      <p>{t.form.errorSummaryLead}</p>
      <ul className="error-summary__list">
        {items.map((item, i) => {
          const text = item.message;
          return (
            <li key={i}>
              {item.targetId === null ? (
                text
              ) : (
                <a href={`#${item.targetId}`} onClick={(e) => jumpToField(e, item.targetId ?? "")}>
                  {text}
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
