/** Japan Standard Time is UTC+9 all year (no daylight saving time since 1951). */
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/**
 * The calendar date (`YYYY-MM-DD`) in Japan at `instant`. Municipal dates (date of birth checks,
 * receipt dates) are Japanese dates whatever the server's time zone is, so core never uses the
 * host's local time.
 */
export const japanCalendarDate = (instant: Date): string =>
  new Date(instant.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);

/** The instant a date in Japan (`YYYY-MM-DD`) begins: its midnight JST. */
export const japanMidnight = (date: string): Date => new Date(`${date}T00:00:00+09:00`);
