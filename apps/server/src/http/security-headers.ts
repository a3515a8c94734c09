import helmet from "helmet";
import type { RequestHandler } from "express";
import { STRIPE_3DS_RETURN_PATH } from "../config/config.ts";
import type { PaymentClientConfig } from "./server-deps.ts";

/** The sources a gateway's card fields and 3-D Secure page need, added to our own ('self'). */
export interface PaymentCspSources {
  readonly scriptSrc: readonly string[];
  readonly frameSrc: readonly string[];
  readonly connectSrc: readonly string[];
}

const NONE: PaymentCspSources = { scriptSrc: [], frameSrc: [], connectSrc: [] };

/**
 * What the payment pages need, and nothing when there is no payment on this listener:
 * - the sandbox: its origin framed (hosted fields and its 3-D Secure page);
 * - Stripe: what Stripe documents for Elements and 3-D Secure in a frame — script-src
 *   https://js.stripe.com, frame-src https://js.stripe.com https://hooks.stripe.com and the origin of the
 *   return_url, connect-src https://api.stripe.com — or, with a loopback Stripe.js imitation (tests),
 *   that origin in place of Stripe's.
 */
export const paymentCspSources = (payment: PaymentClientConfig | null): PaymentCspSources => {
  if (payment === null) return NONE;
  if (payment.kind === "sandbox") return { scriptSrc: [], frameSrc: [new URL(payment.origin).origin], connectSrc: [] };
  const js = new URL(payment.stripeJsUrl).origin;
  if (js === "https://js.stripe.com") {
    return {
      scriptSrc: ["https://js.stripe.com"],
      frameSrc: ["https://js.stripe.com", "https://hooks.stripe.com", payment.threeDSecureReturnOrigin],
      connectSrc: ["https://api.stripe.com"],
    };
  }
  return { scriptSrc: [js], frameSrc: [js, payment.threeDSecureReturnOrigin], connectSrc: [js] };
};

const unique = (list: readonly string[]): string[] => [...new Set(list)];

const policy = (sources: PaymentCspSources, frameAncestors: string, secure: boolean) =>
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: unique(["'self'", ...sources.scriptSrc]),
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: unique(["'self'", ...sources.connectSrc]),
        // No frame source at all is `frame-src` with an empty list: nothing may be framed.
        frameSrc: sources.frameSrc.length === 0 ? ["'none'"] : unique(sources.frameSrc),
        frameAncestors: [frameAncestors],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        ...(secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: { maxAge: 63072000, includeSubDomains: true },
    referrerPolicy: { policy: "no-referrer" },
    crossOriginOpenerPolicy: { policy: "same-origin" },
    crossOriginEmbedderPolicy: false,
    xPoweredBy: false,
  });

/**
 * Security headers on every response, errors included (mounted first). The CSP is strict: only our own
 * scripts and styles, plus exactly what the payment gateway's card fields need ({@link paymentCspSources});
 * nothing may frame us — except the one page Stripe's 3-D Secure frame returns to, which our own
 * payment page frames ('self').
 */
export const securityHeaders = (options: { payment: PaymentClientConfig | null; secure: boolean }): RequestHandler => {
  const sources = paymentCspSources(options.payment);
  const strict = policy(sources, "'none'", options.secure);
  const returnPage = options.payment?.kind === "stripe" ? policy(NONE, "'self'", options.secure) : strict;
  return (req, res, next) => (req.path === STRIPE_3DS_RETURN_PATH ? returnPage : strict)(req, res, next);
};

/** Personal pages and API answers must not be cached by browsers or proxies. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader("Cache-Control", "no-store");
  next();
};
