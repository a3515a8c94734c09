import type { Dialect } from "./dialect.ts";

/**
 * What an outbox message says beyond its kind and application (outbox@2): a payment-due mail's amount, reason
 * and books' record, as JSON. Null for status mails, whose `status` column says it all; the payment-due rows
 * leave `status` empty. Amounts only: the outbox still holds no personal data.
 */
export const outboxPayloadMigration: Readonly<Record<Dialect, { readonly up: readonly string[]; readonly down: readonly string[] }>> = {
  sqlite: {
    up: ["alter table outbox_messages add column payload_json text null"],
    down: ["alter table outbox_messages drop column payload_json"],
  },
  postgresql: {
    up: ["alter table outbox_messages add column payload_json text null"],
    down: ["alter table outbox_messages drop column payload_json"],
  },
};
