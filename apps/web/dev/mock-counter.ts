import { randomInt } from "node:crypto";
import type { ServerResponse } from "node:http";
import {
  COUNTER_DOCUMENT_KINDS,
  DRAFT_REASON_LABELS,
  NOTIFICATION_KIND_OF_DOCUMENT,
  decodeResidenceNotificationDraft,
  draftIssues,
  emptyNotificationDraft,
  japanCalendarDate,
  readIntoDraft,
  type CounterDocumentKind,
  type ReadDocument,
  type ReadField,
} from "@madoguchi/core";

/**
 * The no-writing counter's endpoints for `vite` without a server (see mock-api.ts): no OCR. The first scan of a
 * notification "reads" a fixed 転出証明書 of a fictional household, every later one a 在留カード, whatever the file;
 * the PDF is a one-line stand-in. Core's own functions build the draft and refuse a draft that is not ready, so the
 * screens behave as with the real server.
 */

type L = { ja: string; en: string };

const DOCUMENT_NAMES: Readonly<Record<CounterDocumentKind, L>> = {
  "tenshutsu-shomeisho": { ja: "転出証明書", en: "Moving-out certificate" },
  "tenshutsu-kakunin": { ja: "転出証明書に係る情報確認書", en: "Moving-out information sheet" },
  "zairyu-card": { ja: "在留カード", en: "Residence card" },
  "tokubetsu-eijusha": { ja: "特別永住者証明書", en: "Special permanent resident certificate" },
  "unten-menkyo": { ja: "運転免許証", en: "Driving licence" },
  "mynumber-card": { ja: "マイナンバーカード", en: "My Number card" },
  "koseki-zenbu": { ja: "戸籍全部事項証明", en: "Family register (full)" },
  "koseki-fuhyo": { ja: "戸籍附票", en: "Family register residence record" },
};

const REASON_LABELS: Record<string, L> = {
  ...DRAFT_REASON_LABELS,
  name_always_confirmed: { ja: "氏名は必ず書類と照らし合わせます", en: "Names are always checked against the document" },
  low_confidence: { ja: "読み取りの確からしさが低い値です", en: "Read with low confidence" },
  readings_disagree: { ja: "読み取るたびに結果が異なりました", en: "The readings disagree" },
  relationship_inconsistent: { ja: "続柄が世帯主と合いません", en: "The relationships do not fit the head of household" },
};

const field = (key: string, value: string, y: number, reasons: ReadField["reasons"] = [], raw = value): ReadField => ({
  key,
  value,
  raw,
  confidence: reasons.includes("low_confidence") ? 55 : 92,
  region: { x: 0.22, y, width: 0.7, height: 0.028 },
  reasons,
});

const member = (row: number, name: string, kana: string, birthDate: string, sex: string, relationship: string, raw = name): ReadField[] => {
  const y = 0.41 + row * 0.035;
  const at = (key: string, value: string, x: number, width: number, reasons: ReadField["reasons"] = [], seen = value): ReadField => ({
    ...field(`members[].${key}`, value, y, reasons, seen),
    region: { x, y, width, height: 0.03 },
  });
  return [
    at("name", name, 0.07, 0.17, ["name_always_confirmed", ...(raw === name ? [] : (["low_confidence"] as const))], raw),
    at("kana", kana, 0.25, 0.17),
    at("birthDate", birthDate, 0.43, 0.18),
    at("sex", sex, 0.62, 0.05),
    at("relationship", relationship, 0.68, 0.09),
    at("residentCode", "12345678903", 0.78, 0.15),
  ];
};

const CERTIFICATE: ReadDocument = {
  templateId: "tenshutsu-shomeisho/131121/v1",
  kind: "tenshutsu-shomeisho",
  readBy: "identification",
  fields: [
    field("household.address", "さんぷる県みほん市中央一丁目2番3号", 0.118),
    field("household.head", "見本 太郎", 0.158, ["name_always_confirmed"]),
    field("move.destination", "ためし県ためし市本町四丁目5番6号", 0.199),
    field("move.plannedDate", "2026-11-20", 0.239, [], "令和8年11月20日"),
    field("domicile.address", "さんぷる県みほん市中央一丁目2番", 0.28),
    field("domicile.head", "見本 太郎", 0.32, ["name_always_confirmed"]),
  ],
  groups: { members: [member(0, "見本 太郎", "みほん たろう", "1980-04-01", "男", "世帯主"), member(1, "見本 花子", "みほん はなこ", "1982-06-07", "女", "妻", "見木 花子")] },
  reasons: ["name_always_confirmed", "low_confidence"],
};

const CARD: ReadDocument = {
  templateId: "zairyu-card/all/v1",
  kind: "zairyu-card",
  readBy: "identification",
  fields: [
    field("person.name", "MIHON JOHN", 0.2, ["name_always_confirmed"]),
    field("person.birthDate", "1990-01-02", 0.3),
    field("person.sex", "男", 0.35),
    field("person.nationality", "ミホン国", 0.4),
    field("person.address", "さんぷる県みほん市中央一丁目2番3号", 0.6),
  ],
  groups: {},
  reasons: ["name_always_confirmed"],
};

let scansRead = 0;
const MAX_SCAN_BYTES = 20 * 1024 * 1024;

const send = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
};

/** Answers `/api/staff/counter*` (the caller checked the session and CSRF token); false for any other path. */
export const mockCounter = (res: ServerResponse, path: string, method: string, body: Record<string, unknown>, contentType: string, locale: "ja" | "en"): boolean => {
  const today = japanCalendarDate(new Date());
  if (path === "/api/staff/counter" && method === "GET") {
    send(res, 200, {
      templates: [
        { id: CERTIFICATE.templateId, kind: CERTIFICATE.kind, name: { ja: "転出証明書（世田谷区・横書き表形式）", en: "Moving-out certificate (Setagaya, horizontal table)" } },
        { id: CARD.templateId, kind: CARD.kind, name: { ja: "在留カード", en: "Residence card" } },
      ],
      documentKinds: COUNTER_DOCUMENT_KINDS.map((kind) => ({ kind, name: DOCUMENT_NAMES[kind] })),
      reasonLabels: REASON_LABELS,
      today,
      maxScanBytes: MAX_SCAN_BYTES,
    });
    return true;
  }
  if (path === "/api/staff/counter/scans" && method === "POST") {
    if (!["image/png", "image/jpeg", "image/tiff", "application/pdf"].includes(contentType)) {
      send(res, 415, { error: { code: "counter.unsupported_media_type", message: locale === "ja" ? "PNG・JPEG・TIFF・PDF の画像を送ってください。" : "Send a PNG, JPEG, TIFF or PDF image." } });
      return true;
    }
    const document = scansRead++ % 2 === 0 ? CERTIFICATE : CARD;
    // Reading takes the real server seconds: the page's progress shows for a moment.
    setTimeout(() => send(res, 200, { document, draft: readIntoDraft(emptyNotificationDraft(NOTIFICATION_KIND_OF_DOCUMENT[document.kind]), document) }), 1200);
    return true;
  }
  if (path === "/api/staff/counter/notifications/pdf" && method === "POST") {
    const draft = decodeResidenceNotificationDraft(body["draft"]);
    if (draft.isErr()) {
      send(res, 400, { error: { code: "counter.invalid_draft", message: `invalid draft: ${draft.error.join(", ")}` } });
      return true;
    }
    const issues = draftIssues(draft.value, today);
    if (issues.length > 0) {
      send(res, 422, { error: { code: "counter.draft_not_ready", message: locale === "ja" ? "確認が終わっていない値があります。" : "Some values are not checked yet.", issues } });
      return true;
    }
    scansRead = 0;
    const number = `${today.replaceAll("-", "")}-${String(randomInt(0, 1_000_000)).padStart(6, "0")}`;
    res.writeHead(200, { "Content-Type": "application/pdf", "X-Confirmation-Number": number, "Content-Disposition": `attachment; filename="juminido-todoke-${number}.pdf"` });
    res.end("%PDF-1.4\n% mock: the real server prints the 住民異動届 here\n%%EOF\n");
    return true;
  }
  return false;
};
