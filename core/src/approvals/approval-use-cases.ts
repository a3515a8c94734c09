import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import type { Clock } from "../shared/clock.port.ts";
import type { IdGenerator } from "../shared/id-generator.port.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import { approvalAudit } from "./approval-audit.ts";
import { approvalRefused, type ApprovalRefused } from "./approval.errors.ts";
import type { ApprovalKind, ApprovalRequest, ApprovalSubject } from "./approval-request.ts";
import { decideApproval, newApprovalRequest, useApproval, type Approver } from "./approval-rules.ts";
import type { ApprovalStore } from "./approval-store.port.ts";

/** Ports of the approval use cases. */
export interface ApprovalDeps {
  readonly approvals: ApprovalStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** Asks for a second person's approval (the caller checked the requester holds the kind's permission). */
export const requestApproval = (
  deps: ApprovalDeps,
  input: { readonly kind: ApprovalKind; readonly subject: unknown; readonly staffId: string; readonly sourceIp: string | null },
): ResultAsync<ApprovalRequest, ApprovalRefused | StorageError> => {
  const now = deps.clock.now();
  const created = newApprovalRequest({ id: deps.ids.uuid(), kind: input.kind, subject: input.subject, requestedBy: input.staffId, now });
  if (created.isErr()) return errAsync(created.error);
  return deps.approvals.insert(created.value, [approvalAudit("approval.requested", created.value, input.staffId, input.sourceIp, now)]);
};

const found = (deps: ApprovalDeps, id: string): ResultAsync<ApprovalRequest, ApprovalRefused | StorageError> =>
  deps.approvals.get(id).andThen((r) => (r === null ? errAsync(approvalRefused("approval.not_found")) : okAsync(r)));

/**
 * Approves or rejects: read, decided by core's rule, written back conditionally on the version read with
 * its audit entry. A concurrent decision makes this one a `conflict` (StorageError): one winner.
 */
export const decideApprovalRequest = (
  deps: ApprovalDeps,
  input: { readonly id: string; readonly approver: Approver; readonly decision: "approve" | "reject"; readonly sourceIp: string | null },
): ResultAsync<ApprovalRequest, ApprovalRefused | StorageError> =>
  found(deps, input.id).andThen((request) => {
    const now = deps.clock.now();
    const decided = decideApproval(request, input.approver, input.decision, now);
    if (decided.isErr()) return errAsync(decided.error);
    const action = input.decision === "approve" ? "approval.approved" : "approval.rejected";
    return deps.approvals.update(decided.value, [approvalAudit(action, decided.value, input.approver.staffId, input.sourceIp, now)]);
  });

/**
 * Consumes an approval before the approved action runs (so it can never run twice: a second use, even
 * racing, finds it `used` or loses the versioned update). If the action then fails, the requester asks
 * again — the safe side of "once".
 */
export const consumeApproval = (
  deps: ApprovalDeps,
  input: { readonly id: string; readonly staffId: string; readonly kind: ApprovalKind; readonly subject: ApprovalSubject; readonly sourceIp: string | null },
): ResultAsync<ApprovalRequest, ApprovalRefused | StorageError> =>
  found(deps, input.id).andThen((request) => {
    const now = deps.clock.now();
    const used = useApproval(request, { staffId: input.staffId, kind: input.kind, subject: input.subject, now });
    if (used.isErr()) return errAsync(used.error);
    return deps.approvals.update(used.value, [approvalAudit("approval.used", used.value, input.staffId, input.sourceIp, now)]);
  });
