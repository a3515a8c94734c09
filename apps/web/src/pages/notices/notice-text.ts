import type { ServiceNotice } from "@madoguchi/core";
import type { Locale } from "../../i18n/locale.ts";

/** A notice's title and body in the reader's language; English falls back to Japanese where staff left it empty. */
export const noticeText = (notice: ServiceNotice, locale: Locale): { readonly title: string; readonly body: string } => ({
  title: locale === "en" && notice.title.en !== "" ? notice.title.en : notice.title.ja,
  body: locale === "en" && notice.body.en !== "" ? notice.body.en : notice.body.ja,
});
