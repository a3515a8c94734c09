import jsQRModule from "jsqr";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./support/test-server.ts";

// jsqr is CommonJS whose module.exports is the function (with a `default` alias): NodeNext types the default import as the module.
const jsQR = jsQRModule.default;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.dispose();
});

describe("R11: the counter kiosk", () => {
  it("shows the portal's address as a QR code that a phone reads back as the portal", async () => {
    const res = await fetch(`${server.url}/api/kiosk/portal-qr.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    const svg = Buffer.from(await res.arrayBuffer());
    const { data, info } = await sharp(svg, { density: 300 }).flatten({ background: "#ffffff" }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const read = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height);
    // The same public address the kiosk page prints under it (from /api/config).
    const config = (await (await fetch(`${server.url}/api/config`)).json()) as { portalOrigin: string };
    expect(config.portalOrigin).toBe(server.deps.portalOrigin);
    expect(read?.data).toBe(`${config.portalOrigin}/`);
  });
});
