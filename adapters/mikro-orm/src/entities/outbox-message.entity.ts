import { defineEntity, p, type InferEntity } from "@mikro-orm/core";

/** Row of `outbox_messages`: a message with its delivery state. Holds no personal data. */
export const OutboxMessageEntity = defineEntity({
  name: "OutboxMessageRow",
  tableName: "outbox_messages",
  properties: {
    id: p.string().primary(),
    kind: p.string(),
    applicationId: p.string(),
    /** The status entered, for `application.status_changed`; empty for other kinds. */
    status: p.string(),
    createdAt: p.datetime(),
    attempts: p.integer(),
    nextAttemptAt: p.datetime(),
    sentAt: p.datetime().nullable(),
    lastError: p.text().nullable(),
    /** A payment-due mail's amount, reason and seq as JSON (migration 0014); null for status mails. */
    payloadJson: p.text().nullable(),
  },
});

/** A row of `outbox_messages`. */
export type OutboxMessageRow = InferEntity<typeof OutboxMessageEntity>;
