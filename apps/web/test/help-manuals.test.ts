import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { APPLICATION_STATUSES, BUILT_IN_ROLES, STAFF_COMMAND_TYPES, STAFF_PERMISSIONS, STATUS_LABELS } from "@madoguchi/core";
import { describe, expect, it } from "vitest";
import { en } from "../src/i18n/en.ts";
import { ja } from "../src/i18n/ja.ts";
import type { Locale } from "../src/i18n/locale.ts";
import { adminManual } from "../src/pages/help/admin-manual-content.ts";
import { ManualView } from "../src/pages/help/help-page.tsx";
import { CONTENTS_ID, manualLinks, manualText, sectionIds, type Manual } from "../src/pages/help/manual.ts";
import { residentGuide } from "../src/pages/help/resident-guide-content.ts";
import { staffManual } from "../src/pages/help/staff-manual-content.ts";
import { staffSectionLinks } from "../src/pages/staff/staff-nav.tsx";
import { STAFF_SECTIONS } from "../src/pages/staff/staff-permissions.ts";
import { resolveRoute } from "../src/router.ts";

const FACTS = { city: "みほん市", cardBrands: ["VISA", "Mastercard", "JCB"] };

/** The three manuals of N10, each in both languages, with the prefix of their section ids. */
const MANUALS: readonly { readonly name: string; readonly prefix: string; readonly of: (locale: Locale) => Manual }[] = [
  { name: "resident guide", prefix: "guide-", of: (locale) => residentGuide(locale, FACTS) },
  { name: "staff manual", prefix: "staff-", of: staffManual },
  { name: "administrators' manual", prefix: "admin-", of: adminManual },
];

const render = (manual: Manual): string => renderToStaticMarkup(createElement(ManualView, { manual }));

describe.each(MANUALS)("the $name", ({ prefix, of }) => {
  it("has the same sections, in the same order, in Japanese and English, with unique ids", () => {
    const ids = sectionIds(of("ja"));
    expect(sectionIds(of("en"))).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(new RegExp(`^${prefix}[a-z]+(-[a-z]+)*$`));
    expect(ids.length).toBeGreaterThanOrEqual(8);
  });

  it.each(["ja", "en"] as const)("links (%s) only to its own sections or to pages of the app", (locale) => {
    const manual = of(locale);
    const ids = new Set([...sectionIds(manual), CONTENTS_ID]);
    for (const href of manualLinks(manual)) {
      if (href.startsWith("#")) expect([href, ids.has(href.slice(1))]).toEqual([href, true]);
      else expect([href, resolveRoute(href).name]).not.toEqual([href, "notFound"]);
    }
  });

  it.each(["ja", "en"] as const)("renders (%s) one h1, a table of contents linking every section, and headings that never skip a level", (locale) => {
    const manual = of(locale);
    const html = render(manual);
    const levels = [...html.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    levels.forEach((level, i) => {
      if (i > 0) expect(level).toBeLessThanOrEqual((levels[i - 1] ?? 1) + 1);
    });
    expect(html).toContain(`<nav class="help-toc" aria-labelledby="${CONTENTS_ID}"`);
    for (const id of sectionIds(manual)) {
      expect(html).toContain(`href="#${id}"`);
      expect(html).toContain(`id="${id}"`);
    }
  });
});

describe("what the manuals say is what the app does", () => {
  it("the resident guide names every status as the status page shows it (core's labels, sent by the server), the browsers of R2, the city and its card brands", () => {
    for (const [locale, catalog] of [["ja", ja], ["en", en]] as const) {
      const text = manualText(residentGuide(locale, FACTS));
      for (const s of APPLICATION_STATUSES) expect(text).toContain(STATUS_LABELS[s][locale]);
      for (const browser of ["Chrome 72", "Edge 79", "Safari 12"]) expect(text).toContain(browser);
      for (const brand of FACTS.cardBrands) expect(text).toContain(brand);
      expect(text).toContain(FACTS.city);
      expect(text).toContain(catalog.header.status);
      expect(text).toContain(catalog.status.withdraw);
    }
    // The signature password's rule, as the sign step checks it (card-password.ts: 6–16 capital letters and digits).
    expect(manualText(residentGuide("ja", FACTS))).toContain("英大文字と数字の6〜16文字");
    expect(manualText(residentGuide("en", FACTS))).toContain("6–16 capital letters and digits");
  });

  it("the resident guide links to no staff page (the residents' listener does not serve them)", () => {
    for (const locale of ["ja", "en"] as const) {
      expect(manualLinks(residentGuide(locale, FACTS)).filter((href) => href.startsWith("/staff"))).toEqual([]);
    }
  });

  it("the staff manual names every page of the staff navigation and every status command", () => {
    for (const [locale, catalog] of [["ja", ja], ["en", en]] as const) {
      const text = manualText(staffManual(locale));
      for (const section of STAFF_SECTIONS) expect(text).toContain(staffSectionLinks(locale)[section].label);
      for (const command of STAFF_COMMAND_TYPES) expect(text).toContain(catalog.commands[command]);
      expect(text).toContain(catalog.staff.usePasskey);
    }
  });

  it("the staff manual links to the administrators' manual and the administrators' manual back", () => {
    for (const locale of ["ja", "en"] as const) {
      expect(manualLinks(staffManual(locale))).toContain("/staff/help/admin");
      expect(manualLinks(adminManual(locale))).toContain("/staff/help");
    }
  });

  it("the administrators' manual lists every built-in role and permission, and the commands and settings of the operator", () => {
    for (const locale of ["ja", "en"] as const) {
      const text = manualText(adminManual(locale));
      for (const role of BUILT_IN_ROLES) expect(text).toContain(role.name[locale]);
      for (const permission of STAFF_PERMISSIONS) expect(text).toContain(permission);
      for (const words of ["madoguchi backup restore", "--confirm replace-the-database", "madoguchi service-end erase --confirm erase-all-user-data", "MADOGUCHI_SECURITY_ALERT_EMAILS", "MADOGUCHI_STAFF_ALLOWED_CIDRS", "/staff/retention", "madoguchi audit verify"]) {
        expect(text).toContain(words);
      }
    }
  });
});
