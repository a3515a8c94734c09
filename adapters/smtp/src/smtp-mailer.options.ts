import { Schema } from "effect";

/** The address at the end of a `from` value: `noreply@city.example.jp` or `窓口市 <noreply@city.example.jp>`. */
const FROM_ADDRESS = /<?([^\s<>@]+)@([^\s<>@]+?)>?\s*$/u;

/** The domain of a `from` value, or `undefined` when it holds no address. */
export const domainOfFrom = (from: string): string | undefined => FROM_ADDRESS.exec(from)?.[2];

/** Options of {@link createSmtpMailer}, validated at construction. */
export const SmtpMailerOptions = Schema.Struct({
  host: Schema.NonEmptyString,
  port: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 65535 })),
  /** Implicit TLS from the first byte (port 465); `false` uses STARTTLS when the server offers it. */
  secure: Schema.Boolean,
  /** Refuse to send unless STARTTLS succeeds (port 587 submission to a relay that must encrypt). */
  requireTLS: Schema.optional(Schema.Boolean),
  auth: Schema.optional(Schema.Struct({ user: Schema.NonEmptyString, pass: Schema.String })),
  /** Sender, `address` or `Display Name <address>`; its domain also names the Message-IDs. */
  from: Schema.String.check(
    Schema.makeFilter((s: string) => (domainOfFrom(s) === undefined || /[\r\n]/.test(s) ? "must be an address or 'Name <address>' on one line" : undefined)),
  ),
  /** Deadline of one send (connection, greeting, every reply, the whole exchange). */
  timeoutMs: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 600_000 })),
});

/** Options of {@link createSmtpMailer}. */
export type SmtpMailerOptions = typeof SmtpMailerOptions.Type;
