import type { Logger } from "pino";
import type { ApplicationId, ApplicationStore, AuditLogStore, Clock, MoneyDisagreement, StorageError } from "@madoguchi/core";
import { ResultAsync } from "neverthrow";
import { recordAudit } from "../audit/record-audit.ts";

/** Who found a disagreement: a webhook delivery, or the scheduled sweep. */
export type DisagreementSource = "webhook" | "sweep";

/** A disagreement as staff see it on the application's money panel. */
export interface RecordedDisagreement {
  readonly at: string;
  readonly authorizationId: string;
  readonly detail: string;
  readonly via: string;
}

type Deps = { readonly auditLog: AuditLogStore; readonly clock: Clock; readonly logger: Logger };

const LIMIT = 1000;

/** The application's recorded disagreements, oldest first (ids, the closed detail and who found it: no personal data). */
export const disagreementsOf = (auditLog: AuditLogStore, applicationId: string): ResultAsync<readonly RecordedDisagreement[], StorageError> =>
  auditLog
    .read({ actions: ["payment.disagreement"], target: { kind: "application", id: applicationId }, afterSeq: 0, limit: LIMIT })
    .map((entries) =>
      entries.map((e) => ({ at: e.at.toISOString(), authorizationId: String(e.details["authorizationId"]), detail: String(e.details["detail"]), via: String(e.details["via"]) })),
    );

/** A disagreement in the list across applications: which application, by its receipt number when it still exists. */
export interface ListedDisagreement extends RecordedDisagreement {
  readonly applicationId: string;
  readonly receiptNumber: string | null;
}

/**
 * Every disagreement recorded since `since`, newest first (at most {@link LIMIT}): the accountant's list across
 * applications, so that none waits unseen on an application nobody opens. Receipt numbers come from the applications
 * (null once one was deleted at the end of its retention).
 */
export const disagreementsSince = (deps: { readonly auditLog: AuditLogStore; readonly applications: ApplicationStore }, since: Date): ResultAsync<readonly ListedDisagreement[], StorageError> =>
  deps.auditLog.read({ actions: ["payment.disagreement"], from: since, afterSeq: 0, limit: LIMIT }).andThen((entries) => {
    const ids = [...new Set(entries.map((e) => e.target?.id ?? ""))];
    return ResultAsync.combine(ids.map((id) => deps.applications.findById(id as ApplicationId).map((a) => [id, a?.receiptNumber ?? null] as const))).map((found) => {
      const receipts = new Map(found);
      return entries
        .map((e) => ({
          at: e.at.toISOString(),
          applicationId: e.target?.id ?? "",
          receiptNumber: receipts.get(e.target?.id ?? "") ?? null,
          authorizationId: String(e.details["authorizationId"]),
          detail: String(e.details["detail"]),
          via: String(e.details["via"]),
        }))
        .reverse();
    });
  });

/**
 * Logs a disagreement between the books and the gateway as an error, and records it once (per authorisation and
 * detail) as a `payment.disagreement` audit entry by the system, so that it reaches staff on the application's
 * money panel instead of only the operators' logs (ADR 27). The sweep finds the same one every hour: it is not
 * recorded again. Nothing in the books changes: staff settle it at the gateway, then the books follow.
 */
export const recordDisagreement = async (deps: Deps, applicationId: string, d: MoneyDisagreement, via: DisagreementSource): Promise<void> => {
  deps.logger.error({ event: `payment.${via}_disagreement`, target: applicationId, authorizationId: d.authorizationId, detail: d.detail }, "payment books and gateway disagree: staff must look");
  const known = await disagreementsOf(deps.auditLog, applicationId);
  if (known.isOk() && known.value.some((k) => k.authorizationId === d.authorizationId && k.detail === d.detail)) return;
  await recordAudit(deps, [
    {
      at: deps.clock.now(),
      actor: { kind: "system", id: null },
      action: "payment.disagreement",
      target: { kind: "application", id: applicationId },
      result: "failure",
      sourceIp: null,
      details: { authorizationId: d.authorizationId, detail: d.detail, via },
    },
  ]);
};
