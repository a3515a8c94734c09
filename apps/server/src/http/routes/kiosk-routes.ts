import { Router, type Request, type Response } from "express";
import QRCode from "qrcode";
import type { ServerDeps } from "../server-deps.ts";

/**
 * R11: what the counter's kiosk shows besides the portal — the portal's address as a QR code, so that a resident
 * who applied at the kiosk applies from home next time. Public (the address is public); made once per process,
 * as the portal's origin does not change while it runs.
 */
export const kioskRoutes = (deps: ServerDeps): Router => {
  const router = Router();
  let svg: Promise<string> | null = null;
  router.get("/api/kiosk/portal-qr.svg", async (_req: Request, res: Response) => {
    svg ??= QRCode.toString(`${deps.portalOrigin}/`, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
    res.type("image/svg+xml").set("Cache-Control", "public, max-age=3600").send(await svg);
  });
  return router;
};
