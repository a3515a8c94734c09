import { ApplicationId, type ApplicationStatus, type OutboxEntry, type OutboxMessage } from "@madoguchi/core";
import type { OutboxMessageRow } from "./entities/outbox-message.entity.ts";

/** A new outbox row: no attempt yet, due from its creation. */
export const outboxRow = (m: OutboxMessage): OutboxMessageRow => ({
  id: m.id,
  kind: m.kind,
  applicationId: m.applicationId,
  status: m.status,
  createdAt: m.createdAt,
  attempts: 0,
  nextAttemptAt: m.createdAt,
  sentAt: null,
  lastError: null,
});

/** The outbox entry of a row. */
export const rowToOutboxEntry = (row: OutboxMessageRow): OutboxEntry => ({
  message: {
    id: row.id,
    kind: row.kind as OutboxMessage["kind"],
    applicationId: ApplicationId(row.applicationId),
    status: row.status as ApplicationStatus,
    createdAt: row.createdAt,
  },
  attempts: row.attempts,
  nextAttemptAt: row.nextAttemptAt,
  sentAt: row.sentAt ?? null,
  lastError: row.lastError ?? null,
});
