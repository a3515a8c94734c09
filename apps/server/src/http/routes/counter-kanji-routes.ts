import { Router, type Request, type Response } from "express";
import { searchKanji } from "@madoguchi/core";
import { auditDenied } from "../../audit/record-audit.ts";
import { COUNTER_MESSAGES } from "../../counter/counter-messages.ts";
import { requestLocale } from "../locale.ts";
import { requirePermission } from "../require-permission.ts";
import type { ServerDeps } from "../server-deps.ts";
import { requireStaffSession } from "../sessions/require-staff-session.ts";

/** The longest query string read: a reading of 10 kana is far shorter; anything longer is refused unread. */
const MAX_QUERY_LENGTH = 64;

/**
 * C6 漢字検索 on the staff listener: `GET /api/staff/counter/kanji?q=たか` (by reading) or `?q=高` (the character,
 * its variants and the characters of its shape), for members with `counter.use`. A query is a reading or one
 * character, never a whole name, and holds nothing of the resident's record: not audited. Request logs carry the
 * path only (create-app.ts), never the query.
 */
export const counterKanjiRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const staffOnly = requireStaffSession(deps.sessions, auditDenied(deps));
  const counter = requirePermission(deps, "counter.use");
  router.get("/api/staff/counter/kanji", staffOnly, counter, (req: Request, res: Response) => {
    const locale = requestLocale(req);
    const q = req.query["q"];
    const query = typeof q === "string" ? q : "";
    const found = query.length > MAX_QUERY_LENGTH ? null : searchKanji(deps.counter.kanji, query);
    if (found === null || found.isErr()) {
      const reason = found === null ? "too_long" : found.error.reason;
      return void res.status(400).json({ error: { code: "kanji.invalid_query", reason, message: COUNTER_MESSAGES.kanji[reason][locale] } });
    }
    res.set("Cache-Control", "no-store").json(found.value);
  });
  return router;
};
