import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  acknowledgeDraftScan,
  addDraftPerson,
  confirmDraftValue,
  decodeResidenceNotificationDraft,
  draftIssues,
  emptyNotificationDraft,
  readIntoDraft,
  removeDraftPerson,
  residenceNotificationForm,
  typeDraftValue,
  unconfirmedPaths,
  type ResidenceNotificationDraft,
} from "../../src/index.ts";
import { movingOutCertificate } from "./read-documents.ts";

const TODAY = "2026-11-25";

/** What a clerk does with a read 転出証明書: confirms every flagged value and types the day of the move. */
const confirmedDraft = (): ResidenceNotificationDraft => {
  let draft = readIntoDraft(emptyNotificationDraft("tennyu"), movingOutCertificate());
  for (const path of unconfirmedPaths(draft)) draft = confirmDraftValue(draft, path);
  return typeDraftValue(draft, { field: "move.date" }, "令和8年11月21日");
};

describe("when a 住民異動届 draft can be printed", () => {
  it("not while a flagged value is unconfirmed: each is named by its path", () => {
    const draft = readIntoDraft(emptyNotificationDraft("tennyu"), movingOutCertificate(1));
    const issues = draftIssues(draft, TODAY);
    expect(issues).toContainEqual({ code: "unconfirmed", path: { person: 0, field: "name" } });
    expect(issues).toContainEqual({ code: "unconfirmed", path: { field: "address.new" } });
    expect(issues.filter((i) => i.code === "unconfirmed")).toHaveLength(unconfirmedPaths(draft).length);
    expect(residenceNotificationForm(draft, { today: TODAY, confirmationNumber: "x" }).isErr()).toBe(true);
  });

  it("prints a confirmed draft: dates in 和暦, today's notification date, the confirmation number, every person", () => {
    const form = residenceNotificationForm(confirmedDraft(), { today: TODAY, confirmationNumber: "20261125-000123" })._unsafeUnwrap();
    expect(form.layoutId).toBe("juminido-todoke");
    expect(form.values).toMatchObject({
      "notification.kind": "転入",
      "notification.date": "令和8年11月25日",
      "move.date": "令和8年11月21日",
      "address.previous": "さんぷる県みほん市中央一丁目2番3号",
      "form.confirmationNumber": "20261125-000123",
    });
    expect(form.rows["persons"]?.map((p) => [p["name"], p["birthDate"], p["relationship"]])).toEqual([
      ["見本 太郎", "昭和55年4月1日", "世帯主"],
      ["見本 子1", "平成22年5月5日", "子"],
    ]);
  });

  it("not without what the kind requires, nor with impossible or future dates", () => {
    let draft = typeDraftValue(confirmedDraft(), { field: "address.new" }, "");
    draft = typeDraftValue(draft, { person: 1, field: "birthDate" }, "平成31年5月1日");
    draft = typeDraftValue(draft, { person: 0, field: "birthDate" }, "2027-01-01");
    expect(draftIssues(draft, TODAY)).toEqual([
      { code: "required", path: { field: "address.new" } },
      { code: "date_in_future", path: { person: 0, field: "birthDate" } },
      { code: "invalid_date", path: { person: 1, field: "birthDate" } },
    ]);
    // A 転入 is notified after the move; a 転出 may be notified before it.
    const future = typeDraftValue(confirmedDraft(), { field: "move.date" }, "2026-12-01");
    expect(draftIssues(future, TODAY)).toEqual([{ code: "date_in_future", path: { field: "move.date" } }]);
    expect(draftIssues({ ...future, kind: "tenshutsu" }, TODAY)).toEqual([]);
  });

  it("not with nobody on it, a person without a name, or a document's flags unacknowledged", () => {
    const draft = confirmedDraft();
    const nobody = removeDraftPerson(removeDraftPerson(draft, 0), 0);
    expect(draftIssues(nobody, TODAY)).toEqual([{ code: "no_person" }]);
    expect(draftIssues(addDraftPerson(draft), TODAY)).toEqual([
      { code: "required", path: { person: 2, field: "name" } },
      { code: "required", path: { person: 2, field: "birthDate" } },
    ]);
    const flagged = readIntoDraft(emptyNotificationDraft("tennyu"), movingOutCertificate(1, ["relationship_inconsistent"]));
    const confirmedAll = unconfirmedPaths(flagged).reduce(confirmDraftValue, typeDraftValue(flagged, { field: "move.date" }, "2026-11-21"));
    expect(draftIssues(confirmedAll, TODAY)).toEqual([{ code: "document_flags", scan: 0 }]);
    expect(draftIssues(acknowledgeDraftScan(confirmedAll, 0), TODAY)).toEqual([]);
  });

  it("a value staff typed is theirs: confirmed, without reasons; an empty text removes it", () => {
    const draft = typeDraftValue(emptyNotificationDraft("tenkyo"), { field: "head.new" }, "  見本 花子 ");
    expect(draft.fields["head.new"]).toEqual({ value: "見本 花子", source: { by: "staff" }, reasons: [], confirmed: true });
    expect(typeDraftValue(draft, { field: "head.new" }, " ").fields["head.new"]).toBeUndefined();
  });

  it("a draft is printable exactly when every flagged value is confirmed, whichever are (property)", () => {
    const base = typeDraftValue(readIntoDraft(emptyNotificationDraft("tennyu"), movingOutCertificate(3)), { field: "move.date" }, "2026-11-21");
    const paths = unconfirmedPaths(base);
    expect(paths.length).toBeGreaterThan(5);
    fc.assert(
      fc.property(fc.subarray([...paths.keys()]), (confirmIdx) => {
        const draft = confirmIdx.reduce((d, i) => confirmDraftValue(d, paths[i]!), base);
        const printable = residenceNotificationForm(draft, { today: TODAY, confirmationNumber: "n" }).isOk();
        expect(printable).toBe(confirmIdx.length === paths.length);
        expect(draftIssues(draft, TODAY).filter((i) => i.code === "unconfirmed")).toHaveLength(paths.length - confirmIdx.length);
      }),
    );
  });
});

describe("a draft coming back from the counter screen", () => {
  it("decodes what the screen sends, and refuses unknown keys, wrong types and overlong texts by path", () => {
    const draft = confirmedDraft();
    expect(decodeResidenceNotificationDraft(JSON.parse(JSON.stringify(draft)))._unsafeUnwrap()).toEqual(draft);
    expect(decodeResidenceNotificationDraft({ ...draft, extra: 1 }).isErr()).toBe(true);
    expect(decodeResidenceNotificationDraft({ ...draft, fields: { "address.new": { value: 3 } } })._unsafeUnwrapErr()).toContain("fields.address.new.value");
    expect(decodeResidenceNotificationDraft({ ...draft, kind: "marriage" }).isErr()).toBe(true);
    expect(decodeResidenceNotificationDraft({ ...draft, fields: { "address.new": { value: "x".repeat(1001), source: { by: "staff" }, reasons: [], confirmed: true } } }).isErr()).toBe(true);
  });
});

describe("texts on a one-line form field", () => {
  it("a typed or read line break or tab becomes a space; an overlong value stops the print", () => {
    const typed = typeDraftValue(emptyNotificationDraft("tennyu"), { field: "address.new" }, "みほん市\r\n中央\t1-1\u2028");
    expect(typed.fields["address.new"]?.value).toBe("みほん市 中央 1-1");
    const long = typeDraftValue(confirmedDraft(), { field: "address.new" }, "あ".repeat(101));
    expect(draftIssues(long, TODAY)).toEqual([{ code: "too_long", path: { field: "address.new" } }]);
  });
});
