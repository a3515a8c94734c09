import { Router, type Request, type Response } from "express";
import { Schema } from "effect";
import { listSetting, saveListSetting, type Localized, type Locale, type SettingKey, type SettingValue, type StaffPermission } from "@madoguchi/core";
import { auditDenied, sourceIpOf } from "../../audit/record-audit.ts";
import { decodeBody } from "../decode-body.ts";
import { requestLocale } from "../locale.ts";
import { requirePermission } from "../require-permission.ts";
import type { ServerDeps } from "../server-deps.ts";
import { requireStaffSession, staffSessionOf } from "../sessions/require-staff-session.ts";

/** A list setting staff read and replace whole on the staff listener (the portal's notices, the counter's phrases). */
export interface ListSettingSpec<K extends SettingKey> {
  readonly path: string;
  readonly key: K;
  readonly permission: StaffPermission;
  /** The list's name in the body and the answer: `{ notices: […], version }`. */
  readonly itemsName: string;
  /** What to check when core refuses the list (its rules, not the value, which came from outside). */
  readonly invalid: Localized;
  readonly conflictCode: string;
  readonly conflict: Localized;
}

const UNAVAILABLE = { ja: "しばらくしてからもう一度お試しください。", en: "Please try again later." } as const;
const unavailable = (res: Response, locale: Locale) => res.status(503).json({ error: { code: "storage.unavailable", message: UNAVAILABLE[locale] } });

/**
 * `GET <path>`: the list and its version; `PUT <path>` with `{ <itemsName>: […], expectedVersion }`: replaced if
 * nobody changed it meanwhile (409 otherwise), decoded by core (422), audited by count in the write's transaction.
 */
export const listSettingRoutes = <K extends SettingKey>(deps: ServerDeps, spec: ListSettingSpec<K>): Router => {
  const router = Router();
  const staffOnly = requireStaffSession(deps.sessions, auditDenied(deps));
  const allowed = requirePermission(deps, spec.permission);
  const Body = Schema.Struct({ [spec.itemsName]: Schema.Unknown, expectedVersion: Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(0)) });
  const answer = (stored: { readonly items: SettingValue<K>; readonly version: number }) => ({ [spec.itemsName]: stored.items, version: stored.version });
  router.get(spec.path, staffOnly, allowed, async (req: Request, res: Response) => {
    const stored = await listSetting(deps.settings, spec.key as never);
    if (stored.isErr()) return unavailable(res, requestLocale(req));
    res.json(answer(stored.value as never));
  });
  router.put(spec.path, staffOnly, allowed, async (req: Request, res: Response) => {
    const locale = requestLocale(req);
    const body = decodeBody(Body, req, res, locale) as Record<string, unknown> | null;
    if (body === null) return;
    const saved = await saveListSetting(deps, spec.key as never, {
      items: body[spec.itemsName],
      expectedVersion: body["expectedVersion"] as number,
      staffId: staffSessionOf(res).staff.id,
      sourceIp: sourceIpOf(req),
    });
    if (saved.isOk()) return void res.json(answer(saved.value as never));
    if (saved.error._tag === "InvalidSettingValue") return void res.status(422).json({ error: { code: saved.error.code, message: spec.invalid[locale] } });
    if (saved.error.reason === "conflict") return void res.status(409).json({ error: { code: spec.conflictCode, message: spec.conflict[locale] } });
    unavailable(res, locale);
  });
  return router;
};
