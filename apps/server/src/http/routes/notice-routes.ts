import { Router, type Request, type Response } from "express";
import { publishedNotices, SERVICE_NOTICES_SETTING, serviceNotices, type Locale } from "@madoguchi/core";
import { requestLocale } from "../locale.ts";
import type { ServerDeps } from "../server-deps.ts";
import { listSettingRoutes } from "./list-setting-routes.ts";

const MESSAGES = {
  invalid: {
    ja: "お知らせの内容を確認してください（日本語の件名は必須、リンクは https:// かポータル内の / で始まるもの、終了日は開始日以降、50 件まで）。",
    en: "Check the notices (a Japanese title is required; a link starts with https:// or / for a portal page; the last day is on or after the first; at most 50).",
  },
  conflict: { ja: "ほかの職員が同時にお知らせを変更しました。再読み込みしてください。", en: "Another staff member changed the notices at the same time. Reload the page." },
  unavailable: { ja: "しばらくしてからもう一度お試しください。", en: "Please try again later." },
} as const;

const unavailable = (res: Response, locale: Locale) => res.status(503).json({ error: { code: "storage.unavailable", message: MESSAGES.unavailable[locale] } });

/** R14 on the resident listener: the notices shown today (Japan's calendar), newest first. Public: no session. */
export const residentNoticeRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  router.get("/api/notices", async (req: Request, res: Response) => {
    const stored = await serviceNotices(deps.settings);
    if (stored.isErr()) return unavailable(res, requestLocale(req));
    res.json({ notices: publishedNotices(stored.value.notices, deps.clock.now()) });
  });
  return router;
};

/**
 * R14 on the staff listener: the whole list with its version, and its replacement by a member with `forms.manage`
 * (who also builds the portal's procedures, S6). The change is audited in the transaction that writes it.
 */
export const staffNoticeRoutes = (deps: ServerDeps): Router =>
  listSettingRoutes(deps, {
    path: "/api/staff/notices",
    key: SERVICE_NOTICES_SETTING,
    permission: "forms.manage",
    itemsName: "notices",
    invalid: MESSAGES.invalid,
    conflictCode: "notices.conflict",
    conflict: MESSAGES.conflict,
  });
