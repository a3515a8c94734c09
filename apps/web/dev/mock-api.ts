import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseJapaneseDate } from "@madoguchi/core";
import type { Plugin } from "vite";
import { mockCounter } from "./mock-counter.ts";
import { mockProcedures } from "./mock-procedures.ts";
import { checkIntake, intakeView, type MockIntake } from "./mock-proxy-entry.ts";

/**
 * A small in-memory stand-in for the madoguchi server, for `npm run dev -w @madoguchi/web` while the real
 * server is not at hand. It follows the documented API shapes but none of the real rules: it is for
 * looking at screens, never for testing behaviour (the end-to-end test runs against the real server).
 *
 * Also serves a fake hosted card form (`/mock-sandbox/hosted-fields.html`). Card `4000000000000002` is
 * declined. It does not sign (`/api/signing/*` needs the real server's card or app).
 */

type Json = Record<string, unknown>;
type L = { ja: string; en: string };

/** The mock staff member is an administrator: every section of the back office is shown. */
const MOCK_STAFF_PERMISSIONS = [
  "applications.view",
  "applications.process",
  "fees.change",
  "applications.export",
  "forms.manage",
  "staff.manage",
  "retention.manage",
  "audit.view",
  "counter.use",
];

const DELIVERY = [
  { id: "post", name: { ja: "普通郵便", en: "Ordinary mail" }, postage: 110 },
  { id: "express", name: { ja: "速達", en: "Express mail" }, postage: 410 },
];

const PROCEDURES = [
  {
    id: "juminhyo",
    name: { ja: "住民票の写し", en: "Copy of residence record" },
    description: {
      ja: "世帯全員または一部の方の住民票の写しを郵送でお送りします。",
      en: "A copy of the residence record of your household, sent by post.",
    },
    feePerCopy: 300,
    maxCopies: 10,
    deliveryMethodIds: ["post", "express"],
    extraFields: [],
    requiredFields: ["name", "nameKana", "postalCode", "address", "dateOfBirth", "phone"],
    fieldHelp: {
      nameKana: { ja: "ひらがなまたはカタカナで入力してください。", en: "In hiragana or katakana." },
      postalCode: { ja: "7桁の数字で入力してください（ハイフンは不要です）。", en: "Seven digits." },
    },
    requiresSignature: true,
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
        key: "fiscalYear",
        label: { ja: "年度", en: "Fiscal year" },
        kind: "select",
        options: [
          { value: "2026", label: { ja: "令和8年度", en: "FY2026" } },
          { value: "2025", label: { ja: "令和7年度", en: "FY2025" } },
        ],
        required: true,
        help: { ja: "前年の所得が記載されます。", en: "Shows the previous year's income." },
      },
      {
        key: "purpose",
        label: { ja: "使用目的", en: "Purpose" },
        kind: "select",
        options: [
          { value: "loan", label: { ja: "ローン申込み", en: "Loan application" } },
          { value: "other", label: { ja: "その他", en: "Other" } },
        ],
        required: false,
      },
      {
        key: "movedInOn",
        label: { ja: "市に転入した日", en: "Date you moved to the city" },
        kind: "date",
        range: "past",
        required: false,
        help: { ja: "その年度の1月2日以降に転入した方のみ入力してください。", en: "Only if you moved here after 1 January of that year." },
      },
      { key: "dependents", label: { ja: "扶養している親族の人数", en: "Number of dependants" }, kind: "number", min: 0, max: 20, required: false },
    ],
    requiredFields: ["name", "address", "dateOfBirth"],
    fieldHelp: {},
    requiresSignature: false,
  },
];

const STATUS_LABELS: Record<string, L> = {
  submitted: { ja: "申請済", en: "Submitted" },
  received: { ja: "受付", en: "Received" },
  processing: { ja: "処理中", en: "Processing" },
  completed: { ja: "完了", en: "Completed" },
  rejected: { ja: "不受理", en: "Rejected" },
  returned: { ja: "差戻し", en: "Returned" },
  withdrawn: { ja: "取下げ", en: "Withdrawn" },
};

const COMMANDS: Record<string, { from: string[]; to: string }> = {
  receive: { from: ["submitted"], to: "received" },
  startProcessing: { from: ["received"], to: "processing" },
  complete: { from: ["processing"], to: "completed" },
  reject: { from: ["submitted", "received", "processing"], to: "rejected" },
  return: { from: ["submitted", "received", "processing"], to: "returned" },
};

interface MockApplication {
  id: string;
  receiptNumber: string;
  accessSecret: string;
  submissionKey: string;
  procedure: (typeof PROCEDURES)[number];
  applicant: Record<string, string>;
  request: { copies: number; deliveryMethodId: string; extra: Record<string, string> };
  fee: { lines: Json[]; total: number };
  status: string;
  version: number;
  history: { to: string; toLabel: L; at: string; reason: string | null }[];
  signed: boolean;
  submittedAt: string;
  /** S5: entered by staff for the resident (代理入力); absent for an online application. */
  intake?: MockIntake;
}

const apps = new Map<string, MockApplication>();
const sessions = new Map<string, string>(); // session id → csrf token
const inbox: { id: string; to: string; subject: string; text: string; receivedAt: string }[] = [];
const tokens = new Map<string, { declined: boolean; last4: string }>();

const readBody = async (req: IncomingMessage): Promise<Json> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    const value = text === "" ? {} : (JSON.parse(text) as unknown);
    return typeof value === "object" && value !== null ? (value as Json) : {};
  } catch {
    return {};
  }
};

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
};

const localeOf = (req: IncomingMessage, body: Json): "ja" | "en" =>
  body["locale"] === "en" || (body["locale"] === undefined && req.headers["accept-language"] === "en") ? "en" : "ja";

const err = (res: ServerResponse, status: number, code: string, message: string, extra: Json = {}) =>
  send(res, status, { error: { code, message }, ...extra });

const toHalfWidth = (s: string): string => s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** A number answer in ASCII digits, or `null` (the mock does not check the question's bounds). */
const keptNumber = (typed: string): string | null => {
  const digits = toHalfWidth(typed).replace(/[,\s]/g, "");
  return /^-?\d{1,7}$/.test(digits) ? String(Number(digits)) : null;
};

function prepare(body: Json, locale: "ja" | "en", options: { readonly emailRequired?: boolean } = {}) {
  const procedure = PROCEDURES.find((p) => p.id === body["procedureId"]);
  if (procedure === undefined) return { status: 404 as const };
  const applicant = (body["applicant"] ?? {}) as Record<string, string>;
  const request = (body["request"] ?? {}) as { copies?: string; deliveryMethodId?: string; extra?: Record<string, string> };
  const errors: { field: string; code: string; message: string }[] = [];
  const msg = (ja: string, en: string) => (locale === "ja" ? ja : en);
  // S5: staff entering a request may leave the email empty.
  for (const field of options.emailRequired === false ? procedure.requiredFields : [...procedure.requiredFields, "email"]) {
    if ((applicant[field] ?? "").trim() === "") {
      errors.push({ field: `applicant.${field}`, code: "required", message: msg(`${field}を入力してください`, `${field} is required`) });
    }
  }
  const postal = toHalfWidth(applicant["postalCode"] ?? "").replace(/[-ー－]/g, "");
  if (postal !== "" && !/^\d{7}$/.test(postal)) {
    errors.push({ field: "applicant.postalCode", code: "format", message: msg("7桁の数字で入力してください。", "Enter seven digits.") });
  }
  const email = applicant["email"] ?? "";
  if (email !== "" && !email.includes("@")) {
    errors.push({ field: "applicant.email", code: "format", message: msg("メールアドレスの形式が正しくありません。", "Enter a valid email address.") });
  }
  const copies = Number(toHalfWidth(String(request.copies ?? "")));
  if (!Number.isInteger(copies) || copies < 1 || copies > procedure.maxCopies) {
    errors.push({
      field: "request.copies",
      code: "range",
      message: msg(`1から${procedure.maxCopies}までの数字で入力してください。`, `Enter a number from 1 to ${procedure.maxCopies}.`),
    });
  }
  const delivery = DELIVERY.find((d) => d.id === request.deliveryMethodId && procedure.deliveryMethodIds.includes(d.id));
  if (delivery === undefined) {
    errors.push({ field: "request.deliveryMethodId", code: "required", message: msg("送付方法を選んでください。", "Choose a delivery method.") });
  }
  const extraAnswers: Record<string, string> = {};
  for (const extra of procedure.extraFields) {
    const typed = (request.extra?.[extra.key] ?? "").trim();
    if (typed === "") {
      const choose = extra.kind === "select";
      if (extra.required) errors.push({ field: `request.extra.${extra.key}`, code: "required", message: choose ? msg("選択してください。", "Choose an option.") : msg("入力してください。", "Required.") });
      continue;
    }
    // Dates and numbers are kept as the server keeps them (ISO, ASCII digits), so the confirmation shows them as it would.
    const kept = extra.kind === "date" ? parseJapaneseDate(typed).unwrapOr(null) : extra.kind === "number" ? keptNumber(typed) : typed;
    if (kept === null) errors.push({ field: `request.extra.${extra.key}`, code: "format", message: msg("形式が正しくありません。", "Check the format.") });
    else extraAnswers[extra.key] = kept;
  }
  if (errors.length > 0 || delivery === undefined) return { status: 422 as const, errors };
  const normalisedApplicant: Record<string, string> = {
    ...applicant,
    postalCode: postal,
    phone: toHalfWidth(applicant["phone"] ?? "").replace(/\D/g, ""),
    dateOfBirth: /^\d{4}-\d{2}-\d{2}$/.test(applicant["dateOfBirth"] ?? "") ? (applicant["dateOfBirth"] ?? "") : "1975-03-04",
  };
  const normalisedRequest = { copies, deliveryMethodId: delivery.id, extra: extraAnswers };
  const lines = [
    { kind: "certificate", label: procedure.name, unitPrice: procedure.feePerCopy, quantity: copies, amount: procedure.feePerCopy * copies },
    { kind: "postage", label: { ja: `送料（${delivery.name.ja}）`, en: `Postage (${delivery.name.en})` }, unitPrice: delivery.postage, quantity: 1, amount: delivery.postage },
  ];
  const fee = { lines, total: lines.reduce((s, l) => s + l.amount, 0) };
  const canonicalJson = JSON.stringify({ applicant: normalisedApplicant, procedureId: procedure.id, request: normalisedRequest });
  return { status: 200 as const, procedure, applicant: normalisedApplicant, request: normalisedRequest, fee, canonicalJson };
}

const statusView = (a: MockApplication) => ({
  receiptNumber: a.receiptNumber,
  procedureId: a.procedure.id,
  procedureName: a.procedure.name,
  status: a.status,
  statusLabel: STATUS_LABELS[a.status],
  history: a.history,
  fee: a.fee,
  withdrawable: a.status === "submitted",
});

const detailView = (a: MockApplication) => ({
  id: a.id,
  receiptNumber: a.receiptNumber,
  procedureName: a.procedure.name,
  status: a.status,
  statusLabel: STATUS_LABELS[a.status],
  version: a.version,
  applicant: a.applicant,
  request: a.request,
  fee: a.fee,
  history: a.history,
  signature: a.signed
    ? { signerSubject: "CN=窓口 花子 (TEST)", signerIssuer: "CN=madoguchi test card CA", verifiedAt: a.submittedAt }
    : null,
  // An entered application is paid outside the card books (its intake says how).
  payment: a.intake !== undefined ? null : { authorizationId: `auth_${a.id.slice(0, 8)}`, brand: "VISA", last4: "4242", amount: a.fee.total, status: "authorized" },
  intake: a.intake === undefined ? null : intakeView(a.intake),
  allowedCommands: Object.entries(COMMANDS)
    .filter(([, c]) => c.from.includes(a.status))
    .map(([name]) => name),
});

const sessionOf = (req: IncomingMessage): string | null => {
  const match = /(?:^|;\s*)mock_staff=([^;]+)/.exec(req.headers.cookie ?? "");
  return match?.[1] !== undefined && sessions.has(match[1]) ? match[1] : null;
};

const HOSTED_FIELDS_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>Mock card form</title>
<link rel="stylesheet" href="/mock-sandbox/hosted-fields.css"></head><body>
<form id="f"><p><label for="card-number">カード番号 / Card number</label><input id="card-number" inputmode="numeric" value="4242424242424242"></p>
<p><label for="card-expiry">有効期限 / Expiry (MM/YY)</label><input id="card-expiry" value="12/30"></p>
<p><label for="card-cvc">セキュリティコード / CVC</label><input id="card-cvc" value="123"></p>
<p><label for="card-name">名義 / Name</label><input id="card-name" value="HANAKO MADOGUCHI"></p>
<button id="pay-button">このカードで支払う</button></form>
<script src="/mock-sandbox/hosted-fields.js"></script></body></html>`;

const HOSTED_FIELDS_JS = `const params = new URLSearchParams(location.search);
const parentOrigin = params.get("origin");
document.getElementById("f").addEventListener("submit", async (e) => {
  e.preventDefault();
  const number = document.getElementById("card-number").value.replace(/\\s/g, "");
  if (!/^\\d{16}$/.test(number)) { parent.postMessage({ type: "madoguchi-sandbox:error", code: "invalid_number" }, parentOrigin); return; }
  const r = await fetch("/mock-sandbox/v1/tokens", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ number }) });
  const body = await r.json();
  parent.postMessage({ type: "madoguchi-sandbox:token", token: body.token, brand: "VISA", last4: number.slice(-4) }, parentOrigin);
});`;

/** The Vite plugin that mounts the mock in the dev server. */
export function mockApi(): Plugin {
  return {
    name: "madoguchi-mock-api",
    configureServer(server) {
      server.middlewares.use(middleware((m) => server.config.logger.error(m)));
    },
    // `vite preview` too: the built bundle under the strict CSP, against the mock.
    configurePreviewServer(server) {
      server.middlewares.use(middleware((m) => server.config.logger.error(m)));
    },
  };
}

const middleware =
  (logError: (message: string) => void) =>
  (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const url = new URL(req.url ?? "/", "http://mock");
    if (!url.pathname.startsWith("/api/") && !url.pathname.startsWith("/mock-")) {
      next();
      return;
    }
    handle(req, res, url).catch((error: unknown) => {
      logError(String(error));
      send(res, 500, { error: { code: "internal", message: "mock failure" } });
    });
  };

/** The applications' retention (S4), without its rules: every finished mock application counts as past it. */
let applicationRetentionMonths: number | null = null;
const FINISHED = ["completed", "rejected", "withdrawn"];

function mockRetention(res: ServerResponse, path: string, method: string, body: Json, locale: "ja" | "en"): void {
  const finished = () => [...apps.values()].filter((a) => FINISHED.includes(a.status));
  if (path === "/api/staff/settings/application-retention") {
    const before = applicationRetentionMonths;
    if (method === "PUT") applicationRetentionMonths = Number(body["months"]);
    const months = applicationRetentionMonths ?? 12;
    return send(res, 200, { months, source: applicationRetentionMonths === null ? "default" : "setting", defaultMonths: 12, minMonths: 6, maxMonths: 120, canChange: true, changed: before !== applicationRetentionMonths });
  }
  if (path === "/api/staff/retention/applications/expired") {
    const items = finished().map((a) => {
      const finishedAt = a.history.at(-1)?.at ?? a.submittedAt;
      return { receiptNumber: a.receiptNumber, procedureId: a.procedure.id, procedureName: a.procedure.name[locale], status: a.status, finishedAt, expiredAt: finishedAt };
    });
    return send(res, 200, { months: applicationRetentionMonths ?? 12, items, more: false });
  }
  if (path === "/api/staff/retention/applications/purge" && method === "POST") {
    const gone = finished();
    for (const a of gone) apps.delete(a.id);
    return send(res, 200, { purged: gone.length, receiptNumbers: gone.map((a) => a.receiptNumber), more: false });
  }
  err(res, 404, "not_found", "not found");
}

/** S5: `POST /api/staff/applications` — staff enter an application for a resident (代理入力). */
function mockProxyEntry(res: ServerResponse, body: Json, locale: "ja" | "en", enteredBy: string): void {
  const existing = [...apps.values()].find((a) => a.submissionKey === body["submissionKey"]);
  const result = prepare(body, locale, { emailRequired: false });
  const procedure = PROCEDURES.find((p) => p.id === body["procedureId"]);
  const intake = checkIntake(body["intake"], {
    requiresSignature: procedure === undefined ? null : procedure.requiresSignature,
    feeTotal: result.status === 200 ? result.fee.total : null,
    locale,
    enteredBy,
  });
  const errors = [
    ...(result.status === 404 ? [{ field: "procedureId", code: "unknown_procedure", message: locale === "ja" ? "手続を選んでください" : "Choose the procedure" }] : []),
    ...(result.status === 422 ? result.errors : []),
    ...("errors" in intake ? intake.errors : []),
  ];
  if (errors.length > 0 || result.status !== 200 || "errors" in intake) {
    send(res, 422, { error: { code: "validation.failed", message: locale === "ja" ? "入力内容を確認してください。" : "Check your input." }, errors });
    return;
  }
  if (existing !== undefined) {
    // The same key again: the same entry is a resend (no secret: only its hash is kept), other content a conflict.
    if (existing.intake !== undefined && existing.procedure.id === result.procedure.id && JSON.stringify(existing.applicant) === JSON.stringify(result.applicant)) {
      send(res, 200, { id: existing.id, receiptNumber: existing.receiptNumber, accessSecret: null, replayed: true });
      return;
    }
    err(res, 409, "application.submission_key_reused", locale === "ja" ? "この送信キーは別の内容で使われています。" : "This submission key was used for other content.");
    return;
  }
  const now = new Date().toISOString();
  const id = randomUUID();
  const app: MockApplication = {
    id,
    receiptNumber: `R${String(apps.size + 1).padStart(8, "0")}`,
    accessSecret: randomBytes(12).toString("base64url"),
    submissionKey: String(body["submissionKey"]),
    procedure: result.procedure,
    applicant: result.applicant,
    request: result.request,
    fee: result.fee,
    status: "submitted",
    version: 1,
    history: [{ to: "submitted", toLabel: STATUS_LABELS["submitted"] as L, at: now, reason: null }],
    signed: false,
    submittedAt: now,
    intake: intake.intake,
  };
  apps.set(id, app);
  send(res, 201, { id, receiptNumber: app.receiptNumber, accessSecret: app.accessSecret, replayed: false });
}

async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const path = url.pathname;
  const method = req.method ?? "GET";
  const body = method === "POST" || method === "PUT" ? await readBody(req) : {};
  const locale = localeOf(req, body);
  const origin = `http://${req.headers.host ?? "127.0.0.1"}`;

  if (path === "/mock-sandbox/hosted-fields.html") {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(HOSTED_FIELDS_HTML);
    return;
  }
  if (path === "/mock-sandbox/hosted-fields.js") {
    res.writeHead(200, { "Content-Type": "text/javascript; charset=utf-8" });
    res.end(HOSTED_FIELDS_JS);
    return;
  }
  if (path === "/mock-sandbox/hosted-fields.css") {
    res.writeHead(200, { "Content-Type": "text/css; charset=utf-8" });
    res.end("body{font-family:system-ui,sans-serif;margin:8px}input{display:block;width:100%;font:inherit;padding:6px}");
    return;
  }
  if (path === "/mock-sandbox/v1/tokens") {
    const number = String(body["number"] ?? "");
    const token = `tok_${randomBytes(8).toString("hex")}`;
    tokens.set(token, { declined: number === "4000000000000002", last4: number.slice(-4) });
    send(res, 200, { token, brand: "VISA", last4: number.slice(-4) });
    return;
  }

  if (path === "/api/config") {
    send(res, 200, {
      municipality: { code: "999999", name: { ja: "みほん市", en: "Mihon City" } },
      payment: { kind: "sandbox", hostedFieldsUrl: `${origin}/mock-sandbox/hosted-fields.html`, origin },
      devInbox: true,
      portalOrigin: origin,
    });
    return;
  }
  if (path === "/api/procedures") {
    send(res, 200, { deliveryMethods: DELIVERY, procedures: PROCEDURES, categories: [], lifeEvents: [] });
    return;
  }
  if (path === "/api/applications/prepare" && method === "POST") {
    const result = prepare(body, locale);
    if (result.status === 404) return err(res, 404, "procedure.not_found", "not found");
    if (result.status === 422) {
      send(res, 422, { error: { code: "validation", message: locale === "ja" ? "入力内容を確認してください。" : "Check your input." }, errors: result.errors });
      return;
    }
    send(res, 200, { canonicalJson: result.canonicalJson, applicant: result.applicant, request: result.request, fee: result.fee });
    return;
  }
  if (path === "/api/applications" && method === "POST") {
    const existing = [...apps.values()].find((a) => a.submissionKey === body["submissionKey"]);
    if (existing !== undefined) {
      send(res, 201, { receiptNumber: existing.receiptNumber, accessSecret: existing.accessSecret });
      return;
    }
    const result = prepare(body, locale);
    if (result.status !== 200) return err(res, 422, "validation", "invalid");
    const token = tokens.get(String((body["payment"] as Json | undefined)?.["token"] ?? ""));
    if (token === undefined) return err(res, 400, "payment.invalid_token", locale === "ja" ? "カード情報が無効です。" : "Invalid card token.");
    tokens.delete(String((body["payment"] as Json)["token"]));
    if (token.declined) {
      return err(res, 402, "payment.declined", locale === "ja" ? "このカードはご利用になれませんでした。" : "Your card was declined.");
    }
    const signature = body["signature"] as Json | null;
    if (result.procedure.requiresSignature && (signature === null || typeof signature?.["cmsBase64"] !== "string")) {
      return err(res, 400, "signature.missing", locale === "ja" ? "電子署名がありません。" : "The signature is missing.");
    }
    const now = new Date().toISOString();
    const id = randomUUID();
    const app: MockApplication = {
      id,
      receiptNumber: `R${String(apps.size + 1).padStart(8, "0")}`,
      accessSecret: randomBytes(12).toString("base64url"),
      submissionKey: String(body["submissionKey"]),
      procedure: result.procedure,
      applicant: result.applicant,
      request: result.request,
      fee: result.fee,
      status: "submitted",
      version: 1,
      history: [{ to: "submitted", toLabel: STATUS_LABELS["submitted"] as L, at: now, reason: null }],
      signed: signature !== null,
      submittedAt: now,
    };
    apps.set(id, app);
    inbox.push({
      id: randomUUID(),
      to: result.applicant["email"] ?? "",
      subject: `【みほん市】申請を受け付けました（受付番号 ${app.receiptNumber}）`,
      text: `${result.procedure.name.ja}の申請を受け付けました。\n受付番号: ${app.receiptNumber}\n`,
      receivedAt: now,
    });
    send(res, 201, { receiptNumber: app.receiptNumber, accessSecret: app.accessSecret });
    return;
  }
  if ((path === "/api/applications/lookup" || path === "/api/applications/withdraw") && method === "POST") {
    const app = [...apps.values()].find(
      (a) => a.receiptNumber === body["receiptNumber"] && a.accessSecret === body["accessSecret"],
    );
    if (app === undefined) return err(res, 404, "application.not_found", locale === "ja" ? "見つかりません。" : "Not found.");
    if (path.endsWith("/withdraw")) {
      if (app.status !== "submitted") {
        return err(res, 409, "application.not_withdrawable", locale === "ja" ? "すでに処理が始まっているため、取り下げできません。窓口にお問い合わせください。" : "Processing has started: the application can no longer be withdrawn.");
      }
      app.status = "withdrawn";
      app.version += 1;
      app.history.push({ to: "withdrawn", toLabel: STATUS_LABELS["withdrawn"] as L, at: new Date().toISOString(), reason: null });
    }
    send(res, 200, statusView(app));
    return;
  }
  if (path === "/api/staff/login" && method === "POST") {
    if (body["loginId"] !== "staff" || body["password"] !== "staff-password") {
      return err(res, 401, "staff.invalid_credentials", locale === "ja" ? "ログインIDまたはパスワードが正しくありません。" : "Wrong login ID or password.");
    }
    const sid = randomUUID();
    const csrf = randomBytes(16).toString("hex");
    sessions.set(sid, csrf);
    send(res, 200, { staff: { displayName: "窓口 太郎", loginId: "staff" }, csrfToken: csrf, permissions: MOCK_STAFF_PERMISSIONS }, {
      "Set-Cookie": `mock_staff=${sid}; Path=/; HttpOnly; SameSite=Strict`,
    });
    return;
  }
  if (path.startsWith("/api/staff/")) {
    const sid = sessionOf(req);
    if (sid === null) return err(res, 401, "staff.unauthenticated", "login required");
    const csrf = sessions.get(sid) ?? "";
    if (method === "POST" && req.headers["x-csrf-token"] !== csrf) return err(res, 403, "staff.csrf", "bad csrf");
    if (path === "/api/staff/me") return send(res, 200, { staff: { displayName: "窓口 太郎", loginId: "staff" }, csrfToken: csrf, permissions: MOCK_STAFF_PERMISSIONS });
    if (path === "/api/staff/logout") {
      sessions.delete(sid);
      send(res, 200, {}, { "Set-Cookie": "mock_staff=; Path=/; Max-Age=0" });
      return;
    }
    if (path.startsWith("/api/staff/retention/") || path === "/api/staff/settings/application-retention") return mockRetention(res, path, method, body, locale);
    // S6: the procedures staff build and the lists they refer to (mock-procedures.ts).
    if ((path.startsWith("/api/staff/procedures") || path === "/api/staff/procedure-lists") && mockProcedures(res, { path, method, body, locale, portalOrigin: origin })) return;
    if (path.startsWith("/api/staff/counter")) {
      const contentType = String(req.headers["content-type"] ?? "").split(";")[0] ?? "";
      if (mockCounter(res, { url, method, body, contentType, contentLength: Number(req.headers["content-length"] ?? "0"), locale })) return;
    }
    if (path === "/api/staff/applications" && method === "POST") return mockProxyEntry(res, body, locale, sid);
    if (path === "/api/staff/applications") {
      const status = url.searchParams.get("status") ?? "";
      const limit = Number(url.searchParams.get("limit") ?? "50");
      const offset = Number(url.searchParams.get("offset") ?? "0");
      const all = [...apps.values()].filter((a) => status === "" || a.status === status).reverse();
      send(res, 200, {
        total: all.length,
        items: all.slice(offset, offset + limit).map((a) => ({
          id: a.id,
          receiptNumber: a.receiptNumber,
          procedureName: a.procedure.name,
          applicantName: a.applicant["name"] ?? "",
          status: a.status,
          statusLabel: STATUS_LABELS[a.status],
          submittedAt: a.submittedAt,
          total: a.fee.total,
        })),
      });
      return;
    }
    const match = /^\/api\/staff\/applications\/([^/]+)(\/commands)?$/.exec(path);
    const app = match?.[1] === undefined ? undefined : apps.get(decodeURIComponent(match[1]));
    if (app === undefined) return err(res, 404, "application.not_found", "not found");
    if (match?.[2] === undefined) return send(res, 200, detailView(app));
    const command = COMMANDS[String(body["command"])];
    if (body["expectedVersion"] !== app.version) {
      return err(res, 409, "application.concurrent_modification", "conflict");
    }
    if (command === undefined || !command.from.includes(app.status)) {
      return err(res, 409, "application.invalid_transition", "invalid transition");
    }
    const reason = typeof body["reason"] === "string" ? body["reason"].trim() : "";
    if ((body["command"] === "reject" || body["command"] === "return") && reason === "") {
      send(res, 422, { error: { code: "validation", message: "reason required" }, errors: [{ field: "reason", code: "required", message: locale === "ja" ? "理由を入力してください。" : "Enter a reason." }] });
      return;
    }
    app.status = command.to;
    app.version += 1;
    app.history.push({ to: command.to, toLabel: STATUS_LABELS[command.to] as L, at: new Date().toISOString(), reason: reason === "" ? null : reason });
    send(res, 200, detailView(app));
    return;
  }
  if (path === "/api/dev/inbox") {
    send(res, 200, { messages: inbox });
    return;
  }
  err(res, 404, "not_found", "not found");
}
