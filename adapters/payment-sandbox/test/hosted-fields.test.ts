import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxGateway } from "../src/index.ts";
import { PARENT_ORIGIN, startTestSandbox } from "./support/sandbox-fixture.ts";

const OTHER_PORTAL = "https://city.example.jp";
let sandbox: SandboxGateway;
beforeAll(async () => {
  sandbox = await startTestSandbox({ allowedParentOrigins: [PARENT_ORIGIN, OTHER_PORTAL] });
});
afterAll(() => sandbox.close());

const page = async (query: string) => {
  const response = await fetch(`${sandbox.url}/hosted-fields.html${query}`);
  return { status: response.status, headers: response.headers, html: await response.text() };
};
const origin = encodeURIComponent(PARENT_ORIGIN);

describe("hosted fields page (GET /hosted-fields.html)", () => {
  it("serves the form with the stable element ids and no name attributes (nothing submits natively)", async () => {
    const { status, html, headers } = await page(`?origin=${origin}`);
    expect(status).toBe(200);
    expect(headers.get("content-type")).toMatch(/^text\/html/);
    for (const id of ["card-number", "card-expiry", "card-cvc", "card-name", "pay-button"]) expect(html).toContain(`id="${id}"`);
    expect(html).not.toMatch(/<input[^>]*\bname=/);
    expect(html).toContain(`data-parent-origin="${PARENT_ORIGIN}"`);
  });

  it("labels the fields in Japanese by default and in English with ?lang=en", async () => {
    const ja = (await page(`?origin=${origin}`)).html;
    expect(ja).toContain('<html lang="ja">');
    for (const label of ["カード番号", "有効期限", "セキュリティコード", "カード名義人", "このカードで支払う"]) expect(ja).toContain(label);
    const en = (await page(`?origin=${origin}&lang=en`)).html;
    expect(en).toContain('<html lang="en">');
    for (const label of ["Card number", "Expiry", "Security code", "Cardholder name", "Pay with this card"]) expect(en).toContain(label);
  });

  it("names the accepted brands above the fields and in the refusal of another brand (ja and en)", async () => {
    const { html: ja } = await page(`?origin=${encodeURIComponent(PARENT_ORIGIN)}`);
    expect(ja).toContain("ご利用いただけるカード：VISA、Mastercard、JCB");
    expect(ja).toContain("ご利用いただけるカードは VISA、Mastercard、JCB です。");
    expect(ja).not.toContain("American Express");
    const { html: en } = await page(`?origin=${encodeURIComponent(PARENT_ORIGIN)}&lang=en`);
    expect(en).toContain("Cards accepted: VISA, Mastercard, JCB");
  });

  it("allows framing by exactly the allowed parent origins, and loads nothing from elsewhere", async () => {
    const csp = (await page(`?origin=${origin}`)).headers.get("content-security-policy") ?? "";
    const directives = new Map(csp.split(";").map((d) => { const [name = "", ...values] = d.trim().split(/\s+/); return [name, values] as const; }));
    expect(directives.get("frame-ancestors")).toEqual([PARENT_ORIGIN, OTHER_PORTAL]);
    expect(directives.get("default-src")).toEqual(["'none'"]);
    expect(directives.get("script-src")).toEqual(["'self'"]);
    expect(directives.get("connect-src")).toEqual(["'self'"]);
    expect(directives.get("form-action")).toEqual(["'none'"]);
    expect((await page(`?origin=${origin}`)).html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it("refuses (400, no form, no script) when ?origin= is missing or not allowed", async () => {
    for (const query of ["", "?origin=https%3A%2F%2Fevil.example", `?origin=${origin}%2F`]) {
      const { status, html, headers } = await page(query);
      expect([query, status]).toEqual([query, 400]);
      expect(html).toContain('id="refused"');
      expect(html).not.toContain("card-number");
      expect(html).not.toContain("<script");
      expect(headers.get("content-security-policy")).toContain("frame-ancestors");
    }
  });

  it("serves its script and stylesheet from its own origin", async () => {
    const js = await fetch(`${sandbox.url}/hosted-fields.js`);
    expect(js.headers.get("content-type")).toMatch(/^text\/javascript/);
    const source = await js.text();
    expect(source).toContain("madoguchi-sandbox:token");
    expect(source).toContain("madoguchi-sandbox:error");
    const css = await fetch(`${sandbox.url}/hosted-fields.css`);
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
  });
});
