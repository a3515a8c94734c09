import type { LoginStateFacet, LoginStateFacets } from "./login-state.ts";

/**
 * JSON for a facet value as persistent adapters store it: Dates become `{"$date": iso}` so they come
 * back as Dates whatever the facet's shape, and nothing else changes.
 */
export const encodeLoginStateValue = <F extends LoginStateFacet>(_facet: F, value: LoginStateFacets[F]): string =>
  JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : v;
  });

/** The inverse of {@link encodeLoginStateValue}. Throws on text that is not JSON (the adapter maps it to `corrupt`). */
export const decodeLoginStateValue = <F extends LoginStateFacet>(_facet: F, json: string): LoginStateFacets[F] =>
  JSON.parse(json, (_key, v: unknown) => {
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const d = (v as { $date?: unknown }).$date;
      if (keys.length === 1 && typeof d === "string") return new Date(d);
    }
    return v;
  }) as LoginStateFacets[F];
