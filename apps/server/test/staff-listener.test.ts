import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAllAuditEntries } from "@madoguchi/core";
import { loadConfig } from "../src/config/config.ts";
import { call } from "./support/api-client.ts";
import { expectSecurityHeaders } from "./support/expect-security-headers.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

/** The denials the staff listener recorded for its network gate. */
const networkDenials = async (server: TestServer) =>
  (await readAllAuditEntries(server.deps.auditLog, { actions: ["access.denied"] }))._unsafeUnwrap().filter((e) => e.details["reason"] === "network");

const fromAddress = (forwardedFor: string) => ({ headers: { "x-forwarded-for": forwardedFor } });

describe("the staff surface has its own listener (LGWAN) and is not routed on the resident listener", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server.dispose());

  it("serves staff on a different port from residents", () => {
    expect(new URL(server.staffUrl).port).not.toBe(new URL(server.url).port);
  });

  it("answers 404 for every staff path on the resident listener, with the security headers", async () => {
    for (const [method, path] of [
      ["POST", "/api/staff/login"],
      ["GET", "/api/staff/me"],
      ["GET", "/api/staff/applications"],
      ["GET", "/api/staff/audit"],
      ["GET", "/staff"],
      ["GET", "/staff/applications/abc"],
    ] as const) {
      const res = await fetch(`${server.url}${path}`, { method, headers: { "content-type": "application/json" }, ...(method === "POST" ? { body: "{}" } : {}) });
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
      expectSecurityHeaders(res.headers);
    }
  });

  it("routes the staff API on the staff listener (from loopback, the default allow-list)", async () => {
    const me = await call(`${server.staffUrl}/api/staff/me`);
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe("staff.unauthenticated");
    // The page shell's configuration and catalog are there, without the resident side's helpers…
    const config = await call(`${server.staffUrl}/api/config`);
    expect(config.body).toMatchObject({ devInbox: false });
    expect((await call(`${server.staffUrl}/api/procedures`)).status).toBe(200);
    // …but not the resident API.
    expect((await call(`${server.staffUrl}/api/applications/lookup`, { body: {} })).status).toBe(404);
    expect((await fetch(`${server.staffUrl}/test-card/api/sign`, { method: "POST" })).status).toBe(404);
  });
});

describe("the staff listener's CIDR allow-list", () => {
  describe("with no trusted proxy", () => {
    let server: TestServer;
    beforeAll(async () => {
      // Loopback (where the test connects from) is not allowed: only the municipality's LGWAN range.
      server = await startTestServer({ MADOGUCHI_STAFF_ALLOWED_CIDRS: "10.20.0.0/16, 192.168.10.0/24" });
    });
    afterAll(async () => server.dispose());

    it("refuses a client outside the ranges with 403, the security headers and an audit entry", async () => {
      const before = (await networkDenials(server)).length;
      const res = await call(`${server.staffUrl}/api/staff/login`, { body: { loginId: "demo-staff", password: "x" } });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("staff.network_denied");
      expect(res.body.error.message).toContain("LGWAN");
      expectSecurityHeaders(res.headers);
      const denials = await networkDenials(server);
      expect(denials.length).toBe(before + 1);
      expect(denials.at(-1)).toMatchObject({ result: "denied", actor: { kind: "anonymous" }, details: { method: "POST", path: "/api/staff/login" } });
      expect(denials.at(-1)?.sourceIp).toMatch(/127\.0\.0\.1$/);
    });

    it("ignores a forged X-Forwarded-For naming an allowed address (the hop is not a trusted proxy)", async () => {
      for (const forged of ["10.20.1.2", "192.168.10.5", "10.20.1.2, 10.20.1.3"]) {
        const res = await call(`${server.staffUrl}/api/staff/me`, fromAddress(forged));
        expect(res.status, forged).toBe(403);
      }
      expect((await networkDenials(server)).every((e) => !String(e.sourceIp).startsWith("10.") && !String(e.sourceIp).startsWith("192."))).toBe(true);
    });

    it("refuses the staff pages too, but leaves the resident listener open", async () => {
      expect((await fetch(`${server.staffUrl}/staff`)).status).toBe(403);
      expect((await fetch(`${server.staffUrl}/healthz`)).status).toBe(403);
      expect((await call(`${server.url}/api/procedures`)).status).toBe(200);
    });
  });

  describe("behind a trusted reverse proxy", () => {
    let server: TestServer;
    beforeAll(async () => {
      // The test process plays the municipality's proxy on loopback.
      server = await startTestServer({ MADOGUCHI_STAFF_ALLOWED_CIDRS: "10.20.0.0/16", MADOGUCHI_STAFF_TRUSTED_PROXIES: "127.0.0.1/32, ::1/128" });
    });
    afterAll(async () => server.dispose());

    it("believes the proxy's X-Forwarded-For: an LGWAN client passes and is recorded with its own address", async () => {
      const me = await call(`${server.staffUrl}/api/staff/me`, fromAddress("10.20.3.4"));
      expect(me.status).toBe(401); // past the gate: now it is the session that is missing
      const denied = (await readAllAuditEntries(server.deps.auditLog, { actions: ["access.denied"] }))._unsafeUnwrap().at(-1);
      expect(denied).toMatchObject({ details: { reason: "unauthenticated" }, sourceIp: "10.20.3.4" });
    });

    it("uses the address the trusted proxy saw, not what the client wrote before it", async () => {
      // The client forged "10.20.9.9"; our proxy appended the address it really saw (203.0.113.7).
      const res = await call(`${server.staffUrl}/api/staff/me`, fromAddress("10.20.9.9, 203.0.113.7"));
      expect(res.status).toBe(403);
      expect((await networkDenials(server)).at(-1)?.sourceIp).toBe("203.0.113.7");
    });

    it("refuses a request that reached the proxy without an allowed client", async () => {
      expect((await call(`${server.staffUrl}/api/staff/me`)).status).toBe(403); // the proxy itself (loopback) is not staff
    });
  });
});

describe("staff listener configuration", () => {
  const base = { PORT: "3000" };
  it("defaults: PORT + 2, loopback only, no trusted proxy", () => {
    const config = loadConfig(base)._unsafeUnwrap();
    expect(config.staffListener.port).toBe(3002);
    expect(config.staffListener.allowed.ranges).toEqual(["127.0.0.0/8", "::1/128"]);
    expect(config.staffListener.trustedProxies.ranges).toEqual([]);
    expect(config.staffListener.allowed.includes("::ffff:127.0.0.1")).toBe(true);
    expect(config.staffListener.allowed.includes("10.0.0.1")).toBe(false);
  });

  it("reads the municipality's ranges and rejects what is not a range, naming the variable", () => {
    const config = loadConfig({ ...base, MADOGUCHI_STAFF_ALLOWED_CIDRS: "10.0.0.0/8,2001:db8::/32", MADOGUCHI_STAFF_PORT: "8443" })._unsafeUnwrap();
    expect(config.staffListener.port).toBe(8443);
    expect(config.staffListener.allowed.includes("10.255.0.1")).toBe(true);
    expect(config.staffListener.allowed.includes("2001:db8::5")).toBe(true);
    expect(config.staffListener.allowed.includes("11.0.0.1")).toBe(false);
    for (const bad of ["10.0.0.0/33", "lgwan", "10.0.0.0/8,,x", " , "]) {
      const result = loadConfig({ ...base, MADOGUCHI_STAFF_ALLOWED_CIDRS: bad });
      expect(result.isErr(), bad).toBe(true);
      expect(result._unsafeUnwrapErr().message).toContain("MADOGUCHI_STAFF_ALLOWED_CIDRS");
    }
    expect(loadConfig({ ...base, MADOGUCHI_STAFF_TRUSTED_PROXIES: "proxy.example" })._unsafeUnwrapErr().message).toContain("MADOGUCHI_STAFF_TRUSTED_PROXIES");
    expect(loadConfig({ ...base, MADOGUCHI_STAFF_PORT: "3000" })._unsafeUnwrapErr().message).toContain("MADOGUCHI_STAFF_PORT");
  });
});
