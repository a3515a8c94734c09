import type { ApplicationId } from "../shared/ids.ts";
import type { ApplicationStatus } from "./application-status.ts";

/** A command that the application's current status does not allow. */
export interface InvalidTransition {
  readonly _tag: "InvalidTransition";
  readonly code: "application.invalid_transition";
  readonly from: ApplicationStatus;
  readonly command: string;
}

/** The resident tried to withdraw after staff started processing (R9). */
export interface NotWithdrawable {
  readonly _tag: "NotWithdrawable";
  readonly code: "application.not_withdrawable";
  readonly status: ApplicationStatus;
}

/** 不受理 / 差戻し need a reason for the resident. */
export interface ReasonRequired {
  readonly _tag: "ReasonRequired";
  readonly code: "application.reason_required";
}

/** Someone else changed the application since it was read (optimistic version). */
export interface ConcurrentModification {
  readonly _tag: "ConcurrentModification";
  readonly code: "application.concurrent_modification";
  readonly id: ApplicationId;
  readonly expectedVersion: number;
}

/** No application with that id / receipt number, or the access secret does not match. */
export interface ApplicationNotFound {
  readonly _tag: "ApplicationNotFound";
  readonly code: "application.not_found";
}
