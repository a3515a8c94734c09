import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { APPLICATION_STATUSES } from "@madoguchi/core";
import { RARE_NAME_CHARACTERS, applicationArb, applicationChangeArb, containsText, referenceList, utf16le, withCanary } from "@madoguchi/conformance/application-store";

describe("applicationArb", () => {
  it("generates valid shapes: fee total = sum of lines, ISO dates, receipt format, consistent history", () => {
    fc.assert(
      fc.property(applicationArb(), (app) => {
        expect(app.fee.total).toBe(app.fee.lines.reduce((s, l) => s + l.amount, 0));
        for (const l of app.fee.lines) expect(l.amount).toBe(l.unitPrice * l.quantity);
        expect(app.applicant.dateOfBirth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(app.applicant.postalCode).toMatch(/^\d{7}$/);
        expect(app.receiptNumber).toMatch(/^\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/);
        expect(app.version).toBe(1);
        expect(app.history[0]).toMatchObject({ from: null, to: "submitted" });
        expect(app.history[app.history.length - 1]?.to).toBe(app.status);
        for (let i = 1; i < app.history.length; i++) expect(app.history[i]?.from).toBe(app.history[i - 1]?.to);
        expect(APPLICATION_STATUSES).toContain(app.status);
        expect(Number.isNaN(app.submittedAt.getTime())).toBe(false);
        expect(Object.getPrototypeOf(app.applicant)).toBe(Object.prototype);
        expect(Object.getPrototypeOf(app.request.extra)).toBe(Object.prototype);
      }),
    );
  });

  it("includes rare kanji (𠮷 髙 﨑) in names", () => {
    const names = fc.sample(applicationArb(), { numRuns: 300, seed: 1 }).map((a) => a.applicant.name);
    for (const ch of ["𠮷", "髙", "﨑"]) {
      expect(RARE_NAME_CHARACTERS).toContain(ch);
      expect(names.some((n) => n.includes(ch))).toBe(true);
    }
  });

  it("applicationChangeArb makes the next version with a history entry", () => {
    fc.assert(
      fc.property(applicationArb().chain((a) => fc.tuple(fc.constant(a), applicationChangeArb(a))), ([a, b]) => {
        expect(b.version).toBe(a.version + 1);
        expect(b.history).toHaveLength(a.history.length + 1);
        expect(b.history[b.history.length - 1]?.from).toBe(a.status);
        expect(b.id).toBe(a.id);
      }),
    );
  });
});

describe("canary helpers", () => {
  it("find text as UTF-8 and as UTF-16LE, and nothing that is not there", () => {
    const canary = "CANARY-1234";
    const embedded = (bytes: Uint8Array) => new Uint8Array([1, 2, 3, ...bytes, 4]);
    expect(containsText(embedded(new TextEncoder().encode(canary)), canary)).toBe(true);
    expect(containsText(embedded(utf16le(canary)), canary)).toBe(true);
    expect(containsText(embedded(new TextEncoder().encode("CANARY-1235")), canary)).toBe(false);
    expect(Array.from(utf16le("𠮷"))).toEqual([0x42, 0xd8, 0xb7, 0xdf]);
  });

  it("withCanary marks every personal field", () => {
    const [app] = fc.sample(applicationArb(), { numRuns: 1, seed: 3 });
    const marked = withCanary(app!, "CANARY-x");
    for (const v of Object.values(marked.applicant)) expect(v).toContain("CANARY-x");
    for (const v of Object.values(marked.request.extra)) expect(v).toContain("CANARY-x");
    for (const h of marked.history) expect(h.reason).toContain("CANARY-x");
    expect(marked.signature?.canonicalJson).toContain("CANARY-x");
    expect(marked.signature?.cmsBase64).toContain("CANARY-x");
  });
});

describe("referenceList", () => {
  it("filters, orders by submittedAt desc then id, pages and counts", () => {
    const [a, b, c] = fc.sample(applicationArb(), { numRuns: 3, seed: 9 });
    const t = new Date("2026-01-01T00:00:00Z");
    const apps = [
      { ...a!, id: "b" as never, submittedAt: t, status: "submitted" as const },
      { ...b!, id: "a" as never, submittedAt: t, status: "received" as const },
      { ...c!, id: "c" as never, submittedAt: new Date("2026-02-01T00:00:00Z"), status: "submitted" as const },
    ];
    expect(referenceList(apps, { limit: 10, offset: 0 }).items.map((x) => x.id)).toEqual(["c", "a", "b"]);
    expect(referenceList(apps, { statuses: ["submitted"], limit: 1, offset: 1 })).toStrictEqual({ items: [apps[0]], total: 2 });
    expect(referenceList(apps, { statuses: [], limit: 10, offset: 0 })).toStrictEqual({ items: [], total: 0 });
  });
});
