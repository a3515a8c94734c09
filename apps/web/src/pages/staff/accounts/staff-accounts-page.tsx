import { useState, type FormEvent } from "react";
import { Alert } from "../../../components/alert.tsx";
import { PageTitle } from "../../../components/page-title.tsx";
import { TextField } from "../../../components/text-field.tsx";
import { usePageTitle } from "../../../hooks/use-document-title.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import type { ApiResult } from "../../../api-result.ts";
import { useSignedInStaff } from "../staff-session.tsx";
import { StaffNav } from "../staff-nav.tsx";
import { staffAccountsApi, type AdminAccountView } from "./staff-accounts-api.ts";

const M = {
  ja: {
    title: "職員アカウント管理",
    issueTitle: "アカウントの発行",
    issueHelp: "職員本人にパスワード設定用のリンク（30分・1回限り）をメールで送ります。管理者はパスワードを設定しません。",
    loginId: "ログインID",
    displayName: "氏名",
    email: "送付先メールアドレス（保存されません）",
    issue: "発行してリンクを送る",
    issued: "発行しました。設定用リンクを送りました。",
    findTitle: "アカウントの操作",
    find: "表示",
    state: (a: AdminAccountView) => `${a.displayName}（${a.loginId}）: ${a.disabled ? "無効" : "有効"} / ${a.locked ? "ロック中" : "ロックなし"} / 認証アプリ${a.totpEnrolled ? "登録済み" : "未登録"}`,
    unlock: "ロック解除",
    disable: "無効にする（全セッション終了）",
    enable: "有効にする",
    reset: "パスワード再設定リンクを送る",
    done: "完了しました。",
    stepUpTitle: "本人確認",
    stepUpHelp: "この操作には、認証アプリの確認コードの再入力が必要です。",
    code: "確認コード",
    confirm: "確認して続ける",
  },
  en: {
    title: "Staff accounts",
    issueTitle: "Issue an account",
    issueHelp: "The staff member receives a set-up link by email (valid once, for 30 minutes) and sets their own password. Administrators never set passwords.",
    loginId: "Login ID",
    displayName: "Name",
    email: "Email for the link (not stored)",
    issue: "Issue and send the link",
    issued: "Issued. The set-up link was sent.",
    findTitle: "Manage an account",
    find: "Show",
    state: (a: AdminAccountView) => `${a.displayName} (${a.loginId}): ${a.disabled ? "disabled" : "enabled"} / ${a.locked ? "locked" : "not locked"} / authenticator ${a.totpEnrolled ? "set up" : "not set up"}`,
    unlock: "Unlock",
    disable: "Disable (ends all sessions)",
    enable: "Enable",
    reset: "Send a password reset link",
    done: "Done.",
    stepUpTitle: "Confirm it's you",
    stepUpHelp: "This action needs the code from your authenticator app again.",
    code: "Code",
    confirm: "Confirm and continue",
  },
} as const;

/**
 * Staff account administration (`staff.manage`): issue an account (set-up link by mail), and for an
 * account found by login ID: unlock, disable/enable, send a reset link. These actions need a recent
 * step-up: when the server asks for it, the code is requested here and the action retried.
 */
export function StaffAccountsPage() {
  const { locale } = useI18n();
  const m = M[locale];
  usePageTitle(m.title);
  const session = useSignedInStaff();
  const api = staffAccountsApi(locale);
  const [csrf, setCsrf] = useState(session.csrfToken);
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [pending, setPending] = useState<((token: string) => Promise<ApiResult<unknown>>) | null>(null);
  const [code, setCode] = useState("");
  const [issue, setIssue] = useState({ loginId: "", displayName: "", email: "" });
  const [lookup, setLookup] = useState("");
  const [account, setAccount] = useState<AdminAccountView | null>(null);
  const [resetEmail, setResetEmail] = useState("");

  /** Runs an action; a step-up request keeps it to retry after the code. */
  const run = async (work: (token: string) => Promise<ApiResult<unknown>>, success: string) => {
    const result = await work(csrf);
    if (result.ok) {
      setMessage({ kind: "success", text: success });
      if (account !== null) await refresh(account.loginId);
      return;
    }
    if (result.error.code === "staff.step_up_required") {
      setPending(() => work);
      setMessage(null);
      return;
    }
    setMessage({ kind: "error", text: result.error.message ?? String(result.error.status) });
  };
  const refresh = async (loginId: string) => {
    const found = await api.find(loginId);
    if (found.ok) setAccount(found.data);
    else {
      setAccount(null);
      setMessage({ kind: "error", text: found.error.message ?? String(found.error.status) });
    }
  };
  const stepUp = async (event: FormEvent) => {
    event.preventDefault();
    const result = await api.stepUp(code.trim(), csrf);
    setCode("");
    if (!result.ok) return setMessage({ kind: "error", text: result.error.message ?? String(result.error.status) });
    // A step-up gives a new session id (cookie) and a new CSRF token.
    setCsrf(result.data.csrfToken);
    const work = pending;
    setPending(null);
    if (work !== null) {
      const retried = await work(result.data.csrfToken);
      setMessage(retried.ok ? { kind: "success", text: m.done } : { kind: "error", text: retried.error.message ?? String(retried.error.status) });
      if (account !== null) await refresh(account.loginId);
    }
    void session.check();
  };

  return (
    <>
      <StaffNav current="accounts" />
      <PageTitle>{m.title}</PageTitle>
      {message !== null && (
        <Alert kind={message.kind} testId="accounts-message">
          <p>{message.text}</p>
        </Alert>
      )}
      {pending !== null && (
        <form noValidate onSubmit={(e) => void stepUp(e)} className="form form--narrow" aria-labelledby="step-up-title">
          <h2 id="step-up-title">{m.stepUpTitle}</h2>
          <p>{m.stepUpHelp}</p>
          <TextField id="stepUpCode" label={m.code} value={code} onChange={setCode} inputMode="numeric" autoComplete="one-time-code" size="short" testId="step-up-code" />
          <div className="actions">
            <button type="submit" className="button" data-testid="step-up-submit">
              {m.confirm}
            </button>
          </div>
        </form>
      )}
      <section aria-labelledby="issue-title">
        <h2 id="issue-title">{m.issueTitle}</h2>
        <p>{m.issueHelp}</p>
        <form
          noValidate
          className="form form--narrow"
          onSubmit={(e) => {
            e.preventDefault();
            void run((token) => api.issue(issue, token), m.issued);
          }}
        >
          <TextField id="issueLoginId" label={m.loginId} value={issue.loginId} onChange={(v) => setIssue({ ...issue, loginId: v })} spellCheck={false} size="medium" />
          <TextField id="issueName" label={m.displayName} value={issue.displayName} onChange={(v) => setIssue({ ...issue, displayName: v })} size="medium" />
          <TextField id="issueEmail" label={m.email} type="email" value={issue.email} onChange={(v) => setIssue({ ...issue, email: v })} size="long" />
          <div className="actions">
            <button type="submit" className="button" data-testid="issue-account">
              {m.issue}
            </button>
          </div>
        </form>
      </section>
      <section aria-labelledby="find-title">
        <h2 id="find-title">{m.findTitle}</h2>
        <form
          noValidate
          className="form form--narrow"
          onSubmit={(e) => {
            e.preventDefault();
            void refresh(lookup.trim());
          }}
        >
          <TextField id="findLoginId" label={m.loginId} value={lookup} onChange={setLookup} spellCheck={false} size="medium" />
          <div className="actions">
            <button type="submit" className="button button--ghost" data-testid="find-account">
              {m.find}
            </button>
          </div>
        </form>
        {account !== null && (
          <div data-testid="account-state">
            <p>{m.state(account)}</p>
            <div className="actions">
              {account.locked && (
                <button type="button" className="button" onClick={() => void run((token) => api.action(account.id, "unlock", token), m.done)}>
                  {m.unlock}
                </button>
              )}
              {account.disabled ? (
                <button type="button" className="button" onClick={() => void run((token) => api.action(account.id, "enable", token), m.done)}>
                  {m.enable}
                </button>
              ) : (
                <button type="button" className="button button--danger" onClick={() => void run((token) => api.action(account.id, "disable", token), m.done)}>
                  {m.disable}
                </button>
              )}
            </div>
            <form
              noValidate
              className="form form--narrow"
              onSubmit={(e) => {
                e.preventDefault();
                void run((token) => api.reset(account.id, resetEmail, token), m.done);
              }}
            >
              <TextField id="resetEmail" label={m.email} type="email" value={resetEmail} onChange={setResetEmail} size="long" />
              <div className="actions">
                <button type="submit" className="button button--ghost">
                  {m.reset}
                </button>
              </div>
            </form>
          </div>
        )}
      </section>
    </>
  );
}
