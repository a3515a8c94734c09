import { differencePaymentRoutes } from "./routes/difference-payment-routes.ts";
import { type Router } from "express";
import express from "express";
import { catalogRoutes } from "./routes/catalog-routes.ts";
import { kioskRoutes } from "./routes/kiosk-routes.ts";
import { residentNoticeRoutes } from "./routes/notice-routes.ts";
import { devInboxRoutes } from "./routes/dev-inbox-routes.ts";
import { residentRoutes } from "./routes/resident-routes.ts";
import { residentAccountRoutes } from "./routes/resident-account-routes.ts";
import { residentPasskeyRoutes } from "./routes/resident-passkey-routes.ts";
import { residentCardRoutes } from "./routes/resident-card-routes.ts";
import { residentJpkiRoutes } from "./routes/resident-jpki-routes.ts";
import { signingRoutes } from "./routes/signing-routes.ts";
import { noStore } from "./security-headers.ts";
import type { ServerDeps } from "./server-deps.ts";

/**
 * The routers of the resident listener (the internet side): the portal's API, and in the embedded
 * profile the dev inbox and the software test card. No staff route is ever mounted here — the staff
 * surface lives on its own listener ({@link import("./staff-surface.ts")}).
 */
export const residentRouters = (deps: ServerDeps): Router[] => {
  const routers: Router[] = [catalogRoutes(deps, "resident"), kioskRoutes(deps), residentNoticeRoutes(deps), residentRoutes(deps), residentAccountRoutes(deps), residentPasskeyRoutes(deps), residentCardRoutes(deps), residentJpkiRoutes(deps), signingRoutes(deps), differencePaymentRoutes(deps)];
  if (deps.devInbox !== null) routers.push(devInboxRoutes(deps.devInbox));
  if (deps.testCardRouter !== null) {
    const testCard = express.Router();
    testCard.use("/test-card", noStore, express.json({ limit: "256kb" }), deps.testCardRouter);
    routers.push(testCard);
  }
  return routers;
};
