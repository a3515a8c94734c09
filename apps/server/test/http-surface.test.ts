import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./support/api-client.ts";
import { staffLoginAs } from "./support/staff-totp.ts";
import { DEMO_PASSWORD, startTestServer, type TestServer } from "./support/test-server.ts";
import { expectSecurityHeaders } from "./support/expect-security-headers.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.dispose();
});

describe("the HTTP surface", () => {
  it("answers /healthz", async () => {
    const res = await call(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok" });
  });

  it("sends the security headers on every response, errors included, and no-store on the API", async () => {
    for (const [base, path, init, status] of [
      [server.url, "/api/procedures", {}, 200],
      [server.url, "/api/nothing-here", {}, 404],
      [server.url, "/api/applications/lookup", { body: { receiptNumber: 1 } }, 400],
      [server.staffUrl, "/api/staff/applications", {}, 401],
      [server.staffUrl, "/api/nothing-here", {}, 404],
    ] as const) {
      const res = await call(`${base}${path}`, init);
      expect(res.status, path).toBe(status);
      expectSecurityHeaders(res.headers);
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
    const malformed = await fetch(`${server.url}/api/applications/prepare`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(malformed.status).toBe(400);
    expectSecurityHeaders(malformed.headers);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe("request.malformed");
  });

  it("lets the payment sandbox's origin, and only it, be framed", async () => {
    const res = await call(`${server.url}/api/config`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain(`frame-src ${res.body.payment.origin}`);
    expect(new URL(res.body.payment.hostedFieldsUrl).origin).toBe(res.body.payment.origin);
    expect(res.body.payment.origin).not.toBe(new URL(server.url).origin);
  });

  it("printed the demo staff credentials once at first start", () => {
    expect(server.announced()).toContain("demo-staff");
    expect(server.announced()).toContain(DEMO_PASSWORD);
    expect(server.logText()).not.toContain(DEMO_PASSWORD);
  });

  it("staff sessions: Secure HttpOnly SameSite __Host- cookie, CSRF token required, same answer for unknown user and wrong password", async () => {
    const unknown = await call(`${server.staffUrl}/api/staff/login`, { body: { loginId: "nobody", password: "whatever-password" } });
    const wrong = await call(`${server.staffUrl}/api/staff/login`, { body: { loginId: "demo-staff", password: "wrong-password" } });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    const ok = await staffLoginAs(server, "demo-staff", DEMO_PASSWORD);
    const setCookie = ok.setCookie;
    expect(setCookie).toMatch(/^__Host-madoguchi-staff=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain("Secure");
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Strict");
    const cookie = setCookie.split(";")[0]!;
    const me = await call(`${server.staffUrl}/api/staff/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    const noCsrf = await call(`${server.staffUrl}/api/staff/logout`, { headers: { cookie }, body: {} });
    expect(noCsrf.status).toBe(403);
    const out = await call(`${server.staffUrl}/api/staff/logout`, { headers: { cookie, "x-csrf-token": ok.headers["x-csrf-token"] }, body: {} });
    expect(out.status).toBe(200);
    expect((await call(`${server.staffUrl}/api/staff/me`, { headers: { cookie } })).status).toBe(401);
  });

  it("never answers 5xx to malformed bodies on any resident route", async () => {
    const bodies = [null, 1, "x", [], {}, { applicant: 5 }, { request: { copies: {} } }, { procedureId: "nope", applicant: {}, request: {} }];
    for (const url of ["/api/applications/prepare", "/api/applications", "/api/applications/lookup", "/api/applications/withdraw"].map((p) => server.url + p).concat(`${server.staffUrl}/api/staff/login`)) {
      const path = new URL(url).pathname;
      for (const body of bodies) {
        const res = await call(url, { body });
        expect(res.status, `${path} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${path} ${JSON.stringify(body)}`).toBeLessThan(500);
        expect(typeof res.body.error.code).toBe("string");
      }
    }
  });
});
