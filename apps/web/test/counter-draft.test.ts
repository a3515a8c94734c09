import {
  confirmDraftValue,
  DRAFT_REASON_LABELS,
  draftIssues,
  emptyNotificationDraft,
  MAX_DRAFT_VALUE_LENGTH,
  NOTIFICATION_FIELD_KEYS,
  NOTIFICATION_FIELD_LABELS,
  NOTIFICATION_KINDS,
  OCR_REVIEW_REASONS,
  PERSON_FIELD_KEYS,
  PERSON_FIELD_LABELS,
  readIntoDraft,
  typeDraftValue,
  type DraftIssue,
  type DraftPath,
  type ReadDocument,
  type ReadField,
} from "@madoguchi/core";
import { describe, expect, it } from "vitest";
import {
  ADD_PERSON_ID,
  canPreview,
  dateReading,
  draftAfterScan,
  isBlankDraft,
  issuesAt,
  issueTargetId,
  knownIssues,
  megabytes,
  pathInputId,
  regionBox,
  requiredFields,
  requiredPersonFields,
  samePath,
  scanAcknowledgeId,
  scanContentType,
  scanQuery,
} from "../src/pages/staff/counter/counter-draft.ts";
import { counterMessages, counterNavLabel, issueText, pathLabel, reasonText } from "../src/pages/staff/counter/counter-messages.ts";

const read = (key: string, value: string, reasons: ReadField["reasons"] = []): ReadField => ({
  key,
  value,
  raw: value,
  confidence: 90,
  region: { x: 0.1, y: 0.2, width: 0.5, height: 0.03 },
  reasons,
});

/** A 転出証明書 of one household of two, as the OCR reads it (names always flagged). */
const certificate: ReadDocument = {
  templateId: "tenshutsu-shomeisho/131121/v1",
  kind: "tenshutsu-shomeisho",
  readBy: "identification",
  fields: [
    read("household.address", "さんぷる県みほん市中央一丁目2番3号"),
    read("household.head", "見本 太郎", ["name_always_confirmed"]),
    read("move.destination", "みほん県ためし市本町四丁目5番6号"),
    read("move.plannedDate", "2026-11-20"),
  ],
  groups: {
    members: [
      [read("members[].name", "見本 太郎", ["name_always_confirmed"]), read("members[].birthDate", "1980-04-01")],
      [read("members[].name", "見本 花子", ["name_always_confirmed"]), read("members[].birthDate", "1982-06-07")],
    ],
  },
  reasons: ["name_always_confirmed"],
};

/** A 在留カード of a third person. */
const card: ReadDocument = {
  templateId: "zairyu-card/all/v1",
  kind: "zairyu-card",
  readBy: "identification",
  fields: [read("person.name", "ミホン ジョン", ["name_always_confirmed"]), read("person.birthDate", "1990-01-02"), read("person.nationality", "ミホン国"), read("person.address", "どこか")],
  groups: {},
  reasons: ["name_always_confirmed"],
};

const TODAY = "2026-11-25";
const serverDraft = readIntoDraft(emptyNotificationDraft("tennyu"), certificate);

const allPaths = (persons: number): readonly DraftPath[] => [
  ...NOTIFICATION_FIELD_KEYS.map((field): DraftPath => ({ field })),
  ...Array.from({ length: persons }, (_, person) => PERSON_FIELD_KEYS.map((field): DraftPath => ({ person, field }))).flat(),
];

/** One issue of every code core's `draftIssues` has (the switch of `issueText` is exhaustive: a new code breaks the build). */
const ONE_OF_EACH: readonly DraftIssue[] = [
  { code: "unconfirmed", path: { person: 1, field: "name" } },
  { code: "required", path: { field: "address.new" } },
  { code: "invalid_date", path: { field: "move.date" } },
  { code: "date_in_future", path: { person: 0, field: "birthDate" } },
  { code: "too_long", path: { field: "domicile.address" } },
  { code: "no_person" },
  { code: "document_flags", scan: 0 },
];

describe("the counter's words", () => {
  it("names every value as the paper form does, a person's with their row", () => {
    for (const field of NOTIFICATION_FIELD_KEYS) {
      expect(pathLabel({ field }, "ja")).toBe(NOTIFICATION_FIELD_LABELS[field].ja);
      expect(pathLabel({ field }, "en")).toBe(NOTIFICATION_FIELD_LABELS[field].en);
    }
    for (const field of PERSON_FIELD_KEYS) {
      expect(pathLabel({ person: 1, field }, "ja")).toBe(`2人目の${PERSON_FIELD_LABELS[field].ja}`);
      expect(pathLabel({ person: 1, field }, "en")).toBe(`Person 2: ${PERSON_FIELD_LABELS[field].en}`);
    }
    expect(pathLabel({ person: 0, field: "name" }, "ja")).toBe("1人目の氏名");
  });

  it("says every issue in Japanese and English, naming the value (or the document) it is about", () => {
    const scanName = (i: number) => `SCAN-${i}`;
    for (const locale of ["ja", "en"] as const) {
      const texts = ONE_OF_EACH.map((issue) => issueText(issue, locale, scanName));
      expect(new Set(texts).size).toBe(ONE_OF_EACH.length);
      ONE_OF_EACH.forEach((issue, i) => {
        expect(texts[i]).not.toBe("");
        if ("path" in issue) expect(texts[i]).toContain(pathLabel(issue.path, locale));
        if (issue.code === "document_flags") expect(texts[i]).toContain("SCAN-0");
      });
    }
    expect(issueText({ code: "unconfirmed", path: { person: 0, field: "name" } }, "ja", scanName)).toBe("「1人目の氏名」を書類と照らし合わせて、確認済みにしてください。");
    expect(issueText({ code: "required", path: { field: "address.new" } }, "en", scanName)).toBe("Enter “New address”.");
    expect(issueText({ code: "too_long", path: { field: "domicile.address" } }, "ja", scanName)).toContain(`${MAX_DRAFT_VALUE_LENGTH}文字まで`);
  });

  it("says every issue core finds in a real draft", () => {
    const draft = typeDraftValue(typeDraftValue(serverDraft, { field: "move.date" }, "いつか"), { person: 0, field: "birthDate" }, "2099-01-01");
    const issues = draftIssues({ ...draft, scans: [{ ...draft.scans[0]!, acknowledged: false }] }, TODAY);
    expect(new Set(issues.map((i) => i.code))).toEqual(new Set(["unconfirmed", "document_flags", "invalid_date", "date_in_future"]));
    for (const issue of issues) expect(issueText(issue, "ja", (i) => counterMessages.ja.scanName(i + 1, "転出証明書"))).toMatch(/。$/);
  });

  it("explains each reason in the server's words, else core's for the counter's own, else shows its code", () => {
    const labels = Object.fromEntries(OCR_REVIEW_REASONS.map((r) => [r, { ja: `理由 ${r}`, en: `reason ${r}` }]));
    for (const r of OCR_REVIEW_REASONS) expect(reasonText(r, labels, "en")).toBe(`reason ${r}`);
    expect(reasonText("taken_from_destination", labels, "ja")).toBe(DRAFT_REASON_LABELS.taken_from_destination.ja);
    expect(reasonText("taken_from_destination", { taken_from_destination: { ja: "転出先", en: "destination" } }, "ja")).toBe("転出先");
    expect(reasonText("a_newer_reason", labels, "ja")).toBe("a_newer_reason");
  });

  it("has the same texts in both languages, and a name in the navigation", () => {
    expect(Object.keys(counterMessages.en).sort()).toEqual(Object.keys(counterMessages.ja).sort());
    expect(counterNavLabel).toEqual({ ja: "書かない窓口", en: "No-writing counter" });
  });
});

describe("the scan files the counter sends", () => {
  it("sends a file as its own type when the server reads it, else by its extension, and refuses anything else", () => {
    expect(scanContentType({ name: "a.png", type: "image/png" })).toBe("image/png");
    expect(scanContentType({ name: "scan.TIF", type: "" })).toBe("image/tiff");
    expect(scanContentType({ name: "scan.tiff", type: "" })).toBe("image/tiff");
    expect(scanContentType({ name: "scan.jpg", type: "image/pjpeg" })).toBe("image/jpeg");
    expect(scanContentType({ name: "scan.JPEG", type: "" })).toBe("image/jpeg");
    expect(scanContentType({ name: "form.pdf", type: "application/pdf" })).toBe("application/pdf");
    expect(scanContentType({ name: "photo.heic", type: "image/heic" })).toBeNull();
    expect(scanContentType({ name: "noextension", type: "" })).toBeNull();
  });

  it("shows PNG and JPEG as images; PDF and TIFF by their name only", () => {
    expect(["image/png", "image/jpeg", "image/tiff", "application/pdf"].map((t) => canPreview(t as "image/png"))).toEqual([true, true, false, false]);
  });

  it("says the size limit in megabytes and asks for the layout and fallback kind only when chosen", () => {
    expect(megabytes(20 * 1024 * 1024)).toBe("20");
    expect(megabytes(2.5 * 1024 * 1024)).toBe("2.5");
    expect(scanQuery({ templateId: null, fallbackKind: null })).toBe("");
    expect(scanQuery({ templateId: "tenshutsu-shomeisho/131121/v1", fallbackKind: null })).toBe("?templateId=tenshutsu-shomeisho%2F131121%2Fv1");
    expect(scanQuery({ templateId: null, fallbackKind: "zairyu-card" })).toBe("?fallbackKind=zairyu-card");
  });
});

describe("a scan joining the draft", () => {
  it("takes the server's draft into a blank one (the document decides the kind: a 転出証明書 is brought for a 転入)", () => {
    expect(isBlankDraft(emptyNotificationDraft("tenkyo"))).toBe(true);
    expect(draftAfterScan(emptyNotificationDraft("tennyu"), false, { document: certificate, draft: serverDraft })).toBe(serverDraft);
  });

  it("keeps the kind staff chose before the first scan", () => {
    const next = draftAfterScan(emptyNotificationDraft("tenkyo"), true, { document: certificate, draft: serverDraft });
    expect(next.kind).toBe("tenkyo");
    expect(next.fields["address.previous"]?.value).toBe("さんぷる県みほん市中央一丁目2番3号");
    expect(next.persons).toHaveLength(2);
  });

  it("keeps the first scan's start (the server's startedAt, C13's handling time), whatever came before it", () => {
    const started = { ...serverDraft, startedAt: "2026-11-25T01:00:00.000Z" };
    const read = { document: certificate, draft: started };
    // Taken as it is into a blank draft; with the kind chosen first, or values typed first, the start is the scan's.
    expect(draftAfterScan(emptyNotificationDraft("tennyu"), false, read).startedAt).toBe("2026-11-25T01:00:00.000Z");
    expect(draftAfterScan(emptyNotificationDraft("tenkyo"), true, read).startedAt).toBe("2026-11-25T01:00:00.000Z");
    const typedFirst = typeDraftValue(emptyNotificationDraft("tennyu"), { field: "address.new" }, "みほん県みほん市本町1-1");
    expect(draftAfterScan(typedFirst, false, read).startedAt).toBe("2026-11-25T01:00:00.000Z");
    // A later scan does not move it.
    const second = { document: card, draft: { ...readIntoDraft(emptyNotificationDraft("tennyu"), card), startedAt: "2026-11-25T01:09:00.000Z" } };
    expect(draftAfterScan(draftAfterScan(emptyNotificationDraft("tennyu"), false, read), false, second).startedAt).toBe("2026-11-25T01:00:00.000Z");
    // An answer without one (an older server) leaves the draft without one.
    expect(draftAfterScan(typedFirst, false, { document: certificate, draft: serverDraft }).startedAt).toBeUndefined();
  });

  it("merges a second document with core's readIntoDraft: gaps filled, what staff typed and confirmed kept", () => {
    const typed = confirmDraftValue(typeDraftValue(serverDraft, { field: "address.new" }, "みほん県みほん市本町1-1"), { person: 0, field: "name" });
    const next = draftAfterScan(typed, false, { document: card, draft: readIntoDraft(emptyNotificationDraft("tennyu"), card) });
    expect(next).toEqual(readIntoDraft(typed, card));
    expect(next.fields["address.new"]?.value).toBe("みほん県みほん市本町1-1");
    expect(next.persons.map((p) => p.name?.value)).toEqual(["見本 太郎", "見本 花子", "ミホン ジョン"]);
    expect(next.persons[0]?.name?.confirmed).toBe(true);
    expect(next.scans).toHaveLength(2);
  });
});

describe("where values and issues are on the page", () => {
  it("gives every value of a full form its own input id", () => {
    const ids = allPaths(8).map(pathInputId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^counter-[a-z0-9-]+$/i);
    expect(pathInputId({ field: "address.previous" })).toBe("counter-address-previous");
    expect(pathInputId({ person: 0, field: "name" })).toBe("counter-person-0-name");
  });

  it("takes each issue to where it is fixed: the value, the document's acknowledge button, the add-person button", () => {
    expect(ONE_OF_EACH.map(issueTargetId)).toEqual([
      "counter-person-1-name",
      "counter-address-new",
      "counter-move-date",
      "counter-person-0-birthDate",
      "counter-domicile-address",
      ADD_PERSON_ID,
      scanAcknowledgeId(0),
    ]);
  });

  it("finds the issues of one value only", () => {
    expect(samePath({ field: "move.date" }, { field: "move.date" })).toBe(true);
    expect(samePath({ person: 0, field: "name" }, { person: 1, field: "name" })).toBe(false);
    expect(samePath({ field: "move.date" }, { person: 0, field: "birthDate" })).toBe(false);
    expect(issuesAt(ONE_OF_EACH, { person: 1, field: "name" })).toEqual([ONE_OF_EACH[0]]);
    expect(issuesAt(ONE_OF_EACH, { person: 0, field: "name" })).toEqual([]);
  });

  it("marks as required what core requires of each kind of notification, and of every person", () => {
    expect([...requiredFields("tennyu")].sort()).toEqual(["address.new", "head.new", "move.date"]);
    expect([...requiredFields("tenkyo")].sort()).toEqual(["address.new", "address.previous", "head.new", "move.date"]);
    expect([...requiredFields("tenshutsu")].sort()).toEqual(["address.new", "address.previous", "move.date"]);
    expect([...requiredFields("setainushi-henko")].sort()).toEqual(["head.new", "head.previous", "move.date"]);
    for (const kind of NOTIFICATION_KINDS) expect([...requiredPersonFields(kind)].sort()).toEqual(["birthDate", "name"]);
  });

  it("shows a date as the printed form will write it, whatever notation was typed", () => {
    expect(dateReading("2026-11-25")).toBe("令和8年11月25日");
    expect(dateReading("S50.3.4")).toBe("昭和50年3月4日");
    expect(dateReading("平成元年1月8日")).toBe("平成元年1月8日");
    expect(dateReading("いつか")).toBeNull();
    expect(dateReading(" ")).toBeNull();
  });

  it("draws a read value's box inside the image, however far its region reaches", () => {
    expect(regionBox({ x: 0.1, y: 0.2, width: 0.5, height: 0.03 })).toEqual({ left: "10%", top: "20%", width: "50%", height: "3%" });
    expect(regionBox({ x: 0.9, y: -0.1, width: 0.5, height: 2 })).toEqual({ left: "90%", top: "0%", width: "10%", height: "100%" });
    expect(regionBox({ x: Number.NaN, y: 0, width: 1, height: 1 })).toEqual({ left: "0%", top: "0%", width: "100%", height: "100%" });
  });

  it("keeps the issues of a refused print it knows, and drops anything malformed", () => {
    const issues = draftIssues({ ...serverDraft, scans: [{ ...serverDraft.scans[0]!, acknowledged: false }] }, TODAY);
    expect(knownIssues(JSON.parse(JSON.stringify(issues)) as unknown[])).toEqual(issues);
    expect(knownIssues([...ONE_OF_EACH])).toEqual(ONE_OF_EACH);
    expect(
      knownIssues([
        null,
        "unconfirmed",
        { code: "unconfirmed" },
        { code: "unconfirmed", path: { field: "nope" } },
        { code: "required", path: { person: -1, field: "name" } },
        { code: "required", path: { person: 0, field: "address.new" } },
        { code: "document_flags", scan: "0" },
        { code: "something_new", path: { field: "move.date" } },
      ]),
    ).toEqual([]);
  });
});
