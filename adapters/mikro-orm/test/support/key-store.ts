import { join } from "node:path";
import type { KeyStore } from "@madoguchi/core";
import { createLocalKeyStore } from "@madoguchi/adapter-local-keystore";

/** A real local KeyStore with its key file in `dir`. */
export const localKeyStore = async (dir: string, name = "kek.json"): Promise<KeyStore> => {
  const result = await createLocalKeyStore({ keyFile: join(dir, "keys", name), createIfMissing: true });
  if (result.isErr()) throw new Error(result.error.message);
  return result.value;
};
