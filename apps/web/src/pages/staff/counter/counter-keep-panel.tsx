import { useRef, useState } from "react";
import { Link } from "../../../components/link.tsx";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { counterApi } from "./counter-api.ts";
import { megabytes, type CounterSetup } from "./counter-draft.ts";
import { counterMessages } from "./counter-messages.ts";
import { CounterPaperForm } from "./counter-paper-form.tsx";
import { recordMessages } from "./counter-record-messages.ts";
import {
  counterRecordPath,
  documentTitleProblem,
  documentTitleSuggestions,
  keepCounts,
  keepItemsOf,
  MAX_DOCUMENT_TITLE_LENGTH,
  papersToSend,
  type KeepItem,
  type PaperToKeep,
  type ScanToKeep,
} from "./counter-records.ts";

/** Props of {@link CounterKeepPanel}. */
export interface CounterKeepPanelProps {
  /** The record the printed form was kept as (`X-Counter-Record-Id`). */
  readonly recordId: string;
  /** The scans read for the draft, in the order read. */
  readonly scans: readonly ScanToKeep[];
  readonly setup: Pick<CounterSetup, "documentKinds" | "maxScanBytes">;
  readonly csrfToken: string;
}

/**
 * 書類の保存 (C8), after printing: the papers read for the draft, each ticked and titled by its kind, and any other
 * paper staff add (委任状 …), kept with the printed form's record one by one. Each says whether it was kept or why
 * not (the server's words); a failed one is sent again by pressing 保存する again, a kept one never twice.
 */
export function CounterKeepPanel({ recordId, scans, setup, csrfToken }: CounterKeepPanelProps) {
  const { locale } = useI18n();
  const m = recordMessages[locale];
  const c = counterMessages[locale];
  const [items, setItemsState] = useState<readonly KeepItem[]>(() => keepItemsOf(scans, setup.documentKinds));
  // The uploads run one after another for seconds: each step works on the list as it is then.
  const itemsRef = useRef(items);
  const setItems = (update: (current: readonly KeepItem[]) => readonly KeepItem[]) => {
    itemsRef.current = update(itemsRef.current);
    setItemsState(itemsRef.current);
  };
  const [keeping, setKeeping] = useState(false);
  const [summary, setSummary] = useState<string | null>(null);
  const added = useRef(0);

  const change = (key: string, patch: Partial<Pick<KeepItem, "selected" | "title" | "status">>) =>
    setItems((current) => current.map((i) => (i.key === key ? { ...i, ...patch } : i)));

  const titleText = (item: KeepItem): string | null => {
    const problem = documentTitleProblem(item.title);
    return problem === null ? null : problem === "missing" ? m.titleMissing : problem === "too_long" ? m.titleTooLong(MAX_DOCUMENT_TITLE_LENGTH) : m.titleInvalid;
  };

  const keepAll = async () => {
    if (keeping) return;
    const sending = papersToSend(itemsRef.current);
    if (sending.length === 0) return setSummary(keepCounts(itemsRef.current).kept > 0 ? m.keepSummary(keepCounts(itemsRef.current).kept, 0) : m.nothingSelected);
    setKeeping(true);
    setSummary(null);
    for (const item of sending) {
      const problem = titleText(item);
      if (problem !== null) {
        change(item.key, { status: { kind: "failed", message: problem } });
        continue;
      }
      change(item.key, { status: { kind: "keeping" } });
      const result = await counterApi(locale).keepDocument(recordId, item.file, item.contentType, item.title.trim(), csrfToken);
      change(
        item.key,
        result.ok
          ? { status: { kind: "kept", documentId: result.data.document.id } }
          : { status: { kind: "failed", message: result.error.message ?? (result.error.status === 0 ? c.networkError : c.unexpectedError) } },
      );
    }
    setKeeping(false);
    const counts = keepCounts(itemsRef.current);
    setSummary(m.keepSummary(counts.kept, counts.failed));
  };

  const addPaper = (paper: PaperToKeep): null => {
    added.current += 1;
    setItems((current) => [...current, { ...paper, key: `added-${added.current}`, origin: "added", selected: true, status: { kind: "waiting" } }]);
    return null;
  };

  const statusText = (item: KeepItem): string => {
    switch (item.status.kind) {
      case "kept":
        return m.kept;
      case "keeping":
        return m.keeping;
      case "failed":
        return `${m.keepFailed}${item.status.message}`;
      case "waiting":
        return item.selected ? m.notKeptYet : m.notSelected;
    }
  };

  return (
    <section aria-labelledby="counter-keep-heading" className="counter-keep" data-testid="counter-keep">
      <h2 id="counter-keep-heading">{m.keepHeading}</h2>
      <p>{m.keepIntro}</p>
      {items.length === 0 ? (
        <p data-testid="counter-keep-none">{m.keepNone}</p>
      ) : (
        <ul className="counter-keep__list" aria-label={m.keepList} aria-busy={keeping || undefined}>
          {items.map((item) => {
            const id = `counter-keep-${item.key}`;
            const locked = item.status.kind === "kept" || item.status.kind === "keeping";
            return (
              <li key={item.key} className={`counter-keep__item counter-keep__item--${item.status.kind}`} data-testid="counter-keep-item" data-status={item.status.kind}>
                <span className="checkbox">
                  <input
                    type="checkbox"
                    id={`${id}-selected`}
                    checked={item.selected}
                    disabled={locked}
                    onChange={(e) => change(item.key, { selected: e.target.checked })}
                    aria-describedby={`${id}-status`}
                    data-testid={`${id}-selected`}
                  />{" "}
                  <label htmlFor={`${id}-selected`}>{m.keepThis(item.fileName)}</label>
                </span>
                <div className="field counter-keep__title">
                  <label className="field__label" htmlFor={`${id}-title`}>
                    {m.documentTitle}
                    <span className="visually-hidden">（{item.fileName}）</span>
                  </label>
                  <input
                    id={`${id}-title`}
                    name={`${id}-title`}
                    className="input input--medium"
                    value={item.title}
                    maxLength={MAX_DOCUMENT_TITLE_LENGTH}
                    list="counter-keep-titles"
                    disabled={locked || !item.selected}
                    onChange={(e) => change(item.key, { title: e.target.value, ...(item.status.kind === "failed" ? { status: { kind: "waiting" } } : {}) })}
                    autoComplete="off"
                    data-testid={`${id}-title`}
                  />
                </div>
                <p id={`${id}-status`} className={`counter-keep__status counter-keep__status--${item.status.kind}`} data-testid={`${id}-status`}>
                  {statusText(item)}
                </p>
                {item.origin === "added" && !locked && (
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => setItems((current) => current.filter((i) => i.key !== item.key))}
                    aria-label={m.removeFromList(item.title === "" ? item.fileName : item.title)}
                    data-testid={`${id}-remove`}
                  >
                    {m.removeShort}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <datalist id="counter-keep-titles">
        {documentTitleSuggestions(setup.documentKinds).map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <CounterPaperForm
        idPrefix="counter-keep-add"
        heading={m.addOtherHeading}
        headingLevel={3}
        help={m.addOtherHelp(megabytes(setup.maxScanBytes))}
        maxScanBytes={setup.maxScanBytes}
        suggestions={documentTitleSuggestions(setup.documentKinds)}
        submitLabel={m.addToList}
        busyLabel={m.addToList}
        onAdd={addPaper}
      />
      <div className="actions">
        <button type="button" className="button" onClick={() => void keepAll()} aria-disabled={keeping || undefined} data-testid="counter-keep-save">
          {keeping ? m.keeping : m.keep}
        </button>
        <Link href={counterRecordPath(recordId)} data-testid="counter-keep-record-link">
          {m.openRecord}
        </Link>
      </div>
      <p role="status" className="counter-keep__summary" data-testid="counter-keep-summary">
        {summary ?? ""}
      </p>
      <p className="field__help">{m.startOverNote}</p>
    </section>
  );
}
