import { useMemo, useRef, useState } from "react";
import {
  acknowledgeDraftScan,
  draftIssues,
  draftValueAt,
  emptyNotificationDraft,
  unconfirmedPaths,
  type DraftIssue,
  type DraftPath,
  type Localized,
  type NotificationKind,
  type ResidenceNotificationDraft,
} from "@madoguchi/core";
import { Alert } from "../../../components/alert.tsx";
import { Link } from "../../../components/link.tsx";
import { Loading } from "../../../components/loading.tsx";
import { PageTitle } from "../../../components/page-title.tsx";
import { saveDownloadedFile } from "../../../download.ts";
import { usePageTitle } from "../../../hooks/use-document-title.ts";
import { useLoad } from "../../../hooks/use-load.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { StaffNav } from "../staff-nav.tsx";
import { useSignedInStaff } from "../staff-session.tsx";
import { CONFIRMATION_HEADER, counterApi } from "./counter-api.ts";
import { draftAfterScan, knownIssues, type CounterSetup, type ScanRead } from "./counter-draft.ts";
import { CounterIssues } from "./counter-issues.tsx";
import { CounterKanjiPanel } from "./counter-kanji-panel.tsx";
import { CounterKeepPanel } from "./counter-keep-panel.tsx";
import { CounterMemoField } from "./counter-memo-field.tsx";
import { canPrint, draftMemo, MEMO_TARGET, memoTooLong, withMemo, type PhraseTarget } from "./counter-memo.ts";
import { CounterPhrasesPanel } from "./counter-phrases-panel.tsx";
import { counterMessages, issueText, pathLabel } from "./counter-messages.ts";
import { recordMessages } from "./counter-record-messages.ts";
import { CounterRecordsImport } from "./counter-records-import.tsx";
import { COUNTER_RECORDS_PATH, RECORD_ID_HEADER, type ScanToKeep } from "./counter-records.ts";
import { CounterRelatedPanel } from "./counter-related-panel.tsx";
import { CounterScanForm, type ReadOutcome, type ScanPicture } from "./counter-scan-form.tsx";
import { CounterScanViewer, type ScanHighlight } from "./counter-scan-viewer.tsx";
import { CounterSheet } from "./counter-sheet.tsx";

/**
 * `/staff/counter` — the no-writing counter (書かない窓口, C1–C13), for members with `counter.use`. Staff scan what
 * the resident brings; the server's template OCR reads it into a 住民異動届 that staff compare with the document,
 * confirm or correct, and print as a PDF for the resident to sign. The draft lives on this page only (it is
 * personal data: never stored in the browser) until it is printed; the server keeps the printed form as a record
 * (C8), and the scans read for it are kept with it from the panel 書類の保存 shown after printing; the panel 関連する様式
 * (C7) then prints the 住民票の写し等交付請求書 and the 印鑑登録申請書 from the draft as printed, kept with the same record.
 * The 窓口メモ (C6) is part of the draft: sent with it and kept with the record, never printed on the form; the
 * registered phrases and 漢字検索 (C6) type into the value (or the memo) chosen last.
 */
export function CounterPage() {
  const { locale } = useI18n();
  const m = counterMessages[locale];
  usePageTitle(m.title);
  // The labels come in both languages: switching the language needs no second request.
  const setup = useLoad((signal) => counterApi(locale).setup(signal), "counter-setup");
  return (
    <div className="counter-page">
      <StaffNav current="counter" />
      <PageTitle>{m.title}</PageTitle>
      <p className="counter-page__intro">{m.intro}</p>
      {setup.state.kind === "loading" && <Loading />}
      {setup.state.kind === "error" && (
        <Alert kind="error" testId="counter-setup-error">
          <p>{setup.state.error.message ?? (setup.state.error.status === 0 ? m.networkError : m.unexpectedError)}</p>
        </Alert>
      )}
      {setup.state.kind === "ok" && <CounterWorkspace setup={setup.state.data} />}
    </div>
  );
}

type PrintState =
  | { readonly kind: "idle" }
  | { readonly kind: "printing" }
  /** `draft`: the draft as printed, kept for the related forms (C7) — the page's draft may change after printing. */
  | { readonly kind: "printed"; readonly confirmationNumber: string | null; readonly recordId: string | null; readonly draft: ResidenceNotificationDraft }
  | { readonly kind: "failed"; readonly message: string; readonly issues: readonly DraftIssue[] };

const FRESH: ResidenceNotificationDraft = emptyNotificationDraft("tennyu");

function CounterWorkspace({ setup }: { readonly setup: CounterSetup }) {
  const { locale, pick } = useI18n();
  const m = counterMessages[locale];
  const r = recordMessages[locale];
  const { csrfToken } = useSignedInStaff();
  const [draft, setDraftState] = useState<ResidenceNotificationDraft>(FRESH);
  // A scan answer arrives seconds after its request: it merges into the draft as it is then, not as it was.
  const draftRef = useRef(draft);
  const setDraft = (next: ResidenceNotificationDraft) => {
    // A person removed moves the rows below it up: a phrase must not go into the next person's value.
    if (next.persons.length < draftRef.current.persons.length) setPhraseTarget((t) => (t !== null && "person" in t ? null : t));
    draftRef.current = next;
    setDraftState(next);
  };
  /** Staff chose the kind of notification themselves: a first scan does not change it. */
  const [kindChosen, setKindChosen] = useState(false);
  const [pictures, setPictures] = useState<readonly ScanPicture[]>([]);
  /** The scans read for this draft, with the kind each was read as: kept with the form after printing. */
  const [scansToKeep, setScansToKeep] = useState<readonly ScanToKeep[]>([]);
  const [shown, setShown] = useState<number | null>(null);
  const [highlight, setHighlight] = useState<ScanHighlight | null>(null);
  /** C6: the value (or the 窓口メモ) whose input had focus last — where a registered phrase or a kanji found goes. */
  const [phraseTarget, setPhraseTarget] = useState<PhraseTarget | null>(null);
  const [print, setPrint] = useState<PrintState>({ kind: "idle" });
  // Starting a new notification also empties the scan form (file, choices, messages).
  const [generation, setGeneration] = useState(0);

  const issues = useMemo(() => draftIssues(draft, setup.today), [draft, setup.today]);
  const memo = draftMemo(draft);
  const printable = canPrint(issues.length, draft);

  const kindName = (kind: string): Localized => setup.documentKinds.find((k) => k.kind === kind)?.name ?? { ja: kind, en: kind };
  const scanName = (scan: number): string => m.scanName(scan + 1, pick(kindName(draft.scans[scan]?.kind ?? "")));
  const layoutName = (scan: number): Localized | null => setup.templates.find((t) => t.id === draft.scans[scan]?.templateId)?.name ?? null;

  const onRead = (read: ScanRead, picture: ScanPicture): ReadOutcome => {
    const next = draftAfterScan(draftRef.current, kindChosen, read);
    setDraft(next);
    setPictures((current) => [...current, picture]);
    setScansToKeep((current) => [...current, { file: picture.file, fileName: picture.fileName, contentType: picture.contentType, kind: read.document.kind }]);
    setShown(next.scans.length - 1);
    setHighlight(null);
    return { document: kindName(read.document.kind), flagged: unconfirmedPaths(next).length, byLabels: read.document.readBy === "labels" };
  };

  const onFocusValue = (path: DraftPath) => {
    setPhraseTarget(path);
    const source = draftValueAt(draftRef.current, path)?.source;
    if (source?.by !== "scan" || source.region === null) return setHighlight(null);
    setHighlight({ scan: source.scanIndex, region: source.region, label: pathLabel(path, locale) });
    setShown(source.scanIndex);
  };

  const onFocusMemo = () => {
    setPhraseTarget(MEMO_TARGET);
    setHighlight(null);
  };

  const onKindChange = (kind: NotificationKind) => {
    setKindChosen(true);
    setDraft({ ...draftRef.current, kind });
  };

  const startOver = () => {
    setDraft(FRESH);
    setKindChosen(false);
    setPictures([]);
    setScansToKeep([]);
    setShown(null);
    setHighlight(null);
    setPhraseTarget(null);
    setPrint({ kind: "idle" });
    setGeneration((g) => g + 1);
  };

  const printForm = async () => {
    if (!printable || print.kind === "printing") return;
    setPrint({ kind: "printing" });
    const printed = draftRef.current;
    const result = await counterApi(locale).print(printed, csrfToken);
    if (!result.ok) {
      const message = result.error.message ?? (result.error.status === 0 ? m.networkError : m.unexpectedError);
      setPrint({ kind: "failed", message, issues: knownIssues(result.error.issues ?? []) });
      return;
    }
    const confirmationNumber = result.data.headers.get(CONFIRMATION_HEADER);
    saveDownloadedFile(result.data, `juminido-todoke-${confirmationNumber ?? "draft"}.pdf`);
    setPrint({ kind: "printed", confirmationNumber, recordId: result.data.headers.get(RECORD_ID_HEADER), draft: printed });
  };

  return (
    <>
      <div className="actions counter-page__start">
        <button type="button" className="button button--secondary" onClick={startOver} aria-describedby="counter-new-help" data-testid="counter-new">
          {m.newNotification}
        </button>
        <span id="counter-new-help" className="field__help">
          {m.newNotificationHelp}
        </span>
        <Link href={COUNTER_RECORDS_PATH} className="counter-page__records" data-testid="counter-to-records">
          {r.toRecords}
        </Link>
      </div>
      <div className="counter-layout">
        <div className="counter-layout__main">
          <CounterScanForm key={generation} setup={setup} csrfToken={csrfToken} onRead={onRead} />
          {/* C5: a new notification empties it too, and cancels a read under way (it must not fill the next draft). */}
          <CounterRecordsImport key={`records-${generation}`} kind={draft.kind} csrfToken={csrfToken} currentDraft={() => draftRef.current} onDraft={setDraft} />
          <CounterPhrasesPanel target={phraseTarget} csrfToken={csrfToken} onTargetGone={() => setPhraseTarget(null)} />
          {/* A new notification empties the search too: its reading was part of the last resident's name. */}
          <CounterKanjiPanel key={`kanji-${generation}`} target={phraseTarget} onTargetGone={() => setPhraseTarget(null)} />
          <CounterSheet
            draft={draft}
            issues={issues}
            reasonLabels={setup.reasonLabels}
            onChange={setDraft}
            onKindChange={onKindChange}
            onFocusValue={onFocusValue}
          />
          <CounterMemoField memo={memo} onChange={(text) => setDraft(withMemo(draftRef.current, text))} onFocus={onFocusMemo} />
          <CounterIssues issues={issues} scanName={scanName} memoTooLong={memoTooLong(memo)} />
          <section aria-labelledby="counter-print-heading" className="counter-print">
            <h2 id="counter-print-heading" className="visually-hidden">
              {m.print}
            </h2>
            <p id="counter-print-help" className="field__help">
              {m.printHelp}
            </p>
            <p id="counter-keep-notice" className="field__help" data-testid="counter-keep-notice">
              {r.keepNotice}
            </p>
            <div className="actions">
              <button
                type="button"
                className="button"
                onClick={() => void printForm()}
                disabled={!printable}
                aria-disabled={print.kind === "printing" || undefined}
                aria-describedby="counter-print-help counter-keep-notice"
                data-testid="counter-print"
              >
                {print.kind === "printing" ? m.printing : m.print}
              </button>
            </div>
            {print.kind === "failed" && (
              <Alert kind="error" testId="counter-print-error">
                <p>{print.message}</p>
                {print.issues.length > 0 && (
                  <>
                    <p>{m.serverIssues}</p>
                    <ul>
                      {print.issues.map((issue, i) => (
                        <li key={i}>{issueText(issue, locale, scanName)}</li>
                      ))}
                    </ul>
                  </>
                )}
              </Alert>
            )}
            {print.kind === "printed" && (
              <div className="panel panel--success" role="status" data-testid="counter-printed">
                <p className="panel__label">{m.printed}</p>
                {print.confirmationNumber !== null && (
                  <>
                    <p className="panel__label">{m.confirmationNumber}</p>
                    <p className="panel__value" data-testid="counter-confirmation-number">
                      {print.confirmationNumber}
                    </p>
                  </>
                )}
              </div>
            )}
          </section>
          {print.kind === "printed" &&
            (print.recordId === null ? (
              <Alert kind="warning" testId="counter-keep-unknown">
                <p>{r.noRecordId}</p>
              </Alert>
            ) : (
              <>
                <CounterKeepPanel key={print.recordId} recordId={print.recordId} scans={scansToKeep} setup={setup} csrfToken={csrfToken} />
                <CounterRelatedPanel
                  key={`related-${print.recordId}`}
                  recordId={print.recordId}
                  confirmationNumber={print.confirmationNumber}
                  draft={print.draft}
                  csrfToken={csrfToken}
                  scanName={(scan) => m.scanName(scan + 1, pick(kindName(print.draft.scans[scan]?.kind ?? "")))}
                />
              </>
            ))}
        </div>
        <div className="counter-layout__side">
          <CounterScanViewer
            scans={draft.scans}
            pictures={pictures}
            shown={shown}
            onShow={(scan) => {
              setShown(scan);
              setHighlight(null);
            }}
            highlight={highlight}
            scanName={scanName}
            layoutName={layoutName}
            reasonLabels={setup.reasonLabels}
            onAcknowledge={(scan) => setDraft(acknowledgeDraftScan(draftRef.current, scan))}
          />
        </div>
      </div>
    </>
  );
}
