import { useRef, useState } from "react";
import { Alert } from "../../../components/alert.tsx";
import { useFocusOnChange } from "../../../hooks/use-focus-on-change.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { CounterMemoField } from "./counter-memo-field.tsx";
import { memoTooLong } from "./counter-memo.ts";
import { recordMessages } from "./counter-record-messages.ts";

/**
 * C6 窓口メモ on a kept record: the clerk's note (never printed on the form), as plain text with its line breaks,
 * 「（なし）」 when none was written. With `save`, 「メモを編集」 opens the memo's field (the counter screen's, with its
 * count and limit) to complete or correct it after printing: `save` answers null when kept, else the message to show.
 */
export function CounterRecordMemo({ memo, save }: { readonly memo: string; readonly save?: (memo: string) => Promise<string | null> }) {
  const { locale } = useI18n();
  const m = recordMessages[locale];
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(memo);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(0);
  // State updates are not synchronous: a ref stops a double click from sending twice.
  const savingRef = useRef(false);
  const [closedAt, setClosedAt] = useState(0);
  const editButton = useFocusOnChange<HTMLButtonElement>(closedAt);

  const close = () => {
    setEditing(false);
    setProblem(null);
    setClosedAt((n) => n + 1);
  };
  const submit = async () => {
    if (save === undefined || savingRef.current || memoTooLong(text)) return;
    savingRef.current = true;
    setSaving(true);
    const refused = await save(text);
    savingRef.current = false;
    setSaving(false);
    if (refused !== null) return setProblem(refused);
    setSaved((n) => n + 1);
    close();
  };

  return (
    <section aria-labelledby="counter-record-memo-heading" data-testid="counter-record-memo-section">
      <h2 id="counter-record-memo-heading">{m.memoHeading}</h2>
      {editing ? (
        <>
          {problem !== null && (
            <Alert kind="error" testId="counter-record-memo-error">
              <p>{problem}</p>
            </Alert>
          )}
          <CounterMemoField memo={text} onChange={setText} onFocus={() => undefined} />
          <div className="actions">
            <button type="button" className="button" onClick={() => void submit()} aria-disabled={saving || memoTooLong(text) || undefined} data-testid="counter-record-memo-save">
              {saving ? m.memoSaving : m.memoSave}
            </button>
            <button type="button" className="button button--secondary" onClick={close} data-testid="counter-record-memo-cancel">
              {m.memoCancel}
            </button>
          </div>
        </>
      ) : (
        <>
          {memo === "" ? (
            <p data-testid="counter-record-memo-none">{m.memoNone}</p>
          ) : (
            <p className="prewrap" lang="ja" data-testid="counter-record-memo">
              {memo}
            </p>
          )}
          {save !== undefined && (
            <button
              ref={editButton}
              type="button"
              className="button button--secondary"
              onClick={() => {
                setText(memo);
                setEditing(true);
              }}
              data-testid="counter-record-memo-edit"
            >
              {m.memoEdit}
            </button>
          )}
        </>
      )}
      <p role="status" data-testid="counter-record-memo-status">
        {saved > 0 && !editing && <span key={saved}>{m.memoSaved}</span>}
      </p>
    </section>
  );
}
