import { useState } from "react";
import { Alert } from "../../../components/alert.tsx";
import { PageTitle } from "../../../components/page-title.tsx";
import { TextField } from "../../../components/text-field.tsx";
import { usePageTitle } from "../../../hooks/use-document-title.ts";
import { useI18n } from "../../../i18n/i18n-context.tsx";
import type { ApiResult } from "../../../api-result.ts";
import { StaffNav } from "../staff-nav.tsx";
import { useStepUp } from "../step-up/use-step-up.tsx";
import { staffAccountsApi, type AdminAccountView } from "./staff-accounts-api.ts";

const M = {
  ja: {
    title: "職員アカウント管理",
    issueTitle: "アカウントの発行",
    issueHelp: "職員本人にパスワード設定用のリンク（30分・1回限り）をメールで送ります。管理者はパスワードを設定しません。",
    loginId: "ログインID",
    displayName: "氏名",
    email: "メールアドレス（設定用リンクとセキュリティ通知の送付先）",
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
    residentTitle: "住民アカウントのロック解除",
    residentHelp: "ログインに失敗し続けてロックされた住民のアカウントを、メールアドレスで探して解除します（本人はメールのリンクでも解除できます）。",
    residentEmail: "住民のメールアドレス",
    residentUnlock: "ロックを解除する",
  },
  en: {
    title: "Staff accounts",
    issueTitle: "Issue an account",
    issueHelp: "The staff member receives a set-up link by email (valid once, for 30 minutes) and sets their own password. Administrators never set passwords.",
    loginId: "Login ID",
    displayName: "Name",
    email: "Email (for the link and security notices)",
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
    residentTitle: "Unlock a resident account",
    residentHelp: "Unlocks a resident's account locked after failed logins, found by its email address (the resident can also unlock it through a mailed link).",
    residentEmail: "The resident's email address",
    residentUnlock: "Unlock",
  },
} as const;

/**
 * Staff account administration (`staff.manage`): issue an account (set-up link by mail), and for an
 * account found by login ID: unlock, disable/enable, send a reset link. These actions need a recent
 * step-up: when the server asks for it, the shared step-up prompt asks for the code and the action is retried.
 */
export function StaffAccountsPage() {
  const { locale } = useI18n();
  const m = M[locale];
  usePageTitle(m.title);
  const api = staffAccountsApi(locale);
  const stepUp = useStepUp();
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [issue, setIssue] = useState({ loginId: "", displayName: "", email: "" });
  const [lookup, setLookup] = useState("");
  const [account, setAccount] = useState<AdminAccountView | null>(null);
  const [resetEmail, setResetEmail] = useState("");
  const [residentEmail, setResidentEmail] = useState("");

  /** Runs an action (through the step-up when the server asks for one) and says how it ended. */
  const run = async (work: (token: string) => Promise<ApiResult<unknown>>, success: string) => {
    setMessage(null);
    const result = await stepUp.run(work);
    if (result.ok) setMessage({ kind: "success", text: success });
    else setMessage({ kind: "error", text: result.error.message ?? String(result.error.status) });
    if (account !== null) await refresh(account.loginId);
  };
  const refresh = async (loginId: string) => {
    const found = await api.find(loginId);
    if (found.ok) setAccount(found.data);
    else {
      setAccount(null);
      setMessage({ kind: "error", text: found.error.message ?? String(found.error.status) });
    }
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
      {stepUp.prompt}
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
      <section aria-labelledby="resident-unlock-title">
        <h2 id="resident-unlock-title">{m.residentTitle}</h2>
        <p>{m.residentHelp}</p>
        <form
          noValidate
          className="form form--narrow"
          onSubmit={(e) => {
            e.preventDefault();
            void run((token) => api.unlockResident(residentEmail, token), m.done);
          }}
        >
          <TextField id="residentEmail" label={m.residentEmail} type="email" value={residentEmail} onChange={setResidentEmail} size="long" />
          <div className="actions">
            <button type="submit" className="button" data-testid="resident-unlock">
              {m.residentUnlock}
            </button>
          </div>
        </form>
      </section>
    </>
  );
}
