import { describe, expect, it } from "vitest";
import { appInBrowser, expectNoSeriousA11yViolations, explainOnFailure } from "./browser.ts";
import { staffLogsIn } from "./staff-login.ts";

const running = appInBrowser();

// Two households as a resident-records system exports them (made-up people; the codes carry a valid 検査数字).
const EXPORT = [
  "世帯番号,住民票コード,氏名,フリガナ,生年月日,性別,続柄,住所,方書,世帯主,備考",
  "0001,12345678903,見本 太郎,ミホン タロウ,昭和60年1月2日,1,世帯主,東京都千代田区一丁目1番1号,みほん荘101,見本 太郎,",
  "0002,98765432103,例示 花子,レイジ ハナコ,1990-04-05,2,世帯主,東京都港区二丁目2番2号,,例示 花子,",
  "0002,,例示 一郎,レイジ イチロウ,令和2年5月6日,1,子,東京都港区二丁目2番2号,,例示 花子,",
].join("\r\n");

describe("in Chromium: C5, a 転居 filled from the resident-records system's CSV instead of a scan", () => {
  it(
    "staff choose 転居, read an export of two households, choose the one at the counter; its persons and previous address go in from the records, only the assumed new head waits; a wrong file names its rows",
    async () => {
      await running.context.clearCookies();
      const page = await running.context.newPage();
      explainOnFailure(page);
      await staffLogsIn(page, running.app);
      await page.click('[data-testid="staff-nav-counter"]');
      await page.getByTestId("counter-records-import").waitFor();

      // A 転入's residents are not in the records: the panel says so instead of offering a file.
      await page.getByTestId("counter-kind").selectOption("tennyu");
      await page.getByTestId("counter-records-not-for-moving-in").waitFor();
      await page.getByTestId("counter-kind").selectOption("tenkyo");
      await page.getByTestId("counter-records-file").waitFor();

      await page.getByTestId("counter-records-file").setInputFiles({ name: "juki-export.csv", mimeType: "text/csv", buffer: Buffer.from(EXPORT, "utf8") });
      await page.getByTestId("counter-records-read").click();
      await page.getByTestId("counter-records-choice").waitFor({ timeout: 30_000 });
      await expectNoSeriousA11yViolations(page);
      await page.getByLabel(/世帯番号 0002.*例示 花子/).check();
      await page.getByTestId("counter-records-apply").click();

      await expect.poll(() => page.getByTestId("counter-records-status").textContent()).toContain("2 人を入れました");
      expect(await page.getByTestId("counter-records-status").textContent()).toContain("読み込まなかった列: 備考");
      expect(await page.getByTestId("counter-person").count()).toBe(2);
      expect(await page.getByTestId("counter-person-0-name").inputValue()).toBe("例示 花子");
      expect(await page.getByTestId("counter-person-1-birthDate").inputValue()).toBe("2020-05-06");
      expect(await page.getByTestId("counter-address-previous").inputValue()).toBe("東京都港区二丁目2番2号");
      expect(await page.getByTestId("counter-person-1-name-source").textContent()).toBe("住民記録（4 行目）");
      // From the records, only the new head is a guess to confirm; the new address and the date are staff's to type.
      const issues = (await page.getByTestId("counter-issues").textContent()) ?? "";
      expect(issues).toContain("新しい世帯主");
      expect(issues).not.toContain("氏名");
      await expectNoSeriousA11yViolations(page);

      // A file with a wrong date and a wrong check digit: named by row and column, nothing put in.
      const broken = EXPORT.replace("昭和60年1月2日", "昭和60年2月30日").replace("98765432103", "98765432104");
      await page.getByTestId("counter-records-file").setInputFiles({ name: "broken.csv", mimeType: "text/csv", buffer: Buffer.from(broken, "utf8") });
      await page.getByTestId("counter-records-read").click();
      await page.getByTestId("counter-records-issues").waitFor({ timeout: 30_000 });
      expect(await page.getByTestId("counter-records-issues").locator("li").allTextContents()).toEqual([
        "2 行目の「生年月日」: 日付として読めません（昭和60年1月2日、1985-01-02 など）。",
        "3 行目の「住民票コード」: 11 桁の住民票コードではないか、検査数字が合いません。",
      ]);
      expect(await page.getByTestId("counter-person").count()).toBe(2);
      await expectNoSeriousA11yViolations(page);
      await page.close();
    },
  );
});
