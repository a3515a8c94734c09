import { ApplicationEntity } from "./application.entity.ts";
import { AuditCheckpointEntity, AuditEntryEntity } from "./audit-entry.entity.ts";
import { OutboxMessageEntity } from "./outbox-message.entity.ts";
import { StaffAccountEntity } from "./staff-account.entity.ts";
import { ResidentAccountEntity, ResidentIndexKeyEntity } from "./resident-account.entity.ts";

/** Every entity of the store, for `MikroORM.init`. Tables come from migrations, never from these. */
export const entities = [ApplicationEntity, OutboxMessageEntity, StaffAccountEntity, AuditEntryEntity, AuditCheckpointEntity, ResidentAccountEntity, ResidentIndexKeyEntity];
