import { describe, expect, it } from "vitest";
import { APPLICATION_STATUSES, applyCommand, renderStatusEmail, StaffId, statusLabel, type Application } from "../src/index.ts";
import { applicationIn, submittedApplication } from "./application-fixtures.ts";
import { must, shippedCatalog } from "./fixtures.ts";

const catalog = shippedCatalog();
const juminhyo = must(catalog.procedures[0]);
const staff = { kind: "staff", staffId: StaffId("s") } as const;

describe("statusLabel", () => {
  it("gives the Japanese and English labels", () => {
    expect(APPLICATION_STATUSES.map((s) => statusLabel(s, "ja"))).toEqual(["申請済", "受付", "処理中", "完了", "不受理", "差戻し", "取下げ"]);
    expect(statusLabel("returned", "en")).toBe("Returned for correction");
  });
});

describe("renderStatusEmail", () => {
  it("acknowledges a submission in Japanese with the receipt number in the subject", () => {
    const mail = renderStatusEmail(submittedApplication(), juminhyo, catalog.municipality, "ja");
    expect(mail.subject).toBe("【みほん市】住民票の写しの申請を受け付けました（受付番号 20261123-7K3M9Q）");
    expect(mail.text).toContain("見本 太郎 様");
    expect(mail.text).toContain("受付番号：20261123-7K3M9Q");
    expect(mail.text).toContain("手続き：住民票の写し（2通）");
    expect(mail.text).toContain("手数料・郵送料の合計：1,010円");
    expect(mail.text).toContain("現在の状況：申請済");
    expect(mail.text).toContain("受付番号と、申請完了時に画面に表示されたアクセスコード");
  });

  it("gives the reason of a 不受理 and of a 差戻し", () => {
    const rejected = applyCommand(submittedApplication(), { type: "reject", reason: "本人確認ができませんでした" }, staff, new Date())._unsafeUnwrap();
    const ja = renderStatusEmail(rejected, juminhyo, catalog.municipality, "ja");
    expect(ja.subject).toBe("【みほん市】住民票の写しの申請を受理できませんでした（受付番号 20261123-7K3M9Q）");
    expect(ja.text).toContain("【理由】\n本人確認ができませんでした");
    expect(ja.text).toContain("現在の状況：不受理");

    const returned = applyCommand(submittedApplication(), { type: "return", reason: "Please check your address" }, staff, new Date())._unsafeUnwrap();
    const en = renderStatusEmail(returned, juminhyo, catalog.municipality, "en");
    expect(en.subject).toBe("[Mihon City] Your application for Certificate of residence (Juminhyo) needs your attention (receipt number 20261123-7K3M9Q)");
    expect(en.text).toContain("Dear 見本 太郎,");
    expect(en.text).toContain("Reason:\nPlease check your address");
    expect(en.text).toContain("Total fee and postage: ¥1,010");
  });

  it("shows a reason only for 不受理 and 差戻し", () => {
    for (const status of ["submitted", "received", "processing", "completed", "withdrawn"] as const) {
      const mail = renderStatusEmail(applicationIn(status), juminhyo, catalog.municipality, "ja");
      expect(mail.text).not.toContain("【理由】");
    }
  });

  it("has a distinct subject for every status, in both languages", () => {
    for (const locale of ["ja", "en"] as const) {
      const subjects = APPLICATION_STATUSES.map((s) => renderStatusEmail(applicationIn(s), juminhyo, catalog.municipality, locale).subject);
      expect(new Set(subjects).size).toBe(APPLICATION_STATUSES.length);
    }
  });

  it("never contains the access secret hash (the secret itself never reaches core after submission)", () => {
    const app: Application = { ...submittedApplication(), accessSecretHash: "ab".repeat(32) };
    for (const status of APPLICATION_STATUSES) {
      for (const locale of ["ja", "en"] as const) {
        const mail = renderStatusEmail({ ...app, status }, juminhyo, catalog.municipality, locale);
        expect(`${mail.subject}\n${mail.text}`).not.toContain(app.accessSecretHash);
      }
    }
  });
});
