import type { Locale } from "./i18n/locale.ts";

const yenFormat = new Intl.NumberFormat("ja-JP", { maximumFractionDigits: 0 });

/**
 * Integer yen for display: `1,234円` in Japanese, `¥1,234` in English. Written by hand rather than with
 * `style: "currency"` so the Japanese form is exactly what residents read on a city's fee table.
 */
export function formatYen(amount: number, locale: Locale): string {
  const digits = yenFormat.format(amount);
  return locale === "ja" ? `${digits}円` : `¥${digits}`;
}

// Municipal offices work in Japan time: show it whatever the device's time zone.
const TIME_ZONE = "Asia/Tokyo";

/** An ISO date-time in Japan time, e.g. `2026/11/03 14:05` (ja) or `3 Nov 2026, 14:05` (en). */
export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: locale === "ja" ? "2-digit" : "short",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(date);
}

/**
 * A calendar date `YYYY-MM-DD` (a date of birth: no time zone) as `1975年3月4日` or `4 March 1975`. Anything
 * else is shown as received.
 */
export function formatIsoDate(isoDate: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (match === null) return isoDate;
  const [, y, m, d] = match;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (locale === "ja") return `${year}年${month}月${day}日`;
  const monthName = new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, 1)),
  );
  return `${day} ${monthName} ${year}`;
}

/** A postal code of seven digits as `123-4567` (anything else unchanged). */
export const formatPostalCode = (code: string): string => (/^\d{7}$/.test(code) ? `${code.slice(0, 3)}-${code.slice(3)}` : code);
