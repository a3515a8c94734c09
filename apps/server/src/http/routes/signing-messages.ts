import type { JpkiSignerError, Locale, SignatureError } from "@madoguchi/core";

/**
 * What the resident is told when signing with the My Number card does not go on (docs/adr/0025):
 * what happened, and the next steps — Japanese first, English too. One place, so the sign page, the
 * phone page and the tests read the same words.
 */

type Text = { readonly ja: string; readonly en: string };

/** The next steps the messages point to. */
const STEP = {
  newCard: { ja: "新しいカード（証明書）で署名し直してください。", en: "Sign again with your new card (certificate)." },
  counter: { ja: "市区町村の窓口で申請してください。", en: "Apply at the counter of your municipal office." },
  noSignature: { ja: "署名の要らない申請方法（窓口・郵送など）を選んでください。", en: "Choose a way to apply that needs no signature (at the counter, by post, …)." },
  renew: { ja: "市区町村の窓口で署名用電子証明書を更新（再発行）してください。", en: "Have the signature certificate renewed (re-issued) at your municipal office." },
  unlock: { ja: "ロックの解除は、カードを持って市区町村の窓口へ（署名用パスワードの初期化）。", en: "To unlock it, take your card to your municipal office (reset of the signature password)." },
  retryLater: { ja: "しばらくしてから、もう一度お試しください。", en: "Please try again in a little while." },
  startAgain: { ja: "もう一度はじめから署名してください。", en: "Please start signing again." },
  signatureCertificate: { ja: "署名用電子証明書（英数字6〜16桁のパスワード）で署名してください。", en: "Sign with the signature certificate (6–16 character password)." },
  newLink: { ja: "パソコンの画面で、新しいQRコードを表示して読み取ってください。", en: "Show a new QR code on your computer and scan it." },
} as const satisfies Record<string, Text>;

/** A refusal: status, code, message and next steps in the request's language. */
export interface SigningRefusal {
  readonly status: number;
  readonly body: { readonly error: { readonly code: string; readonly message: string; readonly nextSteps: readonly string[]; readonly triesLeft?: number } };
}

const refuse = (status: number, code: string, message: Text, steps: readonly Text[], locale: Locale, extra: { triesLeft?: number } = {}): SigningRefusal => ({
  status,
  body: { error: { code, message: message[locale], nextSteps: steps.map((s) => s[locale]), ...extra } },
});

/** The signature password has 5 tries; the card locks after the fifth wrong one. */
export const SIGNATURE_PASSWORD_TRIES = 5;

/** The card's refusals (the JpkiSigner port). */
export const signerRefusal = (e: JpkiSignerError, locale: Locale): SigningRefusal => {
  switch (e.reason) {
    case "wrong_secret": {
      const n = e.triesLeft ?? 0;
      // The fifth wrong password: the card is locked now.
      if (e.triesLeft === 0) return signerRefusal({ ...e, reason: "locked" }, locale);
      return refuse(401, "signing.wrong_password", { ja: `署名用パスワードが違います（残り${n}回）。`, en: `Wrong signature password (${n} ${n === 1 ? "try" : "tries"} left).` }, n <= 1 ? [STEP.unlock] : [], locale, { triesLeft: n });
    }
    case "locked":
      return refuse(423, "signing.locked", { ja: "署名用パスワードを5回間違えたため、署名用電子証明書がロックされています。", en: "The signature certificate is locked after 5 wrong passwords." }, [STEP.unlock, STEP.noSignature], locale, { triesLeft: 0 });
    case "no_certificate":
      return refuse(409, "signing.no_signature_certificate", { ja: "このカードには署名用電子証明書がありません（15歳未満の方には発行されません）。", en: "This card has no signature certificate (it is not issued to residents under 15)." }, [STEP.counter, STEP.noSignature], locale);
    case "unknown_session":
    case "session_expired":
      return refuse(410, "signing.session_expired", { ja: "署名の受付時間が過ぎました。", en: "The time for this signature has run out." }, [STEP.startAgain], locale);
    case "cancelled":
      return refuse(400, "signing.cancelled", { ja: "署名が中止されました。", en: "The signature was cancelled." }, [STEP.startAgain], locale);
    case "invalid_input":
      return refuse(400, "signing.invalid_password", { ja: "署名用パスワードは英大文字と数字の6〜16桁です。", en: "The signature password is 6–16 capital letters and digits." }, [], locale);
    case "unavailable":
      return refuse(503, "signing.card_unavailable", { ja: "カードを読み取れません。", en: "The card cannot be read." }, [STEP.retryLater], locale);
  }
};

/**
 * The relying party's refusals of the signature (the SignatureVerifier port), with the codes of
 * `signature.*` that the submission answers too (ADR 22), and the next steps of the pre-flight.
 */
export const verifierRefusal = (e: SignatureError, locale: Locale): SigningRefusal => {
  const code = `signature.${e.reason}`;
  switch (e.reason) {
    case "revoked":
      return refuse(400, code, { ja: "署名用電子証明書が失効しています。住所や氏名が変わったとき、カードを再発行したときに失効します。", en: "The signature certificate has been revoked: a change of address or name, or a reissued card, revokes it." }, [STEP.newCard, STEP.counter, STEP.noSignature], locale);
    case "expired":
      return refuse(400, code, { ja: "署名用電子証明書の有効期限が切れています。", en: "The signature certificate has expired." }, [STEP.renew, STEP.counter, STEP.noSignature], locale);
    case "not_yet_valid":
      return refuse(400, code, { ja: "署名用電子証明書がまだ有効になっていません。", en: "The signature certificate is not valid yet." }, [STEP.retryLater, STEP.counter], locale);
    case "revocation_unknown":
      return refuse(503, code, { ja: "署名用電子証明書が失効していないことを、いま確認できません。", en: "Whether the signature certificate is revoked cannot be confirmed now." }, [STEP.retryLater], locale);
    case "wrong_certificate_policy":
    case "wrong_key_usage":
      return refuse(400, code, { ja: "この証明書は署名には使えません（利用者証明用の4桁の暗証番号ではなく）。", en: "This certificate cannot sign (not the 4-digit PIN's user-authentication certificate)." }, [STEP.signatureCertificate], locale);
    case "untrusted_chain":
      return refuse(400, code, { ja: "公的個人認証の署名用電子証明書として確認できませんでした。", en: "This is not a JPKI signature certificate we can trust." }, [STEP.counter, STEP.noSignature], locale);
    case "basic_information_invalid":
      return refuse(400, code, { ja: "署名用電子証明書から基本4情報（氏名・住所・生年月日・性別）を読み取れませんでした。", en: "The 4 basic information items (name, address, date of birth, sex) could not be read from the certificate." }, [STEP.counter], locale);
    case "malformed":
    case "content_mismatch":
    case "bad_signature":
      return refuse(400, code, { ja: "電子署名を確認できませんでした。", en: "The electronic signature could not be verified." }, [STEP.startAgain], locale);
    case "unavailable":
      return refuse(503, code, { ja: "電子署名を確認できません。", en: "The signature cannot be checked now." }, [STEP.retryLater], locale);
  }
};

/** The pre-flight and hand-off refusals of this service. */
export const signingRefusal = (
  kind: "unavailable" | "under_fifteen" | "not_required" | "draft_unknown" | "handoff_unknown" | "handoff_used" | "handoff_expired" | "already_finished" | "busy" | "wrong_way" | "app_callback_invalid" | "store_unavailable",
  locale: Locale,
): SigningRefusal => {
  switch (kind) {
    case "unavailable":
      return refuse(404, "signing.unavailable", { ja: "この環境ではマイナンバーカードで署名できません。", en: "Signing with the My Number card is not available here." }, [STEP.counter, STEP.noSignature], locale);
    case "under_fifteen":
      return refuse(409, "signing.under_fifteen", { ja: "15歳未満の方のカードには署名用電子証明書がないため、電子署名ができません。", en: "Cards of residents under 15 have no signature certificate, so they cannot sign." }, [STEP.counter, STEP.noSignature], locale);
    case "not_required":
      return refuse(400, "signing.not_required", { ja: "この手続に電子署名は要りません。", en: "This procedure needs no signature." }, [], locale);
    case "draft_unknown":
      return refuse(404, "signing.draft_unknown", { ja: "この署名の受付は見つからないか、期限が切れました。", en: "This signing session was not found or has expired." }, [STEP.startAgain], locale);
    case "handoff_unknown":
      return refuse(404, "signing.handoff_unknown", { ja: "このリンクは使えません。", en: "This link cannot be used." }, [STEP.newLink], locale);
    case "handoff_used":
      return refuse(410, "signing.handoff_used", { ja: "このリンクはすでに使われました（一度だけ使えます）。", en: "This link has already been used (it works once)." }, [STEP.newLink], locale);
    case "handoff_expired":
      return refuse(410, "signing.handoff_expired", { ja: "このリンクの有効期限（5分）が過ぎました。", en: "This link has expired (it is valid for 5 minutes)." }, [STEP.newLink], locale);
    case "already_finished":
      return refuse(409, "signing.already_finished", { ja: "この署名はすでに終わっています。", en: "This signature has already been finished." }, [], locale);
    case "app_callback_invalid":
      return refuse(400, "signing.app_callback_invalid", { ja: "デジタル認証アプリからの戻りを確認できませんでした。", en: "The return from the Digital Authentication App could not be confirmed." }, [STEP.startAgain], locale);
    case "wrong_way":
      return refuse(409, "signing.wrong_way", { ja: "この署名はデジタル認証アプリで行います。", en: "This signature is made in the Digital Authentication App." }, [STEP.startAgain], locale);
    case "store_unavailable":
      return refuse(503, "signing.store_unavailable", { ja: "署名の受付をいま処理できません。", en: "Signing cannot be processed right now." }, [STEP.retryLater], locale);
    case "busy":
      return refuse(409, "signing.busy", { ja: "別の画面で署名の処理中です。", en: "The signature is being processed on another screen." }, [STEP.retryLater], locale);
  }
};
