/**
 * Status of an application. Japanese labels are what residents and staff see:
 * submitted 申請済 (not yet acknowledged) → received 受付 → processing 処理中 → completed 完了;
 * rejected 不受理 and returned 差戻し (with a reason) by staff; withdrawn 取下げ by the resident (R9).
 */
export type ApplicationStatus =
  | "submitted"
  | "received"
  | "processing"
  | "completed"
  | "rejected"
  | "returned"
  | "withdrawn";

export const APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  "submitted",
  "received",
  "processing",
  "completed",
  "rejected",
  "returned",
  "withdrawn",
];
