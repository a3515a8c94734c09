import { createTestCa, type TestCa } from "@madoguchi/adapter-test-card";
import { beforeAll, describe, expect, it } from "vitest";
import { createSignatureWorkerPool } from "../src/signature-worker-pool.ts";

const at = new Date("2026-11-15T00:00:00Z");
let ca: TestCa;
beforeAll(async () => {
  ca = (await createTestCa({ now: new Date("2026-01-01T00:00:00Z") }))._unsafeUnwrap();
});

describe("the signature worker pool", () => {
  it("answers a CMS its parsers cannot read as malformed, from a worker, on as many checks at once as asked", async () => {
    const pool = createSignatureWorkerPool(2, { trustAnchorsPem: [ca.certificatePem] });
    try {
      const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => pool.check({ content: new Uint8Array([n]), cms: new Uint8Array([0x30, n]), at, purpose: "signature" })));
      for (const answer of answers) expect(answer._unsafeUnwrapErr()).toMatchObject({ _tag: "SignatureError", reason: "malformed" });
    } finally {
      await pool.close();
    }
  });

  it("answers the checks under way unavailable (to retry) when its workers stop, and starts a new worker for the next", async () => {
    const pool = createSignatureWorkerPool(1, { trustAnchorsPem: [ca.certificatePem] });
    const underWay = pool.check({ content: new Uint8Array(1), cms: new Uint8Array([0x30, 0]), at, purpose: "signature" });
    await pool.close();
    expect((await underWay)._unsafeUnwrapErr()).toMatchObject({ reason: "unavailable", retryable: true });
    const next = await pool.check({ content: new Uint8Array(1), cms: new Uint8Array([0x30, 0]), at, purpose: "signature" });
    expect(next._unsafeUnwrapErr().reason).toBe("malformed");
    await pool.close();
  });
});
