import { describe, expect, it } from "vitest";
import type { ReadDocument, ReadField } from "@madoguchi/core";
import { checkOcrReading, type OcrSample } from "@madoguchi/conformance/ocr-engine";

const field = (key: string, value: string | null, reasons: ReadField["reasons"] = []): ReadField => ({ key, value, raw: value ?? "", confidence: 90, region: { x: 0.1, y: 0.1, width: 0.3, height: 0.03 }, reasons });

const sample: OcrSample = {
  scan: { bytes: new Uint8Array() },
  templateId: "tenshutsu-shomeisho/131121/v1",
  expected: { fields: { "household.address": "みほん県みほん市中央一丁目2番3号", "household.head": "見本 太郎" }, groups: { members: [{ "members[].name": "見本 太郎", "members[].birthDate": "1980-04-01" }] } },
  nameKeys: ["household.head", "members[].name"],
};

const reading = (fields: readonly ReadField[], members: readonly ReadField[]): ReadDocument => ({
  templateId: sample.templateId,
  kind: "tenshutsu-shomeisho",
  readBy: "template",
  fields,
  groups: { members: [members] },
  reasons: [...new Set([...fields, ...members].flatMap((f) => f.reasons))],
});

const fails = (doc: ReadDocument): boolean => {
  try {
    checkOcrReading(doc, sample);
    return false;
  } catch {
    return true;
  }
};

const good = reading(
  [field("household.address", "みほん県 みほん市中央一丁目2番3号"), field("household.head", "見本 太郎", ["name_always_confirmed"])],
  [field("members[].name", "見本 太郎", ["name_always_confirmed"]), field("members[].birthDate", "1980-04-01")],
);

describe("the ocr-engine contract's check of a reading", () => {
  it("passes a reading whose values are right (spaces aside) and whose names are flagged", () => {
    expect(fails(good)).toBe(false);
  });

  it("fails a wrong value without a reason: the silent error the counter must never see", () => {
    expect(fails(reading([field("household.address", "みほん県みほん市中央一丁目2番8号"), good.fields[1]!], good.groups["members"]![0]!))).toBe(true);
    expect(fails(reading(good.fields, [good.groups["members"]![0]![0]!, field("members[].birthDate", "1980-04-07")]))).toBe(true);
  });

  it("passes a wrong value that is flagged", () => {
    expect(fails(reading([field("household.address", "みほん県みほん市中央一丁目2番8号", ["low_confidence"]), good.fields[1]!], good.groups["members"]![0]!))).toBe(false);
  });

  it("fails an unflagged name, a missing field or row, an unknown reason, a reason missing from the document's, a region off the page", () => {
    expect(fails(reading([good.fields[0]!, field("household.head", "見本 太郎")], good.groups["members"]![0]!))).toBe(true);
    expect(fails(reading([good.fields[1]!], good.groups["members"]![0]!))).toBe(true);
    expect(fails({ ...good, groups: { members: [] } })).toBe(true);
    expect(fails(reading([good.fields[0]!, field("household.head", "見本 太郎", ["made_up" as never])], good.groups["members"]![0]!))).toBe(true);
    expect(fails({ ...good, reasons: [] })).toBe(true);
    expect(fails(reading([{ ...good.fields[0]!, region: { x: 0.9, y: 0.1, width: 1.3, height: 0.03 } }, good.fields[1]!], good.groups["members"]![0]!))).toBe(true);
  });
});
