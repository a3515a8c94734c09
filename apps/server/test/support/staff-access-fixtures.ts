import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ApplicationId, ProcedureId, ReceiptNumber, StaffId, yen, type Application } from "@madoguchi/core";
import type { TestServer } from "./test-server.ts";

/** Offices added to the shipped catalog for the tests: 中央区役所 handles 住民票 and 戸籍, 北区役所 住民票 and 印鑑. */
export const TEST_OFFICES: Readonly<Record<string, readonly string[]>> = { juminhyo: ["chuo", "kita"], koseki: ["chuo"], inkan: ["kita"] };

/** Writes the shipped catalog with offices into `dir` and returns its path (for `MADOGUCHI_CATALOG_FILE`). */
export const catalogWithOffices = (dir: string): string => {
  const json = JSON.parse(readFileSync(new URL("../../../../config/procedures.json", import.meta.url), "utf8")) as Record<string, any>;
  json["offices"] = [
    { id: "chuo", name: { ja: "中央区役所", en: "Chuo Ward Office" } },
    { id: "kita", name: { ja: "北区役所", en: "Kita Ward Office" } },
  ];
  for (const p of json["procedures"] as Record<string, any>[]) {
    const offices = TEST_OFFICES[p["id"] as string];
    if (offices !== undefined) p["officeIds"] = offices;
  }
  const path = join(dir, "procedures-with-offices.json");
  writeFileSync(path, JSON.stringify(json));
  return path;
};

let sequence = 0;

/** A submitted application of a procedure, as the resident flow stores it (fields abbreviated, shape complete). */
export const submittedApplication = (procedureId: string, applicantName: string, at: Date): Application => {
  const n = ++sequence;
  return {
    id: ApplicationId(randomUUID()),
    receiptNumber: ReceiptNumber(`20261123-T${String(n).padStart(5, "0")}`),
    submissionKey: randomUUID(),
    procedureId: ProcedureId(procedureId),
    locale: "ja",
    applicant: {
      name: applicantName,
      nameKana: "まどぐち たろう",
      postalCode: "100-0001",
      address: "みほん県みほん市中央一丁目1番1号",
      dateOfBirth: "1975-03-04",
      phone: "03-1234-5678",
      email: "taro@example.jp",
    },
    request: { copies: 1, deliveryMethodId: "standard", extra: {} },
    fee: { lines: [{ kind: "certificate", label: { ja: "手数料", en: "Fee" }, unitPrice: yen(300), quantity: 1, amount: yen(300) }], total: yen(300) },
    status: "submitted",
    version: 1,
    history: [{ from: null, to: "submitted", at, by: { kind: "resident" }, reason: null }],
    signature: null,
    payment: null,
    accessSecretHash: "0".repeat(64),
    submittedAt: at,
    updatedAt: at,
  } as Application;
};

/**
 * A staff account and a live session for it, made with the server's own session store (test-only:
 * the login flow itself is tested elsewhere), stepped up by default. Returns the staff id and the headers of its requests.
 */
export const staffWithSession = async (server: TestServer, label: string, options: { readonly steppedUp?: boolean } = {}) => {
  const id = StaffId(randomUUID());
  const loginId = `${label}-${id.slice(0, 8)}`;
  (await server.deps.staff.insert({ id, loginId, displayName: label, passwordHash: "test-only:no-login", createdAt: new Date() }))._unsafeUnwrap();
  const created = await server.deps.sessions.create({ id, loginId, displayName: label });
  // As after a real sign-in, the second factor counts as a recent step-up (unless a test wants none).
  const session = options.steppedUp === false ? created : ((await server.deps.sessions.stepUp(created)) ?? created);
  return { id, loginId, headers: { cookie: `__Host-madoguchi-staff=${session.id}`, "x-csrf-token": session.csrfToken } };
};
