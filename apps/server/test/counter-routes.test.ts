import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractText, getDocumentProxy } from "unpdf";
import {
  StaffRoleId,
  acknowledgeDraftScan,
  confirmDraftValue,
  typeDraftValue,
  unconfirmedPaths,
  type ResidenceNotificationDraft,
} from "@madoguchi/core";
import { loadTemplateCatalog, SHIPPED_TEMPLATES_DIR, synthesizeScan, type DocumentValues } from "@madoguchi/ocr-engine";
import { call } from "./support/api-client.ts";
import { staffWithSession } from "./support/staff-access-fixtures.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
let scan: Uint8Array;
let truth: DocumentValues;
let clerk: Awaited<ReturnType<typeof staffWithSession>>;
/** The record the printing test kept, for the record tests after it. */
let recordId = "";
let printedNumber = "";
let printedDraft: ResidenceNotificationDraft;

beforeAll(async () => {
  server = await startTestServer();
  const catalog = (await loadTemplateCatalog(SHIPPED_TEMPLATES_DIR))._unsafeUnwrap();
  const template = catalog.templates.find((t) => t.id === "tenshutsu-shomeisho/131121/v1")!;
  const s = (await synthesizeScan(template, { seed: 7, dpi: 200, degrade: { rotationDeg: 1, scale: 0.99, blurSigma: 0, noiseSigma: 3, jpegQuality: 92 } }))._unsafeUnwrap();
  scan = new Uint8Array(s.scan!.image);
  truth = s.clean.truth;
  clerk = await staffWithSession(server, "counter-clerk");
  (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId("counter"), holder: { kind: "staff", staffId: clerk.id } }))._unsafeUnwrap();
}, 120_000);
afterAll(async () => {
  await server?.dispose();
});

const postScan = async (bytes: Uint8Array, query = "", contentType = "image/jpeg", headers: Record<string, string> = clerk.headers): Promise<{ status: number; body: any }> => {
  const res = await fetch(`${server.staffUrl}/api/staff/counter/scans${query}`, { method: "POST", headers: { ...headers, "content-type": contentType }, body: bytes });
  return { status: res.status, body: await res.json() };
};

const printPdf = (draft: unknown) => fetch(`${server.staffUrl}/api/staff/counter/notifications/pdf`, { method: "POST", headers: { ...clerk.headers, "content-type": "application/json" }, body: JSON.stringify({ draft }) });

const squash = (s: string) => s.replace(/[\s\u3000]+/g, "");

describe("the no-writing counter: a scanned 転出証明書 becomes a 住民異動届 to sign", () => {
  it("tells the counter screen its templates, the reasons' explanations and today", async () => {
    const r = await call(`${server.staffUrl}/api/staff/counter`, { headers: clerk.headers });
    expect(r.status).toBe(200);
    expect(r.body.templates.map((t: { id: string }) => t.id)).toContain("tenshutsu-shomeisho/131121/v1");
    expect(r.body.reasonLabels.name_always_confirmed.ja).toMatch(/氏名/);
    expect(r.body.reasonLabels.taken_from_destination.ja).toMatch(/転出先/);
    expect(r.body.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(r.body.documentKinds).toHaveLength(8);
  });

  it("reads the scan into a draft (identifying its layout), audits the reading without a value, logs none", async () => {
    const r = await postScan(scan);
    expect(r.status).toBe(200);
    expect(r.body.document).toMatchObject({ templateId: "tenshutsu-shomeisho/131121/v1", kind: "tenshutsu-shomeisho", readBy: "identification" });
    const draft: ResidenceNotificationDraft = r.body.draft;
    expect(draft.kind).toBe("tennyu");
    expect(draft.persons).toHaveLength(truth.groups["members"]!.length);
    // Names always wait for a person's look; the destination is only where they meant to go.
    expect(draft.persons[0]!.name!.reasons).toContain("name_always_confirmed");
    expect(draft.fields["address.new"]!.reasons).toContain("taken_from_destination");
    expect(draft.fields["head.new"]!.reasons).toContain("assumed_same_head");

    const entries = (await server.deps.auditLog.read({ actions: ["counter.scan_read"], afterSeq: 0, limit: 10 }))._unsafeUnwrap();
    const entry = entries.find((e) => e.result === "success")!;
    expect(entry.actor).toEqual({ kind: "staff", id: clerk.id });
    expect(entry.details).toMatchObject({ templateId: "tenshutsu-shomeisho/131121/v1", readBy: "identification", rows: truth.groups["members"]!.length });
    const personal = [truth.fields["household.address"]!, truth.fields["household.head"]!, ...truth.groups["members"]!.map((m) => m["members[].name"]!)].map(squash);
    const audited = JSON.stringify(entries);
    const logged = server.logText();
    for (const value of personal) {
      expect(audited).not.toContain(value);
      expect(squash(logged)).not.toContain(value);
    }
  });

  it("refuses to print while values are unconfirmed, then prints the confirmed form in a PDF with a confirmation number", async () => {
    let draft: ResidenceNotificationDraft = (await postScan(scan, "?templateId=tenshutsu-shomeisho%2F131121%2Fv1")).body.draft;
    const refused = await printPdf(draft);
    expect(refused.status).toBe(422);
    const body: any = await refused.json();
    expect(body.error.code).toBe("counter.draft_not_ready");
    expect(body.error.issues).toContainEqual({ code: "unconfirmed", path: { person: 0, field: "name" } });

    // The clerk compares each flagged value with the paper: the names as drawn, the rest confirmed as read.
    const head = truth.fields["household.head"]!;
    draft = typeDraftValue(draft, { person: 0, field: "name" }, truth.groups["members"]![0]!["members[].name"]!);
    for (const path of unconfirmedPaths(draft)) draft = confirmDraftValue(draft, path);
    draft = draft.scans.reduce((d, _, i) => acknowledgeDraftScan(d, i), draft);
    draft = typeDraftValue(draft, { field: "move.date" }, "令和8年11月20日");
    draft = typeDraftValue(draft, { field: "head.new" }, head);
    draft = typeDraftValue(draft, { field: "address.new" }, "みほん県みほん市中央一丁目1番1号");
    // C6 窓口メモ: kept with the record, never printed on the form.
    draft = { ...draft, memo: "  本人確認：在留カード\n国保の手続を案内済み  " };
    const printed = await printPdf(draft);
    expect(printed.status, await printed.clone().text()).toBe(200);
    printedDraft = draft;
    expect(printed.headers.get("content-type")).toBe("application/pdf");
    const number = printed.headers.get("x-confirmation-number")!;
    expect(number).toMatch(/^\d{8}-[0-9A-Z]{6}$/);
    const pdf = new Uint8Array(await printed.arrayBuffer());
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe("%PDF-");
    const { text } = await extractText(await getDocumentProxy(pdf), { mergePages: true });
    expect(squash(text)).toContain(squash(truth.groups["members"]![0]!["members[].name"]!));
    expect(text).toContain("令和8年11月20日");
    expect(text).toContain("転入");
    expect(text).toContain(number);
    expect(text).not.toContain("国保の手続");

    const entries = (await server.deps.auditLog.read({ actions: ["counter.form_printed"], afterSeq: 0, limit: 10 }))._unsafeUnwrap();
    expect(entries.map((e) => [e.result, e.details["confirmationNumber"], e.details["layoutId"]])).toEqual([["success", number, "juminido-todoke"]]);
    recordId = printed.headers.get("x-counter-record-id")!;
    expect(entries[0]!.target).toEqual({ kind: "counter_record", id: recordId });
    printedNumber = number;
  });

  it("keeps the printed form and the scanned paper as PDF, finds the record by name, reading or number, audits each look", async () => {
    const kept = await call(`${server.staffUrl}/api/staff/counter/records/${recordId}`, { headers: clerk.headers });
    expect(kept.status).toBe(200);
    expect(kept.body.record).toMatchObject({ confirmationNumber: printedNumber, kind: "tennyu", createdBy: clerk.id });
    expect(kept.body.record.documents.map((d: { kind: string; title: string }) => [d.kind, d.title])).toEqual([["form", "住民異動届"]]);
    expect(squash(kept.body.record.summary.persons[0].name)).toBe(squash(truth.groups["members"]![0]!["members[].name"]!));
    expect(kept.body.record.summary.memo).toBe("本人確認：在留カード\n国保の手続を案内済み");

    const attach = (id: string, title: string) =>
      fetch(`${server.staffUrl}/api/staff/counter/records/${id}/documents?title=${encodeURIComponent(title)}`, { method: "POST", headers: { ...clerk.headers, "content-type": "image/jpeg" }, body: scan });
    expect((await attach(recordId, "転出証明書")).status).toBe(201);
    expect((await attach("no-such-record", "転出証明書")).status).toBe(404);
    expect((await attach(recordId, "")).status).toBe(400);
    const documents = (await call(`${server.staffUrl}/api/staff/counter/records/${recordId}`, { headers: clerk.headers })).body.record.documents;
    expect(documents.map((d: { kind: string; title: string }) => [d.kind, d.title])).toEqual([["form", "住民異動届"], ["scan", "転出証明書"]]);
    for (const d of documents) {
      const pdf = await fetch(`${server.staffUrl}/api/staff/counter/records/${recordId}/documents/${d.id}`, { headers: clerk.headers });
      expect([pdf.status, pdf.headers.get("content-type"), new TextDecoder().decode(new Uint8Array(await pdf.arrayBuffer()).slice(0, 5))]).toEqual([200, "application/pdf", "%PDF-"]);
    }

    const search = async (query: string) => (await call(`${server.staffUrl}/api/staff/counter/records?${query}`, { headers: clerk.headers })).body.records.map((r: { id: string }) => r.id);
    const firstName = truth.groups["members"]![0]!["members[].name"]!;
    expect(await search(`name=${encodeURIComponent(firstName.replace(/\s/g, ""))}`)).toEqual([recordId]);
    expect(await search(`number=${printedNumber}`)).toEqual([recordId]);
    expect(await search(`name=${encodeURIComponent("存在しない名前")}`)).toEqual([]);
    // C6: by part of the 窓口メモ (or an address); the keyword is audited as a criterion, never as text.
    expect(await search(`keyword=${encodeURIComponent("国保の手続")}`)).toEqual([recordId]);
    expect(await search(`keyword=${encodeURIComponent("年金の手続")}`)).toEqual([]);
    expect(await search("from=2020-01-01&to=2020-01-31")).toEqual([]);
    expect((await call(`${server.staffUrl}/api/staff/counter/records?from=2020-01-01&to=2026-01-01`, { headers: clerk.headers })).status).toBe(400);

    const looks = (await server.deps.auditLog.read({ actions: ["counter.records_searched", "counter.record_viewed", "counter.document_viewed", "counter.document_stored"], afterSeq: 0, limit: 50 }))._unsafeUnwrap();
    expect(looks.filter((e) => e.action === "counter.record_viewed").length).toBeGreaterThanOrEqual(2);
    expect(looks.filter((e) => e.action === "counter.document_viewed")).toHaveLength(2);
    expect(looks.filter((e) => e.action === "counter.document_stored")).toHaveLength(1);
    expect(looks.find((e) => e.action === "counter.records_searched" && e.details["criteria"] === "name")?.details).toMatchObject({ found: 1 });
    expect(squash(JSON.stringify(looks))).not.toContain(squash(firstName));
    expect(looks.find((e) => e.action === "counter.records_searched" && e.details["criteria"] === "keyword")?.details).toMatchObject({ found: 1 });
    expect(JSON.stringify(looks)).not.toContain("国保");
  });

  it("changes the 窓口メモ of a kept record after printing, audited without its text (C6)", async () => {
    const memoUrl = (id: string) => `${server.staffUrl}/api/staff/counter/records/${id}/memo`;
    const put = (id: string, body: unknown, headers: Record<string, string> = clerk.headers) => call(memoUrl(id), { method: "PUT", headers, body });
    const changed = await put(recordId, { memo: "  本人確認：在留カード\n後日、委任状を持参（代理人 見本 花子）  " });
    expect(changed.status).toBe(200);
    expect(changed.body.record.summary.memo).toBe("本人確認：在留カード\n後日、委任状を持参（代理人 見本 花子）");
    expect(changed.body.record.confirmationNumber).toBe(printedNumber);
    expect((await call(`${server.staffUrl}/api/staff/counter/records/${recordId}`, { headers: clerk.headers })).body.record.summary.memo).toContain("委任状を持参");
    const found = await call(`${server.staffUrl}/api/staff/counter/records?keyword=${encodeURIComponent("委任状を持参")}`, { headers: clerk.headers });
    expect(found.body.records.map((r: { id: string }) => r.id)).toEqual([recordId]);

    const tooLong = await put(recordId, { memo: "𠮷".repeat(1001) });
    expect([tooLong.status, tooLong.body.error.code]).toEqual([400, "counter.invalid_memo"]);
    expect((await put(recordId, { memo: 5 })).status).toBe(400);
    expect((await put("no-such-record", { memo: "x" })).status).toBe(404);
    const outsider = await staffWithSession(server, "memo-outsider");
    expect((await put(recordId, { memo: "x" }, outsider.headers)).status).toBe(403);

    const entries = (await server.deps.auditLog.read({ actions: ["counter.memo_changed"], afterSeq: 0, limit: 10 }))._unsafeUnwrap();
    expect(entries.map((e) => [e.actor.id, e.target, e.details])).toEqual([[clerk.id, { kind: "counter_record", id: recordId }, { length: 31 }]]);
    expect(JSON.stringify(entries)).not.toContain("委任状");
    // Put the memo back for the tests below.
    expect((await put(recordId, { memo: "本人確認：在留カード\n国保の手続を案内済み" })).status).toBe(200);
  });

  it("prints the related forms from the same draft with the record's number, and keeps them with it (C7)", async () => {
    const related = (formId: string, body: unknown, id = recordId) =>
      fetch(`${server.staffUrl}/api/staff/counter/records/${id}/forms/${formId}`, { method: "POST", headers: { ...clerk.headers, "content-type": "application/json" }, body: JSON.stringify(body) });
    for (const formId of ["juminhyo-seikyu", "inkan-toroku"]) {
      const res = await related(formId, { draft: printedDraft, person: 0 });
      expect(res.status, await res.clone().text()).toBe(200);
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(await res.arrayBuffer())), { mergePages: true });
      expect(text).toContain(printedNumber);
      expect(squash(text)).toContain(squash(truth.groups["members"]![0]!["members[].name"]!));
    }
    expect((await related("kaigo-hoken", { draft: printedDraft })).status).toBe(404);
    expect((await related("inkan-toroku", { draft: printedDraft, person: 7 })).status).toBe(422);
    expect((await related("inkan-toroku", { draft: printedDraft }, "no-such-record")).status).toBe(404);
    const documents = (await call(`${server.staffUrl}/api/staff/counter/records/${recordId}`, { headers: clerk.headers })).body.record.documents;
    expect(documents.map((d: { kind: string; title: string }) => [d.kind, d.title])).toEqual([["form", "住民異動届"], ["scan", "転出証明書"], ["form", "住民票の写し等交付請求書"], ["form", "印鑑登録申請書"]]);
  });

  it("reports the month's forms per day and kind with their handling time, and the OCR's counts (C13)", async () => {
    const report = await call(`${server.staffUrl}/api/staff/counter/report`, { headers: clerk.headers });
    expect(report.status).toBe(200);
    expect(report.body.totals.tennyu).toBe(1);
    expect(report.body.rows).toHaveLength(1);
    expect(report.body.rows[0].medianMinutes).toBeGreaterThanOrEqual(0);
    expect(report.body.relatedForms).toEqual({ "juminhyo-seikyu": 1, "inkan-toroku": 1 });
    expect(report.body.scans.read).toBeGreaterThanOrEqual(2);
    expect(report.body.scans.failed).toBe(0);
    expect((await call(`${server.staffUrl}/api/staff/counter/report?month=2026-13`, { headers: clerk.headers })).status).toBe(400);
  });

  it("deletes a record the day after its keep-until day, audited by the system", async () => {
    const old = (await server.deps.counter.records.get(recordId))._unsafeUnwrap()!;
    const expired = { ...old, id: `${recordId}-old`, confirmationNumber: "20200101-OLD000", keepUntil: "2025-01-01", documents: [] };
    (await server.deps.counter.records.create(expired, { id: "f", kind: "form", title: "住民異動届", addedAt: old.createdAt, addedBy: clerk.id, byteLength: 5, pdf: new TextEncoder().encode("%PDF-") }, []))._unsafeUnwrap();
    expect(await server.counterRetention.runOnce()).toBe(1);
    expect((await call(`${server.staffUrl}/api/staff/counter/records/${expired.id}`, { headers: clerk.headers })).status).toBe(404);
    expect((await call(`${server.staffUrl}/api/staff/counter/records/${recordId}`, { headers: clerk.headers })).status).toBe(200);
    const purged = (await server.deps.auditLog.read({ actions: ["counter.record_purged"], afterSeq: 0, limit: 10 }))._unsafeUnwrap();
    expect(purged.map((e) => [e.actor.kind, e.target?.id, e.details["keepUntil"]])).toEqual([["system", expired.id, "2025-01-01"]]);
  });

  it("answers what went wrong with a scan in the clerk's language, and refuses a malformed draft", async () => {
    // A JPEG's first bytes and then nothing an image decoder can read: the OCR engine's own refusal.
    expect(await postScan(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new TextEncoder().encode("no image")]))).toMatchObject({ status: 400, body: { error: { code: "ocr.unreadable_image" } } });
    // Bytes that are no image at all never reach it.
    expect(await postScan(new TextEncoder().encode("no image"))).toMatchObject({ status: 415, body: { error: { code: "upload.type_mismatch" } } });
    expect(await postScan(scan, "", "text/plain")).toMatchObject({ status: 415, body: { error: { code: "counter.unsupported_media_type" } } });
    expect(await postScan(scan, "?templateId=none%2Fnone%2Fv1")).toMatchObject({ status: 404, body: { error: { code: "ocr.unknown_template" } } });
    expect(await postScan(scan, "?fallbackKind=passport")).toMatchObject({ status: 400, body: { error: { code: "request.malformed" } } });
    const english = await postScan(new TextEncoder().encode("no image"), "", "image/png", { ...clerk.headers, "accept-language": "en" });
    expect(english.body.error.message).toMatch(/PNG, JPEG, TIFF or PDF/);
    const malformed = await printPdf({ kind: "tennyu", fields: { "address.new": { value: 3 } }, persons: [], scans: [] });
    expect(malformed.status).toBe(400);
    // A memo is at most 1000 characters (code points: 𠮷 is one).
    const longMemo = await printPdf({ ...printedDraft, memo: "𠮷".repeat(1001) });
    expect(longMemo.status).toBe(400);
    expect(((await longMemo.json()) as { errors: unknown }).errors).toEqual([{ field: "memo", code: "invalid" }]);
  });

  it("is only for members with counter.use, and only on the staff listener", async () => {
    const viewer = await staffWithSession(server, "counter-viewer");
    (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId("viewer"), holder: { kind: "staff", staffId: viewer.id } }))._unsafeUnwrap();
    expect((await call(`${server.staffUrl}/api/staff/counter`, { headers: viewer.headers })).status).toBe(403);
    expect((await postScan(scan, "", "image/jpeg", viewer.headers)).status).toBe(403);
    expect((await call(`${server.url}/api/staff/counter`)).status).toBe(404);
  });
});
