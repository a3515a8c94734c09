import type { Router } from "express";
import { auditRoutes } from "./routes/audit-routes.ts";
import { catalogRoutes } from "./routes/catalog-routes.ts";
import { procedureRoutes } from "./routes/procedure-routes.ts";
import { counterKanjiRoutes } from "./routes/counter-kanji-routes.ts";
import { counterPhraseRoutes } from "./routes/counter-phrase-routes.ts";
import { proxyEntryRoutes } from "./routes/proxy-entry-routes.ts";
import { staffLoginRoutes } from "./routes/staff-login-routes.ts";
import { staffAdminRoutes } from "./routes/staff-admin-routes.ts";
import { staffPasskeyRoutes } from "./routes/staff-passkey-routes.ts";
import { staffAccessRoutes } from "./routes/staff-access-routes.ts";
import { staffRoutes } from "./routes/staff-routes.ts";
import { settingsRoutes } from "./routes/settings-routes.ts";
import { retentionRoutes } from "./routes/retention-routes.ts";
import { staffNoticeRoutes } from "./routes/notice-routes.ts";
import { staffNotificationRoutes } from "./routes/staff-notification-routes.ts";
import { approvalRoutes } from "./routes/approval-routes.ts";
import { feeRoutes } from "./routes/fee-routes.ts";
import type { ServerDeps } from "./server-deps.ts";
import { statisticsRoutes } from "./routes/statistics-routes.ts";
import { counterResidentRecordsRoutes } from "./routes/counter-resident-records-routes.ts";
import { counterRoutes } from "./routes/counter-routes.ts";
import { counterRecordRoutes } from "./routes/counter-record-routes.ts";

/**
 * The routers of the staff listener (the LGWAN side): the back office and the audit log. They are
 * mounted only on the staff listener, behind its CIDR allow-list; add new staff routers here.
 */
export const staffRouters = (deps: ServerDeps): Router[] => [catalogRoutes(deps, "staff"), staffLoginRoutes(deps), staffAdminRoutes(deps), staffPasskeyRoutes(deps), staffRoutes(deps), proxyEntryRoutes(deps), auditRoutes(deps), staffAccessRoutes(deps), settingsRoutes(deps), retentionRoutes(deps), staffNoticeRoutes(deps), procedureRoutes(deps), staffNotificationRoutes(deps), approvalRoutes(deps), feeRoutes(deps), statisticsRoutes(deps), counterRoutes(deps), counterPhraseRoutes(deps), counterKanjiRoutes(deps), counterResidentRecordsRoutes(deps), counterRecordRoutes(deps)];
