import { Schema } from "effect";
import { japanCalendarDate } from "../shared/japan-calendar-date.ts";

const text = (min: number, max: number) => Schema.String.pipe(Schema.check(Schema.isMinLength(min), Schema.isMaxLength(max)));
const DAY = Schema.String.pipe(Schema.check(Schema.isPattern(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/)));
/** A link is a page of the portal (`/procedures/…`) or an https address: never `javascript:` or another scheme. */
const LINK = Schema.String.pipe(Schema.check(Schema.isMaxLength(500), Schema.isPattern(/^(\/(?!\/)[^\s]*|https:\/\/[^\s]+)$/)));

/**
 * R14: a notice to residents about a useful service (not about their applications) — a new procedure online, the
 * counter's longer hours in March, a subsidy — shown on the portal between two dates (Japan's calendar, inclusive).
 * Japanese is required; English falls back to Japanese where it is empty.
 */
export const ServiceNoticeSchema = Schema.Struct({
  id: Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z0-9][a-z0-9-]{0,63}$/))),
  title: Schema.Struct({ ja: text(1, 100), en: text(0, 100) }),
  body: Schema.Struct({ ja: text(0, 2000), en: text(0, 2000) }),
  link: Schema.NullOr(LINK),
  publishFrom: DAY,
  /** The last day shown, or null: until taken down. */
  publishUntil: Schema.NullOr(DAY),
});

/** One notice. */
export type ServiceNotice = typeof ServiceNoticeSchema.Type;

/** The most notices kept at once (the portal shows the current ones; old ones are deleted by staff). */
export const MAX_SERVICE_NOTICES = 50;

/** The municipality's notices: at most 50, ids unique, each ending no earlier than it begins. */
export const ServiceNoticesSchema = Schema.Array(ServiceNoticeSchema).check(
  Schema.isMaxLength(MAX_SERVICE_NOTICES),
  Schema.makeFilter((list: readonly ServiceNotice[]) => new Set(list.map((n) => n.id)).size === list.length || "notice ids must be unique"),
  Schema.makeFilter((list: readonly ServiceNotice[]) => list.every((n) => n.publishUntil === null || n.publishUntil >= n.publishFrom) || "a notice must end on or after the day it begins"),
);

/** The notices shown on `now`'s day in Japan, newest first (by first day, then id). */
export const publishedNotices = (notices: readonly ServiceNotice[], now: Date): ServiceNotice[] => {
  const today = japanCalendarDate(now);
  return notices
    .filter((n) => n.publishFrom <= today && (n.publishUntil === null || today <= n.publishUntil))
    .sort((a, b) => (a.publishFrom === b.publishFrom ? (a.id < b.id ? -1 : 1) : a.publishFrom < b.publishFrom ? 1 : -1));
};
