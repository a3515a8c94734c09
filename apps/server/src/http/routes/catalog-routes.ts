import { Router } from "express";
import type { ServerDeps } from "../server-deps.ts";

/**
 * What every page of the web app loads first — the deployment's configuration (municipality, payment
 * fields, embedded-profile helpers) and the procedure catalog — on both listeners: the staff back office
 * names procedures and delivery methods too. `devInbox` belongs to the resident side (the test card is
 * reached through the server's signing routes, never by the browser: docs/adr/0025).
 */
export const catalogRoutes = (deps: ServerDeps, surface: "resident" | "staff"): Router => {
  const router = Router();
  router.get("/api/config", (_req, res) => {
    res.json({
      municipality: deps.catalog.municipality,
      payment: deps.payment,
      /** The brands the gateway accepts, for the names beside the card form (ADR 29). */
      acceptedCardBrands: deps.cardBrands,
      devInbox: surface === "resident" && deps.devInbox !== null,
      /** The portal's public address (R11: the kiosk tells residents where to apply from home, as its QR code does). */
      portalOrigin: deps.portalOrigin,
    });
  });

  router.get("/api/procedures", (_req, res) => {
    res.json({
      deliveryMethods: deps.catalog.deliveryMethods,
      procedures: deps.catalog.procedures.filter((p) => p.enabled),
      // R12: what the portal's search filters by.
      categories: deps.catalog.categories ?? [],
      lifeEvents: deps.catalog.lifeEvents ?? [],
    });
  });
  return router;
};
