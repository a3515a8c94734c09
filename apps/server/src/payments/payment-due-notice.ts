import { findProcedure, renderPaymentDueEmail, type Application, type PaymentDueReason } from "@madoguchi/core";
import type { ServerDeps } from "../http/server-deps.ts";

/**
 * Mails the resident that an amount is due (ADR 26): staff fixed a 事後決済 fee, or changed a fee so that a
 * difference is owed. Sent after the fee change is written (the books are the truth and the status page shows
 * the amount due whatever happens to the mail), to the application's contact address; none, nothing sent.
 * The mail id is the application and the books' record that asked for the money, so a resend of the same
 * request is the same message for receivers that deduplicate. A failure is logged without the address.
 */
export const notifyPaymentDue = async (
  deps: Pick<ServerDeps, "catalog" | "mailer" | "logger">,
  a: Application,
  due: { readonly amount: number; readonly reason: PaymentDueReason; readonly seq: number },
): Promise<void> => {
  const to = a.applicant.email.trim();
  const procedure = findProcedure(deps.catalog, a.procedureId);
  if (to === "" || procedure === null || due.amount <= 0) return;
  const mail = renderPaymentDueEmail(a, procedure, deps.catalog.municipality, a.locale, due);
  const id = `payment-due-${a.id}-${due.seq}`;
  const sent = await deps.mailer.send({ id, to, subject: mail.subject, text: mail.text });
  if (sent.isErr()) deps.logger.warn({ event: "money.payment_due_mail_failed", target: a.id, mailId: id, reason: sent.error.reason }, "payment due mail not sent");
  else deps.logger.info({ event: "money.payment_due_mailed", target: a.id, mailId: id }, "money");
};
