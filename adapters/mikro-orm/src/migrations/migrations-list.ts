import type { MigrationObject } from "@mikro-orm/core";
import { Migration } from "@mikro-orm/migrations";
import { initialMigration } from "./0001-initial.ts";
import { auditLogMigration } from "./0002-audit-log.ts";
import { sessionsAndLoginStateMigration } from "./0003-sessions-and-login-state.ts";
import { staffAccessMigration } from "./0004-staff-access.ts";
import { passkeysMigration } from "./0006-passkeys.ts";
import { residentAccountsMigration } from "./0005-resident-accounts.ts";
import { municipalitySettingsMigration } from "./0007-municipality-settings.ts";
import { residentJpkiLinksMigration } from "./0008-resident-jpki-links.ts";
import { approvalRequestsMigration } from "./0009-approval-requests.ts";
import { paymentLedgerMigration } from "./0010-payment-ledger.ts";
import { staffNotificationEmailMigration } from "./0011-staff-notification-email.ts";
import { signingSessionsMigration } from "./0013-signing-sessions.ts";
import { outboxPayloadMigration } from "./0014-outbox-payload.ts";
import { staffNotificationEmailSealedMigration } from "./0015-staff-notification-email-sealed.ts";
import { applicationFinishedAtMigration } from "./0016-application-finished-at.ts";
import { counterRecordsMigration } from "./0017-counter-records.ts";
import type { Dialect } from "./dialect.ts";

/** A migration that runs fixed SQL statements, one class per dialect and step. */
const sqlMigration = (name: string, step: { readonly up: readonly string[]; readonly down: readonly string[] }) =>
  class extends Migration {
    override name = name;
    override up(): void {
      for (const sql of step.up) this.addSql(sql);
    }
    override down(): void {
      for (const sql of step.down) this.addSql(sql);
    }
  };

/**
 * Every migration, in order, listed in code rather than found by a glob: they run from the
 * TypeScript sources as they are (no build step, no file discovery) and a bundler keeps them.
 * Names are stable forever: they are what the migrations table records.
 */
export const migrationsFor = (dialect: Dialect): MigrationObject[] => [
  { name: "0001-initial", class: sqlMigration("0001-initial", initialMigration[dialect]) },
  { name: "0002-audit-log", class: sqlMigration("0002-audit-log", auditLogMigration[dialect]) },
  { name: "0003-sessions-and-login-state", class: sqlMigration("0003-sessions-and-login-state", sessionsAndLoginStateMigration[dialect]) },
  { name: "0004-staff-access", class: sqlMigration("0004-staff-access", staffAccessMigration[dialect]) },
  { name: "0005-resident-accounts", class: sqlMigration("0005-resident-accounts", residentAccountsMigration[dialect]) },
  { name: "0006-passkeys", class: sqlMigration("0006-passkeys", passkeysMigration[dialect]) },
  { name: "0007-municipality-settings", class: sqlMigration("0007-municipality-settings", municipalitySettingsMigration[dialect]) },
  { name: "0008-resident-jpki-links", class: sqlMigration("0008-resident-jpki-links", residentJpkiLinksMigration[dialect]) },
  { name: "0009-approval-requests", class: sqlMigration("0009-approval-requests", approvalRequestsMigration[dialect]) },
  { name: "0010-payment-ledger", class: sqlMigration("0010-payment-ledger", paymentLedgerMigration[dialect]) },
  { name: "0011-staff-notification-email", class: sqlMigration("0011-staff-notification-email", staffNotificationEmailMigration[dialect]) },
  { name: "0013-signing-sessions", class: sqlMigration("0013-signing-sessions", signingSessionsMigration[dialect]) },
  { name: "0014-outbox-payload", class: sqlMigration("0014-outbox-payload", outboxPayloadMigration[dialect]) },
  { name: "0015-staff-notification-email-sealed", class: sqlMigration("0015-staff-notification-email-sealed", staffNotificationEmailSealedMigration[dialect]) },
  { name: "0016-application-finished-at", class: sqlMigration("0016-application-finished-at", applicationFinishedAtMigration[dialect]) },
  { name: "0017-counter-records", class: sqlMigration("0017-counter-records", counterRecordsMigration[dialect]) },
];
