import { Schema } from "effect";
import { CARD_BRANDS } from "../cards/card-brand.ts";

/** An origin as browsers compare it: scheme, host and port, no path, no trailing slash. */
const Origin = Schema.String.check(
  Schema.makeFilter((s: string) => {
    try {
      return new URL(s).origin === s ? undefined : "must be an origin such as https://city.example.jp (no path, no trailing slash)";
    } catch {
      return "must be an origin such as https://city.example.jp";
    }
  }),
);

/**
 * Options of {@link startSandboxGateway}, validated when the service starts.
 */
export const SandboxGatewayOptions = Schema.Struct({
  /** TCP port; 0 lets the OS choose (read the real one from `url`). */
  port: Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 65535 })),
  /** Interface to listen on; `127.0.0.1` for development and tests. */
  host: Schema.NonEmptyString,
  /** Server-to-server API key, sent by the madoguchi server as `Authorization: Bearer …`. */
  secretKey: Schema.String.check(Schema.isMinLength(16)),
  /** Origins of the resident pages allowed to frame the hosted fields and receive tokens. */
  allowedParentOrigins: Schema.Array(Origin).check(Schema.isMinLength(1)),
  /** Brands accepted at tokenisation; default VISA, Mastercard and JCB (AMEX and Diners are opt-in). */
  acceptedBrands: Schema.optional(Schema.Array(Schema.Literals(CARD_BRANDS))),
  /** How long the "timeout after commit" card (4000 0000 0000 0341) waits before answering; default 5000 ms. */
  slowResponseDelayMs: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 600_000 }))),
  /** Public base URL when it differs from the listening address (behind a proxy); challenge URLs use it. */
  publicUrl: Schema.optional(Schema.String.check(Schema.makeFilter((s: string) => (URL.canParse(s) ? undefined : "must be an absolute URL")))),
  /** Our server's webhook endpoint; signed events (HMAC-SHA256 over "{timestamp}.{body}") are POSTed there. */
  webhookUrl: Schema.optional(Schema.String.check(Schema.makeFilter((s: string) => (URL.canParse(s) ? undefined : "must be an absolute URL")))),
  /** The webhook signing secret shared with the receiver (required with `webhookUrl`). */
  webhookSecret: Schema.optional(Schema.String.check(Schema.isMinLength(16))),
});

/** Options of {@link startSandboxGateway}. */
export type SandboxGatewayOptions = typeof SandboxGatewayOptions.Type;
