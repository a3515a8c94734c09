import { readFile } from "node:fs/promises";
import fontkit, { type Font } from "@pdf-lib/fontkit";
import { err, ok, ResultAsync, type Result } from "neverthrow";
import type { FormPrintError } from "@madoguchi/core";

/** Where Debian's `fonts-ipamj-mincho` installs IPAmj明朝, the font with the MJ characters (文字情報基盤). */
export const IPAMJ_MINCHO_PATH = "/usr/share/fonts/truetype/ipamj/ipamjm.ttf";

/**
 * Reads the font file on first use and keeps its bytes (46 MB for IPAmj明朝), so a printer reads it once.
 * A failed read is not kept: a font installed after the server started is found by the next print.
 */
export const fontFileLoader = (path: string): (() => ResultAsync<Uint8Array, FormPrintError>) => {
  let pending: Promise<Result<Uint8Array, FormPrintError>> | null = null;
  return () => {
    pending ??= readFile(path).then(
      (bytes) => ok<Uint8Array, FormPrintError>(bytes),
      (cause: unknown) => {
        pending = null;
        const reason = (cause as NodeJS.ErrnoException).code ?? "unreadable";
        return err<Uint8Array, FormPrintError>({ code: "form.font_unavailable", message: `cannot read the form font ${path} (${reason})` });
      },
    );
    return new ResultAsync(pending);
  };
};

/**
 * Parses the font for one print. Not cached across prints on purpose: fontkit keeps each glyph with the
 * code point it was first reached by, and pdf-lib writes that code point into the PDF's text layer, so a
 * shared font would let one form's ‐ (U+2010) turn the next form's - (U+002D, the same glyph) into ‐ when
 * copied or searched. Parsing costs about 0.2 s; see the README.
 */
export const parseFont = (bytes: Uint8Array, path: string): Result<Font, FormPrintError> => {
  let font: Font;
  try {
    font = fontkit.create(bytes);
  } catch {
    return err({ code: "form.font_unavailable", message: `the form font ${path} is not a TrueType or OpenType font` });
  }
  // A .ttc file parses as a collection of fonts, which cannot be embedded as one.
  if (typeof font.layout !== "function" || typeof font.createSubset !== "function") {
    return err({ code: "form.font_unavailable", message: `the form font ${path} is a font collection; name a single font file` });
  }
  return ok(font);
};
