import { rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { call } from "./support/api-client.ts";
import { staffLoginAs } from "./support/staff-totp.ts";
import { DEMO_PASSWORD, startTestServer } from "./support/test-server.ts";

describe("staff sessions and lockout live in the database, not in the process", () => {
  it("a session and a lock survive a restart on the same SQLite file; logout ends the session for the next instance too", async () => {
    const first = await startTestServer({ MADOGUCHI_STAFF_LOCKOUT_THRESHOLD: "3" });
    const dataDir = first.dataDir;
    let second: Awaited<ReturnType<typeof startTestServer>> | undefined;
    try {
      const { headers } = await staffLoginAs(first, "demo-staff", DEMO_PASSWORD);
      const other = await staffLoginAs(first, "demo-staff", DEMO_PASSWORD);
      for (let i = 0; i < 3; i++) await call(`${first.staffUrl}/api/staff/login`, { body: { loginId: "demo-staff", password: "wrong-password" } });
      await first.close();

      second = await startTestServer({ MADOGUCHI_STAFF_LOCKOUT_THRESHOLD: "3", MADOGUCHI_DATA_DIR: dataDir });
      expect((await call(`${second.staffUrl}/api/staff/me`, { headers })).status).toBe(200);
      // Locked: the right password answers like a wrong one, on the new instance.
      expect((await call(`${second.staffUrl}/api/staff/login`, { body: { loginId: "demo-staff", password: DEMO_PASSWORD } })).status).toBe(401);
      expect((await call(`${second.staffUrl}/api/staff/logout`, { headers, body: {} })).status).toBe(200);
      expect((await call(`${second.staffUrl}/api/staff/me`, { headers })).status).toBe(401);
      expect((await call(`${second.staffUrl}/api/staff/me`, { headers: other.headers })).status).toBe(200);
    } finally {
      await second?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
