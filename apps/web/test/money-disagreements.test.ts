import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MoneyDisagreements } from "../src/pages/staff/fees/money-disagreements.tsx";

const render = (locale: "ja" | "en", disagreements: Parameters<typeof MoneyDisagreements>[0]["disagreements"]) =>
  renderToStaticMarkup(createElement(MoneyDisagreements, { locale, disagreements }));

describe("the money panel's disagreement alert", () => {
  const found = [{ at: "2026-11-24T03:00:00.000Z", authorizationId: "pi_3Qx", detail: "gateway_behind_books", via: "sweep" }];

  it("says nothing when the books and the payment agent agree", () => {
    expect(render("ja", [])).toBe("");
  });

  it("alerts (role=alert) with each authorisation id and what to do, in Japanese and English", () => {
    const ja = render("ja", found);
    expect(ja).toContain('role="alert"');
    expect(ja).toContain('data-testid="money-disagreements"');
    expect(ja).toContain("決済代行の記録と台帳が一致しません");
    expect(ja).toContain("与信ID pi_3Qx");
    expect(ja).toContain("管理画面");
    const en = render("en", found);
    expect(en).toContain("authorisation pi_3Qx");
    expect(en).toContain("disagree");
  });
});
