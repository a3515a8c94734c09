import type { Request } from "express";
import type { Locale } from "@madoguchi/core";

/** The UI language of a request: the body's `locale`, else Accept-Language, else Japanese. */
export const requestLocale = (req: Request): Locale => {
  const body: unknown = req.body;
  if (typeof body === "object" && body !== null && "locale" in body) {
    const l = (body as { locale: unknown }).locale;
    if (l === "en" || l === "ja") return l;
  }
  return headerLocale(req);
};

/**
 * The language of the person sending the request, by Accept-Language only (else Japanese): for a body whose
 * `locale` is someone else's, as the resident's language in an application staff enter for them (S5).
 */
export const headerLocale = (req: Request): Locale => {
  const accept = req.headers["accept-language"] ?? "";
  return /^\s*en\b/i.test(accept) ? "en" : "ja";
};
