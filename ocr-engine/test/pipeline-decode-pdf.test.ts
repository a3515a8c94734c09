import { deflateSync } from "node:zlib";
import { PDFDocument, PDFHexString, PDFName, StandardFonts, concatTransformationMatrix, degrees, drawObject, popGraphicsState, pushGraphicsState } from "pdf-lib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { decodeImage } from "../src/pipeline/decode-image.ts";
import type { RgbaRaster } from "../src/pipeline/raster.ts";
import { renderPage } from "./pipeline-fixtures.ts";

/**
 * Scanned PDFs built in the test with pdf-lib around images made by sharp: the page's image must come out
 * with the same pixels as the image itself (exactly for lossless images; JPEG bytes are passed through, so
 * those are exact too against sharp's own decoding of the same JPEG).
 */
const source = renderPage(320, 240, [{ text: "住所", x: 60, y: 130, size: 30 }]);
const rgb = () => sharp(source.raster.data, { raw: { width: 320, height: 240, channels: 4 } }).removeAlpha();

type ImageDict = Record<string, unknown>;

/** A one-page-per-image PDF; each image is an XObject with the given dictionary and contents, drawn full page. */
const pdfOf = async (pages: readonly { readonly dict: ImageDict; readonly contents: Uint8Array; readonly rotate?: number }[]): Promise<Uint8Array> => {
  const doc = await PDFDocument.create();
  for (const p of pages) {
    const width = Number(p.dict.Width);
    const height = Number(p.dict.Height);
    const page = doc.addPage([width, height]);
    const ref = doc.context.register(doc.context.stream(p.contents, { Type: "XObject", Subtype: "Image", ...p.dict } as never));
    page.node.setXObject(PDFName.of("Im0"), ref);
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(width, 0, 0, height, 0, 0), drawObject("Im0"), popGraphicsState());
    if (p.rotate !== undefined) page.setRotation(degrees(p.rotate));
  }
  return doc.save();
};

/** PNG chunks: IHDR fields and the concatenated IDAT (a zlib stream with PNG filters = PDF predictor 15). */
const pngParts = (png: Uint8Array) => {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const idat: Uint8Array[] = [];
  let plte: Uint8Array = new Uint8Array(0);
  let ihdr = { width: 0, height: 0, bitDepth: 0, colourType: 0 };
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    const type = new TextDecoder().decode(png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === "IHDR") ihdr = { width: view.getUint32(at + 8), height: view.getUint32(at + 12), bitDepth: data[8]!, colourType: data[9]! };
    if (type === "PLTE") plte = data;
    if (type === "IDAT") idat.push(data);
    at += 12 + length;
  }
  return { ...ihdr, plte, idat: Buffer.concat(idat) };
};

/** The image dictionary img2pdf-style tools write for a PNG: its IDAT as FlateDecode with predictor 15. */
const pngAsXObject = (png: Uint8Array): { dict: ImageDict; contents: Uint8Array } => {
  const p = pngParts(png);
  const colors = p.colourType === 2 ? 3 : 1;
  const hex = Buffer.from(p.plte).toString("hex");
  const colourSpace = p.colourType === 0 ? "DeviceGray" : p.colourType === 2 ? "DeviceRGB" : ["Indexed", "DeviceRGB", p.plte.length / 3 - 1, PDFHexString.of(hex)];
  return {
    dict: {
      Width: p.width, Height: p.height, BitsPerComponent: p.bitDepth, ColorSpace: colourSpace, Filter: "FlateDecode",
      DecodeParms: { Predictor: 15, Colors: colors, BitsPerComponent: p.bitDepth, Columns: p.width },
    },
    contents: p.idat,
  };
};

const decodedPng = async (png: Uint8Array): Promise<RgbaRaster> => (await decodeImage(png))._unsafeUnwrap();
const same = (a: RgbaRaster, b: RgbaRaster) => a.width === b.width && a.height === b.height && Buffer.from(a.data).equals(Buffer.from(b.data));

describe("decodeImage on a scanned PDF page", () => {
  it("passes a DCTDecode image's JPEG bytes to the JPEG decoder: the same pixels as the JPEG itself, close to the original", async () => {
    const jpeg = await rgb().jpeg({ quality: 92 }).toBuffer();
    const doc = await PDFDocument.create();
    const image = await doc.embedJpg(jpeg);
    doc.addPage([320, 240]).drawImage(image, { x: 0, y: 0, width: 320, height: 240 });
    const raster = (await decodeImage(await doc.save()))._unsafeUnwrap();
    expect(same(raster, await decodedPng(jpeg))).toBe(true);
    let diff = 0;
    for (let i = 0; i < raster.data.length; i++) diff += Math.abs(raster.data[i]! - source.raster.data[i]!);
    expect(diff / raster.data.length).toBeLessThan(6);
  });

  it("decodes a FlateDecode RGB image (pdf-lib's embedPng) to exactly the original pixels", async () => {
    const png = await rgb().png().toBuffer();
    const doc = await PDFDocument.create();
    const image = await doc.embedPng(png);
    doc.addPage([320, 240]).drawImage(image, { x: 0, y: 0, width: 320, height: 240 });
    const raster = (await decodeImage(await doc.save()))._unsafeUnwrap();
    expect(same(raster, source.raster)).toBe(true);
  });

  it("undoes PNG predictors (an IDAT stream copied into the PDF) for RGB, grey and palette images", async () => {
    const pngs = [
      await rgb().png({ adaptiveFiltering: true, compressionLevel: 9 }).toBuffer(),
      await rgb().toColourspace("b-w").png({ adaptiveFiltering: true }).toBuffer(),
      await rgb().png({ palette: true, colours: 16 }).toBuffer(),
      await rgb().png({ palette: true, colours: 2 }).toBuffer(),
    ];
    const kinds = pngs.map((p) => [pngParts(p).colourType, pngParts(p).bitDepth]);
    expect(kinds).toEqual([[2, 8], [0, 8], [3, 4], [3, 1]]);
    for (const png of pngs) {
      const raster = (await decodeImage(await pdfOf([pngAsXObject(png)])))._unsafeUnwrap();
      expect(same(raster, await decodedPng(png))).toBe(true);
    }
  });

  it("reads unfiltered 1-bit DeviceGray samples, rows padded to bytes, and an inverted Decode array", async () => {
    // 10 × 2: row 1 alternates black/white from black, row 2 is all white (padded to 2 bytes per row).
    const contents = new Uint8Array([0b01010101, 0b01000000, 0b11111111, 0b11000000]);
    const dict = { Width: 10, Height: 2, BitsPerComponent: 1, ColorSpace: "DeviceGray" };
    const grey = (r: RgbaRaster) => Array.from({ length: r.width * r.height }, (_, i) => r.data[i * 4]!);
    const plain = (await decodeImage(await pdfOf([{ dict, contents }])))._unsafeUnwrap();
    expect(grey(plain)).toEqual([0, 255, 0, 255, 0, 255, 0, 255, 0, 255, ...Array(10).fill(255)]);
    const inverted = (await decodeImage(await pdfOf([{ dict: { ...dict, Decode: [1, 0] }, contents }])))._unsafeUnwrap();
    expect(grey(inverted)).toEqual([255, 0, 255, 0, 255, 0, 255, 0, 255, 0, ...Array(10).fill(0)]);
  });

  it("reads the requested page, applies the page's /Rotate, and takes the largest image of a page", async () => {
    const big = await rgb().png().toBuffer();
    const small = await rgb().resize(64, 48).png().toBuffer();
    const pdf = await pdfOf([pngAsXObject(small), { ...pngAsXObject(big), rotate: 90 }]);
    expect((await decodeImage(pdf))._unsafeUnwrap()).toMatchObject({ width: 64, height: 48 });
    const page2 = (await decodeImage(pdf, undefined, { page: 2 }))._unsafeUnwrap();
    expect(page2).toMatchObject({ width: 240, height: 320 });
    expect(same(page2, (await decodeImage(await sharp(big).rotate(90).png().toBuffer()))._unsafeUnwrap())).toBe(true);
    expect((await decodeImage(pdf, undefined, { page: 3 }))._unsafeUnwrapErr()).toMatchObject({ reason: "invalid_input", message: expect.stringContaining("2 page") });

    const doc = await PDFDocument.create();
    const page = doc.addPage([320, 240]);
    page.drawImage(await doc.embedPng(small), { x: 0, y: 0, width: 40, height: 30 });
    page.drawImage(await doc.embedPng(big), { x: 0, y: 0, width: 320, height: 240 });
    expect((await decodeImage(await doc.save()))._unsafeUnwrap()).toMatchObject({ width: 320, height: 240 });
  });

  it("says a page without an image is a vector PDF (unsupported_format)", async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage([595, 842]).drawText("Certificate of moving out", { x: 50, y: 700, size: 20, font });
    const error = (await decodeImage(await doc.save()))._unsafeUnwrapErr();
    expect(error).toMatchObject({ _tag: "OcrError", reason: "unsupported_format", operation: "decode" });
    expect(error.message).toContain("page 1 has no scanned image (vector PDF)");
  });

  it("names codecs it does not decode (CCITT fax, JBIG2, JPEG 2000) as unsupported_format", async () => {
    const cases = [["CCITTFaxDecode", "CCITT"], ["JBIG2Decode", "JBIG2"], ["JPXDecode", "JPEG 2000"]] as const;
    for (const [filter, named] of cases) {
      const pdf = await pdfOf([{ dict: { Width: 8, Height: 8, BitsPerComponent: 1, ColorSpace: "DeviceGray", Filter: filter }, contents: new Uint8Array(8) }]);
      const error = (await decodeImage(pdf))._unsafeUnwrapErr();
      expect({ reason: error.reason, named: error.message.includes(named) }).toEqual({ reason: "unsupported_format", named: true });
    }
    const cmyk = await pdfOf([{ dict: { Width: 2, Height: 2, BitsPerComponent: 8, ColorSpace: "DeviceCMYK", Filter: "FlateDecode" }, contents: deflateSync(new Uint8Array(16)) }]);
    expect((await decodeImage(cmyk))._unsafeUnwrapErr()).toMatchObject({ reason: "unsupported_format", message: expect.stringContaining("DeviceCMYK") });
  });

  it("checks the pixel limit from /Width × /Height before inflating, and the byte limit", async () => {
    const pdf = await pdfOf([pngAsXObject(await rgb().png().toBuffer())]);
    expect((await decodeImage(pdf, { maxBytes: 1e9, maxPixels: 320 * 240 - 1 }))._unsafeUnwrapErr().reason).toBe("too_large");
    expect((await decodeImage(pdf, { maxBytes: 1e9, maxPixels: 320 * 240 })).isOk()).toBe(true);
    expect((await decodeImage(pdf, { maxBytes: 100, maxPixels: 1e9 }))._unsafeUnwrapErr().reason).toBe("too_large");
    // A deflate bomb: 1 × 1 announced, megabytes inside.
    const bomb = await pdfOf([{ dict: { Width: 1, Height: 1, BitsPerComponent: 8, ColorSpace: "DeviceGray", Filter: "FlateDecode" }, contents: deflateSync(new Uint8Array(8_000_000)) }]);
    expect((await decodeImage(bomb))._unsafeUnwrapErr().reason).toBe("corrupt_image");
  });

  it("reports broken PDFs and truncated image data as corrupt_image, and an encrypted PDF as unsupported_format", async () => {
    expect((await decodeImage(new TextEncoder().encode("%PDF-1.7\nnot really a PDF")))._unsafeUnwrapErr()).toMatchObject({ reason: "corrupt_image", operation: "decode" });
    const { dict, contents } = pngAsXObject(await rgb().png().toBuffer());
    const truncated = await pdfOf([{ dict, contents: contents.subarray(0, contents.length / 2) }]);
    expect((await decodeImage(truncated))._unsafeUnwrapErr()).toMatchObject({ reason: "corrupt_image", message: expect.stringContaining("page 1") });

    const doc = await PDFDocument.create();
    doc.addPage([100, 100]);
    doc.context.trailerInfo.Encrypt = doc.context.obj({ Filter: "Standard", V: 2, R: 3 });
    const error = (await decodeImage(await doc.save()))._unsafeUnwrapErr();
    expect(error).toMatchObject({ reason: "unsupported_format", message: expect.stringContaining("encrypted") });
  });

  it("rejects a page other than 1 for a PNG, and a page number below 1", async () => {
    expect((await decodeImage(source.png, undefined, { page: 2 }))._unsafeUnwrapErr().reason).toBe("invalid_input");
    expect((await decodeImage(source.png, undefined, { page: 0 }))._unsafeUnwrapErr().reason).toBe("invalid_input");
  });
});
