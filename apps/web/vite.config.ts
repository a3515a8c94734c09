import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { mockApi } from "./dev/mock-api.ts";

/**
 * `vite build` writes `dist/` for the Express server to serve (SPA fallback to index.html). The bundle
 * obeys a strict CSP: no inline script or style, no eval, nothing from other origins.
 *
 * `vite` (dev) and `vite preview`: with `MADOGUCHI_API_URL=http://127.0.0.1:3000` they proxy `/api` to a
 * running server; without it a small in-memory mock of the API (./dev/mock-api.ts) answers instead.
 * `vite preview` sends the production CSP, so the built bundle can be checked against it.
 */

/** The CSP the app is built for (the Express server sets its own; this one is for `vite preview`). */
export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "frame-ancestors 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");

export default defineConfig(({ command }) => {
  const apiUrl = process.env["MADOGUCHI_API_URL"];
  const useMock = command === "serve" && (apiUrl === undefined || apiUrl === "");
  const proxy = useMock || apiUrl === undefined ? {} : { proxy: { "/api": { target: apiUrl, changeOrigin: false } } };
  return {
    root: import.meta.dirname,
    plugins: [react(), ...(useMock ? [mockApi()] : [])],
    build: {
      outDir: "dist",
      emptyOutDir: true,
      // Never inline assets as data: URLs: the CSP's img-src/font-src allow 'self' only.
      assetsInlineLimit: 0,
      sourcemap: true,
      // R2: Chrome ≥ 72, Edge ≥ 79, Safari ≥ 12 (syntax lowered here; newer APIs added by src/legacy-browsers.ts).
      target: ["chrome72", "edge79", "safari12", "ios12", "firefox68"],
      // One chunk of ~500 kB (150 kB gzipped) with the polyfills; splitting it would only add round trips.
      chunkSizeWarningLimit: 600,
    },
    server: { host: "127.0.0.1", ...proxy },
    preview: { host: "127.0.0.1", headers: { "Content-Security-Policy": STRICT_CSP }, ...proxy },
  };
});
