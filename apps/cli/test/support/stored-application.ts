import { ApplicationId, ProcedureId, ReceiptNumber, yen, type Application } from "@madoguchi/core";

/** An application in process as the server stores it (fake resident), for the commands that work on a database. */
const at = new Date("2026-11-24T00:00:00.000Z");
export const storedApplication: Application = {
  id: ApplicationId("00000000-0000-4000-8000-00000000e1a5"),
  receiptNumber: ReceiptNumber("20261124-ERASE1"),
  submissionKey: "erase-test",
  procedureId: ProcedureId("juminhyo"),
  locale: "ja",
  applicant: { name: "消去 太郎", nameKana: "ショウキョ タロウ", postalCode: "1000001", address: "みほん市中央1-1-1", dateOfBirth: "1980-01-01", phone: "0300000000", email: "erase@example.jp" },
  request: { copies: 1, deliveryMethodId: "standard", extra: {} },
  fee: { lines: [{ kind: "certificate", label: { ja: "手数料", en: "Fee" }, unitPrice: yen(300), quantity: 1, amount: yen(300) }], total: yen(300) },
  status: "processing",
  version: 1,
  history: [{ from: null, to: "submitted", at, by: { kind: "resident" }, reason: null }],
  signature: null,
  payment: null,
  accessSecretHash: "0".repeat(64),
  submittedAt: at,
  updatedAt: at,
} as Application;
