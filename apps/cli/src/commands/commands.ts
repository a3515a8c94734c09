import type { Command } from "../command.ts";
import { auditExportCheckpointsCommand } from "./audit-export-checkpoints.ts";
import { auditVerifyCommand } from "./audit-verify.ts";
import { backupRestoreCommand } from "./backup-restore.ts";
import { catalogCheckCommand } from "./catalog-check.ts";
import { malwareScanCheckCommand } from "./malware-scan-check.ts";
import { migrateCommand } from "./migrate.ts";
import { ocrCommand } from "./ocr.ts";
import { ocrBenchCommand } from "./ocr-bench.ts";
import { ocrDraftCommand } from "./ocr-draft.ts";
import { serviceEndEraseCommand } from "./service-end-erase.ts";
import { testCardIssueCommand } from "./test-card-issue.ts";
import { testCardShowCommand } from "./test-card-show.ts";

/** Every command, in the order `madoguchi help` lists them. `help` itself is handled by the dispatcher. */
export const COMMANDS: readonly Command[] = [auditExportCheckpointsCommand, auditVerifyCommand, backupRestoreCommand, catalogCheckCommand, malwareScanCheckCommand, migrateCommand, ocrCommand, ocrBenchCommand, ocrDraftCommand, serviceEndEraseCommand, testCardIssueCommand, testCardShowCommand];
