import { defineEntity, p, type InferEntity } from "@mikro-orm/core";

/**
 * Row of `applications`. Plain columns hold only what listing and lookups need and what is not
 * personal; the applicant, request answers, signature evidence, history (with reasons) and card
 * display data are ONE AES-256-GCM ciphertext in `personal`, under the row's own data key
 * (`wrappedKey`, wrapped by the KeyStore under key version `keyVersion`).
 */
export const ApplicationEntity = defineEntity({
  name: "ApplicationRow",
  tableName: "applications",
  properties: {
    id: p.string().primary(),
    receiptNumber: p.string(),
    submissionKey: p.string(),
    procedureId: p.string(),
    locale: p.string(),
    status: p.string(),
    version: p.integer(),
    feeTotal: p.integer(),
    feeJson: p.text(),
    paymentAuthorizationId: p.string().nullable(),
    paymentIdempotencyKey: p.string().nullable(),
    paymentAmount: p.integer().nullable(),
    paymentStatus: p.string().nullable(),
    accessSecretHash: p.string(),
    /** The submitting resident account (R8, migration 0005), or null. Not personal: a random id. */
    residentAccountId: p.string().nullable(),
    submittedAt: p.datetime(),
    updatedAt: p.datetime(),
    /** When it entered 完了, 不受理 or 取下げ (core's `applicationFinishedAt`), null in process: the retention's clock (migration 0016). */
    finishedAt: p.datetime().nullable(),
    keyVersion: p.integer(),
    wrappedKey: p.uint8array(),
    personal: p.uint8array(),
  },
});

/** A row of `applications` as MikroORM reads and writes it. */
export type ApplicationRow = InferEntity<typeof ApplicationEntity>;
