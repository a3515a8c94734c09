import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createLocalKeyStore, destroyKeyFile } from "../src/index.ts";

describe("destroyKeyFile (crypto erase at service end)", () => {
  it("removes the key file, so a data key wrapped under it can no longer be unwrapped, even with the wrapped copy in hand", async () => {
    const keyFile = join(mkdtempSync(join(tmpdir(), "madoguchi-destroy-")), "keys", "data-kek.json");
    const keys = (await createLocalKeyStore({ keyFile, createIfMissing: true }))._unsafeUnwrap();
    const wrapped = (await keys.generateDataKey("application:a-1"))._unsafeUnwrap();
    expect(readFileSync(keyFile, "utf8")).toContain("madoguchi-local-keystore");

    expect(await destroyKeyFile(keyFile)).toBe(true);
    expect(existsSync(keyFile)).toBe(false);
    // A store opened afterwards gets a new key (or none), never the destroyed one.
    const after = (await createLocalKeyStore({ keyFile, createIfMissing: true }))._unsafeUnwrap();
    expect((await after.unwrapDataKey(wrapped.wrapped, wrapped.keyVersion, "application:a-1")).isErr()).toBe(true);
    expect(await destroyKeyFile(join(keyFile, "..", "absent.json"))).toBe(false);
  });
});
