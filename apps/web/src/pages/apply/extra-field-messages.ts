import type { DateRange } from "@madoguchi/core";
import type { Locale } from "../../i18n/locale.ts";

/** Texts of the procedure's own questions (S6) that the catalog does not give, Japanese first. */
const ja = {
  /** Added to a text question's help: the browser stops typing at the limit, so the resident is told it. */
  maxLength: (max: number) => `${max}文字以内で入力してください。`,
  /** A date question's help: the notations the server reads (as for the date of birth). */
  dateFormats: "和暦（例: 令和7年4月1日）でも西暦（例: 2025-04-01）でも入力できます。",
  /** A date question's placeholder; the help above says the same, because a placeholder disappears once typing starts. */
  datePlaceholder: "例: 令和7年4月1日 または 2025-04-01",
  /** The days a date question takes, told before the server refuses one (`any`: nothing to tell). */
  dateRange: { past: "今日以前の日付を入力してください。", future: "今日以降の日付を入力してください。", any: null } satisfies Record<DateRange, string | null>,
  /** A number question's help: its bounds. */
  numberRange: (min: number, max: number) => `${min}〜${max}の数字で入力してください。`,
};

const en: typeof ja = {
  maxLength: (max) => `Up to ${max} characters.`,
  dateFormats: "Western (e.g. 2025-04-01) or Japanese era dates (e.g. 令和7年4月1日) are both accepted.",
  datePlaceholder: "e.g. 2025-04-01 or 令和7年4月1日",
  dateRange: { past: "Give today or an earlier date.", future: "Give today or a later date.", any: null },
  numberRange: (min, max) => `A whole number from ${min} to ${max}.`,
};

/** The texts of extra questions in `locale`. */
export const extraFieldMessages = (locale: Locale) => (locale === "ja" ? ja : en);
