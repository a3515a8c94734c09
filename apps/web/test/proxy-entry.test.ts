import { createElement, createRef } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseApiError } from "../src/api-result.ts";
import type { Catalog, EnteredApplication, IntakeInput, Procedure, StaffIntakeView } from "../src/api-types.ts";
import { I18nProvider } from "../src/i18n/i18n-context.tsx";
import { arrangeFieldErrors, type ArrangedErrors } from "../src/pages/apply/application-form.ts";
import { IntakeCorrectionForm } from "../src/pages/staff/proxy-entry/intake-correction.tsx";
import { IntakeRecord } from "../src/pages/staff/proxy-entry/intake-record.tsx";
import { intakeCorrectionUrl, PROXY_ENTRY_API, proxyEntryApi } from "../src/pages/staff/proxy-entry/proxy-entry-api.ts";
import {
  checkIntakeCorrection,
  checkProxyEntry,
  earliestReceivedOn,
  emptyProxyEntry,
  entryDayOf,
  feeEstimate,
  INTAKE_FIELD_IDS,
  INTAKE_IDS,
  intakeInputOf,
  toIntakeCorrectionBody,
  nextProxyEntry,
  nothingToPay,
  parseCopies,
  proxyEntryFieldIds,
  settle,
  todayInJapan,
  toProxyEntryBody,
  type ProxyEntryValues,
} from "../src/pages/staff/proxy-entry/proxy-entry-form.ts";
import { ProxyEntryForm } from "../src/pages/staff/proxy-entry/proxy-entry-form-view.tsx";
import { proxyEntryMessages } from "../src/pages/staff/proxy-entry/proxy-entry-messages.ts";
import { ProxyEntryReceipt } from "../src/pages/staff/proxy-entry/proxy-entry-receipt.tsx";
import { resolveRoute, STAFF_APPLICATION_NEW_PATH } from "../src/router.ts";

const ja = proxyEntryMessages.ja;
const TODAY = "2026-11-25";

/** Needs the resident's signature online: entered only from mail, the counter or paper. */
const JUMINHYO: Procedure = {
  id: "juminhyo",
  name: { ja: "住民票の写し", en: "Copy of residence record" },
  description: { ja: "", en: "" },
  feePerCopy: 300,
  maxCopies: 10,
  deliveryMethodIds: ["post", "express"],
  extraFields: [],
  requiredFields: ["name", "nameKana", "postalCode", "address", "dateOfBirth", "phone"],
  fieldHelp: {},
  requiresSignature: true,
};

/** No signature; a select and a text question. */
const KAZEI: Procedure = {
  id: "kazei",
  name: { ja: "所得・課税証明書", en: "Income and tax certificate" },
  description: { ja: "", en: "" },
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
    },
    { key: "submitTo", label: { ja: "提出先", en: "Submitted to" }, kind: "text", maxLength: 30, required: false },
  ],
  requiredFields: ["name", "address", "dateOfBirth"],
  fieldHelp: {},
  requiresSignature: false,
};

/** Free, sent by a free delivery (e.g. 公用請求 collected at the counter). */
const FREE: Procedure = { ...KAZEI, id: "free", name: { ja: "無料の証明", en: "Free certificate" }, feePerCopy: 0, deliveryMethodIds: ["pickup", "post"], extraFields: [] };

const CATALOG: Catalog = {
  deliveryMethods: [
    { id: "post", name: { ja: "普通郵便", en: "Ordinary mail" }, postage: 110 },
    { id: "express", name: { ja: "速達", en: "Express mail" }, postage: 410 },
    { id: "pickup", name: { ja: "窓口で受取", en: "Collect at the counter" }, postage: 0 },
  ],
  procedures: [JUMINHYO, KAZEI, FREE],
  categories: [],
  lifeEvents: [],
};

/** A complete entry of the 課税証明 received by mail. */
const filled = (patch: Partial<ProxyEntryValues> = {}): ProxyEntryValues => {
  const chosen = settle({ ...emptyProxyEntry(TODAY), procedureId: "kazei" }, emptyProxyEntry(TODAY), CATALOG);
  return {
    ...chosen,
    locale: "en",
    application: {
      applicant: { name: "見本 太郎", nameKana: "みほん たろう", postalCode: "1000001", address: "みほん市中央1-2-3", dateOfBirth: "昭和50年3月4日", phone: "", email: "" },
      copies: "２",
      deliveryMethodId: "post",
      extra: { fiscalYear: "2026", submitTo: "勤務先" },
    },
    intake: { channel: "mail", receivedOn: "2026-11-20", payment: "postal_money_order", note: "定額小為替600円、返信用封筒あり\n2行目" },
    ...patch,
  };
};

const inJapanese = (element: ReturnType<typeof createElement>): string => renderToStaticMarkup(createElement(I18nProvider, null, element));

const renderForm = (values: ProxyEntryValues, errors: ArrangedErrors | null = null, generalError: string | null = null): string =>
  inJapanese(
    createElement(ProxyEntryForm, {
      catalog: CATALOG,
      values,
      onChange: () => undefined,
      errors,
      generalError,
      summaryRef: createRef<HTMLDivElement>(),
      submitting: false,
      onSubmit: () => undefined,
      today: TODAY,
    }),
  );

/** The opening tag of the element with `id`. */
const tagOf = (html: string, id: string): string => new RegExp(`<[a-z]+ [^>]*\\bid="${id.replace(/[.]/g, "\\.")}"[^>]*>`).exec(html)?.[0] ?? "";
const idsOf = (html: string): readonly string[] => [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1] ?? "");

describe("the route (S5)", () => {
  it("opens the proxy entry at /staff/applications/new, not an application called `new`", () => {
    expect(resolveRoute(STAFF_APPLICATION_NEW_PATH)).toEqual({ name: "staffApplicationNew" });
    expect(resolveRoute("/staff/applications/new/")).toEqual({ name: "staffApplicationNew" });
    expect(resolveRoute("/staff/applications/abc")).toEqual({ name: "staffDetail", id: "abc" });
  });
});

describe("what the page sends", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("builds exactly the documented body: the resident's body as typed, the resident's language, the intake", () => {
    expect(toProxyEntryBody(filled(), "key_0123456789abcdef")).toEqual({
      procedureId: "kazei",
      locale: "en",
      submissionKey: "key_0123456789abcdef",
      applicant: { name: "見本 太郎", nameKana: "みほん たろう", postalCode: "1000001", address: "みほん市中央1-2-3", dateOfBirth: "昭和50年3月4日", phone: "", email: "" },
      request: { copies: "２", deliveryMethodId: "post", extra: { fiscalYear: "2026", submitTo: "勤務先" } },
      intake: { channel: "mail", receivedOn: "2026-11-20", payment: "postal_money_order", note: "定額小為替600円、返信用封筒あり\n2行目" },
    });
  });

  it("POSTs it as JSON to /api/staff/applications with the CSRF token and the staff member's language, and reads the answers", async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const answers = [
      new Response(JSON.stringify({ id: "app-1", receiptNumber: "R20261125-0001", accessSecret: "s3cret-X", replayed: false }), { status: 201 }),
      new Response(JSON.stringify({ id: "app-1", receiptNumber: "R20261125-0001", accessSecret: null, replayed: true }), { status: 200 }),
      new Response(JSON.stringify({ error: { code: "application.submission_key_reused", message: "別の内容です" } }), { status: 409 }),
    ];
    vi.stubGlobal("fetch", (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return Promise.resolve(answers.shift());
    });
    const body = toProxyEntryBody(filled(), "key_0123456789abcdef");
    const first = await proxyEntryApi("ja").enter(body, "csrf-token-1");
    expect(calls[0]?.url).toBe(PROXY_ENTRY_API);
    expect(PROXY_ENTRY_API).toBe("/api/staff/applications");
    expect(calls[0]?.init.method).toBe("POST");
    expect(calls[0]?.init.credentials).toBe("same-origin");
    expect(calls[0]?.init.headers).toMatchObject({ "Content-Type": "application/json", "Accept-Language": "ja", "X-CSRF-Token": "csrf-token-1" });
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual(body);
    expect(first).toEqual({ ok: true, status: 201, data: { id: "app-1", receiptNumber: "R20261125-0001", accessSecret: "s3cret-X", replayed: false } });
    const again = await proxyEntryApi("ja").enter(body, "csrf-token-1");
    expect(again.ok && again.data.replayed && again.data.accessSecret === null).toBe(true);
    const reused = await proxyEntryApi("en").enter(body, "csrf-token-1");
    expect(reused.ok ? null : [reused.error.status, reused.error.code]).toEqual([409, "application.submission_key_reused"]);
    expect(calls[2]?.init.headers).toMatchObject({ "Accept-Language": "en" });
  });
});

describe("the intake's rules, before sending", () => {
  const codes = (values: ProxyEntryValues, today = TODAY) => checkProxyEntry(values, CATALOG, today, ja).map((e) => [e.field, e.code]);

  it("passes a complete entry", () => {
    expect(checkProxyEntry(filled(), CATALOG, TODAY, ja)).toEqual([]);
  });

  it("asks for the procedure, the channel, the received date and the payment", () => {
    expect(codes({ ...emptyProxyEntry(TODAY), intake: { channel: "", receivedOn: "", payment: "", note: "" } })).toEqual([
      ["procedureId", "required"],
      ["intake.channel", "required"],
      ["intake.receivedOn", "required"],
      ["intake.payment", "required"],
    ]);
  });

  it("refuses phone and email for a procedure that needs a signature, as the server does", () => {
    const juminhyo = filled({ procedureId: "juminhyo" });
    for (const channel of ["phone", "email"] as const) expect(codes({ ...juminhyo, intake: { ...juminhyo.intake, channel } })).toEqual([["intake.channel", "channel_not_allowed"]]);
    for (const channel of ["mail", "counter", "paper"] as const) expect(codes({ ...juminhyo, intake: { ...juminhyo.intake, channel } })).toEqual([]);
    expect(codes({ ...filled(), intake: { ...filled().intake, channel: "phone" } })).toEqual([]);
  });

  it("wants the received date real, not after today (Japan's) and at most 366 days back", () => {
    expect(earliestReceivedOn(TODAY)).toBe("2025-11-24");
    expect(earliestReceivedOn("2024-03-01")).toBe("2023-03-01");
    const on = (receivedOn: string) => codes({ ...filled(), intake: { ...filled().intake, receivedOn } });
    expect(on(TODAY)).toEqual([]);
    expect(on("2025-11-24")).toEqual([]);
    expect(on("2025-11-23")).toEqual([["intake.receivedOn", "out_of_range"]]);
    expect(on("2026-11-26")).toEqual([["intake.receivedOn", "future_date"]]);
    for (const bad of ["2026-02-30", "2026/11/20", "令和8年11月20日"]) expect(on(bad)).toEqual([["intake.receivedOn", "invalid_date"]]);
    expect(checkProxyEntry({ ...filled(), intake: { ...filled().intake, receivedOn: "2025-11-23" } }, CATALOG, TODAY, ja)[0]?.message).toBe(ja.check.receivedOnTooOld("2025-11-24"));
    // Japan's calendar, whatever the device's time zone: 15:00 UTC is already the next day in Japan.
    expect(todayInJapan(new Date("2026-11-24T15:00:00Z"))).toBe("2026-11-25");
  });

  it("allows 「支払いなし」 only when there is nothing to pay", () => {
    const none = (values: ProxyEntryValues) => ({ ...values, intake: { ...values.intake, payment: "not_required" as const } });
    expect(codes(none(filled()))).toEqual([["intake.payment", "unknown_option"]]);
    const free = filled({ procedureId: "free", application: { ...filled().application, extra: {}, deliveryMethodId: "pickup" } });
    expect(codes(none(free))).toEqual([]);
    expect(codes(none({ ...free, application: { ...free.application, deliveryMethodId: "post" } }))).toEqual([["intake.payment", "unknown_option"]]);
    expect(nothingToPay(FREE, CATALOG, "pickup")).toBe(true);
    expect(nothingToPay(FREE, CATALOG, "post")).toBe(false);
    // No delivery chosen yet: free only if every offered way is.
    expect(nothingToPay(FREE, CATALOG, "")).toBe(false);
    expect(nothingToPay({ ...FREE, deliveryMethodIds: ["pickup"] }, CATALOG, "")).toBe(true);
    expect(nothingToPay(KAZEI, CATALOG, "post")).toBe(false);
  });

  it("counts the note's characters as the server does (𠮷 is one), up to 500, line breaks allowed", () => {
    const note = (text: string) => codes({ ...filled(), intake: { ...filled().intake, note: text } });
    expect(note("𠮷".repeat(500))).toEqual([]);
    expect(note("あ\n".repeat(250))).toEqual([]);
    expect(note("あ".repeat(501))).toEqual([["intake.note", "too_long"]]);
  });
});

describe("the form's state", () => {
  it("starts with no procedure, in Japanese, received today", () => {
    const fresh = emptyProxyEntry(TODAY);
    expect([fresh.procedureId, fresh.locale, fresh.intake]).toEqual(["", "ja", { channel: "", receivedOn: TODAY, payment: "", note: "" }]);
  });

  it("gives a newly chosen procedure its own blank request, keeps the applicant, and takes back the choices it no longer allows", () => {
    const before = filled({ intake: { ...filled().intake, channel: "phone" } });
    const after = settle({ ...before, procedureId: "juminhyo" }, before, CATALOG);
    expect(after.application.applicant).toEqual(before.application.applicant);
    expect([after.application.copies, after.application.deliveryMethodId, after.application.extra]).toEqual(["1", "", {}]);
    expect(after.intake.channel).toBe("");
    expect(after.intake.receivedOn).toBe(before.intake.receivedOn);
    // 「支払いなし」 goes when a delivery with postage is chosen.
    const free = settle({ ...before, procedureId: "free" }, before, CATALOG);
    const freeNone = settle({ ...free, application: { ...free.application, deliveryMethodId: "pickup" }, intake: { ...free.intake, payment: "not_required" } }, free, CATALOG);
    expect(freeNone.intake.payment).toBe("not_required");
    expect(settle({ ...freeNone, application: { ...freeNone.application, deliveryMethodId: "post" } }, freeNone, CATALOG).intake.payment).toBe("");
  });

  it("「続けて入力する」 keeps the procedure, the channel and the received date; the resident and the rest start blank", () => {
    const next = nextProxyEntry(filled(), KAZEI, TODAY);
    expect([next.procedureId, next.intake.channel, next.intake.receivedOn]).toEqual(["kazei", "mail", "2026-11-20"]);
    expect([next.locale, next.intake.payment, next.intake.note, next.application.applicant.name, next.application.extra]).toEqual(["ja", "", "", "", { fiscalYear: "", submitTo: "" }]);
  });

  it("works the fee out as the server will: fee per copy × copies (full-width digits too) and the postage", () => {
    const fee = feeEstimate(KAZEI, CATALOG, filled().application);
    expect(fee?.total).toBe(710);
    expect(fee?.lines.map((l) => [l.kind, l.unitPrice, l.quantity, l.amount])).toEqual([
      ["certificate", 300, 2, 600],
      ["postage", 110, 1, 110],
    ]);
    for (const copies of ["0", "6", "x", "", "1.5"]) expect(feeEstimate(KAZEI, CATALOG, { ...filled().application, copies })).toBeNull();
    expect(feeEstimate(KAZEI, CATALOG, { ...filled().application, deliveryMethodId: "" })).toBeNull();
    expect(feeEstimate(KAZEI, CATALOG, { ...filled().application, deliveryMethodId: "express" })).toBeNull(); // not this procedure's
    expect([" ３ ", "5", "１"].map((c) => parseCopies(c, 5))).toEqual([3, 5, 1]);
  });
});

describe("the form (rendered)", () => {
  it("shows only the procedure and the language until a procedure is chosen", () => {
    const html = renderForm(emptyProxyEntry(TODAY));
    expect(html).toContain('data-testid="proxy-entry-choose"');
    expect(html).not.toContain('id="applicant.name"');
    expect(html).not.toContain('name="intake.channel"');
  });

  it("shows the resident form's inputs (the email optional), the fee and the intake, every input once", () => {
    const html = renderForm(filled());
    const ids = idsOf(html);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const id of proxyEntryFieldIds(KAZEI)) expect([id, ids.includes(id)]).toEqual([id, true]);
    expect(tagOf(html, "applicant.email")).not.toContain("aria-required");
    expect(tagOf(html, "applicant.name")).toContain('aria-required="true"');
    expect(html).toContain(ja.emailOptional);
    expect(tagOf(html, "request.extra.submitTo")).toContain('maxLength="30"');
    expect(html).toContain('<select id="request.extra.fiscalYear"');
    expect(html).toContain('data-testid="fee-total">710円<');
    expect(tagOf(html, INTAKE_IDS.receivedOn)).toContain('type="date"');
    expect(tagOf(html, INTAKE_IDS.receivedOn)).toContain(`max="${TODAY}"`);
    expect(tagOf(html, INTAKE_IDS.receivedOn)).toContain('min="2025-11-24"');
    expect(tagOf(html, INTAKE_IDS.note)).toContain('maxLength="500"');
    expect(html).toContain("定額小為替600円、返信用封筒あり\n2行目</textarea>");
  });

  it("disables phone and email for a procedure that needs a signature, and says why", () => {
    const html = renderForm(settle({ ...filled(), procedureId: "juminhyo" }, filled(), CATALOG));
    expect(tagOf(html, "intake.channel--phone")).toContain('disabled=""');
    expect(tagOf(html, "intake.channel--email")).toContain('disabled=""');
    for (const id of ["intake.channel", "intake.channel--counter", "intake.channel--paper"]) expect(tagOf(html, id)).not.toContain("disabled");
    expect(html).toContain("本人確認が必要な手続きは電話・メールでは受け付けられません");
    // Other procedures take every channel.
    const kazei = renderForm(filled());
    expect(tagOf(kazei, "intake.channel--phone")).not.toContain("disabled");
    expect(kazei).not.toContain("本人確認が必要な手続きは電話・メールでは受け付けられません");
  });

  it("disables 「支払いなし」 when the fee is more than 0 yen, and offers it when it is 0", () => {
    const paid = renderForm(filled());
    expect(tagOf(paid, "intake.payment--not_required")).toContain('disabled=""');
    expect(tagOf(paid, "intake.payment")).not.toContain("disabled");
    expect(tagOf(paid, "intake.payment--cash")).not.toContain("disabled");
    expect(paid).toContain(ja.paymentFeeDue);
    const free = settle({ ...filled(), procedureId: "free" }, filled(), CATALOG);
    const freeHtml = renderForm({ ...free, application: { ...free.application, deliveryMethodId: "pickup" } });
    expect(tagOf(freeHtml, "intake.payment--not_required")).not.toContain("disabled");
    expect(freeHtml).toContain('data-testid="fee-total">0円<');
    expect(freeHtml).not.toContain(ja.paymentFeeDue);
  });

  it("places each message of a 422 beside its input and in the error summary, in the page's order", () => {
    const answer = parseApiError(422, {
      error: { code: "validation.failed", message: "入力内容を確認してください" },
      errors: [
        { field: "intake.note", code: "too_long", message: "受付メモは500文字以内で入力してください" },
        { field: "applicant.name", code: "required", message: "氏名を入力してください" },
        { field: "request.extra.fiscalYear", code: "required", message: "年度を選んでください" },
        { field: "intake.channel", code: "channel_not_allowed", message: "本人確認が必要な手続きは、電話やメールでは受け付けられません" },
        { field: "intake.receivedOn", code: "future_date", message: "受付日に未来の日付は入力できません" },
        { field: "request.copies", code: "out_of_range", message: "通数は1から5までの数で入力してください" },
        { field: "procedureId", code: "procedure_disabled", message: "この手続は受け付けを停止しています" },
        { field: "submissionKey", code: "invalid_submission_key", message: "送信キーが正しくありません" },
      ],
    });
    const errors = arrangeFieldErrors(answer.fieldErrors, proxyEntryFieldIds(KAZEI));
    const html = renderForm(filled(), errors);
    const beside = (id: string) => new RegExp(`data-testid="${id.replace(/[.]/g, "\\.")}-error"[^>]*>(.*?)</p>`).exec(html)?.[1] ?? "";
    expect(beside("applicant.name")).toContain("氏名を入力してください");
    expect(beside("request.extra.fiscalYear")).toContain("年度を選んでください");
    expect(beside("request.copies")).toContain("通数は1から5までの数で入力してください");
    expect(beside("intake.channel")).toContain("本人確認が必要な手続きは、電話やメールでは受け付けられません");
    expect(beside("intake.receivedOn")).toContain("受付日に未来の日付は入力できません");
    expect(beside("intake.note")).toContain("受付メモは500文字以内で入力してください");
    expect(beside("procedureId")).toContain("この手続は受け付けを停止しています");
    expect(tagOf(html, "applicant.name")).toContain('aria-invalid="true"');
    expect(tagOf(html, "intake.receivedOn")).toContain('aria-describedby="intake.receivedOn-error intake.receivedOn-help"');
    // The summary: every message, linked to its input in the page's order; one it cannot place, last and unlinked.
    const summary = /<div class="error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? "";
    expect([...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1])).toEqual([
      "procedureId",
      "applicant.name",
      "request.copies",
      "request.extra.fiscalYear",
      "intake.channel",
      "intake.receivedOn",
      "intake.note",
    ]);
    expect(summary).toContain("<li>送信キーが正しくありません</li>");
  });

  it("shows the page's own checks the same way", () => {
    const values = { ...filled(), intake: { ...filled().intake, payment: "not_required" as const } };
    const html = renderForm(values, arrangeFieldErrors(checkProxyEntry(values, CATALOG, TODAY, ja), proxyEntryFieldIds(KAZEI)));
    expect(html).toContain('data-testid="intake.payment-error"');
    expect(html).toContain(ja.check.paymentFeeDue);
    expect(html).toContain('href="#intake.payment"');
  });

  it("shows a refusal that is no input's (403) above the form", () => {
    expect(renderForm(filled(), null, "この手続の申請を入力する権限がありません。")).toContain('data-testid="proxy-entry-error"');
  });
});

describe("the receipt", () => {
  const renderReceipt = (entered: EnteredApplication) =>
    inJapanese(
      createElement(ProxyEntryReceipt, {
        entered,
        procedureName: "所得・課税証明書",
        receivedOn: "2026-11-20",
        portalOrigin: "https://portal.example.jp/",
        onAgain: () => undefined,
        headingRef: createRef<HTMLHeadingElement>(),
      }),
    );

  it("shows the receipt number and, once, the access password to hand over, with print, the detail and 「続けて入力する」", () => {
    const html = renderReceipt({ id: "6f1c2b9e-0000-4000-8000-000000000001", receiptNumber: "R20261125-0001", accessSecret: "Xy7-secret_Q", replayed: false });
    expect(html).toContain('data-testid="receipt-number">R20261125-0001<');
    expect(html).toMatch(/data-testid="access-code"><span class="access-code">Xy7-secret_Q<\/span>/);
    expect(html).toContain("照会用パスワード");
    expect(html).toContain("申請者にお渡しください（受付票）。この画面を離れると再表示できません。");
    expect(html).toContain("https://portal.example.jp/status");
    expect(html).toContain("2026年11月20日");
    expect(html).toContain('href="/staff/applications/6f1c2b9e-0000-4000-8000-000000000001"');
    expect(html).toContain('data-testid="proxy-entry-print"');
    expect(html).toContain(`data-testid="proxy-entry-again">${ja.again}<`);
  });

  it("after a resend (`replayed`) says it was already saved and shows the receipt number only", () => {
    const html = renderReceipt({ id: "app-1", receiptNumber: "R20261125-0001", accessSecret: null, replayed: true });
    expect(html).toContain('data-testid="receipt-number">R20261125-0001<');
    expect(html).toContain('data-testid="proxy-entry-replayed"');
    expect(html).toContain(ja.replayed);
    expect(html).not.toContain('data-testid="access-code"');
    expect(html).not.toContain('data-testid="proxy-entry-print"');
  });
});

describe("the intake record on the staff detail", () => {
  const intake: StaffIntakeView = {
    channel: "mail",
    channelLabel: { ja: "郵送", en: "Mail" },
    receivedOn: "2026-11-20",
    payment: "postal_money_order",
    paymentLabel: { ja: "定額小為替", en: "Postal money order" },
    note: "定額小為替600円\n<b>返信用封筒</b> あり",
    enteredBy: "staff-0001",
  };

  it("shows 受付の記録 — channel, day, payment, the note's lines as text — and that staff entered it", () => {
    const html = inJapanese(createElement(IntakeRecord, { intake }));
    expect(html).toContain('<h2 id="intake-heading">受付の記録</h2>');
    expect(html).toContain("代理入力");
    expect(html).toContain('data-testid="intake-channel">郵送<');
    expect(html).toContain('<time dateTime="2026-11-20">2026年11月20日</time>');
    expect(html).toContain('data-testid="intake-payment">定額小為替<');
    expect(html).toContain('<span class="prewrap">定額小為替600円\n&lt;b&gt;返信用封筒&lt;/b&gt; あり</span>');
    expect(html).not.toContain("<b>");
    expect(html).toContain("staff-0001");
  });

  it("says there is no note rather than leaving the row empty", () => {
    expect(inJapanese(createElement(IntakeRecord, { intake: { ...intake, note: "" } }))).toContain('data-testid="intake-note">（なし）<');
  });
});

describe("correcting the intake record on the staff detail", () => {
  const view: StaffIntakeView = {
    channel: "mail",
    channelLabel: { ja: "郵送", en: "Mail" },
    receivedOn: "2026-11-20",
    payment: "postal_money_order",
    paymentLabel: { ja: "定額小為替", en: "Postal money order" },
    note: "定額小為替600円\n返信用封筒あり",
    enteredBy: "staff-0001",
  };
  const ENTRY_DAY = "2026-11-25";
  const context = { procedure: JUMINHYO, feeTotal: 710, entryDay: ENTRY_DAY };
  const codes = (intake: IntakeInput, ctx: Parameters<typeof checkIntakeCorrection>[1] = context) =>
    checkIntakeCorrection(intake, ctx, ja).map((e) => [e.field, e.code]);

  it("opens filled with the record as it is; a channel or payment it does not know is to choose again", () => {
    expect(intakeInputOf(view)).toEqual({ channel: "mail", receivedOn: "2026-11-20", payment: "postal_money_order", note: "定額小為替600円\n返信用封筒あり" });
    expect(intakeInputOf({ ...view, channel: "fax", payment: "card" })).toMatchObject({ channel: "", payment: "" });
  });

  it("takes the day of entry in Japan's calendar as “today”, whatever the device's time zone", () => {
    expect(entryDayOf("2026-11-25T05:00:00.000Z")).toBe("2026-11-25");
    expect(entryDayOf("2026-11-24T15:00:00.000Z")).toBe("2026-11-25");
    expect(entryDayOf("2026-11-24T14:59:59.999Z")).toBe("2026-11-24");
    // A detail without it (an older server), or not an instant: today.
    expect(entryDayOf(undefined, new Date("2026-12-01T03:00:00Z"))).toBe("2026-12-01");
    expect(entryDayOf("yesterday", new Date("2026-12-01T03:00:00Z"))).toBe("2026-12-01");
  });

  it("checks by the entry's rules: no received date after the entry day nor 366 days before it", () => {
    const on = (receivedOn: string) => codes({ ...intakeInputOf(view), receivedOn });
    expect(on(ENTRY_DAY)).toEqual([]);
    expect(on("2025-11-24")).toEqual([]);
    expect(on("2026-11-26")).toEqual([["intake.receivedOn", "future_date"]]);
    expect(on("2025-11-23")).toEqual([["intake.receivedOn", "out_of_range"]]);
    expect(on("")).toEqual([["intake.receivedOn", "required"]]);
    expect(on("2026-02-30")).toEqual([["intake.receivedOn", "invalid_date"]]);
    // Said against the entry day, not today.
    expect(checkIntakeCorrection({ ...intakeInputOf(view), receivedOn: "2026-11-26" }, context, ja)[0]?.message).toBe(ja.correction.receivedOnAfterEntry(ENTRY_DAY));
    expect(ja.correction.receivedOnAfterEntry(ENTRY_DAY)).toContain("2026-11-25");
  });

  it("refuses phone and email for a signature procedure, and 「支払いなし」 unless the application's fee is 0 yen", () => {
    expect(codes({ ...intakeInputOf(view), channel: "phone" })).toEqual([["intake.channel", "channel_not_allowed"]]);
    expect(codes({ ...intakeInputOf(view), channel: "phone" }, { ...context, procedure: KAZEI })).toEqual([]);
    // Not in the catalog (disabled since): the server decides.
    expect(codes({ ...intakeInputOf(view), channel: "email" }, { ...context, procedure: undefined })).toEqual([]);
    expect(codes({ ...intakeInputOf(view), payment: "not_required" })).toEqual([["intake.payment", "unknown_option"]]);
    expect(codes({ ...intakeInputOf(view), payment: "not_required" }, { ...context, feeTotal: 0 })).toEqual([]);
    expect(codes({ ...intakeInputOf(view), payment: "cash", note: "不足分 110円 受領" })).toEqual([]);
    expect(codes({ ...intakeInputOf(view), note: "あ".repeat(501) })).toEqual([["intake.note", "too_long"]]);
    expect(codes({ channel: "", receivedOn: ENTRY_DAY, payment: "", note: "" })).toEqual([
      ["intake.channel", "required"],
      ["intake.payment", "required"],
    ]);
  });

  it("PUTs the four fields against the version shown, with the CSRF token, and reads the detail back", async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const answers = [
      new Response(JSON.stringify({ id: "app 1", version: 4, intake: { ...view, corrected: { by: "staff-0002", at: "2026-11-26T01:00:00.000Z" } } }), { status: 200 }),
      new Response(JSON.stringify({ error: { code: "application.concurrent_modification", message: "他の操作と競合しました" } }), { status: 409 }),
      new Response(
        JSON.stringify({
          error: { code: "validation.failed", message: "入力内容を確認してください" },
          errors: [{ field: "intake.receivedOn", code: "future_date", message: "受付日に未来の日付は入力できません" }],
        }),
        { status: 422 },
      ),
    ];
    vi.stubGlobal("fetch", (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return Promise.resolve(answers.shift());
    });
    const body = toIntakeCorrectionBody({ ...intakeInputOf(view), payment: "cash", note: "不足分 110円 受領" }, 3);
    expect(body).toEqual({ intake: { channel: "mail", receivedOn: "2026-11-20", payment: "cash", note: "不足分 110円 受領" }, expectedVersion: 3 });
    const saved = await proxyEntryApi("ja").correctIntake("app 1", body, "csrf-token-1");
    expect(calls[0]?.url).toBe("/api/staff/applications/app%201/intake");
    expect(intakeCorrectionUrl("app 1")).toBe(calls[0]?.url);
    expect(calls[0]?.init.method).toBe("PUT");
    expect(calls[0]?.init.headers).toMatchObject({ "Content-Type": "application/json", "Accept-Language": "ja", "X-CSRF-Token": "csrf-token-1" });
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual(body);
    expect(saved.ok && saved.data.version === 4 && saved.data.intake?.corrected?.by).toBe("staff-0002");
    const conflict = await proxyEntryApi("ja").correctIntake("app 1", body, "csrf-token-1");
    expect(conflict.ok ? null : [conflict.error.status, conflict.error.code]).toEqual([409, "application.concurrent_modification"]);
    const refused = await proxyEntryApi("ja").correctIntake("app 1", body, "csrf-token-1");
    expect(refused.ok ? null : arrangeFieldErrors(refused.error.fieldErrors, INTAKE_FIELD_IDS).byField.get("intake.receivedOn")).toEqual(["受付日に未来の日付は入力できません"]);
  });

  afterEach(() => vi.unstubAllGlobals());

  const renderCorrection = (values: IntakeInput, errors: ArrangedErrors | null = null, generalError: string | null = null, procedure: Procedure | null = JUMINHYO, free = false) =>
    inJapanese(
      createElement(IntakeCorrectionForm, {
        procedure: procedure ?? undefined,
        catalog: CATALOG,
        deliveryMethodId: "post",
        free,
        entryDay: ENTRY_DAY,
        values,
        onChange: () => undefined,
        errors,
        generalError,
        summaryRef: createRef<HTMLDivElement>(),
        headingRef: createRef<HTMLHeadingElement>(),
        busy: false,
        onSubmit: () => undefined,
        onCancel: () => undefined,
        m: ja,
      }),
    );

  it("shows the proxy entry's intake inputs, the received date bounded by the entry day, with 保存 and 取消", () => {
    const html = renderCorrection(intakeInputOf(view));
    const ids = idsOf(html);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const id of INTAKE_FIELD_IDS) expect([id, ids.includes(id)]).toEqual([id, true]);
    expect(html).toContain('<h3 id="intake-correction-heading" tabindex="-1">受付の記録を訂正</h3>');
    expect(tagOf(html, INTAKE_IDS.receivedOn)).toContain(`max="${ENTRY_DAY}"`);
    expect(tagOf(html, INTAKE_IDS.receivedOn)).toContain('min="2025-11-24"');
    expect(tagOf(html, INTAKE_IDS.receivedOn)).toContain('value="2026-11-20"');
    expect(html).toContain(ja.correction.receivedOnHelp("2025-11-24", ENTRY_DAY));
    expect(html).not.toContain(ja.receivedOnHelp("2025-11-24"));
    expect(tagOf(html, "intake.channel")).toContain("checked");
    expect(tagOf(html, "intake.channel--phone")).toContain('disabled=""');
    expect(tagOf(html, "intake.payment")).toContain("checked");
    expect(tagOf(html, "intake.payment--not_required")).toContain('disabled=""');
    expect(html).toContain("定額小為替600円\n返信用封筒あり</textarea>");
    expect(html).toContain(`data-testid="intake-correction-save">${ja.correction.save}<`);
    expect(html).toContain(`data-testid="intake-correction-cancel">${ja.correction.cancel}<`);
    // The application's own fee decides 「支払いなし」; a procedure the catalog lacks disables no channel.
    expect(tagOf(renderCorrection(intakeInputOf(view), null, null, JUMINHYO, true), "intake.payment--not_required")).not.toContain("disabled");
    expect(tagOf(renderCorrection(intakeInputOf(view), null, null, null), "intake.channel--phone")).not.toContain("disabled");
  });

  it("places each message beside its input and in the error summary; a refusal that is no input's above the inputs", () => {
    const values = { ...intakeInputOf(view), receivedOn: "2026-11-26", payment: "not_required" as const };
    const errors = arrangeFieldErrors(checkIntakeCorrection(values, context, ja), INTAKE_FIELD_IDS);
    const html = renderCorrection(values, errors);
    expect(html).toContain('data-testid="intake.receivedOn-error"');
    expect(html).toContain(ja.correction.receivedOnAfterEntry(ENTRY_DAY));
    expect(html).toContain('data-testid="intake.payment-error"');
    expect(tagOf(html, "intake.receivedOn")).toContain('aria-invalid="true"');
    const summary = /<div class="error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? "";
    expect([...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1])).toEqual(["intake.receivedOn", "intake.payment"]);
    expect(renderCorrection(intakeInputOf(view), null, ja.correction.forbidden)).toContain('data-testid="intake-correction-error"');
  });

  it("the record says when it was last corrected, and by which staff member (an id, as who entered it)", () => {
    const html = inJapanese(createElement(IntakeRecord, { intake: { ...view, corrected: { by: "staff-0002", at: "2026-11-26T01:05:00.000Z" } } }));
    const row = /<div class="summary-list__row"><dt class="summary-list__key">最終訂正<\/dt><dd[^>]*data-testid="intake-corrected">(.*?)<\/dd>/.exec(html)?.[1] ?? "";
    expect(row).toContain('<time dateTime="2026-11-26T01:05:00.000Z">2026/11/26 10:05</time>');
    expect(row).toContain("（訂正した職員ID: staff-0002）");
    expect(inJapanese(createElement(IntakeRecord, { intake: view }))).not.toContain("最終訂正");
    // What the page adds (the correction) goes inside the section.
    expect(inJapanese(createElement(IntakeRecord, { intake: view }, createElement("p", { id: "added" })))).toMatch(/<p id="added"><\/p><\/section>$/);
  });
});

describe("the texts", () => {
  it("has every text in both languages", () => {
    const shape = (value: unknown): unknown =>
      typeof value === "object" && value !== null ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)])) : typeof value;
    expect(shape(proxyEntryMessages.en)).toEqual(shape(proxyEntryMessages.ja));
  });
});
