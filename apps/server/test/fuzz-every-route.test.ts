import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staffLogin } from "./support/api-client.ts";
import { residentClient } from "./support/resident-client.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

// SECURITY.md: "fuzz every endpoint: never 5xx, always a clear 4xx". Every JSON route of both listeners, found in
// the route sources (so a new route is fuzzed without anyone listing it), gets random bodies, path parameters and
// query strings from a signed-in staff member (all permissions, recent step-up) or a signed-in resident.

interface Route {
  readonly method: "get" | "post" | "put" | "patch" | "delete";
  readonly path: string;
}

/**
 * The routes of `apps/server/src/http/routes`: `x.post("/path", …)` on a router mounted with
 * `y.use("/prefix", …, x)` in the same file is `POST /prefix/path`.
 */
const routesInSources = (): Route[] => {
  const dir = join(import.meta.dirname, "..", "src", "http", "routes");
  const routes: Route[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    const source = readFileSync(join(dir, file), "utf8");
    const mounts = new Map<string, string>();
    for (const m of source.matchAll(/(\w+)\.use\(\s*"([^"]+)"[^;]*?,\s*(\w+)\s*\)/g)) mounts.set(m[3]!, m[2]!);
    for (const m of source.matchAll(/(\w+)\.(get|post|put|patch|delete)\(\s*"([^"]+)"/g)) {
      const path = `${mounts.get(m[1]!) ?? ""}${m[3] === "/" ? "" : m[3]}`;
      if (path.startsWith("/api")) routes.push({ method: m[2] as Route["method"], path });
    }
  }
  return routes;
};

/** Routes that end the fuzzer's own session or account, or wait on an outside party: their tests are elsewhere. */
const NOT_FUZZED = new Set(["post /api/staff/logout", "post /api/resident/logout", "delete /api/resident"]);

const KEYS = ["applicant", "request", "procedureId", "email", "password", "loginId", "code", "token", "edits", "expectedCount", "expectedVersion", "reason", "command", "months", "payment", "signature", "receiptNumber", "accessSecret", "locale", "id", "amount", "limit", "offset"];
const weird = fc.oneof(
  fc.constantFrom("", " ", "..", "%00", "𠮷".repeat(300), "-1", "1e309", "NaN", "__proto__", "constructor", "<script>", "ｱｲｳ", "a".repeat(5000)),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.oneof(weird, fc.array(weird, { maxLength: 3 }), fc.dictionary(fc.constantFrom(...KEYS), weird, { maxKeys: 4 }));
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 8 }),
  fc.record({ __proto__: weird, constructor: weird }, { requiredKeys: [] }),
);
const pathParam = fc.oneof(weird.map(String), fc.uuid());
const query = fc.array(fc.tuple(fc.constantFrom("limit", "offset", "status", "statuses", "from", "to", "date", "encoding", "procedureId", "actions", "staffId", "q", "format", "afterSeq"), weird.map(String)), { maxLength: 4 });

let server: TestServer;
let staffHeaders: Record<string, string>;
let residentHeaders: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  staffHeaders = (await staffLogin(server)).headers;
  const residents = residentClient(() => server.url, "fuzz");
  const { email } = await residents.registeredAndVerified();
  const { cookie, csrf } = await residents.loginWithEmailCode(email);
  residentHeaders = { cookie, "x-csrf-token": csrf };
}, 120_000);
afterAll(() => server?.dispose());

describe("every route, fuzzed: never a 5xx", () => {
  const routes = routesInSources();

  it("finds the routes of both listeners in the sources", () => {
    expect(routes.length).toBeGreaterThan(80);
    expect(routes).toContainEqual({ method: "post", path: "/api/applications" });
    expect(routes).toContainEqual({ method: "post", path: "/api/resident/login" });
    expect(routes).toContainEqual({ method: "post", path: "/api/staff/applications/:id/fee" });
  });

  it("answers every random body, path parameter and query with a status below 500, errors with a code", async () => {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const [i, route] of routes.entries()) {
      if (NOT_FUZZED.has(`${route.method} ${route.path}`)) continue;
      const staff = route.path.startsWith("/api/staff/");
      const base = staff ? server.staffUrl : server.url;
      const headers = staff ? staffHeaders : residentHeaders;
      const cases = fc.sample(fc.tuple(body, fc.array(pathParam, { minLength: 3, maxLength: 3 }), query), { numRuns: 6, seed: 1000 + i });
      for (const [payload, params, pairs] of cases) {
        let p = 0;
        const path = route.path.replace(/:\w+/g, () => encodeURIComponent(params[p++ % 3]!));
        const search = new URLSearchParams(pairs).toString();
        const url = `${base}${path}${search === "" ? "" : `?${search}`}`;
        const withBody = route.method !== "get";
        const res = await fetch(url, { method: route.method.toUpperCase(), headers: { ...headers, "content-type": "application/json" }, ...(withBody ? { body: JSON.stringify(payload) } : {}) });
        const text = await res.text();
        const where = `${route.method.toUpperCase()} ${route.path} ← ${url.slice(base.length, base.length + 160)} ${withBody ? JSON.stringify(payload).slice(0, 160) : ""}`;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) failures.push(`${res.status} ${where}: ${text.slice(0, 200)}`);
        else if (res.status >= 400 && (res.headers.get("content-type") ?? "").includes("json")) {
          const code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
          if (typeof code !== "string") failures.push(`${res.status} without an error code ${where}: ${text.slice(0, 200)}`);
        }
      }
      // A body that is not JSON at all.
      if (route.method !== "get") {
        const res = await fetch(`${base}${route.path.replace(/:\w+/g, "x")}`, { method: route.method.toUpperCase(), headers: { ...headers, "content-type": "application/json" }, body: "{not json" });
        if (res.status >= 500) failures.push(`${res.status} ${route.method.toUpperCase()} ${route.path} ← malformed JSON`);
      }
    }
    expect(failures).toEqual([]);
    // The fuzz reached the handlers (validation, lookups), not only the sign-in and CSRF checks at the door.
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect((statuses.get(400) ?? 0) + (statuses.get(422) ?? 0)).toBeGreaterThan(total / 3);
    expect((statuses.get(401) ?? 0) + (statuses.get(403) ?? 0)).toBeLessThan(total / 5);
  }, 300_000);
});
