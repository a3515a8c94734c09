import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { ApplicationId, ReceiptNumber, type IdGenerator } from "@madoguchi/core";

/** Crockford base32 without I, L, O, U: easy to read out on the phone, no ambiguous characters. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** Receipt numbers `YYYYMMDD-XXXXXX`: the Japanese (JST) date and 30 random bits. */
export const formatReceiptNumber = (now: Date, random: () => number): ReceiptNumber => {
  const jst = new Date(now.getTime() + JST_OFFSET_MS);
  const date = jst.toISOString().slice(0, 10).replaceAll("-", "");
  let suffix = "";
  for (let i = 0; i < 6; i++) suffix += ALPHABET[random() % ALPHABET.length];
  return ReceiptNumber(`${date}-${suffix}`);
};

/** Ids from the operating system's CSPRNG. */
export const createRandomIdGenerator = (): IdGenerator => ({
  applicationId: () => ApplicationId(randomUUID()),
  receiptNumber: (now) => formatReceiptNumber(now, () => randomInt(ALPHABET.length)),
  secret: () => randomBytes(18).toString("base64url"),
  uuid: () => randomUUID(),
});
