import {
  ApplicationId,
  calculateFee,
  ProcedureId,
  ReceiptNumber,
  type Application,
  type ApplicationStatus,
} from "../src/index.ts";
import { must, shippedCatalog } from "./fixtures.ts";

/** A freshly submitted application (version 1, one history entry) with plausible data. */
export const submittedApplication = (overrides: Partial<Application> = {}): Application => {
  const catalog = shippedCatalog();
  const at = new Date("2026-11-23T01:00:00Z");
  return {
    id: ApplicationId("00000000-0000-4000-8000-000000000001"),
    receiptNumber: ReceiptNumber("20261123-7K3M9Q"),
    submissionKey: "sub_0123456789abcdef",
    procedureId: ProcedureId("juminhyo"),
    locale: "ja",
    applicant: {
      name: "見本 太郎",
      nameKana: "ミホン\u3000タロウ",
      postalCode: "1234567",
      address: "みほん市本町1-2-3",
      dateOfBirth: "1975-03-04",
      phone: "0312345678",
      email: "taro@example.jp",
    },
    request: { copies: 2, deliveryMethodId: "express", extra: {} },
    fee: calculateFee(must(catalog.procedures[0]), must(catalog.deliveryMethods[1]), 2),
    status: "submitted",
    version: 1,
    history: [{ from: null, to: "submitted", at, by: { kind: "resident" }, reason: null }],
    signature: null,
    payment: null,
    accessSecretHash: "0".repeat(64),
    submittedAt: at,
    updatedAt: at,
    ...overrides,
  };
};

/** The same application put directly in `status` (for tests of a single step). */
export const applicationIn = (status: ApplicationStatus): Application => submittedApplication({ status });
