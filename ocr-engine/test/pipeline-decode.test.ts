import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { decodeImage, sniffFormat } from "../src/pipeline/decode-image.ts";
import { renderPage } from "./pipeline-fixtures.ts";

const page = renderPage(320, 240, [{ text: "住所", x: 60, y: 130, size: 30 }]);

describe("decodeImage", () => {
  it("decodes PNG to the exact RGBA pixels that were encoded", async () => {
    const raster = (await decodeImage(page.png))._unsafeUnwrap();
    expect([raster.width, raster.height]).toEqual([320, 240]);
    expect(Buffer.from(raster.data).equals(Buffer.from(page.raster.data))).toBe(true);
  });

  it("decodes JPEG and TIFF to RGBA of the same size, close to the original", async () => {
    const base = sharp(page.raster.data, { raw: { width: 320, height: 240, channels: 4 } });
    for (const bytes of [await base.clone().jpeg({ quality: 95 }).toBuffer(), await base.clone().tiff().toBuffer()]) {
      const raster = (await decodeImage(bytes))._unsafeUnwrap();
      expect([raster.width, raster.height, raster.data.length]).toEqual([320, 240, 320 * 240 * 4]);
      let diff = 0;
      for (let i = 0; i < raster.data.length; i++) diff += Math.abs(raster.data[i]! - page.raster.data[i]!);
      expect(diff / raster.data.length).toBeLessThan(6);
    }
  });

  it("applies EXIF orientation, so a phone photo stored sideways comes out upright", async () => {
    const sideways = await sharp(page.png).rotate(-90).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const raster = (await decodeImage(sideways))._unsafeUnwrap();
    expect([raster.width, raster.height]).toEqual([320, 240]);
  });

  it("rejects unknown bytes as unsupported_format, and a broken PNG or PDF as corrupt_image (PDF pages: pipeline-decode-pdf.test.ts)", async () => {
    const pdf = new TextEncoder().encode("%PDF-1.7\n...");
    expect(sniffFormat(pdf)).toBe("pdf");
    expect((await decodeImage(pdf))._unsafeUnwrapErr()).toMatchObject({ _tag: "OcrError", reason: "corrupt_image", operation: "decode" });
    expect((await decodeImage(new Uint8Array([1, 2, 3])))._unsafeUnwrapErr().reason).toBe("unsupported_format");
    const truncated = page.png.subarray(0, 60);
    expect((await decodeImage(truncated))._unsafeUnwrapErr()).toMatchObject({ reason: "corrupt_image", retryable: false });
  });

  it("reads the requested page of a multi-page TIFF (an ADF scan), and says when there is no such page", async () => {
    const solid = (background: string) => sharp({ create: { width: 40, height: 30, channels: 3, background } }).png().toBuffer();
    const tiff = new Uint8Array(await sharp([await solid("#ff0000"), await solid("#0000ff")], { join: { animated: true } }).tiff().toBuffer());
    const first = (await decodeImage(tiff))._unsafeUnwrap();
    const second = (await decodeImage(tiff, undefined, { page: 2 }))._unsafeUnwrap();
    expect([first.width, first.height, first.data[0]! > 200, first.data[2]! < 50]).toEqual([40, 30, true, true]);
    expect([second.width, second.height, second.data[0]! < 50, second.data[2]! > 200]).toEqual([40, 30, true, true]);
    expect((await decodeImage(tiff, undefined, { page: 3 }))._unsafeUnwrapErr()).toMatchObject({ reason: "invalid_input", message: expect.stringContaining("2 page") });
  });

  it("enforces the byte and pixel limits as too_large", async () => {
    expect((await decodeImage(page.png, { maxBytes: 100, maxPixels: 1e9 }))._unsafeUnwrapErr().reason).toBe("too_large");
    expect((await decodeImage(page.png, { maxBytes: 1e9, maxPixels: 320 * 240 - 1 }))._unsafeUnwrapErr().reason).toBe("too_large");
    expect((await decodeImage(page.png, { maxBytes: 1e9, maxPixels: 320 * 240 })).isOk()).toBe(true);
  });
});
