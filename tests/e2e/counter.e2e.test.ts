import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appInBrowser, expectNoSeriousA11yViolations, explainOnFailure } from "./browser.ts";
import { syntheticMovingOutCertificate, type SyntheticCertificate } from "./counter-scan.ts";
import { staffLogsIn } from "./staff-login.ts";

const running = appInBrowser();

/** Today in Japan, `YYYY-MM-DD`: the server checks the dates of the form against Japan's day. */
const today = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);

/** Tesseract puts spaces between characters: a pre-filled value is the truth when they are equal without spaces. */
const squash = (s: string): string => s.replace(/[\s\u3000]+/g, "");

// Seed 1: a household of two (田中 誠 and 田中 陽葵); its names are read with spaces tesseract adds (田中 陽 葵).
let certificate: SyntheticCertificate;
beforeAll(async () => {
  certificate = await syntheticMovingOutCertificate(1, today());
});
afterAll(() => certificate?.remove());

/**
 * The input of each pre-filled value and the document's ground truth for it: the 転出証明書's values as the counter
 * maps them onto the 住民異動届 (core's `DOCUMENT_MAPPINGS`), the members row by row.
 */
const truthByInput = (c: SyntheticCertificate): ReadonlyMap<string, string> => {
  const f = (key: string) => c.fields[key] ?? "";
  return new Map([
    ["counter-move-date", f("move.plannedDate")],
    ["counter-address-new", f("move.destination")],
    ["counter-head-new", f("household.head")],
    ["counter-address-previous", f("household.address")],
    ["counter-head-previous", f("household.head")],
    ["counter-domicile-address", f("domicile.address")],
    ["counter-domicile-head", f("domicile.head")],
    ...c.members.flatMap((m, i) => Object.entries(m).map(([k, v]): [string, string] => [`counter-person-${i}-${k}`, v])),
  ]);
};

describe("in Chromium: the no-writing counter (書かない窓口) reads a 転出証明書 into a 住民異動届 that staff confirm and print", () => {
  it(
    "staff upload a scan, find the form pre-filled with names flagged, confirm or correct every flagged value, print the PDF with a confirmation number, keep the scan with it, print the 印鑑登録申請書 from the same draft, find and open the record again, and see the day's form in 窓口の利用状況",
    async () => {
      await running.context.clearCookies();
      const page = await running.context.newPage();
      explainOnFailure(page);
      // The demo staff member is the first administrator, who holds counter.use.
      await staffLogsIn(page, running.app);
      await page.click('[data-testid="staff-nav-counter"]');
      await page.getByTestId("counter-file").waitFor();
      expect(new URL(page.url()).pathname).toBe("/staff/counter");
      // Nothing read yet: nobody to print for.
      expect(await page.getByTestId("counter-print").isDisabled()).toBe(true);

      // The scan, with the layout identified among all templates (the default 自動判別).
      await page.getByTestId("counter-file").setInputFiles(certificate.path);
      await page.click('[data-testid="counter-read"]');
      // The first read starts the recogniser: seconds, more on a busy machine.
      await expect.poll(() => page.getByTestId("counter-read-status").textContent(), { timeout: 120_000 }).toContain("転出証明書を読み取りました");
      expect(await page.getByTestId("counter-kind").inputValue()).toBe("tennyu");

      // Pre-filled with the generator's ground truth.
      const previousAddress = certificate.fields["household.address"] ?? "";
      const firstName = certificate.members[0]?.["name"] ?? "";
      expect(previousAddress).not.toBe("");
      expect(squash(await page.getByTestId("counter-address-previous").inputValue())).toBe(squash(previousAddress));
      expect(squash(await page.getByTestId("counter-person-0-name").inputValue())).toBe(squash(firstName));
      expect(await page.getByTestId("counter-person").count()).toBe(certificate.members.length);
      // Names are always flagged: marked, with the text the OCR saw and the reason in words.
      const nameInput = page.getByTestId("counter-person-0-name");
      expect(await nameInput.getAttribute("aria-invalid")).toBe("true");
      expect(await page.getByTestId("counter-person-0-name-flags").isVisible()).toBe(true);
      expect(squash((await page.getByTestId("counter-person-0-name-raw").textContent()) ?? "")).toBe(squash(firstName));
      // The issues list names the unconfirmed values; printing waits for them.
      expect(await page.getByTestId("counter-print").isDisabled()).toBe(true);
      const issues = await page.getByTestId("counter-issue").allTextContents();
      expect(issues).toContain("「1人目の氏名」を書類と照らし合わせて、確認済みにしてください。");
      expect(issues).toContain("「新しい住所」を書類と照らし合わせて、確認済みにしてください。");
      // Focusing a value shows where it was read on the scan's image.
      await page.getByTestId("counter-address-previous").focus();
      await page.getByTestId("counter-scan-box").waitFor();
      await expectNoSeriousA11yViolations(page);

      // The issue's link takes staff to the value.
      await page.getByTestId("counter-issue").filter({ hasText: "1人目の氏名" }).getByRole("link").click();
      await expect.poll(() => page.evaluate("document.activeElement && document.activeElement.id")).toBe("counter-person-0-name");

      // The new address is only the 転出先 the resident gave when moving out (flagged so): they moved elsewhere in the
      // end, so staff type where. A typed value is staff's, hence confirmed: its flags and its issue go.
      const newAddress = "みほん県みほん市中央一丁目1番1号";
      // C6 語句登録: the address is a registered phrase, put into the value with one press (as if typed).
      await page.getByTestId("counter-address-new").focus();
      await page.locator('[data-testid="counter-phrases"] > summary').click();
      await page.click('[data-testid="counter-phrases-edit"]');
      await page.getByTestId("counter-phrase-new").fill(newAddress);
      await page.click('[data-testid="counter-phrase-add"]');
      const phrase = page.getByTestId("counter-phrase").filter({ hasText: newAddress });
      await phrase.waitFor();
      await page.getByTestId("counter-address-new").selectText();
      await phrase.click();
      await expect.poll(() => page.getByTestId("counter-address-new").inputValue()).toBe(newAddress);
      await expect.poll(() => page.getByTestId("counter-address-new-flags").count()).toBe(0);
      expect(await page.getByTestId("counter-issue").allTextContents()).not.toContain("「新しい住所」を書類と照らし合わせて、確認済みにしてください。");

      // C12: the reading is copied into another system's screen as 項目名<TAB>値 lines; an unchecked name says so.
      await running.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: running.app.staffUrl });
      await page.click('[data-testid="counter-copy-all"]');
      await expect.poll(() => page.getByTestId("counter-copy-status").textContent()).toContain("コピーしました");
      const copied = String(await page.evaluate("navigator.clipboard.readText()"));
      expect(copied.split("\n")).toContain(`新しい住所\t${newAddress}`);
      expect(copied).toMatch(/世帯員1 氏名\t.+（未確認）/);

      // Every other flagged value compared with the truth: confirmed when the OCR read it exactly, typed when it did not.
      const truth = truthByInput(certificate);
      let typed = 0;
      let confirmed = 0;
      for (let round = 0; round < 60; round++) {
        const button = page.locator('[data-testid$="-confirm"]').first();
        if ((await button.count()) === 0) break;
        const input = ((await button.getAttribute("data-testid")) ?? "").replace(/-confirm$/, "");
        const expected = truth.get(input);
        const shown = await page.getByTestId(input).inputValue();
        if (expected !== undefined && expected !== "" && shown !== expected) {
          await page.getByTestId(input).fill(expected);
          typed += 1;
        } else {
          await button.click();
          confirmed += 1;
        }
        await expect.poll(() => page.getByTestId(`${input}-flags`).count()).toBe(0);
      }
      expect(await page.locator('[data-testid$="-confirm"]').count()).toBe(0);
      expect(confirmed + typed).toBeGreaterThanOrEqual(certificate.members.length + 2);
      expect(await page.getByTestId("counter-address-new").inputValue()).toBe(newAddress);
      // A document-level flag (a cross-field check) is acknowledged once for the document.
      for (const ack of await page.locator('[data-testid^="counter-scan-"][data-testid$="-acknowledge"]').all()) await ack.click();
      // A planned moving date after today cannot be the date of a 転入 (notified after the move): the day it happened.
      if ((await page.getByTestId("counter-move-date-error").count()) > 0) await page.getByTestId("counter-move-date").fill(today());

      // A person added is missing their name and date of birth; removed again, nothing is left to do.
      await page.click('[data-testid="counter-add-person"]');
      await expect.poll(() => page.getByTestId("counter-issue").allTextContents()).toContain(`「${certificate.members.length + 1}人目の氏名」を入力してください。`);
      await page.click(`[data-testid="counter-person-${certificate.members.length}-remove"]`);
      await page.getByTestId("counter-no-issues").waitFor();
      expect(await page.getByTestId("counter-print").isDisabled()).toBe(false);

      // C6 窓口メモ: kept with the record, not printed; over 1000 characters it holds the print back.
      await page.fill("#counter-memo", "𠮷".repeat(1001));
      await expect.poll(() => page.getByTestId("counter-print").isDisabled()).toBe(true);
      await page.fill("#counter-memo", "本人確認：運転免許証\n国保の手続を案内済み");
      await expect.poll(() => page.getByTestId("counter-print").isDisabled()).toBe(false);

      // Printed: the PDF downloads and the confirmation number is shown.
      const download = page.waitForEvent("download", { timeout: 60_000 });
      await page.click('[data-testid="counter-print"]');
      const file = await download;
      const bytes = readFileSync((await file.path())!);
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      const number = ((await page.getByTestId("counter-confirmation-number").textContent({ timeout: 30_000 })) ?? "").trim();
      expect(number).toMatch(/^\d{8}-[0-9A-Z]{6}$/);
      expect(file.suggestedFilename()).toMatch(/\.pdf$/);
      await expectNoSeriousA11yViolations(page);

      // C8: the scan read is kept with the printed form — offered ticked, titled by the kind it was read as.
      await page.getByTestId("counter-keep").waitFor();
      expect(await page.getByTestId("counter-keep-item").count()).toBe(1);
      expect(await page.getByTestId("counter-keep-scan-0-selected").isChecked()).toBe(true);
      expect(await page.getByTestId("counter-keep-scan-0-title").inputValue()).toBe("転出証明書");
      await page.click('[data-testid="counter-keep-save"]');
      // The server turns the JPEG into a PDF: a moment.
      await expect.poll(() => page.getByTestId("counter-keep-scan-0-status").textContent(), { timeout: 60_000 }).toBe("保存しました");
      expect(await page.getByTestId("counter-keep-summary").textContent()).toBe("1件の書類を保存しました。");
      expect(await page.getByTestId("counter-keep-scan-0-selected").isDisabled()).toBe(true);

      // C7: 関連する様式 — the 印鑑登録申請書 of the first person (the default), from the draft as printed, with the same
      // confirmation number; the server keeps it with the record.
      await page.getByTestId("counter-related").waitFor();
      const applicant = page.getByTestId("counter-related-inkan-toroku-person");
      expect(await applicant.inputValue()).toBe("0");
      expect(await applicant.locator("option").count()).toBe(certificate.members.length);
      expect(squash((await applicant.locator("option").first().textContent()) ?? "")).toBe(squash(firstName));
      expect(await page.getByTestId("counter-related-inkan-toroku-print").textContent()).toBe("印鑑登録申請書を印刷");
      const sealDownload = page.waitForEvent("download", { timeout: 60_000 });
      await page.click('[data-testid="counter-related-inkan-toroku-print"]');
      const sealFile = await sealDownload;
      const seal = readFileSync((await sealFile.path())!);
      expect(seal.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(sealFile.suggestedFilename()).toBe(`inkan-toroku-${number}.pdf`);
      await expect.poll(() => page.getByTestId("counter-related-inkan-toroku-status").textContent(), { timeout: 30_000 }).toBe("印鑑登録申請書のPDFを作成しました。保存記録にも保存しました。");
      expect(await page.getByTestId("counter-related-inkan-toroku-error").count()).toBe(0);
      await expectNoSeriousA11yViolations(page);

      // C9: 保存記録, under the counter in the menu, finds the record by the first person's name as the generator wrote
      // it, without its space (the search ignores spaces), and a word of its memo.
      await page.click('[data-testid="staff-nav-counter-records"]');
      await page.getByTestId("counter-records-name").waitFor();
      expect(new URL(page.url()).pathname).toBe("/staff/counter/records");
      await page.getByTestId("counter-records-name").fill(squash(firstName));
      // C6: and by a word of the 窓口メモ (both must match).
      await page.getByTestId("counter-records-keyword").fill("国保");
      await page.click('[data-testid="counter-records-search"]');
      await expect.poll(() => page.getByTestId("counter-records-status").textContent(), { timeout: 30_000 }).toBe("1件の記録が見つかりました。");
      const row = page.getByTestId("counter-records-row");
      expect(await row.count()).toBe(1);
      expect(await row.getByTestId("counter-records-open").textContent()).toBe(number);
      expect(await row.textContent()).toContain("転入");
      await expectNoSeriousA11yViolations(page);

      // The record: the printed form, the scan kept with it and the 印鑑登録申請書; the form opens as the PDF it was printed as.
      await row.getByTestId("counter-records-open").click();
      await page.getByTestId("counter-record-documents").waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/staff\/counter\/records\/[^/]+$/);
      expect(await page.getByTestId("counter-record-number").textContent()).toBe(number);
      expect(await page.getByTestId("counter-record-memo").innerText()).toBe("本人確認：運転免許証\n国保の手続を案内済み");
      // C6: the memo is completed after printing, and kept.
      await page.click('[data-testid="counter-record-memo-edit"]');
      await page.fill("#counter-memo", "本人確認：運転免許証\n国保の手続を案内済み\n委任状は後日持参");
      await expectNoSeriousA11yViolations(page);
      await page.click('[data-testid="counter-record-memo-save"]');
      await expect.poll(() => page.getByTestId("counter-record-memo-status").textContent(), { timeout: 15_000 }).toBe("窓口メモを保存しました。");
      expect(await page.getByTestId("counter-record-memo").innerText()).toBe("本人確認：運転免許証\n国保の手続を案内済み\n委任状は後日持参");
      expect(squash((await page.getByTestId("counter-record-person").first().textContent()) ?? "")).toContain(squash(firstName));
      const documents = page.getByTestId("counter-record-document");
      expect(await documents.count()).toBe(3);
      expect(await documents.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-kind")))).toEqual(["form", "scan", "form"]);
      expect(await documents.nth(1).textContent()).toContain("転出証明書");
      expect(await documents.nth(2).textContent()).toContain("印鑑登録申請書");
      await expectNoSeriousA11yViolations(page);
      const kept = page.waitForEvent("download", { timeout: 60_000 });
      await page.click('[data-testid="counter-record-document-0-open"]');
      const keptForm = readFileSync((await (await kept).path())!);
      expect(keptForm.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      await page.getByTestId("counter-record-open-status").filter({ hasText: "ダウンロードしました" }).waitFor();

      // C13: 窓口の利用状況, under the counter in the menu, shows this month (Japan's): today's 転入 form with its handling
      // time (first scan to print), the 印鑑登録申請書 among the related forms, and the one scan read. No personal data.
      await page.click('[data-testid="staff-nav-counter-report"]');
      await page.getByTestId("counter-report-status").filter({ hasText: "の利用状況を表示しています。" }).waitFor({ timeout: 30_000 });
      expect(new URL(page.url()).pathname).toBe("/staff/counter/report");
      expect(await page.getByTestId("counter-report-month").inputValue()).toBe(today().slice(0, 7));
      const todays = page.locator(`[data-testid="counter-report-row"][data-day="${today()}"][data-kind="tennyu"]`);
      expect(await todays.count()).toBe(1);
      expect(await todays.locator("td").first().textContent()).toBe("転入");
      expect(await todays.getByTestId("counter-report-row-forms").textContent()).toBe("1");
      expect(await todays.getByTestId("counter-report-row-median").textContent()).toMatch(/^\d[\d,]*\.\d$/);
      expect(await page.getByTestId("counter-report-total-tennyu-forms").textContent()).toBe("1");
      expect(await page.getByTestId("counter-report-related-inkan-toroku").textContent()).toContain("印鑑登録申請書");
      expect(await page.getByTestId("counter-report-related-inkan-toroku-printed").textContent()).toBe("1");
      expect(await page.getByTestId("counter-report-related-juminhyo-seikyu-printed").textContent()).toBe("0");
      expect(await page.getByTestId("counter-report-scans-read").textContent()).toBe("1");
      expect(squash((await page.textContent("main")) ?? "")).not.toContain(squash(firstName));
      await expectNoSeriousA11yViolations(page);
    },
    300_000,
  );
});
