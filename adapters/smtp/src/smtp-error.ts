import type { MailError } from "@madoguchi/core";

/** A `MailError`; `timeout` and `unavailable` are retryable, `rejected` is not. */
export const mailError = (operation: string, reason: MailError["reason"], message: string): MailError => ({
  _tag: "MailError",
  reason,
  operation,
  retryable: reason !== "rejected",
  message,
});

/**
 * The one boundary where nodemailer's errors become `MailError`s. SMTP replies decide first: 5xx is a
 * permanent rejection (RFC 5321) except 503, a bad command sequence that a new connection fixes; 4xx
 * is transient. Without a reply: our deadline or nodemailer's timeouts are `timeout`; an envelope or
 * message nodemailer refuses itself is `rejected`; anything about the connection is `unavailable`.
 *
 * Messages carry nodemailer's error code and the reply code only: the server's reply text and
 * nodemailer's message can quote the recipient's address.
 */
export const toMailError =
  (operation: string) =>
  (error: unknown): MailError => {
    const e = (typeof error === "object" && error !== null ? error : {}) as { code?: unknown; responseCode?: unknown };
    const code = typeof e.code === "string" && /^E[A-Z0-9]{1,20}$/.test(e.code) ? e.code : "unknown";
    const reply = typeof e.responseCode === "number" ? e.responseCode : undefined;
    const what = `SMTP ${code}${reply === undefined ? "" : ` ${reply}`}`;
    if (reply !== undefined && reply >= 500 && reply !== 503) return mailError(operation, "rejected", `the SMTP server rejected the message (${what})`);
    if (reply !== undefined && reply >= 400) return mailError(operation, "unavailable", `the SMTP server is temporarily unavailable (${what})`);
    if (code === "EABORT" || code === "ETIMEDOUT") return mailError(operation, "timeout", `the SMTP server did not answer in time; the message may or may not have been accepted (${what})`);
    if (code === "EENVELOPE" || code === "EMESSAGE") return mailError(operation, "rejected", `the message could not be sent as given (${what})`);
    return mailError(operation, "unavailable", `the SMTP server could not be reached (${what})`);
  };
