import { Router, type Request, type Response } from "express";
import { Schema } from "effect";
import { saveCatalogLists, saveProcedureDefinition, type CatalogInForce, type Locale } from "@madoguchi/core";
import { auditDenied, sourceIpOf } from "../../audit/record-audit.ts";
import { decodeBody } from "../decode-body.ts";
import { requestLocale } from "../locale.ts";
import { requirePermission } from "../require-permission.ts";
import type { ServerDeps } from "../server-deps.ts";
import { requireStaffSession, staffSessionOf } from "../sessions/require-staff-session.ts";

/** The editor sends the whole procedure; core decodes it with the rest of the catalog. */
const SaveBody = Schema.Struct({ procedure: Schema.Unknown, expectedVersion: Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(0)) });

/** The lists are sent whole (delivery methods, categories, life events); core decodes them with the catalog. */
const SaveListsBody = Schema.Struct({ lists: Schema.Unknown, expectedVersion: Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(0)) });

const MESSAGES = {
  invalid: { ja: "手続の内容に誤りがあります。各項目を確認してください。", en: "The procedure has errors. Check each item." },
  invalidLists: {
    ja: "一覧に誤りがあります。手続が使っている配送方法・分類は、先に手続から外してください。",
    en: "The lists have errors. A delivery method or a tag a procedure uses must first be removed from that procedure.",
  },
  idMismatch: { ja: "手続の ID はアドレスの ID と同じでなければなりません（作成後は変更できません）。", en: "The procedure's id must be the one in the address (it cannot change once created)." },
  conflict: { ja: "ほかの職員が同時に手続を変更しました。再読み込みしてから、もう一度変更してください。", en: "Another staff member changed the procedures at the same time. Reload, then make your change again." },
  unavailable: { ja: "しばらくしてからもう一度お試しください。", en: "Please try again later." },
} as const;

const unavailable = (res: Response, locale: Locale) => res.status(503).json({ error: { code: "storage.unavailable", message: MESSAGES.unavailable[locale] } });

/** `GET /api/staff/procedures`: every procedure (enabled or not) and what a procedure may refer to, from the file. */
const editorView = (deps: ServerDeps, inForce: CatalogInForce) => ({
  version: inForce.version,
  source: inForce.source,
  municipality: inForce.catalog.municipality,
  procedures: inForce.catalog.procedures,
  deliveryMethods: inForce.catalog.deliveryMethods,
  offices: inForce.catalog.offices ?? [],
  categories: inForce.catalog.categories ?? [],
  lifeEvents: inForce.catalog.lifeEvents ?? [],
  /** The lists as staff edit them (the file's until saved), and what their next save expects. */
  lists: inForce.lists,
  listsVersion: inForce.listsVersion,
  portalOrigin: deps.portalOrigin,
});

/**
 * S6 on the staff listener: members with `forms.manage` build the portal's procedures and their questions. One
 * procedure is saved at a time, checked with the whole catalog as the file is at start, in force for the next
 * request, and audited in the transaction that writes it. Procedures are never deleted (applications name them):
 * staff stop one by saving it with `enabled: false`.
 */
export const procedureRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  const staffOnly = requireStaffSession(deps.sessions, auditDenied(deps));
  const manage = requirePermission(deps, "forms.manage");
  router.get("/api/staff/procedures", staffOnly, manage, async (_req: Request, res: Response) => {
    // Another process may have saved since this one last looked; on a failed read the last good catalog answers.
    const inForce = await deps.liveCatalog.refresh().catch(() => deps.liveCatalog.inForce());
    res.json(editorView(deps, inForce));
  });
  router.put("/api/staff/procedures/:id", staffOnly, manage, async (req: Request, res: Response) => {
    const locale = requestLocale(req);
    const body = decodeBody(SaveBody, req, res, locale);
    if (body === null) return;
    const id = (body.procedure as { id?: unknown } | null)?.id;
    if (id !== req.params.id) return void res.status(400).json({ error: { code: "catalog.id_mismatch", message: MESSAGES.idMismatch[locale] } });
    const saved = await saveProcedureDefinition(
      { settings: deps.settings, clock: deps.clock },
      { file: deps.liveCatalog.file, procedure: body.procedure, expectedVersion: body.expectedVersion, staffId: staffSessionOf(res).staff.id, sourceIp: sourceIpOf(req) },
    );
    if (saved.isOk()) {
      deps.liveCatalog.replace(saved.value.inForce);
      const procedure = saved.value.inForce.catalog.procedures.find((p) => p.id === id);
      return void res.status(saved.value.created ? 201 : 200).json({ version: saved.value.inForce.version, procedure });
    }
    const error = saved.error;
    if (error._tag === "CatalogError") return void res.status(422).json({ error: { code: error.code, message: MESSAGES.invalid[locale], issues: error.issues } });
    if (error.reason === "conflict") return void res.status(409).json({ error: { code: "catalog.conflict", message: MESSAGES.conflict[locale] } });
    unavailable(res, locale);
  });
  // The delivery methods with their postage, the categories and the life events: saved whole, checked with every procedure.
  router.put("/api/staff/procedure-lists", staffOnly, manage, async (req: Request, res: Response) => {
    const locale = requestLocale(req);
    const body = decodeBody(SaveListsBody, req, res, locale);
    if (body === null) return;
    const saved = await saveCatalogLists(
      { settings: deps.settings, clock: deps.clock },
      { file: deps.liveCatalog.file, lists: body.lists, expectedVersion: body.expectedVersion, staffId: staffSessionOf(res).staff.id, sourceIp: sourceIpOf(req) },
    );
    if (saved.isOk()) {
      deps.liveCatalog.replace(saved.value);
      return void res.json(editorView(deps, saved.value));
    }
    const error = saved.error;
    if (error._tag === "CatalogError") return void res.status(422).json({ error: { code: error.code, message: MESSAGES.invalidLists[locale], issues: error.issues } });
    if (error.reason === "conflict") return void res.status(409).json({ error: { code: "catalog.conflict", message: MESSAGES.conflict[locale] } });
    unavailable(res, locale);
  });
  return router;
};
