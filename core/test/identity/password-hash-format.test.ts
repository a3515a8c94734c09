import { describe, expect, it } from "vitest";
import { needsRehash, parseArgon2idParameters, type Argon2idPolicy } from "../../src/index.ts";

const policy: Argon2idPolicy = { algorithm: "argon2id", memoryKiB: 19456, iterations: 2, parallelism: 1 };
const phc = (m: number, t: number, p: number, v = 19) => `$argon2id$v=${v}$m=${m},t=${t},p=${p}$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA`;

describe("Argon2id PHC strings and needsRehash", () => {
  it("reads the parameters stored in the hash", () => {
    expect(parseArgon2idParameters(phc(65536, 3, 4))).toEqual({ algorithm: "argon2id", memoryKiB: 65536, iterations: 3, parallelism: 4 });
  });

  it("keeps a hash made with the current cost, or a higher one", () => {
    expect(needsRehash(phc(19456, 2, 1), policy)).toBe(false);
    expect(needsRehash(phc(65536, 3, 1), policy)).toBe(false);
    expect(needsRehash(phc(19456, 2, 4), policy)).toBe(false);
  });

  it("asks for a rehash when memory or time cost rose", () => {
    expect(needsRehash(phc(19456, 2, 1), { ...policy, memoryKiB: 47104 })).toBe(true);
    expect(needsRehash(phc(19456, 2, 1), { ...policy, iterations: 3 })).toBe(true);
  });

  it("asks for a rehash of other algorithms, other Argon2 versions and corrupt strings", () => {
    expect(needsRehash("scrypt$16384$8$1$c2FsdA$aGFzaA", policy)).toBe(true);
    expect(needsRehash(phc(19456, 2, 1).replace("argon2id", "argon2i"), policy)).toBe(true);
    expect(needsRehash(phc(19456, 2, 1, 16), policy)).toBe(true);
    expect(needsRehash(`${phc(19456, 2, 1)}$extra`, policy)).toBe(true);
    expect(needsRehash("", policy)).toBe(true);
  });
});
