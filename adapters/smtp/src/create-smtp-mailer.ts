import { MAILER_CONTRACT, type Mailer } from "@madoguchi/core";
import { Schema } from "effect";
import { errAsync, ResultAsync } from "neverthrow";
import { createTransport } from "nodemailer";
import { messageIdFor } from "./message-id.ts";
import { isSingleAddress } from "./recipient.ts";
import { mailError, toMailError } from "./smtp-error.ts";
import { domainOfFrom, SmtpMailerOptions } from "./smtp-mailer.options.ts";

/**
 * A `Mailer` sending through an SMTP server with nodemailer (the `scale` profile). Subject and body go
 * out as UTF-8 (RFC 2047 encoded words, quoted-printable or base64 as nodemailer chooses), and the
 * Message-ID is derived from the message id, so a resend after a timeout is recognisable by receivers.
 * One connection per message: nothing is held open between notifications. Throws on invalid options.
 */
export const createSmtpMailer = (options: SmtpMailerOptions): Mailer => {
  const valid = Schema.decodeUnknownSync(SmtpMailerOptions)(options, { errors: "all" });
  const domain = domainOfFrom(valid.from) ?? "madoguchi.invalid";
  const transporter = createTransport({
    host: valid.host,
    port: valid.port,
    secure: valid.secure,
    requireTLS: valid.requireTLS ?? false,
    ...(valid.auth === undefined ? {} : { auth: { user: valid.auth.user, pass: valid.auth.pass } }),
    connectionTimeout: valid.timeoutMs,
    greetingTimeout: valid.timeoutMs,
    socketTimeout: valid.timeoutMs,
    // We send text only: nodemailer must never read a file or fetch a URL on anyone's behalf.
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
    debug: false,
  });
  let closed = false;
  const closedError = (operation: string) => errAsync(mailError(operation, "unavailable", "the SMTP mailer is closed"));

  return {
    meta: { contract: MAILER_CONTRACT, name: "smtp", capabilities: new Set() },

    send(message) {
      if (closed) return closedError("mailer.send");
      if (!isSingleAddress(message.to)) return errAsync(mailError("mailer.send", "rejected", "the recipient is not a single valid address"));
      if (message.id.length === 0) return errAsync(mailError("mailer.send", "rejected", "the message has no id"));
      const messageId = messageIdFor(message.id, domain);
      return ResultAsync.fromPromise(
        transporter.sendMail({
          from: valid.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          messageId,
          // An overall deadline: nodemailer's own timeouts are per step.
          signal: AbortSignal.timeout(valid.timeoutMs),
        }),
        toMailError("mailer.send"),
      ).map(() => ({ messageId }));
    },

    healthCheck() {
      if (closed) return closedError("mailer.healthCheck");
      return ResultAsync.fromPromise(transporter.verify(), toMailError("mailer.healthCheck")).map(() => undefined);
    },

    close: async () => {
      closed = true;
      transporter.close();
    },
  };
};
