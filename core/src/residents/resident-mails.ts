import type { Locale } from "../shared/localized.ts";

/** A rendered resident mail: subject and plain-text body. Contains a link or a code: never log it. */
export interface ResidentMail {
  readonly subject: string;
  readonly text: string;
}

/** What a resident mail is about, with what it carries. */
export type ResidentMailContent =
  | { readonly kind: "verify_email"; readonly link: string }
  | { readonly kind: "already_registered"; readonly loginLink: string }
  | { readonly kind: "reset_password"; readonly link: string }
  | { readonly kind: "login_code"; readonly code: string }
  | { readonly kind: "confirm_email_change"; readonly link: string }
  | { readonly kind: "unlock_account"; readonly link: string };

const lines = (locale: Locale, serviceName: string, content: ResidentMailContent): { readonly subject: string; readonly body: readonly string[] } => {
  const ja = locale === "ja";
  switch (content.kind) {
    case "verify_email":
      return ja
        ? { subject: "メールアドレスの確認", body: ["アカウント登録のお申込みを受け付けました。", "次のリンクを開いてメールアドレスを確認してください（24時間有効・1回限り）。", content.link, "", "お心当たりがない場合は、このメールを破棄してください。"] }
        : { subject: "Confirm your email address", body: ["We received a request to create an account.", "Open this link to confirm your email address (valid for 24 hours, once):", content.link, "", "If this was not you, ignore this email."] };
    case "already_registered":
      return ja
        ? { subject: "アカウント登録のお申込みについて", body: ["このメールアドレスでのアカウント登録のお申込みがありましたが、このアドレスはすでに登録されています。新しいアカウントは作成していません。", `ログイン: ${content.loginLink}`, "パスワードをお忘れの場合は、ログイン画面の「パスワードを忘れた場合」から再設定できます。", "", "お心当たりがない場合は、このメールを破棄してください。"] }
        : { subject: "About your registration", body: ["Someone asked to create an account with this email address, but it is already registered. No new account was created.", `Log in: ${content.loginLink}`, "If you forgot your password, use \"Forgot your password?\" on the login page.", "", "If this was not you, ignore this email."] };
    case "reset_password":
      return ja
        ? { subject: "パスワードの再設定", body: ["パスワード再設定のお申込みを受け付けました。", "次のリンクを開いて新しいパスワードを設定してください（30分有効・1回限り）。", content.link, "", "お心当たりがない場合は、このメールを破棄してください。パスワードは変わりません。"] }
        : { subject: "Reset your password", body: ["We received a request to reset your password.", "Open this link to choose a new one (valid for 30 minutes, once):", content.link, "", "If this was not you, ignore this email; your password stays as it is."] };
    case "login_code":
      return ja
        ? { subject: "ログイン確認コード", body: [`ログイン確認コード: ${content.code}`, "10分以内にログイン画面に入力してください。", "", "お心当たりがない場合は、パスワードが他人に知られているおそれがあります。パスワードを変更してください。"] }
        : { subject: "Your login code", body: [`Login code: ${content.code}`, "Enter it on the login page within 10 minutes.", "", "If this was not you, someone may know your password: change it."] };
    case "confirm_email_change":
      return ja
        ? { subject: "新しいメールアドレスの確認", body: ["登録メールアドレスの変更のお申込みを受け付けました。", "次のリンクを開いて新しいメールアドレスを確認してください（24時間有効・1回限り）。", content.link, "", "お心当たりがない場合は、このメールを破棄してください。"] }
        : { subject: "Confirm your new email address", body: ["We received a request to change the email address of an account to this one.", "Open this link to confirm it (valid for 24 hours, once):", content.link, "", "If this was not you, ignore this email."] };
    case "unlock_account":
      return ja
        ? { subject: "アカウントのロック解除", body: ["アカウントのロック解除のお申込みを受け付けました。", "次のリンクを開くとロックを解除します（1時間有効・1回限り）。", content.link, "", "お心当たりがない場合は、このメールを破棄し、パスワードを変更してください。"] }
        : { subject: "Unlock your account", body: ["We received a request to unlock your account.", "Open this link to unlock it (valid for 1 hour, once):", content.link, "", "If this was not you, ignore this email and change your password."] };
  }
};

/** Renders a resident mail in the resident's language (ja/en), with the service name in the subject. */
export const renderResidentMail = (locale: Locale, serviceName: string, content: ResidentMailContent): ResidentMail => {
  const { subject, body } = lines(locale, serviceName, content);
  const footer = locale === "ja" ? "このメールは送信専用です。" : "This address does not receive replies.";
  return { subject: locale === "ja" ? `【${serviceName}】${subject}` : `[${serviceName}] ${subject}`, text: [...body, "", footer].join("\n") };
};
