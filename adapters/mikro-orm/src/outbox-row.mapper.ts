import { ApplicationId, type ApplicationStatus, type OutboxEntry, type OutboxMessage, type PaymentDueMessage } from "@madoguchi/core";
import type { OutboxMessageRow } from "./entities/outbox-message.entity.ts";

type PaymentDuePayload = Pick<PaymentDueMessage, "amount" | "reason" | "seq">;

/** A new outbox row: no attempt yet, due from its creation. */
export const outboxRow = (m: OutboxMessage): OutboxMessageRow => ({
  id: m.id,
  kind: m.kind,
  applicationId: m.applicationId,
  status: m.kind === "application.status_changed" ? m.status : "",
  createdAt: m.createdAt,
  attempts: 0,
  nextAttemptAt: m.createdAt,
  sentAt: null,
  lastError: null,
  payloadJson: m.kind === "application.payment_due" ? JSON.stringify({ amount: m.amount, reason: m.reason, seq: m.seq } satisfies PaymentDuePayload) : null,
});

const messageOf = (row: OutboxMessageRow): OutboxMessage => {
  const base = { id: row.id, applicationId: ApplicationId(row.applicationId), createdAt: row.createdAt };
  if (row.kind === "application.payment_due") return { ...base, kind: "application.payment_due", ...(JSON.parse(row.payloadJson ?? "{}") as PaymentDuePayload) };
  if (row.kind === "staff.new_application") return { ...base, kind: "staff.new_application" };
  return { ...base, kind: "application.status_changed", status: row.status as ApplicationStatus };
};

/** The outbox entry of a row. */
export const rowToOutboxEntry = (row: OutboxMessageRow): OutboxEntry => ({
  message: messageOf(row),
  attempts: row.attempts,
  nextAttemptAt: row.nextAttemptAt,
  sentAt: row.sentAt ?? null,
  lastError: row.lastError ?? null,
});
