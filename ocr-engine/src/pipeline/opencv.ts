/**
 * Loads opencv-wasm once. Its CommonJS entry compiles the wasm module synchronously (~200 ms), so it
 * is loaded lazily on the first alignment, never at import time, and never in processes that only OCR.
 */
import { createRequire } from "node:module";

/**
 * The opencv.js namespace. opencv-wasm ships no useful typings (everything is `any`); the pipeline
 * code that uses it is small and covered by tests instead.
 */
// biome-ignore lint/suspicious/noExplicitAny: opencv.js is untyped
export type Cv = any;

const require = createRequire(import.meta.url);
let cached: Cv | null = null;

/** The opencv.js namespace, loaded on first use. */
export const loadOpenCv = (): Cv => {
  if (cached === null) cached = (require("opencv-wasm") as { cv: Cv }).cv;
  return cached;
};
