import { useI18n } from "../../../i18n/i18n-context.tsx";
import { counterMessages } from "./counter-messages.ts";
import { MEMO_INPUT_ID, memoLength, memoTooLong } from "./counter-memo.ts";

/** Props of {@link CounterMemoField}. */
export interface CounterMemoFieldProps {
  /** The draft's memo, as typed ("" when none). */
  readonly memo: string;
  readonly onChange: (text: string) => void;
  /** The memo got focus: a registered phrase now goes into it. */
  readonly onFocus: () => void;
}

/**
 * C6 窓口メモ: the clerk's note on the visit, kept in the draft and with the counter record, never printed on the form.
 * Its length is counted as core counts it (code points: 𠮷 is one); over the limit it says so, and the page does not
 * print (the server would refuse the draft).
 */
export function CounterMemoField({ memo, onChange, onFocus }: CounterMemoFieldProps) {
  const { locale } = useI18n();
  const m = counterMessages[locale];
  const over = memoTooLong(memo);
  const helpId = `${MEMO_INPUT_ID}-help`;
  const countId = `${MEMO_INPUT_ID}-count`;
  const errorId = `${MEMO_INPUT_ID}-error`;
  const describedBy = [over ? errorId : null, helpId, countId].filter((x) => x !== null).join(" ");
  return (
    <div className={`field counter-memo${over ? " field--error" : ""}`} data-testid="counter-memo-field">
      <label className="field__label" htmlFor={MEMO_INPUT_ID}>
        {m.memoLabel}
      </label>
      <p id={helpId} className="field__help">
        {m.memoHelp}
      </p>
      {over && (
        <p id={errorId} className="field__error" data-testid={errorId}>
          {m.memoTooLong}
        </p>
      )}
      <textarea
        id={MEMO_INPUT_ID}
        name={MEMO_INPUT_ID}
        className="textarea"
        rows={4}
        value={memo}
        onChange={(e) => onChange(e.target.value)}
        onFocus={onFocus}
        aria-invalid={over || undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        data-testid={MEMO_INPUT_ID}
      />
      <p id={countId} className="field__help" data-testid={countId}>
        {m.memoCount(memoLength(memo))}
      </p>
    </div>
  );
}
