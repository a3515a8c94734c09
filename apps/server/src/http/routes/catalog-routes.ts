import { Router } from "express";
import type { ServerDeps } from "../server-deps.ts";

/**
 * What every page of the web app loads first — the deployment's configuration (municipality, payment
 * fields, embedded-profile helpers) and the procedure catalog — on both listeners: the staff back office
 * names procedures and delivery methods too. `devInbox` and the test card belong to the resident side.
 */
export const catalogRoutes = (deps: ServerDeps, surface: "resident" | "staff"): Router => {
  const router = Router();
  router.get("/api/config", (_req, res) => {
    res.json({
      municipality: deps.catalog.municipality,
      payment: deps.payment,
      testCard: surface === "resident" && deps.testCardRouter !== null ? { url: "/test-card" } : null,
      devInbox: surface === "resident" && deps.devInbox !== null,
    });
  });

  router.get("/api/procedures", (_req, res) => {
    res.json({
      deliveryMethods: deps.catalog.deliveryMethods,
      procedures: deps.catalog.procedures.filter((p) => p.enabled),
    });
  });
  return router;
};
