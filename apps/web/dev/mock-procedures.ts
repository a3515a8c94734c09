import type { ServerResponse } from "node:http";
import { decodeProcedureCatalog } from "@madoguchi/core";

/**
 * S6's endpoints for `vite` without a server (see mock-api.ts): the procedures staff build, and the lists they
 * refer to (delivery methods with their postage, categories, life events), in memory. A save is checked by core's
 * own catalog decoder with the rest of the catalog, as the server does, so the editor and the lists page show real
 * issues (a procedure's paths relative to it; the lists' as core gives them, references from procedures
 * included); a stale version is a 409. The portal's `/api/procedures` does not follow these edits: the mock's
 * resident pages keep their own two procedures.
 */

type Json = Record<string, unknown>;
type Locale = "ja" | "en";

const FILE = {
  municipality: { code: "999999", name: { ja: "みほん市", en: "Mihon City" } },
  deliveryMethods: [
    { id: "post", name: { ja: "普通郵便", en: "Ordinary mail" }, postage: 110 },
    { id: "express", name: { ja: "速達", en: "Express mail" }, postage: 410 },
  ],
  offices: [
    { id: "honcho", name: { ja: "本庁 市民課", en: "City hall, Residents' Division" } },
    { id: "kita", name: { ja: "北支所", en: "North branch" } },
  ],
  categories: [
    { id: "juminhyo-inkan", name: { ja: "住民票・印鑑登録", en: "Residence and seal registration" } },
    { id: "zeimu", name: { ja: "税の証明", en: "Tax certificates" } },
  ],
  lifeEvents: [
    { id: "hikkoshi", name: { ja: "引越し", en: "Moving" } },
    { id: "shushoku", name: { ja: "就職・転職", en: "Starting a job" } },
  ],
};

/** The procedures as the catalog file would have them: one with a select question and a text question. */
let procedures: Json[] = [
  {
    id: "juminhyo",
    name: { ja: "住民票の写し", en: "Copy of residence record" },
    description: { ja: "世帯全員または一部の方の住民票の写しを郵送でお送りします。", en: "A copy of the residence record of your household, sent by post." },
    feePerCopy: 300,
    maxCopies: 10,
    deliveryMethodIds: ["post", "express"],
    extraFields: [],
    requiredFields: ["name", "nameKana", "postalCode", "address", "dateOfBirth", "phone", "email"],
    fieldHelp: { nameKana: { ja: "ひらがなまたはカタカナで入力してください。", en: "In hiragana or katakana." } },
    requiresSignature: true,
    enabled: true,
    categoryIds: ["juminhyo-inkan"],
    lifeEventIds: ["hikkoshi"],
  },
  {
    id: "kazei",
    name: { ja: "所得・課税証明書", en: "Income and tax certificate" },
    description: { ja: "指定した年度の所得と課税の状況を証明します。", en: "Certifies income and taxes of a fiscal year." },
    feePerCopy: 300,
    maxCopies: 5,
    deliveryMethodIds: ["post"],
    extraFields: [
      {
        key: "purpose",
        label: { ja: "使用目的", en: "Purpose" },
        kind: "select",
        options: [
          { value: "loan", label: { ja: "ローン申込み", en: "Loan application" } },
          { value: "other", label: { ja: "その他", en: "Other" } },
        ],
        required: true,
      },
      {
        key: "submitTo",
        label: { ja: "提出先", en: "Submitted to" },
        kind: "text",
        maxLength: 50,
        required: false,
        help: { ja: "証明書の提出先（例：○○銀行）。任意です。", en: "Where you will submit the certificate (e.g. a bank). Optional." },
      },
    ],
    requiredFields: ["name", "address", "dateOfBirth", "email"],
    fieldHelp: {},
    requiresSignature: false,
    enabled: true,
    categoryIds: ["zeimu"],
    keywords: ["課税証明", "所得証明"],
  },
];
let version = 0;

/** The lists as staff edit them: the file's until saved (`listsVersion` 0). */
let lists: { deliveryMethods: unknown[]; categories: unknown[]; lifeEvents: unknown[] } = {
  deliveryMethods: FILE.deliveryMethods,
  categories: FILE.categories,
  lifeEvents: FILE.lifeEvents,
};
let listsVersion = 0;

/** The catalog as core decodes it: the file with the lists in force and the given procedures. */
const catalogOf = (procedureList: readonly unknown[], listsInForce: typeof lists = lists) => ({ ...FILE, ...listsInForce, procedures: procedureList });

const MESSAGES = {
  invalid: { ja: "手続の内容に誤りがあります。各項目を確認してください。", en: "The procedure has errors. Check each item." },
  invalidLists: {
    ja: "一覧に誤りがあります。手続が使っている配送方法・分類は、先に手続から外してください。",
    en: "The lists have errors. A delivery method or a tag a procedure uses must first be removed from that procedure.",
  },
  idMismatch: { ja: "手続の ID はアドレスの ID と同じでなければなりません（作成後は変更できません）。", en: "The procedure's id must be the one in the address (it cannot change once created)." },
  conflict: { ja: "ほかの職員が同時に手続を変更しました。再読み込みしてから、もう一度変更してください。", en: "Another staff member changed the procedures at the same time. Reload, then make your change again." },
} as const;

const send = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
};

const catalogView = (portalOrigin: string, decodedProcedures: readonly unknown[]) => ({
  version,
  source: version === 0 ? "file" : "back_office",
  municipality: FILE.municipality,
  procedures: decodedProcedures,
  deliveryMethods: lists.deliveryMethods,
  offices: FILE.offices,
  categories: lists.categories,
  lifeEvents: lists.lifeEvents,
  lists,
  listsVersion,
  portalOrigin,
});

/** `procedures[1] ("kazei").feePerCopy` → `feePerCopy` for the one being saved, as core's save does. */
const relativeTo = (index: number, path: string): string => {
  const prefix = new RegExp(`^procedures\\[${index}\\](?: \\("(?:[^"\\\\]|\\\\.)*"\\))?\\.?`);
  return prefix.test(path) ? path.replace(prefix, "") || "(procedure)" : path;
};

const LIST_KEYS = ["deliveryMethods", "categories", "lifeEvents"] as const;

/** `PUT /api/staff/procedure-lists`: the three lists whole, decoded with every procedure (core's paths and messages). */
const saveLists = (res: ServerResponse, body: Json, locale: Locale, portalOrigin: string): void => {
  const sent = body["lists"];
  if (typeof sent !== "object" || sent === null || typeof body["expectedVersion"] !== "number") {
    send(res, 400, { error: { code: "validation", message: "lists and expectedVersion are required" } });
    return;
  }
  const shape = [
    ...Object.keys(sent).filter((k) => !(LIST_KEYS as readonly string[]).includes(k)).map((k) => ({ path: k, message: "not a list staff keep here" })),
    ...LIST_KEYS.filter((k) => !Array.isArray((sent as Json)[k])).map((k) => ({ path: k, message: "expected an array" })),
  ];
  const next = sent as typeof lists;
  const decoded = shape.length > 0 ? null : decodeProcedureCatalog(catalogOf(procedures, next));
  if (decoded === null || decoded.isErr()) {
    send(res, 422, { error: { code: "catalog.invalid", message: MESSAGES.invalidLists[locale], issues: decoded === null ? shape : decoded.error.issues } });
    return;
  }
  if (body["expectedVersion"] !== listsVersion) {
    send(res, 409, { error: { code: "catalog.conflict", message: MESSAGES.conflict[locale] } });
    return;
  }
  lists = { deliveryMethods: next.deliveryMethods, categories: next.categories, lifeEvents: next.lifeEvents };
  listsVersion += 1;
  send(res, 200, catalogView(portalOrigin, decoded.value.procedures));
};

/** Answers `GET /api/staff/procedures`, `PUT /api/staff/procedures/:id` and `PUT /api/staff/procedure-lists`; false for any other path. */
export function mockProcedures(res: ServerResponse, request: { readonly path: string; readonly method: string; readonly body: Json; readonly locale: Locale; readonly portalOrigin: string }): boolean {
  const { path, method, body, locale, portalOrigin } = request;
  if (path === "/api/staff/procedures" && method === "GET") {
    const decoded = decodeProcedureCatalog(catalogOf(procedures));
    send(res, 200, catalogView(portalOrigin, decoded.isOk() ? decoded.value.procedures : procedures));
    return true;
  }
  if (path === "/api/staff/procedure-lists" && method === "PUT") {
    saveLists(res, body, locale, portalOrigin);
    return true;
  }
  const match = /^\/api\/staff\/procedures\/([^/]+)$/.exec(path);
  if (match === null || method !== "PUT") return false;
  const id = decodeURIComponent(match[1] ?? "");
  const procedure = body["procedure"];
  if (typeof procedure !== "object" || procedure === null || typeof body["expectedVersion"] !== "number") {
    send(res, 400, { error: { code: "validation", message: "procedure and expectedVersion are required" } });
    return true;
  }
  if ((procedure as Json)["id"] !== id) {
    send(res, 400, { error: { code: "catalog.id_mismatch", message: MESSAGES.idMismatch[locale] } });
    return true;
  }
  const index = procedures.findIndex((p) => p["id"] === id);
  const next = index < 0 ? [...procedures, procedure as Json] : procedures.map((p, i) => (i === index ? (procedure as Json) : p));
  const at = index < 0 ? procedures.length : index;
  const decoded = decodeProcedureCatalog(catalogOf(next));
  if (decoded.isErr()) {
    const issues = decoded.error.issues.map((i) => ({ path: relativeTo(at, i.path), message: i.message }));
    send(res, 422, { error: { code: "catalog.invalid", message: MESSAGES.invalid[locale], issues } });
    return true;
  }
  if (body["expectedVersion"] !== version) {
    send(res, 409, { error: { code: "catalog.conflict", message: MESSAGES.conflict[locale] } });
    return true;
  }
  procedures = next;
  version += 1;
  send(res, index < 0 ? 201 : 200, { version, procedure: decoded.value.procedures.find((p) => p.id === id) });
  return true;
}
