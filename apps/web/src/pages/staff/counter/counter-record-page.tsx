import { useEffect, useState } from "react";
import { NOTIFICATION_FIELD_LABELS, PERSON_FIELD_LABELS } from "@madoguchi/core";
import { Alert } from "../../../components/alert.tsx";
import { DefinitionList } from "../../../components/definition-list.tsx";
import { Link } from "../../../components/link.tsx";
import { Loading } from "../../../components/loading.tsx";
import { PageTitle } from "../../../components/page-title.tsx";
import { saveDownloadedFile } from "../../../download.ts";
import { formatDateTime, formatIsoDate } from "../../../format.ts";
import { usePageTitle } from "../../../hooks/use-document-title.ts";
import { useLoad } from "../../../hooks/use-load.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import { StaffNav } from "../staff-nav.tsx";
import { useSignedInStaff } from "../staff-session.tsx";
import { counterApi } from "./counter-api.ts";
import { megabytes, type CounterSetup } from "./counter-draft.ts";
import { counterMessages } from "./counter-messages.ts";
import { CounterPaperForm } from "./counter-paper-form.tsx";
import { CounterRecordMemo } from "./counter-record-memo.tsx";
import { recordMessages } from "./counter-record-messages.ts";
import { rememberRecordChange } from "./counter-records-memory.ts";
import {
  birthDateText,
  COUNTER_RECORDS_PATH,
  documentTitleSuggestions,
  formatByteSize,
  notificationKindText,
  type CounterDocumentView,
  type CounterRecordView,
  type PaperToKeep,
} from "./counter-records.ts";

/**
 * `/staff/counter/records/:id` — one kept record (C9): what the form says (persons, dates of birth in both
 * calendars, addresses), the 窓口メモ (C6, never printed), the documents kept (the printed form, the papers scanned),
 * each opened as its PDF to view and print, and a paper added (C8). Viewing the record and opening a document are audited by the server.
 */
export function CounterRecordPage({ id }: { readonly id: string }) {
  const { locale, t } = useI18n();
  const m = recordMessages[locale];
  const c = counterMessages[locale];
  const { signedOut } = useSignedInStaff();
  const loaded = useLoad((signal) => counterApi(locale).record(id, signal), `counter-record-${id}`);
  // Only for adding a paper (the size limit, the kinds' names): the record shows without it.
  const setup = useLoad((signal) => counterApi(locale).setup(signal), "counter-setup");
  const record = loaded.state.kind === "ok" ? loaded.state.data.record : null;
  usePageTitle(record === null ? m.title : m.recordTitle(record.confirmationNumber));
  const expired = loaded.state.kind === "error" && loaded.state.error.status === 401;
  useEffect(() => {
    if (expired) signedOut("expired");
  }, [expired, signedOut]);

  return (
    <div className="counter-record-page">
      <StaffNav current="counter" subpage="counterRecords" />
      <p className="breadcrumb">
        <Link href={COUNTER_RECORDS_PATH} data-testid="counter-record-back">
          {m.backToSearch}
        </Link>
      </p>
      {loaded.state.kind === "loading" && <Loading />}
      {loaded.state.kind === "error" && !expired && (
        <>
          <PageTitle>{m.title}</PageTitle>
          <Alert kind="error" testId="counter-record-error">
            <p>{loaded.state.error.message ?? (loaded.state.error.status === 0 ? c.networkError : c.unexpectedError)}</p>
          </Alert>
          {loaded.state.error.status !== 404 && (
            <button type="button" className="button" onClick={loaded.reload}>
              {t.meta.retry}
            </button>
          )}
        </>
      )}
      {record !== null && (
        <RecordView
          record={record}
          setup={setup.state.kind === "ok" ? setup.state.data : null}
          onKept={(document) => {
            const changed = { ...record, documents: [...record.documents, document] };
            loaded.set({ record: changed });
            rememberRecordChange(changed);
          }}
          onChanged={(changed) => {
            loaded.set({ record: changed });
            rememberRecordChange(changed);
          }}
        />
      )}
    </div>
  );
}

type OpenState = { readonly kind: "idle" } | { readonly kind: "opening"; readonly documentId: string } | { readonly kind: "opened"; readonly title: string } | { readonly kind: "failed"; readonly message: string };

function RecordView({
  record,
  setup,
  onKept,
  onChanged,
}: {
  readonly record: CounterRecordView;
  readonly setup: CounterSetup | null;
  readonly onKept: (document: CounterDocumentView) => void;
  readonly onChanged: (record: CounterRecordView) => void;
}) {
  const { locale } = useI18n();
  const m = recordMessages[locale];
  const c = counterMessages[locale];
  const { csrfToken } = useSignedInStaff();
  const [open, setOpen] = useState<OpenState>({ kind: "idle" });
  const [keptMessage, setKeptMessage] = useState<string | null>(null);

  const openDocument = async (document: CounterDocumentView) => {
    if (open.kind === "opening") return;
    setOpen({ kind: "opening", documentId: document.id });
    const result = await counterApi(locale).document(record.id, document.id);
    if (!result.ok) return setOpen({ kind: "failed", message: result.error.message ?? (result.error.status === 0 ? c.networkError : c.unexpectedError) });
    // Downloaded, not shown in a frame or a blob: page: the CSP frames nothing and allows no plugin (object-src 'none').
    saveDownloadedFile(result.data, `${record.confirmationNumber}-${document.kind}.pdf`);
    setOpen({ kind: "opened", title: document.title });
  };

  const keep = async (paper: PaperToKeep): Promise<string | null> => {
    setKeptMessage(null);
    const result = await counterApi(locale).keepDocument(record.id, paper.file, paper.contentType, paper.title, csrfToken);
    if (!result.ok) return result.error.message ?? (result.error.status === 0 ? c.networkError : c.unexpectedError);
    onKept(result.data.document);
    setKeptMessage(m.added(result.data.document.title));
    return null;
  };

  /** C6: the memo changed after printing; the page shows the record the server answers. */
  const saveMemo = async (memo: string): Promise<string | null> => {
    const result = await counterApi(locale).changeMemo(record.id, memo, csrfToken);
    if (!result.ok) return result.error.message ?? (result.error.status === 0 ? c.networkError : c.unexpectedError);
    onChanged(result.data.record);
    return null;
  };

  const { summary } = record;
  return (
    <>
      <PageTitle>{m.recordTitle(record.confirmationNumber)}</PageTitle>
      <section aria-labelledby="counter-record-summary-heading" data-testid="counter-record-summary">
        <h2 id="counter-record-summary-heading">{m.summaryHeading}</h2>
        <DefinitionList
          rows={[
            { label: m.confirmationNumber, value: <span className="code">{record.confirmationNumber}</span>, testId: "counter-record-number" },
            { label: m.kind, value: notificationKindText(record.kind, locale), testId: "counter-record-kind" },
            { label: m.createdAt, value: <time dateTime={record.createdAt}>{formatDateTime(record.createdAt, locale)}</time> },
            { label: m.createdBy, value: <span className="code">{record.createdBy}</span> },
            { label: m.keepUntil, value: m.keepUntilValue(formatIsoDate(record.keepUntil, locale)), testId: "counter-record-keep-until" },
            { label: NOTIFICATION_FIELD_LABELS["address.new"][locale], value: <span lang="ja">{summary.newAddress === "" ? "—" : summary.newAddress}</span>, testId: "counter-record-new-address" },
            {
              label: NOTIFICATION_FIELD_LABELS["address.previous"][locale],
              value: <span lang="ja">{summary.previousAddress === "" ? "—" : summary.previousAddress}</span>,
              testId: "counter-record-previous-address",
            },
          ]}
        />
        <h3 id="counter-record-persons-heading">{m.personsHeading}</h3>
        {summary.persons.length === 0 ? (
          <p>{m.noPersons}</p>
        ) : (
          <div className="table-scroll">
            <table className="table table--rows" aria-labelledby="counter-record-persons-heading" data-testid="counter-record-persons">
              <thead>
                <tr>
                  <th scope="col">{PERSON_FIELD_LABELS.name[locale]}</th>
                  <th scope="col">{PERSON_FIELD_LABELS.kana[locale]}</th>
                  <th scope="col">{PERSON_FIELD_LABELS.birthDate[locale]}</th>
                </tr>
              </thead>
              <tbody>
                {summary.persons.map((p, i) => (
                  <tr key={i} data-testid="counter-record-person">
                    <th scope="row" lang="ja">
                      {p.name === "" ? "—" : p.name}
                    </th>
                    <td lang="ja">{p.kana === "" ? "—" : p.kana}</td>
                    <td>{p.birthDate === "" ? "—" : birthDateText(p.birthDate, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <CounterRecordMemo memo={summary.memo} save={saveMemo} />

      <section aria-labelledby="counter-record-documents-heading" data-testid="counter-record-documents">
        <h2 id="counter-record-documents-heading">{m.documentsHeading}</h2>
        <p id="counter-record-open-help" className="field__help">
          {m.openHelp}
        </p>
        <div className="table-scroll">
          <table className="table table--rows" data-testid="counter-record-documents-table">
            <caption>{m.documentsCaption(record.documents.length)}</caption>
            <thead>
              <tr>
                <th scope="col">{m.colTitle}</th>
                <th scope="col">{m.colDocumentKind}</th>
                <th scope="col">{m.colAddedAt}</th>
                <th scope="col" className="num">
                  {m.colSize}
                </th>
                <th scope="col">{m.colActions}</th>
              </tr>
            </thead>
            <tbody>
              {record.documents.map((d, i) => (
                <tr key={d.id} data-testid="counter-record-document" data-kind={d.kind}>
                  <th scope="row" lang="ja">
                    {d.title}
                  </th>
                  <td>{m.documentKind[d.kind] ?? d.kind}</td>
                  <td>
                    <time dateTime={d.addedAt}>{formatDateTime(d.addedAt, locale)}</time>
                  </td>
                  <td className="num">{formatByteSize(d.byteLength)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => void openDocument(d)}
                      aria-label={m.openLabel(d.title)}
                      aria-describedby="counter-record-open-help"
                      aria-disabled={open.kind === "opening" || undefined}
                      data-testid={`counter-record-document-${i}-open`}
                    >
                      {open.kind === "opening" && open.documentId === d.id ? m.opening : m.open}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div aria-live="polite" data-testid="counter-record-open-status">
          {open.kind === "opened" && <p>{m.opened(open.title)}</p>}
        </div>
        {open.kind === "failed" && (
          <Alert kind="error" testId="counter-record-open-error">
            <p>{open.message}</p>
          </Alert>
        )}
      </section>

      {setup !== null && (
        <div className="counter-record__add">
          <CounterPaperForm
            idPrefix="counter-record-add"
            heading={m.addHeading}
            headingLevel={2}
            help={m.addHelp(megabytes(setup.maxScanBytes))}
            maxScanBytes={setup.maxScanBytes}
            suggestions={documentTitleSuggestions(setup.documentKinds)}
            submitLabel={m.add}
            busyLabel={m.adding}
            onAdd={keep}
          />
          <p role="status" data-testid="counter-record-add-status">
            {keptMessage ?? ""}
          </p>
        </div>
      )}
    </>
  );
}
