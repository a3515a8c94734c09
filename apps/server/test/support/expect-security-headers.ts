import { expect } from "vitest";

/** The headers SECURITY.md asks for on every response, errors and refusals included. */
export const expectSecurityHeaders = (headers: Headers) => {
  const csp = headers.get("content-security-policy") ?? "";
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  expect(headers.get("x-content-type-options")).toBe("nosniff");
  expect(headers.get("referrer-policy")).toBe("no-referrer");
  expect(headers.get("cross-origin-opener-policy")).toBe("same-origin");
  expect(headers.get("x-powered-by")).toBeNull();
};
