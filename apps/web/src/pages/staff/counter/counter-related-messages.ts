import type { RelatedFormId } from "@madoguchi/core";
import type { Locale } from "../../../i18n/locale.ts";

/** A form's English name inside a sentence: “the seal registration application”. */
const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/**
 * The texts of the panel 関連する様式 (C7) on the counter page, Japanese first. The forms' names are core's
 * (`RELATED_FORM_NAMES`), as printed on the paper; the server's refusals come in its own words.
 */
export const relatedMessages = {
  ja: {
    heading: "関連する様式",
    intro: (number: string | null) =>
      `転入などと一緒に出されることの多い様式を、印刷した住民異動届の内容から作成します。${number === null ? "" : `確認番号（${number}）が印刷され、`}届出書と同じ保存記録に保存されます。住民には署名と押印などだけをお願いします。`,
    asPrinted:
      "使うのは、住民異動届を印刷した時点の内容です。印刷した後にこの画面の届出を変えても、ここで作成する様式には反映されません。内容を直したときは、先に住民異動届を作成し直してください。",
    applicant: { "juminhyo-seikyu": "請求する人", "inkan-toroku": "印鑑を登録する人" } satisfies Record<RelatedFormId, string>,
    formHelp: {
      "juminhyo-seikyu": "選んだ人が請求者として印刷されます。届出の全員が住民票の写しの必要な人として印刷されるので、必要のない人は住民が線を引いて消します。",
      "inkan-toroku": "選んだ人の住所・氏名・ふりがな・生年月日・性別が印刷されます。",
    } satisfies Record<RelatedFormId, string>,
    print: (name: string) => `${name}を印刷`,
    printing: "作成中…",
    printed: (name: string) => `${name}のPDFを作成しました。保存記録にも保存しました。`,
    failed: (name: string) => `${name}を作成できませんでした：`,
    noSuchPerson: (n: number) => `${n}人目の人は届出にいません。選び直してください。`,
  },
  en: {
    heading: "Related forms",
    intro: (number: string | null) =>
      `Makes the forms often handed in with a moving-in notification from the residence change notification printed. ${number === null ? "" : `They carry its confirmation number (${number}) and `}are kept with the same record. The resident only signs (and seals) them.`,
    asPrinted:
      "They use the notification as it was when printed: changing the notification on this page after printing does not change them. After a correction, create the notification's PDF again first.",
    applicant: { "juminhyo-seikyu": "Who requests", "inkan-toroku": "Who registers the seal" } satisfies Record<RelatedFormId, string>,
    formHelp: {
      "juminhyo-seikyu": "The person chosen is printed as the requester. Everyone on the notification is listed as a person whose certificate is wanted: the resident crosses out those not needed.",
      "inkan-toroku": "The address, name, reading, date of birth and sex of the person chosen are printed.",
    } satisfies Record<RelatedFormId, string>,
    print: (name: string) => `Print the ${lowerFirst(name)}`,
    printing: "Creating…",
    printed: (name: string) => `The PDF of the ${lowerFirst(name)} is ready. It is kept with the record too.`,
    failed: (name: string) => `The ${lowerFirst(name)} could not be made: `,
    noSuchPerson: (n: number) => `Person ${n} is not on the notification. Choose again.`,
  },
} as const satisfies Record<Locale, unknown>;
