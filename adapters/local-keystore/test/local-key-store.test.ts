import { createDecipheriv } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { KeyStore } from "@madoguchi/core";
import { createLocalKeyStore } from "../src/index.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "madoguchi-keystore-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = async (keyFile: string, createIfMissing = true): Promise<KeyStore> => {
  const result = await createLocalKeyStore({ keyFile, createIfMissing });
  if (result.isErr()) throw new Error(`unexpected: ${result.error.message}`);
  return result.value;
};

const readKeyFile = (keyFile: string) =>
  JSON.parse(readFileSync(keyFile, "utf8")) as { keys: { version: number; key: string; algorithm: string }[] };

describe("createLocalKeyStore", () => {
  it("creates the key file (and its directory) with mode 0600 holding one 256-bit key, version 1", async () => {
    const keyFile = join(dir, "keys", "nested", "kek.json");
    await open(keyFile);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, "keys", "nested")).mode & 0o077).toBe(0);
    const content = readKeyFile(keyFile);
    expect(content.keys).toHaveLength(1);
    expect(content.keys[0]?.version).toBe(1);
    expect(content.keys[0]?.algorithm).toBe("AES-256-GCM");
    expect(Buffer.from(content.keys[0]?.key ?? "", "base64")).toHaveLength(32);
    // no temporary file is left behind
    expect(readdirSync(join(dir, "keys", "nested"))).toEqual(["kek.json"]);
  });

  it("wraps as iv‖AES-256-GCM(ciphertext)‖tag under the KEK with AAD context|keyVersion", async () => {
    const keyFile = join(dir, "kek.json");
    const store = await open(keyFile);
    const key = (await store.generateDataKey("application:42"))._unsafeUnwrap();
    expect(key.wrapped).toHaveLength(12 + 32 + 16);
    const kek = Buffer.from(readKeyFile(keyFile).keys[0]?.key ?? "", "base64");
    const wrapped = Buffer.from(key.wrapped);
    const decipher = createDecipheriv("aes-256-gcm", kek, wrapped.subarray(0, 12));
    decipher.setAAD(Buffer.from(`application:42|${key.keyVersion}`, "utf8"));
    decipher.setAuthTag(wrapped.subarray(44));
    const plaintext = Buffer.concat([decipher.update(wrapped.subarray(12, 44)), decipher.final()]);
    expect(Array.from(plaintext)).toEqual(Array.from(key.plaintext));
  });

  it("keeps the key across restarts: a second instance on the same file unwraps the first one's keys", async () => {
    const keyFile = join(dir, "kek.json");
    const first = await open(keyFile);
    const key = (await first.generateDataKey("application:restart"))._unsafeUnwrap();
    const second = await open(keyFile, false);
    const unwrapped = (await second.unwrapDataKey(key.wrapped, key.keyVersion, "application:restart"))._unsafeUnwrap();
    expect(Array.from(unwrapped)).toEqual(Array.from(key.plaintext));
  });

  it("another key file (another KEK) cannot unwrap", async () => {
    const a = await open(join(dir, "a.json"));
    const b = await open(join(dir, "b.json"));
    const key = (await a.generateDataKey("application:x"))._unsafeUnwrap();
    const result = await b.unwrapDataKey(key.wrapped, key.keyVersion, "application:x");
    expect(result._unsafeUnwrapErr().reason).toBe("unwrap_failed");
  });

  it("two stores starting at once on a missing file agree on one KEK", async () => {
    const keyFile = join(dir, "race", "kek.json");
    const stores = await Promise.all(Array.from({ length: 8 }, () => open(keyFile)));
    const key = (await stores[0]!.generateDataKey("application:race"))._unsafeUnwrap();
    for (const store of stores) {
      const unwrapped = (await store.unwrapDataKey(key.wrapped, key.keyVersion, "application:race"))._unsafeUnwrap();
      expect(Array.from(unwrapped)).toEqual(Array.from(key.plaintext));
    }
    expect(readKeyFile(keyFile).keys).toHaveLength(1);
  });

  it("does not create a key file when createIfMissing is false", async () => {
    const keyFile = join(dir, "absent.json");
    const result = await createLocalKeyStore({ keyFile, createIfMissing: false });
    const error = result._unsafeUnwrapErr();
    expect(error).toMatchObject({ _tag: "KeyStoreError", reason: "unavailable", operation: "key-store.create", retryable: false });
    expect(existsSync(keyFile)).toBe(false);
  });

  it("refuses a key file that group or others can read", async () => {
    const keyFile = join(dir, "kek.json");
    await open(keyFile);
    chmodSync(keyFile, 0o644);
    const error = (await createLocalKeyStore({ keyFile, createIfMissing: false }))._unsafeUnwrapErr();
    expect(error.reason).toBe("unavailable");
    expect(error.message).toMatch(/0600/);
  });

  it("refuses a malformed key file without echoing its content", async () => {
    const keyFile = join(dir, "kek.json");
    for (const content of [
      "not json SECRET-CONTENT",
      JSON.stringify({ format: "madoguchi-local-keystore", formatVersion: 1, keys: [] }),
      JSON.stringify({ format: "madoguchi-local-keystore", formatVersion: 1, keys: [{ version: 1, algorithm: "AES-256-GCM", key: Buffer.alloc(16).toString("base64"), createdAt: "x" }] }),
    ]) {
      writeFileSync(keyFile, content, { mode: 0o600 });
      const error = (await createLocalKeyStore({ keyFile, createIfMissing: true }))._unsafeUnwrapErr();
      expect(error.reason).toBe("unavailable");
      expect(error.message).toMatch(/malformed/);
      expect(error.message).not.toContain("SECRET-CONTENT");
    }
  });

  it("validates its options at the boundary", async () => {
    for (const bad of [{ keyFile: "", createIfMissing: true }, { keyFile: 3, createIfMissing: true }, { keyFile: "/x/secret-path" }, null]) {
      const error = (await createLocalKeyStore(bad as never))._unsafeUnwrapErr();
      expect(error).toMatchObject({ _tag: "KeyStoreError", reason: "unavailable", retryable: false });
      expect(error.message).toMatch(/^invalid options/);
      expect(error.message).not.toContain("secret-path");
    }
  });

  it("reports an unknown key version as destroyed (the crypto-erase outcome)", async () => {
    const store = await open(join(dir, "kek.json"));
    const key = (await store.generateDataKey("application:v"))._unsafeUnwrap();
    const error = (await store.unwrapDataKey(key.wrapped, key.keyVersion + 1, "application:v"))._unsafeUnwrapErr();
    expect(error.reason).toBe("key_destroyed");
  });

  it("fails its health check once the key file is gone or replaced", async () => {
    const keyFile = join(dir, "kek.json");
    const store = await open(keyFile);
    expect((await store.healthCheck()).isOk()).toBe(true);
    rmSync(keyFile);
    expect((await store.healthCheck())._unsafeUnwrapErr().reason).toBe("unavailable");
    await open(keyFile); // a new, different KEK under the same name
    expect((await store.healthCheck())._unsafeUnwrapErr().message).toMatch(/no longer holds/);
  });
});
