/**
 * Why a passkey ceremony failed. Closed: each reason has its own message and its own test in the
 * contract suite. None of them carries the response or any key material.
 * - `malformed`: not a WebAuthn response (missing fields, bad base64url/CBOR/JSON).
 * - `wrong_ceremony`: a `webauthn.get` answer where `webauthn.create` belongs, or the reverse.
 * - `challenge_mismatch`: not an answer to the challenge this attempt issued (replay, other tab).
 * - `origin_mismatch`: signed for another web origin — the phishing case passkeys exist to stop.
 * - `rp_mismatch`: scoped to another relying party id.
 * - `user_not_verified`: the authenticator did not verify the person (PIN, biometrics): only
 *   possession was shown, which is not enough for a login factor here.
 * - `signature_invalid`: the assertion signature does not verify with the registered public key.
 * - `unknown_credential`: no passkey with that credential id belongs to the account.
 * - `counter_regressed`: the signature counter did not increase — a cloned authenticator.
 * - `unsupported_algorithm`: a key type we do not accept.
 */
export type PasskeyRejectionReason =
  | "malformed"
  | "wrong_ceremony"
  | "challenge_mismatch"
  | "origin_mismatch"
  | "rp_mismatch"
  | "user_not_verified"
  | "signature_invalid"
  | "unknown_credential"
  | "counter_regressed"
  | "unsupported_algorithm";

/** Every {@link PasskeyRejectionReason}, for exhaustive tests and UIs. */
export const PASSKEY_REJECTION_REASONS: readonly PasskeyRejectionReason[] = [
  "malformed",
  "wrong_ceremony",
  "challenge_mismatch",
  "origin_mismatch",
  "rp_mismatch",
  "user_not_verified",
  "signature_invalid",
  "unknown_credential",
  "counter_regressed",
  "unsupported_algorithm",
];

/** A passkey registration or login that did not pass. */
export interface PasskeyRejected {
  readonly _tag: "PasskeyRejected";
  readonly code: `passkey.${PasskeyRejectionReason}`;
  readonly reason: PasskeyRejectionReason;
}

/** Builds a {@link PasskeyRejected}. */
export const passkeyRejected = (reason: PasskeyRejectionReason): PasskeyRejected => ({
  _tag: "PasskeyRejected",
  code: `passkey.${reason}`,
  reason,
});

/**
 * What the person is told, ja and en. A login page shows the same text for every reason a stranger
 * could provoke (see `authenticate…` steps: they answer INVALID_CREDENTIALS); these are for the
 * registration page and for staff support, where the reason helps.
 */
export const PASSKEY_REJECTION_MESSAGES: Readonly<Record<PasskeyRejectionReason, { readonly ja: string; readonly en: string }>> = {
  malformed: { ja: "パスキーの応答を読み取れませんでした。もう一度お試しください。", en: "The passkey response could not be read. Please try again." },
  wrong_ceremony: { ja: "パスキーの操作が途中で切り替わりました。最初からやり直してください。", en: "The passkey operation changed midway. Please start again." },
  challenge_mismatch: {
    ja: "この画面で始めた操作ではありません。時間が経ちすぎたか、別の画面の操作です。もう一度お試しください。",
    en: "This answer does not belong to the operation started on this page (it expired or came from another page). Please try again.",
  },
  origin_mismatch: {
    ja: "別のウェブサイトで作られた応答です。ブックマークから本サービスを開き直してください。",
    en: "The answer was made for another website. Open this service again from your bookmarks.",
  },
  rp_mismatch: { ja: "このサービス用のパスキーではありません。", en: "This passkey is not for this service." },
  user_not_verified: {
    ja: "端末での本人確認（PIN・生体認証）が行われませんでした。本人確認を有効にして、もう一度お試しください。",
    en: "Your device did not verify you (PIN or biometrics). Turn on verification and try again.",
  },
  signature_invalid: { ja: "パスキーの署名を確認できませんでした。", en: "The passkey signature could not be verified." },
  unknown_credential: { ja: "このアカウントに登録されていないパスキーです。", en: "This passkey is not registered to this account." },
  counter_regressed: {
    ja: "このパスキーは複製された可能性があるため使用できません。窓口または管理者にご連絡ください。",
    en: "This passkey may have been copied and cannot be used. Please contact the office or your administrator.",
  },
  unsupported_algorithm: { ja: "この認証器の鍵の種類には対応していません。", en: "This authenticator's key type is not supported." },
};
