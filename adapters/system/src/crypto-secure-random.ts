import { randomBytes } from "node:crypto";
import type { SecureRandom } from "@madoguchi/core";

/** The operating system's CSPRNG (`crypto.randomBytes`), for one-time and recovery codes. */
export const createCryptoSecureRandom = (): SecureRandom => ({
  bytes: (length) => new Uint8Array(randomBytes(length)),
});
