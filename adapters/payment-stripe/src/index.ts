/**
 * `@madoguchi/adapter-payment-stripe` — `payment-gateway@3` over Stripe's HTTP API (ADR 0028).
 */
export { createStripePaymentGateway } from "./create-stripe-payment-gateway.ts";
export { DEFAULT_STRIPE_API_VERSION, StripeGatewayOptions } from "./stripe-options.ts";
export { signStripeWebhook, STRIPE_SIGNATURE_HEADER, STRIPE_SIGNATURE_TOLERANCE_SECONDS, verifyStripeSignature } from "./stripe-webhook-signature.ts";
