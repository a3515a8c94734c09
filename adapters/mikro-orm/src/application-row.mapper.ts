import {
  ApplicationId,
  IdempotencyKey,
  ProcedureId,
  ReceiptNumber,
  applicationFinishedAt,
  type Application,
  type ApplicationStatus,
  type FeeBreakdown,
  type Locale,
  type PaymentRecord,
} from "@madoguchi/core";
import type { ApplicationRow } from "./entities/application.entity.ts";
import { openPersonal, sealPersonal } from "./personal-data-cipher.ts";
import { decodePersonal, encodePersonal } from "./personal-data.codec.ts";

/** The columns of an application row that an update rewrites (all but the id and the data key). */
export type ApplicationColumns = Omit<ApplicationRow, "id" | "wrappedKey" | "keyVersion">;

/**
 * The row columns of `app`: the plain columns, and its personal part sealed under `dataKey`.
 * `keyVersion` is the KEK version that wrapped `dataKey`; it is part of the ciphertext's AAD.
 */
export const applicationColumns = (app: Application, dataKey: Uint8Array, keyVersion: number): ApplicationColumns => ({
  receiptNumber: app.receiptNumber,
  submissionKey: app.submissionKey,
  procedureId: app.procedureId,
  locale: app.locale,
  status: app.status,
  version: app.version,
  feeTotal: app.fee.total,
  feeJson: JSON.stringify(app.fee),
  paymentAuthorizationId: app.payment?.authorizationId ?? null,
  paymentIdempotencyKey: app.payment?.idempotencyKey ?? null,
  paymentAmount: app.payment?.amount ?? null,
  paymentStatus: app.payment?.status ?? null,
  accessSecretHash: app.accessSecretHash,
  residentAccountId: app.residentAccountId ?? null,
  submittedAt: app.submittedAt,
  updatedAt: app.updatedAt,
  finishedAt: applicationFinishedAt(app),
  personal: sealPersonal(dataKey, app.id, keyVersion, encodePersonal(app)),
});

/** Why a row could not be turned back into an application. */
export type RowProblem = "personal_unreadable" | "unknown_format";

/** Rebuilds the application from its row and its unwrapped data key. */
export const rowToApplication = (row: ApplicationRow, dataKey: Uint8Array): Application | RowProblem => {
  const plaintext = openPersonal(dataKey, row.id, row.keyVersion, row.personal);
  if (plaintext === null) return "personal_unreadable";
  const personal = decodePersonal(plaintext);
  if (personal === null) return "unknown_format";
  const payment: PaymentRecord | null =
    row.paymentAuthorizationId == null || personal.paymentCard === null
      ? null
      : {
          authorizationId: row.paymentAuthorizationId,
          idempotencyKey: IdempotencyKey(row.paymentIdempotencyKey ?? ""),
          amount: row.paymentAmount ?? 0,
          status: row.paymentStatus as PaymentRecord["status"],
          brand: personal.paymentCard.brand,
          last4: personal.paymentCard.last4,
        };
  return {
    id: ApplicationId(row.id),
    receiptNumber: ReceiptNumber(row.receiptNumber),
    submissionKey: row.submissionKey,
    procedureId: ProcedureId(row.procedureId),
    locale: row.locale as Locale,
    applicant: personal.applicant,
    request: personal.request,
    fee: JSON.parse(row.feeJson) as FeeBreakdown,
    status: row.status as ApplicationStatus,
    version: row.version,
    history: personal.history,
    signature: personal.signature,
    payment,
    accessSecretHash: row.accessSecretHash,
    submittedAt: row.submittedAt,
    updatedAt: row.updatedAt,
    ...(row.residentAccountId === null || row.residentAccountId === undefined ? {} : { residentAccountId: row.residentAccountId }),
    ...(personal.intake === undefined ? {} : { intake: personal.intake }),
  };
};
