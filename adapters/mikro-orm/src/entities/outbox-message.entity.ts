import { defineEntity, p, type InferEntity } from "@mikro-orm/core";

/** Row of `outbox_messages`: a message with its delivery state. Holds no personal data. */
export const OutboxMessageEntity = defineEntity({
  name: "OutboxMessageRow",
  tableName: "outbox_messages",
  properties: {
    id: p.string().primary(),
    kind: p.string(),
    applicationId: p.string(),
    status: p.string(),
    createdAt: p.datetime(),
    attempts: p.integer(),
    nextAttemptAt: p.datetime(),
    sentAt: p.datetime().nullable(),
    lastError: p.text().nullable(),
  },
});

/** A row of `outbox_messages`. */
export type OutboxMessageRow = InferEntity<typeof OutboxMessageEntity>;
