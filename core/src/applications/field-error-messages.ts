import type { ExtraField, Procedure } from "../procedures/procedure.ts";
import { assertNever } from "../shared/assert-never.ts";
import type { Locale, Localized } from "../shared/localized.ts";
import type { FieldError } from "./validation.errors.ts";

/** Labels of the fields of an application request, by field path, as the form shows them. */
export const FIELD_LABELS: Readonly<Record<string, Localized>> = {
  body: { ja: "申請内容", en: "Application" },
  procedureId: { ja: "手続き", en: "Procedure" },
  locale: { ja: "表示言語", en: "Language" },
  submissionKey: { ja: "送信キー", en: "Submission key" },
  applicant: { ja: "申請者情報", en: "Applicant" },
  "applicant.name": { ja: "氏名", en: "Name" },
  "applicant.nameKana": { ja: "ふりがな", en: "Name reading (furigana)" },
  "applicant.postalCode": { ja: "郵便番号", en: "Postal code" },
  "applicant.address": { ja: "住所", en: "Address" },
  "applicant.dateOfBirth": { ja: "生年月日", en: "Date of birth" },
  "applicant.phone": { ja: "電話番号", en: "Phone number" },
  "applicant.email": { ja: "メールアドレス", en: "Email address" },
  request: { ja: "請求内容", en: "Request" },
  "request.copies": { ja: "通数", en: "Number of copies" },
  "request.deliveryMethodId": { ja: "郵送方法", en: "Delivery method" },
  "request.extra": { ja: "追加の質問", en: "Additional questions" },
  intake: { ja: "受付の記録", en: "Intake record" },
  "intake.channel": { ja: "受付方法", en: "Received by" },
  "intake.receivedOn": { ja: "受付日", en: "Received on" },
  "intake.payment": { ja: "手数料の支払い", en: "Fee payment" },
  "intake.note": { ja: "受付メモ", en: "Intake note" },
};

/**
 * The label of a field path: the fixed labels above, or for `request.extra.<key>` the label of the
 * procedure's extra question (the key itself if no procedure is given or it has no such question).
 */
export const fieldLabel = (field: string, locale: Locale, procedure?: Procedure): string => {
  const fixed = FIELD_LABELS[field];
  if (fixed !== undefined) return fixed[locale];
  const key = field.startsWith("request.extra.") ? field.slice("request.extra.".length) : field;
  const extra = procedure?.extraFields.find((f) => f.key === key);
  return extra !== undefined ? extra.label[locale] : key;
};

const extraFieldOf = (field: string, procedure: Procedure | undefined): ExtraField | undefined =>
  field.startsWith("request.extra.") ? procedure?.extraFields.find((f) => `request.extra.${f.key}` === field) : undefined;

/**
 * Fields answered by choosing, for which Japanese says 選択 rather than 入力: an extra question unless the
 * procedure says it is typed (without the procedure, most are choices).
 */
const isChoice = (field: string, procedure: Procedure | undefined): boolean =>
  field === "procedureId" ||
  field === "request.deliveryMethodId" ||
  field === "locale" ||
  field === "intake.channel" ||
  field === "intake.payment" ||
  (field.startsWith("request.extra.") && extraFieldOf(field, procedure)?.kind !== "text");

/**
 * A message for a refused field, in the resident's language, e.g.
 * 「ふりがなはカタカナまたはひらがなで入力してください」. Pass the procedure so that extra questions
 * are named by their label. Messages never repeat the value typed.
 */
export const fieldErrorMessage = (error: FieldError, locale: Locale, procedure?: Procedure): string => {
  const label = fieldLabel(error.field, locale, procedure);
  const p = (name: string): string => String(error.params?.[name] ?? "");
  const ja = locale === "ja";
  switch (error.code) {
    case "required":
      return ja
        ? `${label}を${isChoice(error.field, procedure) ? "選択" : "入力"}してください`
        : `${label} is required`;
    case "invalid_type":
      // A one-line answer with a tab or a line break (see validateApplicationInput) is well-formed JSON, not a wrong type.
      if (error.params?.["reason"] === "control_character") {
        return ja
          ? `${label}に改行やタブなどの使えない文字が含まれています。1行で入力してください`
          : `${label} contains characters that cannot be used, such as line breaks or tabs. Write it on one line`;
      }
      if (error.params?.["reason"] === "hidden_character") {
        return ja ? `${label}に使えない制御文字が含まれています` : `${label} contains control characters that cannot be used`;
      }
      return ja ? `${label}の形式が正しくありません` : `${label} has an invalid format`;
    case "not_kana":
      return ja ? `${label}はカタカナまたはひらがなで入力してください` : `${label} must be written in katakana or hiragana`;
    case "not_integer":
      return ja ? `${label}は数字で入力してください` : `${label} must be a whole number`;
    case "out_of_range":
      return ja
        ? `${label}は${p("min")}から${p("max")}までの範囲で入力してください`
        : `${label} must be between ${p("min")} and ${p("max")}`;
    case "invalid_postal_code":
      return ja ? `${label}は7桁の数字で入力してください（例：123-4567）` : `${label} must be seven digits (e.g. 123-4567)`;
    case "invalid_phone":
      return ja
        ? `${label}は10桁または11桁の数字で入力してください（ハイフンは省略できます）`
        : `${label} must have 10 or 11 digits (hyphens are optional)`;
    case "invalid_email":
      return ja ? `${label}の形式が正しくありません（例：taro@example.jp）` : `${label} is not a valid email address (e.g. taro@example.jp)`;
    case "invalid_date":
      return ja
        ? `${label}は実在する日付を「1975-03-04」または「昭和50年3月4日」の形式で入力してください`
        : `${label} must be a real date such as 1975-03-04 or 昭和50年3月4日 (S50.3.4)`;
    case "future_date":
      return ja ? `${label}に未来の日付は入力できません` : `${label} cannot be in the future`;
    case "past_date":
      return ja ? `${label}に過去の日付は入力できません（今日以降の日付を入力してください）` : `${label} cannot be in the past (give today or a later date)`;
    case "too_long":
      return ja ? `${label}は${p("max")}文字以内で入力してください` : `${label} must be at most ${p("max")} characters`;
    case "unknown_option":
      // S5: "nothing to pay" chosen for an application with a fee.
      if (error.params?.["reason"] === "fee_due") {
        return ja ? "手数料がかかる申請です。定額小為替または現金を選んでください" : "This application has a fee: choose postal money order or cash";
      }
      return ja ? `${label}は選択肢の中から選んでください` : `${label}: choose one of the options`;
    case "unknown_field":
      return ja ? `「${label}」はこの手続きでは入力できない項目です` : `"${label}" is not a question of this procedure`;
    case "unknown_procedure":
      return ja ? "指定された手続きが見つかりません" : "The procedure was not found";
    case "procedure_disabled":
      return ja ? "この手続きは現在オンラインで受け付けていません" : "This procedure is not currently available online";
    case "invalid_submission_key":
      return ja
        ? "送信キーが正しくありません。画面を再読み込みして、もう一度お試しください"
        : "The submission key is invalid. Reload the page and try again";
    case "channel_not_allowed":
      return ja
        ? "本人確認が必要な手続きは、電話やメールでは受け付けられません。郵送・窓口・書面で受け付けたものを入力してください"
        : "A procedure that needs the resident's identity cannot be received by phone or email; enter it only when received by mail, at the counter or on paper";
    default:
      return assertNever(error.code);
  }
};
