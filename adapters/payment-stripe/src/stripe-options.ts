import { Schema } from "effect";

const HttpUrl = Schema.String.check(
  Schema.makeFilter((s: string) => {
    try {
      const url = new URL(s);
      if (url.protocol === "https:") return undefined;
      // Plain HTTP only to the loopback contract server of the tests.
      return url.protocol === "http:" && (url.hostname === "127.0.0.1" || url.hostname === "localhost") ? undefined : "must be an https: URL (http: only for 127.0.0.1)";
    } catch {
      return "must be an absolute URL such as https://api.stripe.com";
    }
  }),
);

/** Options of {@link createStripePaymentGateway}, validated at construction. */
export const StripeGatewayOptions = Schema.Struct({
  /** `https://api.stripe.com` (default) or a loopback contract server. */
  apiBase: Schema.optional(HttpUrl),
  /** A secret (`sk_…`) or restricted (`rk_…`) key; never a publishable key. */
  secretKey: Schema.String.check(Schema.isPattern(/^(sk|rk)_(test|live)_[A-Za-z0-9_]{8,}$/)),
  /** Time allowed for each call; after it the outcome is unknown (`timeout`). */
  timeoutMs: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 600_000 })),
  /** The endpoint's signing secrets (`whsec_…`; two during a rotation). Without one, `webhooks` is not declared. */
  webhookSecrets: Schema.optional(Schema.Array(Schema.String.check(Schema.isPattern(/^whsec_[A-Za-z0-9_]{16,}$/)))),
  /** Where Stripe sends the resident back after a 3-D Secure challenge (our payment page). */
  returnUrl: HttpUrl,
  /** `Stripe-Version` pinned for the shapes we decode (default {@link DEFAULT_STRIPE_API_VERSION}). */
  apiVersion: Schema.optional(Schema.String.check(Schema.isPattern(/^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/))),
  /** Balance transactions asked per page when listing settlement records (1–100, Stripe's maximum and our default). */
  settlementPageSize: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 100 }))),
});
export type StripeGatewayOptions = typeof StripeGatewayOptions.Type;

/** The API version the adapter was written and tested against (ADR 0028). */
export const DEFAULT_STRIPE_API_VERSION = "2024-06-20";
