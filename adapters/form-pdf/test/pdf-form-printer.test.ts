import { mkdtemp, rm, symlink } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { extractTextItems, getMeta } from "unpdf";
import { afterAll, describe, expect, it } from "vitest";
import type { FormLayout, PrintableForm } from "@madoguchi/core";
import { readPrintedPdf } from "@madoguchi/conformance/form-printer";
import { createPdfFormPrinter, FLOOR_SIZE_PT, IPAMJ_MINCHO_PATH } from "../src/index.ts";
import { embeddedFonts, outlineOf } from "./embedded-font.ts";

const printer = createPdfFormPrinter();

/** A card-sized layout with one wide and one narrow value. */
const layout: FormLayout = {
  id: "adapter-test",
  version: 7,
  name: { ja: "印字試験票", en: "Print test card" },
  page: { widthMm: 148, heightMm: 100 },
  texts: [{ text: "氏名", xMm: 10, yMm: 20, sizePt: 9 }],
  boxes: [{ xMm: 8, yMm: 12, widthMm: 132, heightMm: 12 }],
  fields: [
    { key: "name", xMm: 30, yMm: 20, widthMm: 100, sizePt: 14 },
    { key: "tiny", xMm: 30, yMm: 40, widthMm: 10, sizePt: 10 },
  ],
  groups: [],
};
const form = (values: Record<string, string>): PrintableForm => ({ layoutId: layout.id, values, rows: {} });

const pdfOf = async (values: Record<string, string>, onLayout: FormLayout = layout) => {
  const result = await printer.print(onLayout, form(values));
  if (result.isErr()) return expect.fail(JSON.stringify(result.error));
  return result.value;
};

// The MJ form of 邉 that IPAmj明朝 draws for the variation sequence 邉 + U+E0110 (文字情報基盤's IVD collection).
const MJ_BE = "邉\u{E0110}";

describe("pdf-lib-ipamj form printer", () => {
  it("embeds a small subset whose glyphs have the font file's outlines (𠮷 髙 邉 﨑 and an MJ variation sequence)", async () => {
    const pdf = await pdfOf({ name: `𠮷野 髙橋 渡邉 﨑 ${MJ_BE}` });
    // The 46 MB font is not embedded whole: a few kB of glyphs.
    expect(pdf.byteLength).toBeLessThan(100_000);
    const [embedded, ...others] = await embeddedFonts(pdf);
    expect(others).toEqual([]);
    if (embedded === undefined) return expect.fail("no embedded TrueType font (FontFile2)");
    const outlines = new Set(Array.from({ length: embedded.numGlyphs }, (_, id) => outlineOf(embedded, id)));
    const original = fontkit.create(readFileSync(IPAMJ_MINCHO_PATH));
    for (const text of ["𠮷", "髙", "邉", "﨑", MJ_BE]) {
      const [glyph] = original.layout(text).glyphs;
      if (glyph === undefined) return expect.fail(`the font has no glyph for ${text}`);
      expect(glyph.path.toSVG(), `${text} has an outline in the font`).not.toBe("");
      expect(outlines.has(glyph.path.toSVG()), `the subset draws ${text} as the font does`).toBe(true);
    }
    // The MJ form is another glyph than the common 邉, so the selector really changed what is printed.
    expect(original.layout(MJ_BE).glyphs[0]?.id).not.toBe(original.layout("邉").glyphs[0]?.id);
  });

  it("prints a variation sequence the font has, the text layer keeping its selector", async () => {
    const pdf = await readPrintedPdf(await pdfOf({ name: `渡${MJ_BE}` }));
    expect(pdf.text).toContain(`渡${MJ_BE}`);
  });

  it("titles the PDF with the layout's Japanese name and names madoguchi as its creator", async () => {
    const { info } = await getMeta(await pdfOf({ name: "𠮷野 髙" }));
    expect(info).toMatchObject({ Title: "印字試験票", Creator: "madoguchi" });
  });

  it("prints a value too long even at the floor size whole, at the floor size", async () => {
    const long = "東京都千代田区千代田一番一号";
    const { items } = await extractTextItems(await pdfOf({ tiny: long }));
    const item = items[0]?.find((i) => i.str === long);
    expect(item, "the value in one piece").toBeDefined();
    expect(item?.fontSize).toBeCloseTo(FLOOR_SIZE_PT, 1);
  });

  it("refuses a layout text, and a control character in a value, that it cannot draw", async () => {
    const withEmoji: FormLayout = { ...layout, texts: [...layout.texts, { text: "注意😀", xMm: 10, yMm: 60, sizePt: 9 }] };
    const text = await printer.print(withEmoji, form({}));
    expect(text._unsafeUnwrapErr()).toEqual({ code: "form.unprintable_character", key: "texts[1]", codePoint: "U+1F600" });
    const lineBreak = await printer.print(layout, form({ name: "𠮷野\n髙橋" }));
    expect(lineBreak._unsafeUnwrapErr()).toEqual({ code: "form.unprintable_character", key: "name", codePoint: "U+000A" });
  });

  it("refuses a variation selector that follows no character", async () => {
    const result = await printer.print(layout, form({ name: "\u{E0110}邉" }));
    expect(result._unsafeUnwrapErr()).toEqual({ code: "form.unprintable_character", key: "name", codePoint: "U+E0110" });
  });
});

describe("pdf-lib-ipamj form printer: the font file", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("answers form.font_unavailable for a file that is not a font, in print and in its health check", async () => {
    const notAFont = createPdfFormPrinter({ fontPath: new URL("../package.json", import.meta.url).pathname });
    expect((await notAFont.print(layout, form({ name: "髙橋" })))._unsafeUnwrapErr()).toMatchObject({ code: "form.font_unavailable" });
    expect((await notAFont.healthCheck())._unsafeUnwrapErr()).toMatchObject({ code: "form.font_unavailable" });
  });

  it("reads a font installed after a failed print at the next print", async () => {
    const dir = await mkdtemp(join(tmpdir(), "madoguchi-form-font-"));
    dirs.push(dir);
    const fontPath = join(dir, "ipamjm.ttf");
    const late = createPdfFormPrinter({ fontPath });
    expect((await late.print(layout, form({ name: "髙橋" })))._unsafeUnwrapErr()).toMatchObject({ code: "form.font_unavailable" });
    await symlink(IPAMJ_MINCHO_PATH, fontPath);
    expect((await late.print(layout, form({ name: "髙橋" }))).isOk()).toBe(true);
    expect((await late.healthCheck()).isOk()).toBe(true);
  });
});
