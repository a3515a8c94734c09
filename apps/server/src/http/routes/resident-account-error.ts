import {
  assertNever,
  passwordRejectionMessage,
  type AuthenticateEmailCodeStepError,
  type AuthenticatePasswordError,
  type AuthenticateTotpStepError,
  type ConfirmResidentPasswordError,
  type Locale,
  type PasswordRejected,
  type ResidentAccountGone,
  type ResidentEmailInvalid,
  type ResidentEmailNotVerified,
  type ResidentLinkInvalid,
  type ResidentPasskeyNeedsSecondFactor,
  type ResidentSecondFactorRejected,
  type StorageError,
  type TotpError,
  type PasswordHashingError,
  type RecoveryCodeLoginError,
} from "@madoguchi/core";

/** Every error a resident account route can meet. */
export type ResidentAccountRouteError =
  | AuthenticatePasswordError
  | AuthenticateTotpStepError
  | AuthenticateEmailCodeStepError
  | RecoveryCodeLoginError
  | ConfirmResidentPasswordError
  | PasswordRejected
  | ResidentEmailInvalid
  | ResidentEmailNotVerified
  | ResidentLinkInvalid
  | ResidentSecondFactorRejected
  | ResidentPasskeyNeedsSecondFactor
  | ResidentAccountGone
  | StorageError
  | TotpError
  | PasswordHashingError;

/** The HTTP answer of an error: status, code and a message in the request's language. */
export interface ResidentAccountErrorResponse {
  readonly status: number;
  readonly body: { readonly error: { readonly code: string; readonly message: string } };
  readonly retryAfterSeconds?: number;
}

const answer = (status: number, code: string, message: { readonly ja: string; readonly en: string }, locale: Locale): ResidentAccountErrorResponse => ({
  status,
  body: { error: { code, message: message[locale] } },
});

/**
 * Translates an error to its answer. Exhaustive: adding an error breaks the build until it has a
 * status and a Japanese and English message. `InvalidCredentials` is one answer (401) for every
 * failed login step, whatever really happened (no enumeration). The reason of an invalid link is
 * not shown (it is recorded instead).
 */
export const residentAccountErrorResponse = (e: ResidentAccountRouteError, locale: Locale, now: Date): ResidentAccountErrorResponse => {
  switch (e._tag) {
    case "InvalidCredentials":
      return answer(401, e.code, { ja: "メールアドレス、パスワードまたは確認コードが正しくありません。", en: "The email address, password or code is not correct." }, locale);
    case "LoginThrottled": {
      const r = answer(429, e.code, { ja: "試行が多すぎます。しばらくしてからお試しください。", en: "Too many attempts. Please try again later." }, locale);
      return { ...r, retryAfterSeconds: Math.max(1, Math.ceil((e.retryAt.getTime() - now.getTime()) / 1000)) };
    }
    case "PasswordRejected":
      return answer(400, e.code, passwordRejectionMessage(e), locale);
    case "ResidentEmailInvalid":
      return answer(400, e.code, { ja: "メールアドレスの形式が正しくありません。", en: "This is not a valid email address." }, locale);
    case "ResidentEmailNotVerified":
      return answer(403, e.code, {
        ja: "メールアドレスの確認が済んでいません。登録時にお送りしたメールのリンクを開いてください。",
        en: "Your email address is not confirmed yet. Open the link in the email we sent when you registered.",
      }, locale);
    case "ResidentLinkInvalid":
      return answer(400, e.code, {
        ja: "このリンクは無効か、有効期限が切れています。もう一度お手続きください。",
        en: "This link is not valid or has expired. Please start again.",
      }, locale);
    case "ResidentSecondFactorRejected":
      return answer(400, e.code, { ja: "確認コードが正しくありません。", en: "The code is not correct." }, locale);
    case "ResidentPasskeyNeedsSecondFactor":
      return answer(409, e.code, {
        ja: "パスキーを登録するには、先にログインの2段階目（メールの確認コードまたは認証アプリ）を設定してください。",
        en: "To add a passkey, first turn on the second login step (emailed codes or an authenticator app).",
      }, locale);
    case "ResidentAccountGone":
      return answer(409, e.code, { ja: "アカウントの状態が変わりました。画面を再読み込みしてください。", en: "Your account changed meanwhile. Reload the page." }, locale);
    case "StorageError":
    case "TotpError":
    case "PasswordHashingError":
      return answer(503, "service.unavailable", { ja: "ただいま処理できません。しばらくしてからお試しください。", en: "We cannot process this now. Please try again later." }, locale);
    default:
      return assertNever(e);
  }
};
