/**
 * Resolves an image's `ColorSpace` entry to the colour models {@link samplesToPixels} decodes: DeviceGray /
 * CalGray, DeviceRGB / CalRGB, ICCBased with N = 1 or 3 (the profile is ignored: scanners embed sRGB or a
 * grey gamma), and Indexed over one of those with the palette as a string or a (Flate) stream. Anything else
 * (DeviceCMYK, Lab, Separation, DeviceN, Pattern) is reported so that the caller can say exactly what.
 */
import { inflateSync } from "node:zlib";
import { err, ok, type Result } from "neverthrow";
import { PDFArray, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFString, type PDFContext, type PDFObject } from "pdf-lib";
import type { PdfColour } from "./samples-to-pixels.ts";

/** Largest palette stream accepted: 256 RGB entries are 768 bytes; anything far larger is not a palette. */
const MAX_PALETTE_BYTES = 4096;

const nameOf = (o: PDFObject | undefined): string | undefined => (o instanceof PDFName ? o.decodeText() : undefined);

const paletteBytes = (o: PDFObject | undefined, context: PDFContext): Result<Uint8Array, string> => {
  const value = o === undefined ? undefined : context.lookup(o);
  if (value instanceof PDFString || value instanceof PDFHexString) return ok(value.asBytes());
  if (value instanceof PDFRawStream) {
    const filter = nameOf(context.lookup(value.dict.get(PDFName.of("Filter"))));
    if (filter === undefined) return ok(value.contents);
    if (filter !== "FlateDecode") return err(`an Indexed palette compressed with ${filter}`);
    try {
      return ok(new Uint8Array(inflateSync(value.contents, { maxOutputLength: MAX_PALETTE_BYTES })));
    } catch {
      return err("an Indexed palette stream that does not inflate");
    }
  }
  return err("an Indexed colour space without a palette");
};

/** The colour model of `value` (a `ColorSpace` entry, possibly a reference), or what is not supported. */
export const resolveColourSpace = (value: PDFObject | undefined, context: PDFContext): Result<PdfColour, string> => {
  const cs = value === undefined ? undefined : context.lookup(value);
  const name = nameOf(cs);
  if (name !== undefined) {
    if (name === "DeviceGray" || name === "G" || name === "CalGray") return ok({ kind: "gray" });
    if (name === "DeviceRGB" || name === "RGB" || name === "CalRGB") return ok({ kind: "rgb" });
    return err(`colour space ${name}`);
  }
  if (!(cs instanceof PDFArray) || cs.size() === 0) return err(value === undefined ? "an image without a colour space" : "an unreadable colour space");
  const family = nameOf(context.lookup(cs.get(0)));
  switch (family) {
    case "CalGray":
      return ok({ kind: "gray" });
    case "CalRGB":
      return ok({ kind: "rgb" });
    case "ICCBased": {
      const profile = context.lookup(cs.get(1));
      const n = profile instanceof PDFRawStream ? profile.dict.lookup(PDFName.of("N")) : undefined;
      const components = n instanceof PDFNumber ? n.asNumber() : undefined;
      if (components === 1) return ok({ kind: "gray" });
      if (components === 3) return ok({ kind: "rgb" });
      return err(`an ICC colour space with ${components ?? "unknown"} components`);
    }
    case "Indexed":
    case "I": {
      const base = resolveColourSpace(cs.get(1), context);
      if (base.isErr()) return err(`an Indexed colour space over ${base.error}`);
      if (base.value.kind === "indexed") return err("an Indexed colour space over another Indexed one");
      const hival = context.lookup(cs.get(2));
      if (!(hival instanceof PDFNumber) || !Number.isInteger(hival.asNumber()) || hival.asNumber() < 0 || hival.asNumber() > 255) {
        return err("an Indexed colour space with an invalid hival");
      }
      return paletteBytes(cs.get(3), context).map((lookup) => ({ kind: "indexed", base: base.value.kind === "rgb" ? "rgb" : "gray", hival: hival.asNumber(), lookup }));
    }
    default:
      return err(`colour space ${family ?? "of unknown family"}`);
  }
};
