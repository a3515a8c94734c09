import { Router } from "express";
import type { DevInboxView } from "../server-deps.ts";

/** The embedded profile's dev inbox: every email the app "sent", for demos and tests. */
export const devInboxRoutes = (inbox: DevInboxView): Router => {
  const router = Router();
  router.get("/api/dev/inbox", (_req, res) => {
    const messages = [...inbox.list()]
      .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime())
      .map((m) => ({ id: m.id, to: m.to, subject: m.subject, text: m.text, receivedAt: m.receivedAt.toISOString() }));
    res.json({ messages });
  });
  return router;
};
