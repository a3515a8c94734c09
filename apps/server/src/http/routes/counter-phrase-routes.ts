import { Router, type Request, type Response } from "express";
import { Schema } from "effect";
import { COUNTER_PHRASES_SETTING, listSetting, MAX_COUNTER_PHRASE_LENGTH, MAX_COUNTER_PHRASES, saveListSetting, type Locale } from "@madoguchi/core";
import { auditDenied, sourceIpOf } from "../../audit/record-audit.ts";
import { decodeBody } from "../decode-body.ts";
import { requestLocale } from "../locale.ts";
import { requirePermission } from "../require-permission.ts";
import type { ServerDeps } from "../server-deps.ts";
import { requireStaffSession, staffSessionOf } from "../sessions/require-staff-session.ts";

/** The whole list, as the counter page sends it; each phrase is decoded by core. */
const PhrasesBody = Schema.Struct({ phrases: Schema.Unknown, expectedVersion: Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(0)) });

const MESSAGES = {
  invalid: {
    ja: `登録語句を確認してください（1語句は1行・${MAX_COUNTER_PHRASE_LENGTH}文字まで、同じ語句は1回、${MAX_COUNTER_PHRASES}件まで）。`,
    en: `Check the phrases (one line of at most ${MAX_COUNTER_PHRASE_LENGTH} characters each, each once, at most ${MAX_COUNTER_PHRASES}).`,
  },
  conflict: { ja: "ほかの職員が同時に登録語句を変更しました。再読み込みしてください。", en: "Another staff member changed the phrases at the same time. Reload them." },
  unavailable: { ja: "しばらくしてからもう一度お試しください。", en: "Please try again later." },
} as const;

const unavailable = (res: Response, locale: Locale) => res.status(503).json({ error: { code: "storage.unavailable", message: MESSAGES.unavailable[locale] } });

/**
 * C6 語句登録 on the staff listener: the counter's registered phrases, read and replaced as a whole by members with
 * `counter.use` (the counter's staff keep their own wording). Each change is audited in its transaction, by count.
 */
export const counterPhraseRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const staffOnly = requireStaffSession(deps.sessions, auditDenied(deps));
  const counter = requirePermission(deps, "counter.use");
  router.get("/api/staff/counter/phrases", staffOnly, counter, async (req: Request, res: Response) => {
    const stored = await listSetting(deps.settings, COUNTER_PHRASES_SETTING);
    if (stored.isErr()) return unavailable(res, requestLocale(req));
    res.json({ phrases: stored.value.items, version: stored.value.version });
  });
  router.put("/api/staff/counter/phrases", staffOnly, counter, async (req: Request, res: Response) => {
    const locale = requestLocale(req);
    const body = decodeBody(PhrasesBody, req, res, locale);
    if (body === null) return;
    const saved = await saveListSetting(deps, COUNTER_PHRASES_SETTING, { items: body.phrases, expectedVersion: body.expectedVersion, staffId: staffSessionOf(res).staff.id, sourceIp: sourceIpOf(req) });
    if (saved.isOk()) return void res.json({ phrases: saved.value.items, version: saved.value.version });
    if (saved.error._tag === "InvalidSettingValue") return void res.status(422).json({ error: { code: saved.error.code, message: MESSAGES.invalid[locale] } });
    if (saved.error.reason === "conflict") return void res.status(409).json({ error: { code: "counter.phrases_conflict", message: MESSAGES.conflict[locale] } });
    unavailable(res, locale);
  });
  return router;
};
