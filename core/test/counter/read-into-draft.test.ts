import { describe, expect, it } from "vitest";
import { emptyNotificationDraft, MAX_NOTIFICATION_PERSONS, readIntoDraft, typeDraftValue } from "../../src/index.ts";
import { movingOutCertificate, residenceCard } from "./read-documents.ts";

describe("a scanned document read into a 住民異動届 draft", () => {
  it("maps a 転出証明書 onto the form: old address and head as they are, what it only suggests flagged", () => {
    const draft = readIntoDraft(emptyNotificationDraft("tennyu"), movingOutCertificate());
    expect(draft.fields["address.previous"]).toMatchObject({ value: "さんぷる県みほん市中央一丁目2番3号", reasons: [], confirmed: false, source: { by: "scan", scanIndex: 0 } });
    expect(draft.fields["address.new"]).toMatchObject({ value: "みほん県ためし市本町四丁目5番6号", reasons: ["taken_from_destination"] });
    expect(draft.fields["move.date"]).toMatchObject({ value: "2026-11-20", reasons: ["taken_from_planned_date"] });
    expect(draft.fields["head.new"]?.reasons).toEqual(["name_always_confirmed", "assumed_same_head"]);
    expect(draft.fields["domicile.head"]?.reasons).toEqual(["name_always_confirmed"]);
    expect(draft.persons).toHaveLength(2);
    expect(draft.persons[1]).toMatchObject({ name: { value: "見本 子1" }, relationship: { value: "子" }, birthDate: { value: "2010-05-05" } });
    expect(draft.scans).toEqual([{ templateId: "tenshutsu-shomeisho/131121/v1", kind: "tenshutsu-shomeisho", reasons: [], personsLeftOut: 0, acknowledged: true }]);
  });

  it("keeps a document's own flags (a cross-field check no value carries) on the scan, to be acknowledged", () => {
    const draft = readIntoDraft(emptyNotificationDraft("tennyu"), movingOutCertificate(2, ["head_not_a_member"]));
    expect(draft.scans[0]).toMatchObject({ reasons: ["head_not_a_member"], acknowledged: false });
  });

  it("an unreadable value becomes an empty value flagged unreadable, never a silent gap", () => {
    const draft = readIntoDraft(emptyNotificationDraft("tennyu"), residenceCard("MIHON ANNA", null));
    expect(draft.fields["address.previous"]).toMatchObject({ value: "", reasons: ["unreadable", "taken_from_card_address"] });
  });

  it("a second document fills only gaps: staff's values and earlier scans are kept, the same person is completed", () => {
    let draft = readIntoDraft(emptyNotificationDraft("tennyu"), movingOutCertificate(1));
    draft = typeDraftValue(draft, { field: "address.previous" }, "手入力の住所");
    draft = readIntoDraft(draft, residenceCard("見本　太郎", "別の住所"));
    expect(draft.fields["address.previous"]).toMatchObject({ value: "手入力の住所", source: { by: "staff" } });
    expect(draft.persons).toHaveLength(1);
    expect(draft.persons[0]?.nationality).toMatchObject({ value: "ミホン国", source: { by: "scan", scanIndex: 1 } });
    expect(draft.persons[0]?.birthDate?.value).toBe("1980-04-01");
    draft = readIntoDraft(draft, residenceCard("OTHER PERSON", "x"));
    expect(draft.persons.map((p) => p.name?.value)).toEqual(["見本 太郎", "OTHER PERSON"]);
    expect(draft.scans).toHaveLength(3);
  });

  it("persons beyond the form's rows are counted on the scan, not dropped unnoticed", () => {
    const draft = readIntoDraft(emptyNotificationDraft("tennyu"), movingOutCertificate(MAX_NOTIFICATION_PERSONS + 2));
    expect(draft.persons).toHaveLength(MAX_NOTIFICATION_PERSONS);
    expect(draft.scans[0]).toMatchObject({ personsLeftOut: 2, acknowledged: false });
  });
});
