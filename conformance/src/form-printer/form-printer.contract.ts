import type { Result } from "neverthrow";
import { describe, expect, it } from "vitest";
import { FORM_PRINTER_CONTRACT, type FormLayout, type FormPrintError, type FormPrinter, type PrintableForm } from "@madoguchi/core";
import { a4Form, a4Layout, landscapeLayout } from "./contract-layouts.ts";
import { ptFromMm, readPrintedPdf, type PrintedPdf } from "./pdf-read-back.ts";
import { scanToPdfCases } from "./scan-cases.ts";

/** What an adapter's test provides: a ready printer (it may be shared between tests: printing has no state to reset). */
export interface FormPrinterHarness {
  readonly printer: FormPrinter;
}

/** Builds the harness for one test. */
export type MakeFormPrinterHarness = () => FormPrinterHarness | Promise<FormPrinterHarness>;

/** Tuning of {@link describeFormPrinterContract}. */
export interface FormPrinterContractOptions {
  /** Per-test timeout in ms (default 30 000: a print may embed a large CJK font). */
  readonly testTimeoutMs?: number;
}

/** One named check of the form-printer contract: throws (via `expect`) when the printer breaks it. */
export interface FormPrinterCase {
  readonly name: string;
  readonly run: (printer: FormPrinter) => Promise<void>;
}

/** Page sizes and positions are compared in points, to this much: rounding, not a misplacement. */
const TOLERANCE_PT = 0.5;
/** A baseline read back through PDF.js may move by a rounding step; a placement error is millimetres. */
const BASELINE_TOLERANCE_PT = 1;

/** Calls `print`, failing the test if it throws or rejects instead of returning a Result. */
const print = async (printer: FormPrinter, layout: FormLayout, form: PrintableForm): Promise<Result<Uint8Array, FormPrintError>> => {
  try {
    return await printer.print(layout, form);
  } catch (thrown) {
    return expect.fail(`print threw instead of returning an error value: ${String(thrown)}`);
  }
};

const printed = async (printer: FormPrinter, layout: FormLayout, form: PrintableForm): Promise<PrintedPdf> => {
  const result = await print(printer, layout, form);
  if (result.isErr()) return expect.fail(`expected a PDF, got ${JSON.stringify(result.error)}`);
  return readPrintedPdf(result.value);
};

const printError = async (printer: FormPrinter, layout: FormLayout, form: PrintableForm): Promise<FormPrintError> => {
  const result = await print(printer, layout, form);
  if (result.isOk()) return expect.fail("expected a FormPrintError, got a PDF");
  return result.error;
};

interface Placement {
  readonly xMm: number;
  readonly yMm: number;
  readonly widthMm: number;
}

/**
 * The text printed on a placement's baseline, from its left edge to its right (left to right), and where it
 * ends. Runs are joined as they are: a printer may draw a value as one run or glyph by glyph.
 */
const textAt = (pdf: PrintedPdf, placement: Placement): { text: string; leftPt: number; rightPt: number } => {
  const baseline = pdf.heightPt - ptFromMm(placement.yMm);
  const left = ptFromMm(placement.xMm);
  const right = ptFromMm(placement.xMm + placement.widthMm);
  const runs = pdf.items
    .filter((i) => Math.abs(i.y - baseline) <= BASELINE_TOLERANCE_PT && i.x >= left - BASELINE_TOLERANCE_PT && i.x < right)
    .toSorted((a, b) => a.x - b.x);
  return {
    text: runs.map((r) => r.str).join(""),
    leftPt: runs[0]?.x ?? Number.NaN,
    rightPt: Math.max(...runs.map((r) => r.x + r.width)),
  };
};

/**
 * PDF.js reads an ideographic space (U+3000) or a no-break space as a word break (a new run, or " "), so
 * whitespace is compared as whitespace, not code point by code point.
 */
const spacesCollapsed = (text: string) => text.replace(/\s+/gu, " ").trim();
const withoutSpaces = (text: string) => text.replace(/\s+/gu, "");

/** `value` is in the page's text as a viewer copies it. */
const expectInText = (pdf: PrintedPdf, value: string, what: string) => {
  expect(spacesCollapsed(pdf.text), what).toContain(spacesCollapsed(value));
};

/** `value`, and nothing else, is printed on `placement`. */
const expectAt = (pdf: PrintedPdf, placement: Placement, value: string, what: string) => {
  expect(withoutSpaces(textAt(pdf, placement).text), what).toBe(withoutSpaces(value));
};

const rowPlacement = (layout: FormLayout, groupKey: string, rowKey: string, index: number): Placement => {
  const group = layout.groups.find((g) => g.key === groupKey);
  const field = group?.fields.find((f) => f.key === rowKey);
  if (group === undefined || field === undefined) return expect.fail(`the suite's layout has no ${groupKey}.${rowKey}`);
  return { ...field, yMm: field.yMm + group.stepMm * index };
};

const fieldPlacement = (layout: FormLayout, key: string): Placement => {
  const field = layout.fields.find((f) => f.key === key);
  return field ?? expect.fail(`the suite's layout has no field ${key}`);
};

const expectPageOf = (pdf: PrintedPdf, layout: FormLayout) => {
  expect(pdf.pageCount).toBe(1);
  expect(Math.abs(pdf.widthPt - ptFromMm(layout.page.widthMm))).toBeLessThanOrEqual(TOLERANCE_PT);
  expect(Math.abs(pdf.heightPt - ptFromMm(layout.page.heightMm))).toBeLessThanOrEqual(TOLERANCE_PT);
};

const members = a4Form.rows["members"] ?? [];

/**
 * The cases of the form-printer contract, exported so that tests can prove each one catches a broken
 * printer. Keys in errors: a single value's error names its field key; a row value's names its group and
 * row key (the suite does not fix how, e.g. `members[1].name`); a group's names the group.
 */
export const formPrinterCases: readonly FormPrinterCase[] = [
  {
    name: "declares the form-printer@1 contract",
    run: async (printer) => {
      expect(printer.meta.contract).toBe(FORM_PRINTER_CONTRACT);
    },
  },
  {
    name: "prints one A4 portrait page of the layout's size",
    run: async (printer) => {
      expectPageOf(await printed(printer, a4Layout, a4Form), a4Layout);
    },
  },
  {
    name: "prints one landscape page of the layout's size, with a footer naming the layout and its version",
    run: async (printer) => {
      const pdf = await printed(printer, landscapeLayout, { layoutId: landscapeLayout.id, values: { confirmationNumber: "A-0042" }, rows: {} });
      expectPageOf(pdf, landscapeLayout);
      expect(pdf.widthPt).toBeGreaterThan(pdf.heightPt);
      expectInText(pdf, "contract-landscape v2", "the footer");
    },
  },
  {
    name: "prints every layout text and every value and row value, MJ characters (𠮷 髙 邉 﨑), kana, digits and 和暦 included",
    run: async (printer) => {
      const pdf = await printed(printer, a4Layout, a4Form);
      for (const t of a4Layout.texts) expectInText(pdf, t.text, "a layout text");
      for (const value of Object.values(a4Form.values)) expectInText(pdf, value, "a value");
      for (const row of members) for (const value of Object.values(row)) expectInText(pdf, value, "a row value");
      expectInText(pdf, `${a4Layout.id} v${a4Layout.version}`, "the footer");
    },
  },
  {
    name: "prints each value left-aligned on its placement's baseline, and row n one step below row n−1",
    run: async (printer) => {
      const pdf = await printed(printer, a4Layout, a4Form);
      for (const [key, value] of Object.entries(a4Form.values)) {
        const placement = fieldPlacement(a4Layout, key);
        const found = textAt(pdf, placement);
        expectAt(pdf, placement, value, `the text on the baseline of ${key}`);
        expect(Math.abs(found.leftPt - ptFromMm(placement.xMm)), `left edge of ${key}`).toBeLessThanOrEqual(BASELINE_TOLERANCE_PT);
      }
      for (const [index, row] of members.entries()) {
        for (const [key, value] of Object.entries(row)) {
          expectAt(pdf, rowPlacement(a4Layout, "members", key, index), value, `members row ${index} ${key}`);
        }
      }
    },
  },
  {
    name: "shrinks a value too long for its width to fit it, printed whole (never cut)",
    run: async (printer) => {
      // 21 full-width characters: about 230 pt at the placement's 11 pt, for a 40 mm (113 pt) box; fits from 5.4 pt.
      const long = "渡邉𠮷右衛門髙﨑太郎兵衛之助という長い名前";
      const pdf = await printed(printer, a4Layout, { layoutId: a4Layout.id, values: { narrow: long }, rows: {} });
      const placement = fieldPlacement(a4Layout, "narrow");
      const found = textAt(pdf, placement);
      expectAt(pdf, placement, long, "the long value");
      expectInText(pdf, long, "the long value");
      expect(found.rightPt, "right edge of the shrunk value").toBeLessThanOrEqual(ptFromMm(placement.xMm + placement.widthMm) + TOLERANCE_PT);
    },
  },
  {
    name: "prints blank boxes for empty and missing values (the resident writes there by hand)",
    run: async (printer) => {
      const form: PrintableForm = { layoutId: a4Layout.id, values: { name: "", kana: "ひらがな　カタカナ" }, rows: { members: [{ name: "", relationship: "世帯主" }] } };
      const pdf = await printed(printer, a4Layout, form);
      expectPageOf(pdf, a4Layout);
      for (const t of a4Layout.texts) expectInText(pdf, t.text, "a layout text");
      expectAt(pdf, fieldPlacement(a4Layout, "kana"), "ひらがな　カタカナ", "the kana");
      expectAt(pdf, fieldPlacement(a4Layout, "name"), "", "the empty name");
      expectAt(pdf, fieldPlacement(a4Layout, "address"), "", "the missing address");
      expectAt(pdf, rowPlacement(a4Layout, "members", "name", 0), "", "the empty row name");
      expectAt(pdf, rowPlacement(a4Layout, "members", "relationship", 0), "世帯主", "the row's relationship");
      const blank = await printed(printer, landscapeLayout, { layoutId: landscapeLayout.id, values: {}, rows: {} });
      expectInText(blank, "確認票", "the layout text of a form without values");
    },
  },
  {
    name: "refuses a value for a key the layout does not place (form.unknown_field)",
    run: async (printer) => {
      const form = { ...a4Form, values: { ...a4Form.values, nickname: "よっしー" } };
      expect(await printError(printer, a4Layout, form)).toEqual({ code: "form.unknown_field", key: "nickname" });
      // A row key is not a single value's key.
      const rowKey = { ...a4Form, values: { relationship: "妻" } };
      expect(await printError(printer, a4Layout, rowKey)).toEqual({ code: "form.unknown_field", key: "relationship" });
    },
  },
  {
    name: "refuses a row key its group does not place (form.unknown_field)",
    run: async (printer) => {
      const form = { ...a4Form, rows: { members: [{ name: "𠮷野 花子", nickname: "はなちゃん" }] } };
      const error = await printError(printer, a4Layout, form);
      expect(error.code).toBe("form.unknown_field");
      if (error.code !== "form.unknown_field") return;
      expect(error.key).toContain("members");
      expect(error.key).toContain("nickname");
    },
  },
  {
    name: "refuses rows of a group the layout does not have (form.unknown_field)",
    run: async (printer) => {
      const form = { ...a4Form, rows: { ...a4Form.rows, pets: [{ name: "ぽち" }] } };
      expect(await printError(printer, a4Layout, form)).toEqual({ code: "form.unknown_field", key: "pets" });
    },
  },
  {
    name: "refuses more rows than the group holds (form.too_many_rows, with the counts)",
    run: async (printer) => {
      const form = { ...a4Form, rows: { members: [...members, { name: "髙橋 四郎" }] } };
      expect(await printError(printer, a4Layout, form)).toEqual({ code: "form.too_many_rows", group: "members", rows: 4, maxRows: 3 });
    },
  },
  {
    name: "refuses a character its font cannot draw, naming the value and the code point (form.unprintable_character)",
    run: async (printer) => {
      const emoji = await printError(printer, a4Layout, { ...a4Form, values: { ...a4Form.values, name: "𠮷野 😀" } });
      expect(emoji).toEqual({ code: "form.unprintable_character", key: "name", codePoint: "U+1F600" });
      // The last private-use code point: no font for forms draws it.
      const privateUse = { members: [members[0] ?? {}, { name: "髙橋 \u{10FFFD}", relationship: "子" }] };
      const inRow = await printError(printer, a4Layout, { ...a4Form, rows: privateUse });
      expect(inRow).toMatchObject({ code: "form.unprintable_character", codePoint: "U+10FFFD" });
      if (inRow.code !== "form.unprintable_character") return;
      expect(inRow.key).toContain("members");
      expect(inRow.key).toContain("name");
      // A variation sequence the font lacks must not print as its base character (a different glyph from the one confirmed).
      const sequence = await printError(printer, a4Layout, { ...a4Form, values: { ...a4Form.values, narrow: "邉\u{E01EF}" } });
      expect(sequence).toEqual({ code: "form.unprintable_character", key: "narrow", codePoint: "U+E01EF" });
    },
  },
  {
    name: "refuses a form meant for another layout (form.layout_mismatch)",
    run: async (printer) => {
      const error = await printError(printer, a4Layout, { ...a4Form, layoutId: landscapeLayout.id });
      expect(error).toMatchObject({ code: "form.layout_mismatch", layoutId: landscapeLayout.id });
    },
  },
];

/**
 * Runs the form-printer contract against an adapter: page size, every text and value read back from the
 * PDF with PDF.js (MJ characters included), placements, shrinking, and errors as values.
 */
export const describeFormPrinterContract = (adapterName: string, makeHarness: MakeFormPrinterHarness, options: FormPrinterContractOptions = {}): void => {
  describe(`form-printer contract: ${adapterName}`, () => {
    for (const c of [...formPrinterCases, ...scanToPdfCases]) {
      it(
        c.name,
        async () => {
          const { printer } = await makeHarness();
          await c.run(printer);
        },
        options.testTimeoutMs ?? 30_000,
      );
    }
  });
};
