import { describe, expect, it } from "vitest";
import { confirmDraftValue, emptyNotificationDraft, readIntoDraft, relatedForm, typeDraftValue, unconfirmedPaths } from "../../src/index.ts";
import { movingOutCertificate } from "./read-documents.ts";

const TODAY = "2026-11-25";
const read = readIntoDraft(emptyNotificationDraft("tennyu"), movingOutCertificate(2));
const confirmed = typeDraftValue(unconfirmedPaths(read).reduce(confirmDraftValue, read), { field: "move.date" }, "2026-11-21");

describe("the forms printed from the same confirmed draft (C7)", () => {
  it("a 住民票 request: the applicant, the new address and head, every person with 和暦 birth dates", () => {
    const form = relatedForm("juminhyo-seikyu", confirmed, { today: TODAY, confirmationNumber: "20261125-ABC123" })._unsafeUnwrap();
    expect(form.layoutId).toBe("juminhyo-seikyu");
    expect(form.values).toEqual({
      "request.date": "令和8年11月25日",
      "applicant.address": "みほん県ためし市本町四丁目5番6号",
      "applicant.name": "見本 太郎",
      "applicant.kana": "みほん たろう",
      "applicant.birthDate": "昭和55年4月1日",
      "form.confirmationNumber": "20261125-ABC123",
      "subject.address": "みほん県ためし市本町四丁目5番6号",
      "subject.head": "見本 太郎",
    });
    expect(form.rows["persons"]).toEqual([
      { name: "見本 太郎", birthDate: "昭和55年4月1日", relationship: "世帯主" },
      { name: "見本 子1", birthDate: "平成22年5月5日", relationship: "子" },
    ]);
  });

  it("a seal registration for the chosen person", () => {
    const form = relatedForm("inkan-toroku", confirmed, { today: TODAY, confirmationNumber: "n", person: 1 })._unsafeUnwrap();
    expect(form.values).toMatchObject({ "application.date": "令和8年11月25日", "applicant.name": "見本 子1", "applicant.birthDate": "平成22年5月5日", "applicant.sex": "男" });
    expect(form.rows).toEqual({});
  });

  it("not from a draft with issues, nor for a person it does not have", () => {
    expect(relatedForm("inkan-toroku", read, { today: TODAY, confirmationNumber: "n" })._unsafeUnwrapErr()).toContainEqual({ code: "unconfirmed", path: { person: 0, field: "name" } });
    expect(relatedForm("inkan-toroku", confirmed, { today: TODAY, confirmationNumber: "n", person: 5 })._unsafeUnwrapErr()).toEqual([{ code: "no_such_person", person: 5 }]);
  });
});
