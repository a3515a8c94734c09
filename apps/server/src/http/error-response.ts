import {
  assertNever,
  errorCode,
  fieldErrorMessage,
  type ApplicationNotFound,
  type ChangeApplicationStatusError,
  type CorrectIntakeError,
  type FindApplicationForResidentError,
  type Locale,
  type Localized,
  type PaymentError,
  type SignatureError,
  type PortError,
  type Procedure,
  type SubmitApplicationError,
  type WithdrawApplicationError,
} from "@madoguchi/core";

/** Every error the HTTP layer can be handed by a use case. */
export type UseCaseError =
  | SubmitApplicationError
  | ChangeApplicationStatusError
  | WithdrawApplicationError
  | FindApplicationForResidentError
  | ApplicationNotFound
  | CorrectIntakeError
  | PortError;

/** The JSON error body: a stable code and a message in the request's language. */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string };
  readonly errors?: readonly { readonly field: string; readonly code: string; readonly message: string }[];
  /** With `payment.challenge_required`: the card issuer's 3-D Secure page (the gateway's origin). */
  readonly challenge?: { readonly url: string };
}

const message = (text: Localized, locale: Locale) => text[locale];

/** Messages per error code. Adding a code without a message is caught by the exhaustive switch below. */
const MESSAGES = {
  validation: { ja: "入力内容に誤りがあります。各項目のメッセージを確認してください。", en: "Some fields need your attention. Please check the messages below each field." },
  submissionKeyReused: { ja: "この申請はすでに別の内容で送信されています。最初からやり直してください。", en: "This application was already submitted with different content. Please start again." },
  signatureRequired: { ja: "この手続にはマイナンバーカードによる電子署名が必要です。", en: "This procedure requires an electronic signature with the My Number card." },
  signatureRejected: { ja: "電子署名を確認できませんでした。申請内容が署名後に変更されたか、署名が正しくありません。もう一度署名してください。", en: "The electronic signature could not be verified: the application changed after signing or the signature is invalid. Please sign again." },
  signatureUntrusted: { ja: "署名用電子証明書を確認できませんでした（発行元が信頼できません）。", en: "The signature certificate could not be verified (untrusted issuer)." },
  signatureExpired: { ja: "署名用電子証明書の有効期限が切れています。市区町村の窓口で更新してください。", en: "The signature certificate has expired. Please renew it at your municipal office." },
  signatureNotYetValid: { ja: "署名用電子証明書がまだ有効になっていません。", en: "The signature certificate is not valid yet." },
  signatureRevoked: { ja: "署名用電子証明書が失効しています。住所や氏名の変更、カードの再発行などで失効します。新しい証明書で署名し直すか、窓口で申請してください。", en: "The signature certificate has been revoked (a change of address or name, or a reissued card, revokes it). Please sign again with a new certificate or apply at the counter." },
  signatureRevocationUnknown: { ja: "署名用電子証明書の失効情報を確認できませんでした。しばらくしてからもう一度署名してください。", en: "The revocation status of the signature certificate could not be confirmed. Please sign again later." },
  signaturePolicy: { ja: "この証明書はこの用途に使えません。署名には署名用電子証明書（6〜16桁のパスワード）を使ってください。", en: "This certificate cannot be used here. Please sign with the signature certificate (6–16 character password)." },
  signatureBasicInformation: { ja: "署名用電子証明書から基本4情報を読み取れませんでした。窓口で申請してください。", en: "The four basic information items could not be read from the signature certificate. Please apply at the counter." },
  signatureKeyUsage: { ja: "この証明書は署名には使えません。署名用電子証明書で署名してください。", en: "This certificate cannot be used for signing. Please sign with the signature certificate." },
  declined: { ja: "カードがご利用いただけませんでした。別のカードをお試しください。", en: "The card was declined. Please try another card." },
  insufficientFunds: { ja: "ご利用可能額が不足しています。別のカードをお試しください。", en: "The card has insufficient funds. Please try another card." },
  expiredCard: { ja: "カードの有効期限が切れています。別のカードをお試しください。", en: "The card has expired. Please try another card." },
  invalidToken: { ja: "カード情報の有効期限が切れました。カード情報をもう一度入力してください。", en: "The card details expired. Please enter them again." },
  challengeRequired: { ja: "カード会社による本人認証（3-Dセキュア）が必要です。表示される画面で認証してください。", en: "Your card issuer asks you to confirm it is you (3-D Secure). Please complete the check shown." },
  challengeFailed: { ja: "カード会社による本人認証（3-Dセキュア）が完了しませんでした。もう一度お試しいただくか、別のカードをお使いください。", en: "Your card issuer could not confirm it is you (3-D Secure). Please try again or use another card." },
  paymentInvalid: { ja: "決済を処理できませんでした。最初からやり直してください。", en: "The payment could not be processed. Please start again." },
  paymentUnavailable: { ja: "決済サービスに接続できませんでした。しばらくしてからもう一度送信してください（二重に請求されることはありません）。", en: "The payment service is not reachable. Please submit again in a moment (you will not be charged twice)." },
  unavailable: { ja: "ただいま処理できません。しばらくしてからもう一度お試しください。", en: "The service is temporarily unavailable. Please try again in a moment." },
  notFound: { ja: "申請が見つかりません。受付番号とアクセスコードをご確認ください。", en: "No application found. Please check the receipt number and the access code." },
  notEnteredByStaff: { ja: "この申請は住民がオンラインで申請したもので、受付の記録はありません。", en: "The resident applied online: this application has no intake record." },
  notWithdrawable: { ja: "担当者が処理を開始したため、取り下げできません。お問い合わせは担当課へご連絡ください。", en: "Processing has already started, so the application can no longer be withdrawn. Please contact the office." },
  invalidTransition: { ja: "現在の状態ではこの操作はできません。画面を再読み込みしてください。", en: "This action is not possible in the current status. Please reload." },
  reasonRequired: { ja: "不受理・差戻しには理由の入力が必要です。", en: "A reason is required to reject or return an application." },
  conflict: { ja: "他の操作と競合しました。再読み込みしてください。", en: "Someone else changed this application. Please reload." },
} satisfies Record<string, Localized>;

const fail = (status: number, code: string, text: Localized, locale: Locale) => ({
  status,
  body: { error: { code, message: message(text, locale) } } as ErrorBody,
});

const signatureFailure = (reason: SignatureError["reason"], code: string, locale: Locale) => {
  switch (reason) {
    case "malformed":
    case "content_mismatch":
    case "bad_signature":
      return fail(400, code, MESSAGES.signatureRejected, locale);
    case "untrusted_chain":
      return fail(400, code, MESSAGES.signatureUntrusted, locale);
    case "expired":
      return fail(400, code, MESSAGES.signatureExpired, locale);
    case "not_yet_valid":
      return fail(400, code, MESSAGES.signatureNotYetValid, locale);
    case "wrong_key_usage":
      return fail(400, code, MESSAGES.signatureKeyUsage, locale);
    case "revoked":
      return fail(400, code, MESSAGES.signatureRevoked, locale);
    case "revocation_unknown":
      return fail(503, code, MESSAGES.signatureRevocationUnknown, locale);
    case "wrong_certificate_policy":
      return fail(400, code, MESSAGES.signaturePolicy, locale);
    case "basic_information_invalid":
      return fail(400, code, MESSAGES.signatureBasicInformation, locale);
    case "unavailable":
      return fail(503, code, MESSAGES.unavailable, locale);
    default:
      return assertNever(reason);
  }
};

const paymentFailure = (reason: PaymentError["reason"], code: string, locale: Locale) => {
  switch (reason) {
    case "declined":
      return fail(402, code, MESSAGES.declined, locale);
    case "insufficient_funds":
      return fail(402, code, MESSAGES.insufficientFunds, locale);
    case "expired_card":
      return fail(402, code, MESSAGES.expiredCard, locale);
    case "invalid_token":
      return fail(402, code, MESSAGES.invalidToken, locale);
    case "challenge_failed":
      return fail(402, code, MESSAGES.challengeFailed, locale);
    case "invalid_request":
    case "not_found":
    case "invalid_signature":
      return fail(400, code, MESSAGES.paymentInvalid, locale);
    case "timeout":
    case "unavailable":
    case "unsupported":
      return fail(503, code, MESSAGES.paymentUnavailable, locale);
    default:
      return assertNever(reason);
  }
};

/** Maps a use-case error to an HTTP status and a localised body. */
export const errorResponse = (
  e: UseCaseError,
  locale: Locale,
  procedure?: Procedure,
): { status: number; body: ErrorBody } => {
  const code = errorCode(e);
  switch (e._tag) {
    case "ValidationFailed":
      return {
        status: 422,
        body: {
          error: { code, message: message(MESSAGES.validation, locale) },
          errors: e.fields.map((f) => ({ field: f.field, code: f.code, message: fieldErrorMessage(f, locale, procedure) })),
        },
      };
    case "SubmissionKeyReused":
      return fail(409, code, MESSAGES.submissionKeyReused, locale);
    case "SignatureRequired":
      return fail(400, code, MESSAGES.signatureRequired, locale);
    case "SignatureError":
      return signatureFailure(e.reason, code, locale);
    case "PaymentError":
      return paymentFailure(e.reason, code, locale);
    case "PaymentChallengeRequired":
      // 402 with where to go: the browser opens the issuer's page, then submits the same application again.
      return { status: 402, body: { ...fail(402, code, MESSAGES.challengeRequired, locale).body, challenge: { url: e.challengeUrl } } };
    case "StorageError":
      return e.reason === "conflict" ? fail(409, code, MESSAGES.conflict, locale) : fail(503, code, MESSAGES.unavailable, locale);
    case "KeyStoreError":
    case "MailError":
      return fail(503, code, MESSAGES.unavailable, locale);
    case "ApplicationNotFound":
      return fail(404, code, MESSAGES.notFound, locale);
    case "NotWithdrawable":
      return fail(409, code, MESSAGES.notWithdrawable, locale);
    case "InvalidTransition":
      return fail(409, code, MESSAGES.invalidTransition, locale);
    case "ReasonRequired":
      return fail(422, code, MESSAGES.reasonRequired, locale);
    case "ConcurrentModification":
      return fail(409, code, MESSAGES.conflict, locale);
    case "NotEnteredByStaff":
      return fail(409, code, MESSAGES.notEnteredByStaff, locale);
    default:
      return assertNever(e);
  }
};
