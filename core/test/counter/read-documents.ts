import type { OcrReviewReason, ReadDocument, ReadField } from "../../src/index.ts";

/** A read value as the OCR engine gives it; `reasons` empty unless given. */
export const field = (key: string, value: string | null, reasons: readonly OcrReviewReason[] = []): ReadField => ({
  key,
  value,
  raw: value ?? "",
  confidence: 90,
  region: { x: 0.1, y: 0.2, width: 0.5, height: 0.03 },
  reasons,
});

const member = (name: string, birthDate: string, relationship: string, reasons: readonly OcrReviewReason[] = ["name_always_confirmed"]) => [
  field("members[].name", name, reasons),
  field("members[].kana", "みほん たろう"),
  field("members[].birthDate", birthDate),
  field("members[].sex", "男"),
  field("members[].relationship", relationship),
  field("members[].residentCode", "12345678901"),
];

/** A 転出証明書 of a household of `members` persons, as read. */
export const movingOutCertificate = (members = 2, documentReasons: readonly OcrReviewReason[] = []): ReadDocument => {
  const rows = Array.from({ length: members }, (_, i) => member(i === 0 ? "見本 太郎" : `見本 子${i}`, i === 0 ? "1980-04-01" : "2010-05-05", i === 0 ? "世帯主" : "子"));
  const fields = [
    field("household.address", "さんぷる県みほん市中央一丁目2番3号"),
    field("household.head", "見本 太郎", ["name_always_confirmed"]),
    field("move.destination", "みほん県ためし市本町四丁目5番6号"),
    field("move.plannedDate", "2026-11-20"),
    field("domicile.address", "さんぷる県みほん市中央一丁目2番"),
    field("domicile.head", "見本 太郎", ["name_always_confirmed"]),
  ];
  const fieldReasons = [...fields, ...rows.flat()].flatMap((f) => f.reasons);
  return {
    templateId: "tenshutsu-shomeisho/131121/v1",
    kind: "tenshutsu-shomeisho",
    readBy: "identification",
    fields,
    groups: { members: rows },
    reasons: [...new Set([...fieldReasons, ...documentReasons])],
  };
};

/** A 在留カード of one person, as read. */
export const residenceCard = (name: string, address: string | null): ReadDocument => ({
  templateId: "zairyu-card/*/v1",
  kind: "zairyu-card",
  readBy: "identification",
  fields: [
    field("card.number", "AB12345678CD"),
    field("person.name", name, ["name_always_confirmed"]),
    field("person.birthDate", "1990-01-02"),
    field("person.sex", "女"),
    field("person.nationality", "ミホン国"),
    field("person.address", address, address === null ? ["unreadable"] : []),
  ],
  groups: {},
  reasons: address === null ? ["name_always_confirmed", "unreadable"] : ["name_always_confirmed"],
});
