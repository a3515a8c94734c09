import jsQRModule from "jsqr";
import { PNG } from "pngjs";
import type { TotpProvisioning } from "@madoguchi/core";

// jsqr is CommonJS whose module.exports is the function itself (with a `default` alias); under
// NodeNext TypeScript types the default import as the module object, so take `.default` explicitly.
const jsQR = jsQRModule.default;

/** Decodes the PNG data URL of a provisioning with jsQR (independent of the `qrcode` writer). */
export const readQrCode = async (p: TotpProvisioning): Promise<string | null> => {
  const png = PNG.sync.read(Buffer.from(p.qrDataUrl.slice("data:image/png;base64,".length), "base64"));
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height)?.data ?? null;
};
