import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { errAsync, okAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import { KEY_STORE_CONTRACT, type KeyStore } from "@madoguchi/core";
import { describeKeyStoreContract, keyStoreCases } from "@madoguchi/conformance/key-store";

/** A small AES-GCM key store; each flaw breaks one promise of the contract. */
const fixtureKeyStore = (flaws: { ignoresContext?: boolean; reusesKey?: boolean; shortKeys?: boolean; ignoresTag?: boolean } = {}): KeyStore => {
  const kek = randomBytes(32);
  const fixed = randomBytes(32);
  const aad = (context: string) => Buffer.from(flaws.ignoresContext === true ? "" : context);
  return {
    meta: { contract: KEY_STORE_CONTRACT, name: "fixture", capabilities: new Set() },
    generateDataKey: (context) => {
      const plaintext = flaws.reusesKey === true ? fixed : randomBytes(flaws.shortKeys === true ? 16 : 32);
      const iv = randomBytes(12);
      const c = createCipheriv("aes-256-gcm", kek, iv).setAAD(aad(context));
      const body = Buffer.concat([c.update(plaintext), c.final()]);
      return okAsync({ plaintext: new Uint8Array(plaintext), wrapped: new Uint8Array(Buffer.concat([iv, body, c.getAuthTag()])), keyVersion: 1 });
    },
    unwrapDataKey: (wrapped, keyVersion, context) => {
      const fail = errAsync({ _tag: "KeyStoreError" as const, reason: "unwrap_failed" as const, operation: "unwrap", retryable: false, message: "x" });
      if (keyVersion !== 1 || wrapped.length < 28) return fail;
      const b = Buffer.from(wrapped);
      const d = createDecipheriv("aes-256-gcm", kek, b.subarray(0, 12)).setAAD(aad(context));
      d.setAuthTag(b.subarray(b.length - 16));
      const body = b.subarray(12, b.length - 16);
      if (flaws.ignoresTag === true) return okAsync(new Uint8Array(d.update(body)));
      try {
        return okAsync(new Uint8Array(Buffer.concat([d.update(body), d.final()])));
      } catch {
        return fail;
      }
    },
    healthCheck: () => okAsync(undefined),
  };
};

describeKeyStoreContract("flawless fixture", async () => fixtureKeyStore());

const caseNamed = (prefix: string) => {
  const found = keyStoreCases.find((c) => c.name.startsWith(prefix));
  if (found === undefined) throw new Error(`no case starting with ${prefix}`);
  return found;
};

describe("the key-store contract catches broken key stores", () => {
  const mustCatch: readonly [string, Parameters<typeof fixtureKeyStore>[0], string][] = [
    ["context not bound", { ignoresContext: true }, "refuses to unwrap under a different context"],
    ["same key every time", { reusesKey: true }, "never hands out the same key twice"],
    ["128-bit keys", { shortKeys: true }, "generates 32-byte data keys"],
    ["tag not checked", { ignoresTag: true }, "refuses every single flipped"],
  ];
  for (const [flaw, flaws, prefix] of mustCatch) {
    it(`${flaw} fails "${prefix}…"`, async () => {
      await expect(caseNamed(prefix).run(async () => fixtureKeyStore(flaws), { numRuns: 30 })).rejects.toThrow();
    }, 30_000);
  }
});
