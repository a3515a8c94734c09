import type { Locale } from "../../i18n/locale.ts";

/** The iframe's address: the gateway's hosted fields, told which origin to post the token to, and the language. */
export function hostedFieldsSrc(hostedFieldsUrl: string, parentOrigin: string, locale: Locale): string {
  const url = new URL(hostedFieldsUrl, parentOrigin);
  url.searchParams.set("origin", parentOrigin);
  url.searchParams.set("lang", locale);
  return url.toString();
}

/** What the hosted-fields iframe can tell the page. */
export type SandboxMessage =
  | { readonly type: "madoguchi-sandbox:token"; readonly token: string }
  | { readonly type: "madoguchi-sandbox:error"; readonly code: string }
  /** The issuer's 3-D Secure page was answered: submit again to finish (the server learns the result). */
  | { readonly type: "madoguchi-sandbox:challenge-complete" };

/**
 * Reads a `message` event from the payment iframe. Only the gateway's own origin is trusted: any other
 * window (an ad, an extension, another tab) could otherwise inject a token of its choosing. `null` for
 * anything else.
 */
export function readSandboxMessage(
  event: { readonly origin: string; readonly data: unknown },
  gatewayOrigin: string,
): SandboxMessage | null {
  let expected: string;
  try {
    expected = new URL(gatewayOrigin).origin;
  } catch {
    return null;
  }
  if (event.origin !== expected) return null;
  const data = event.data;
  if (typeof data !== "object" || data === null) return null;
  const record = data as Record<string, unknown>;
  if (record["type"] === "madoguchi-sandbox:token" && typeof record["token"] === "string" && record["token"] !== "") {
    return { type: "madoguchi-sandbox:token", token: record["token"] };
  }
  if (record["type"] === "madoguchi-sandbox:challenge-complete") return { type: "madoguchi-sandbox:challenge-complete" };
  if (record["type"] === "madoguchi-sandbox:error") {
    return { type: "madoguchi-sandbox:error", code: typeof record["code"] === "string" ? record["code"] : "unknown" };
  }
  return null;
}

/** The issuer's challenge page in our iframe: told which origin to notify, and the language. */
export function challengeSrc(challengeUrl: string, parentOrigin: string, locale: Locale): string {
  const url = new URL(challengeUrl);
  url.searchParams.set("origin", parentOrigin);
  url.searchParams.set("lang", locale);
  return url.toString();
}
