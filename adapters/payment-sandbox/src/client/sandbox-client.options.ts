import { Schema } from "effect";

const HttpUrl = Schema.String.check(
  Schema.makeFilter((s: string) => {
    try {
      const protocol = new URL(s).protocol;
      return protocol === "http:" || protocol === "https:" ? undefined : "must be an http: or https: URL";
    } catch {
      return "must be an absolute URL such as http://127.0.0.1:4010";
    }
  }),
);

/** Options of {@link createSandboxPaymentGateway}, validated at construction. */
export const SandboxClientOptions = Schema.Struct({
  /** Base URL of the sandbox service, e.g. `http://127.0.0.1:4010`. */
  baseUrl: HttpUrl,
  /** The sandbox's server-to-server secret key. */
  secretKey: Schema.NonEmptyString,
  /** Time allowed for each call, response body included; after it the outcome is unknown (`timeout`). */
  timeoutMs: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 600_000 })),
  /** The webhook signing secret the sandbox was started with; without it the client does not declare `webhooks`. */
  webhookSecret: Schema.optional(Schema.String.check(Schema.isMinLength(16))),
  /** Settlement records asked per page (1–100, default 100); tests use a small page to walk several. */
  settlementPageSize: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 100 }))),
});

/** Options of {@link createSandboxPaymentGateway}. */
export type SandboxClientOptions = typeof SandboxClientOptions.Type;
