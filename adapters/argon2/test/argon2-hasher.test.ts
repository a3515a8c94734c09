import { describe, expect, it } from "vitest";
import { parseArgon2idParameters } from "@madoguchi/core";
import { createArgon2Hasher, DEFAULT_ARGON2_OPTIONS } from "../src/index.ts";

describe("createArgon2Hasher", () => {
  it("writes the configured parameters into the PHC string", async () => {
    const hasher = (await createArgon2Hasher({ memoryKiB: 12_288, iterations: 3, parallelism: 2 }))._unsafeUnwrap();
    const hash = (await hasher.hash("a-password-to-hash"))._unsafeUnwrap();
    expect(hash.startsWith("$argon2id$v=19$m=12288,t=3,p=2$")).toBe(true);
    expect(parseArgon2idParameters(hash)).toEqual({ algorithm: "argon2id", memoryKiB: 12_288, iterations: 3, parallelism: 2 });
  });

  it("defaults to OWASP's m=19456 t=2 p=1", async () => {
    const hasher = (await createArgon2Hasher())._unsafeUnwrap();
    expect(hasher.policy).toEqual({ algorithm: "argon2id", ...DEFAULT_ARGON2_OPTIONS });
  });

  it("refuses costs below the OWASP floor, and malformed options, at construction", async () => {
    for (const bad of [
      { memoryKiB: 4_096, iterations: 10, parallelism: 1 },
      { memoryKiB: 19_456, iterations: 1, parallelism: 1 },
      { memoryKiB: 19_456, iterations: 2, parallelism: 0 },
      { memoryKiB: 19_456.5, iterations: 2, parallelism: 1 },
      { memoryKiB: 19_456, iterations: 2 },
    ]) {
      const result = await createArgon2Hasher(bad as never);
      expect(result.isErr(), JSON.stringify(bad)).toBe(true);
      expect(result._unsafeUnwrapErr().reason).toBe("unavailable");
    }
  });

  it("refuses to verify an Argon2i hash (another algorithm) as malformed rather than accepting it", async () => {
    const hasher = (await createArgon2Hasher())._unsafeUnwrap();
    const hash = (await hasher.hash("a-password-to-hash"))._unsafeUnwrap();
    const result = await hasher.verify(hash.replace("$argon2id$", "$argon2i$"), "a-password-to-hash");
    expect(result._unsafeUnwrapErr().reason).toBe("malformed_hash");
  });
});
