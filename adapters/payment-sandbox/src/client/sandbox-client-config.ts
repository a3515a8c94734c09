/** What the resident's browser needs to embed the sandbox's hosted fields. */
export interface SandboxBrowserConfig {
  /**
   * URL of the hosted-fields page, to put in an `<iframe>` after adding `?origin=<the page's own
   * origin>&lang=ja|en`; the origin must be one of the sandbox's `allowedParentOrigins`.
   */
  readonly hostedFieldsUrl: string;
  /** The sandbox's origin: accept `message` events only when `event.origin` equals it. */
  readonly origin: string;
}

/** The browser-side configuration for a sandbox at `baseUrl` (no secret in it: safe to send to browsers). */
export const sandboxClientConfig = (baseUrl: string): SandboxBrowserConfig => {
  const base = new URL(baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  return { hostedFieldsUrl: new URL("hosted-fields.html", base).href, origin: base.origin };
};
