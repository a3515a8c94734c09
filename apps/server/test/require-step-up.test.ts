import type { AddressInfo } from "node:net";
import express from "express";
import { describe, expect, it } from "vitest";
import { requireStepUp } from "../src/http/sessions/require-staff-session.ts";

/** A tiny app with a fixed staff session in `res.locals`, so the middleware alone is under test. */
const appWith = async (stepUpAt: Date | null, stage: "active" | "pending", now: Date, denied: string[]) => {
  const app = express();
  app.use((_req, res, next) => {
    res.locals["staffSession"] = { staff: { id: "st_1" }, live: { record: { stepUpAt, stage: stage === "active" ? { kind: "active" } : { kind: "pending", due: "second_factor" } } } };
    next();
  });
  app.post("/sensitive", requireStepUp({ now: () => now }, 10 * 60_000, (_req, reason, staffId) => void denied.push(`${reason}:${staffId}`)), (_req, res) => res.json({ ok: true }));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sensitive`;
  return { post: () => fetch(url, { method: "POST" }), close: () => new Promise((r) => server.close(r)) };
};

describe("requireStepUp(maxAgeMs)", () => {
  const now = new Date(Date.UTC(2026, 3, 1, 9, 0, 0));
  it("lets a session through within maxAge of its step-up, refuses older, none, or a pending session (403 staff.step_up_required, told to onDenied)", async () => {
    const cases: [Date | null, "active" | "pending", number][] = [
      [new Date(now.getTime() - 10 * 60_000), "active", 200],
      [new Date(now.getTime() - 10 * 60_000 - 1), "active", 403],
      [null, "active", 403],
      [now, "pending", 403],
    ];
    for (const [stepUpAt, stage, expected] of cases) {
      const denied: string[] = [];
      const app = await appWith(stepUpAt, stage, now, denied);
      try {
        const res = await app.post();
        expect(res.status).toBe(expected);
        if (expected === 403) {
          expect(((await res.json()) as { error: { code: string } }).error.code).toBe("staff.step_up_required");
          expect(denied).toEqual(["step_up_required:st_1"]);
        } else expect(denied).toEqual([]);
      } finally {
        await app.close();
      }
    }
  });
});
