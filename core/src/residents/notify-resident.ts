import type { ResultAsync } from "neverthrow";
import type { StorageError } from "../shared/storage.errors.ts";
import { renderSecurityNotice, type SecurityNoticeKind } from "../identity/notices/security-notice.ts";
import type { ResidentAccount } from "./resident-account.ts";
import type { ResidentAccountDeps } from "./resident-account.deps.ts";

/** Queues the security notice of a change to the account's owner (at `to`, default their address). */
export const notifyResident = (
  deps: Pick<ResidentAccountDeps, "queueMail" | "clock" | "serviceName">,
  account: ResidentAccount,
  kind: SecurityNoticeKind,
  to: string = account.email,
): ResultAsync<void, StorageError> => deps.queueMail(to, renderSecurityNotice(kind, deps.clock.now(), account.locale, deps.serviceName));
