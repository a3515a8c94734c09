import { createHash } from "node:crypto";
import type { Hasher } from "@madoguchi/core";

/** SHA-256 from node:crypto. */
export const createSha256Hasher = (): Hasher => ({
  sha256Hex: (data) => createHash("sha256").update(data, "utf8").digest("hex"),
});
