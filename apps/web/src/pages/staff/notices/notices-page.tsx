import { useState, type FormEvent } from "react";
import { japanCalendarDate, type ServiceNotice } from "@madoguchi/core";
import { requestJson } from "../../../api.ts";
import { Alert } from "../../../components/alert.tsx";
import { Loading } from "../../../components/loading.tsx";
import { PageTitle } from "../../../components/page-title.tsx";
import { TextField } from "../../../components/text-field.tsx";
import { usePageTitle } from "../../../hooks/use-document-title.ts";
import { useLoad } from "../../../hooks/use-load.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import type { Localized } from "../../../i18n/locale.ts";
import { StaffNav } from "../staff-nav.tsx";
import { noticeText } from "../../notices/notice-text.ts";
import { useSignedInStaff } from "../staff-session.tsx";

interface StoredNotices {
  readonly notices: readonly ServiceNotice[];
  readonly version: number;
}

/** The form's fields, as typed. */
interface Draft {
  readonly titleJa: string;
  readonly titleEn: string;
  readonly bodyJa: string;
  readonly bodyEn: string;
  readonly link: string;
  readonly publishFrom: string;
  readonly publishUntil: string;
}

/** Today in Japan, `YYYY-MM-DD` (core's calendar rule). */
const todayInJapan = (): string => japanCalendarDate(new Date());
const EMPTY = (): Draft => ({ titleJa: "", titleEn: "", bodyJa: "", bodyEn: "", link: "", publishFrom: todayInJapan(), publishUntil: "" });
const draftOf = (n: ServiceNotice): Draft => ({ titleJa: n.title.ja, titleEn: n.title.en, bodyJa: n.body.ja, bodyEn: n.body.en, link: n.link ?? "", publishFrom: n.publishFrom, publishUntil: n.publishUntil ?? "" });
/** A new notice's id: its first day and a random part (staff never type ids). */
const newId = (from: string): string => `n-${from.replaceAll("-", "")}-${Math.random().toString(16).slice(2, 8)}`;

const M = {
  ja: {
    title: "お知らせ",
    intro: "ポータルの最初のページに、手続の案内や窓口の変更などを掲載します（日本時間で開始日から終了日まで）。",
    none: "お知らせはありません。",
    cols: ["件名", "掲載期間", "状態", ""],
    state: { current: "掲載中", future: "掲載予定", past: "掲載終了" },
    open: "終了日なし",
    edit: "編集",
    remove: "削除",
    newHeading: "お知らせを追加",
    editHeading: "お知らせを編集",
    fields: { titleJa: "件名（日本語）", titleEn: "件名（英語、任意）", bodyJa: "本文（日本語）", bodyEn: "本文（英語、任意）", link: "リンク（任意）", publishFrom: "掲載開始日", publishUntil: "掲載終了日（任意）" },
    linkHelp: "ポータル内のページは / で始まるパス（例: /procedures）、外部のページは https:// で始まるアドレス。",
    save: "保存する",
    cancel: "やめる",
    saved: "保存しました。",
    titleRequired: "日本語の件名を入力してください。",
  },
  en: {
    title: "Notices",
    intro: "Notices on the portal's first page — a new procedure online, the counter's changed hours — shown from their first to their last day (Japan time).",
    none: "No notices.",
    cols: ["Title", "Shown", "State", ""],
    state: { current: "Shown now", future: "Scheduled", past: "Ended" },
    open: "no end",
    edit: "Edit",
    remove: "Delete",
    newHeading: "Add a notice",
    editHeading: "Edit the notice",
    fields: { titleJa: "Title (Japanese)", titleEn: "Title (English, optional)", bodyJa: "Text (Japanese)", bodyEn: "Text (English, optional)", link: "Link (optional)", publishFrom: "First day", publishUntil: "Last day (optional)" },
    linkHelp: "A portal page as a path starting with / (e.g. /procedures), another site as an address starting with https://.",
    save: "Save",
    cancel: "Cancel",
    saved: "Saved.",
    titleRequired: "Enter the Japanese title.",
  },
} as const;

/** The notices page's name in the navigation. */
export const noticesNavLabel: Localized = { ja: M.ja.title, en: M.en.title };

const stateOf = (n: ServiceNotice, today: string): "current" | "future" | "past" =>
  n.publishFrom > today ? "future" : n.publishUntil !== null && n.publishUntil < today ? "past" : "current";

/**
 * `/staff/notices` — R14: the notices to residents, for members with `forms.manage`. The whole list is saved at once
 * with the version it was read at, so two members editing together do not overwrite each other unseen.
 */
export function NoticesPage() {
  const { locale } = useI18n();
  const m = M[locale];
  usePageTitle(m.title);
  const { csrfToken } = useSignedInStaff();
  const loaded = useLoad((signal) => requestJson<StoredNotices>("GET", "/api/staff/notices", { locale, signal }), `staff-notices-${locale}`);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [titleError, setTitleError] = useState<string | null>(null);

  if (loaded.state.kind === "loading") return <Loading />;
  if (loaded.state.kind === "error") {
    return (
      <Alert kind="error">
        <p>{loaded.state.error.message ?? String(loaded.state.error.status)}</p>
      </Alert>
    );
  }
  const stored = loaded.state.data;
  const today = todayInJapan();

  const save = async (notices: readonly ServiceNotice[]) => {
    setMessage(null);
    const result = await requestJson<StoredNotices>("PUT", "/api/staff/notices", { locale, body: { notices, expectedVersion: stored.version }, csrfToken });
    if (!result.ok) {
      setMessage({ kind: "error", text: result.error.message ?? String(result.error.status) });
      return false;
    }
    loaded.set(result.data);
    setMessage({ kind: "success", text: m.saved });
    return true;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTitleError(null);
    if (draft.titleJa.trim() === "") {
      setTitleError(m.titleRequired);
      return;
    }
    const notice: ServiceNotice = {
      id: editing ?? newId(draft.publishFrom),
      title: { ja: draft.titleJa.trim(), en: draft.titleEn.trim() },
      body: { ja: draft.bodyJa.trim(), en: draft.bodyEn.trim() },
      link: draft.link.trim() === "" ? null : draft.link.trim(),
      publishFrom: draft.publishFrom,
      publishUntil: draft.publishUntil === "" ? null : draft.publishUntil,
    };
    const next = editing === null ? [...stored.notices, notice] : stored.notices.map((n) => (n.id === editing ? notice : n));
    if (await save(next)) {
      setEditing(null);
      setDraft(EMPTY());
    }
  };

  const field = (key: keyof Draft) => ({ id: `notice-${key}`, label: m.fields[key], value: draft[key], onChange: (v: string) => setDraft({ ...draft, [key]: v }), testId: `notice-${key}` });

  return (
    <>
      <StaffNav current="notices" />
      <PageTitle>{m.title}</PageTitle>
      <p>{m.intro}</p>
      {message !== null && (
        <Alert kind={message.kind} testId="notices-message">
          <p>{message.text}</p>
        </Alert>
      )}
      {stored.notices.length === 0 ? (
        <p data-testid="notices-none">{m.none}</p>
      ) : (
        <div className="table-scroll">
          <table className="table table--rows" data-testid="notices-table">
            <caption className="visually-hidden">{m.title}</caption>
            <thead>
              <tr>
                {m.cols.map((c, i) => (
                  <th key={i} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {stored.notices.map((n) => (
                <tr key={n.id} data-testid="notice-row">
                  <th scope="row">{noticeText(n, locale).title}</th>
                  <td>{`${n.publishFrom} – ${n.publishUntil ?? m.open}`}</td>
                  <td>{m.state[stateOf(n, today)]}</td>
                  <td>
                    <button type="button" className="button button--ghost" onClick={() => (setEditing(n.id), setDraft(draftOf(n)))} data-testid="notice-edit">
                      {m.edit}
                    </button>{" "}
                    <button type="button" className="button button--ghost" onClick={() => void save(stored.notices.filter((x) => x.id !== n.id))} data-testid="notice-remove">
                      {m.remove}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{editing === null ? m.newHeading : m.editHeading}</h2>
      <form noValidate className="form" onSubmit={(e) => void submit(e)}>
        <TextField {...field("titleJa")} required errors={titleError === null ? [] : [titleError]} announceErrors />
        <TextField {...field("titleEn")} />
        {(["bodyJa", "bodyEn"] as const).map((key) => (
          <div className="field" key={key}>
            <label className="field__label" htmlFor={`notice-${key}`}>
              {m.fields[key]}
            </label>
            <textarea id={`notice-${key}`} className="textarea" rows={4} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} data-testid={`notice-${key}`} />
          </div>
        ))}
        <TextField {...field("link")} help={m.linkHelp} />
        <TextField {...field("publishFrom")} type="date" size="medium" />
        <TextField {...field("publishUntil")} type="date" size="medium" />
        <div className="actions">
          <button type="submit" className="button" data-testid="notice-save">
            {m.save}
          </button>{" "}
          {editing !== null && (
            <button type="button" className="button button--ghost" onClick={() => (setEditing(null), setDraft(EMPTY()))}>
              {m.cancel}
            </button>
          )}
        </div>
      </form>
    </>
  );
}
