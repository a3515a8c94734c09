import type { DateExtraField, NumberExtraField } from "@madoguchi/core";
import { describe, expect, it } from "vitest";
import { extraAnswerText } from "../src/extra-answer.ts";
import type { Localized } from "../src/i18n/locale.ts";

const pickJa = (t: Localized) => t.ja;
const pickEn = (t: Localized) => t.en;

const movedInOn: DateExtraField = { key: "movedInOn", label: { ja: "転入日", en: "Moving-in date" }, kind: "date", range: "past", required: true };
const dependents: NumberExtraField = { key: "dependents", label: { ja: "扶養親族の人数", en: "Dependants" }, kind: "number", min: 0, max: 20, required: false };

describe("how a kept answer is shown (confirmation, staff detail)", () => {
  it("shows a date in 和暦 with the ISO date it is kept as", () => {
    expect(extraAnswerText(movedInOn, "2025-04-01", pickJa)).toBe("令和7年4月1日（2025-04-01）");
    expect(extraAnswerText(movedInOn, "2025-04-01", pickEn)).toBe("2025-04-01 (令和7年4月1日)");
    // The first year of an era is 元年, as official documents write it; the last day of 平成 is still 平成.
    expect(extraAnswerText(movedInOn, "2019-05-01", pickJa)).toBe("令和元年5月1日（2019-05-01）");
    expect(extraAnswerText(movedInOn, "2019-04-30", pickJa)).toBe("平成31年4月30日（2019-04-30）");
  });

  it("shows a date it cannot put in 和暦, or a value that is no ISO date, as kept", () => {
    expect(extraAnswerText(movedInOn, "1868-01-01", pickJa)).toBe("1868-01-01");
    expect(extraAnswerText(movedInOn, "R7.4.1", pickJa)).toBe("R7.4.1");
    expect(extraAnswerText(movedInOn, "2025-02-30", pickJa)).toBe("2025-02-30");
  });

  it("shows a number as kept", () => {
    expect(extraAnswerText(dependents, "12", pickJa)).toBe("12");
    expect(extraAnswerText(dependents, "-3", pickEn)).toBe("-3");
  });

  it("shows an ISO-looking answer of a question no longer in the catalog as kept", () => {
    expect(extraAnswerText(undefined, "2025-04-01", pickJa)).toBe("2025-04-01");
  });
});
