import { createTestCa, DEMO_BASIC_INFO, issueTestCard, type BasicInfo, type TestCa, type TestCard } from "../src/index.ts";

/** A fictional holder with MJ characters and a 4-byte UTF-8 character (𠮷). */
export const holder: BasicInfo = DEMO_BASIC_INFO;

export const PASSWORD = "MADO1234";
export const ISSUED_AT = new Date("2026-11-01T00:00:00Z");
export const EXPIRES_AT = new Date("2031-11-01T00:00:00Z");

/** A fresh test CA and a card issued by it (password {@link PASSWORD}). */
export const makeCaAndCard = async (): Promise<{ ca: TestCa; card: TestCard }> => {
  const ca = (await createTestCa({ now: ISSUED_AT }))._unsafeUnwrap();
  const card = (
    await issueTestCard(ca, { basicInfo: holder, notBefore: ISSUED_AT, notAfter: EXPIRES_AT, signaturePassword: PASSWORD })
  )._unsafeUnwrap();
  return { ca, card };
};
