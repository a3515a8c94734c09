import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { describeKeyStoreContract } from "@madoguchi/conformance/key-store";
import { createLocalKeyStore } from "../src/index.ts";

const dir = mkdtempSync(join(tmpdir(), "madoguchi-keystore-contract-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

describeKeyStoreContract("local-keystore", async () => {
  n += 1;
  const result = await createLocalKeyStore({ keyFile: join(dir, `kek-${n}.json`), createIfMissing: true });
  if (result.isErr()) throw new Error(result.error.message);
  return result.value;
});
