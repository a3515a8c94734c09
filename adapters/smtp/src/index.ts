/**
 * @madoguchi/adapter-smtp — a `Mailer` sending through an SMTP server with nodemailer.
 */
export { createSmtpMailer } from "./create-smtp-mailer.ts";
export { SmtpMailerOptions } from "./smtp-mailer.options.ts";
export { messageIdFor } from "./message-id.ts";
