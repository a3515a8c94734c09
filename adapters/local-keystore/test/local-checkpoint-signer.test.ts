import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkpointSigningPayload } from "@madoguchi/core";
import { createLocalCheckpointSigner, ed25519SignatureVerifier, keyIdOf } from "../src/index.ts";

const dir = mkdtempSync(join(tmpdir(), "madoguchi-signer-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const unsigned = { segment: "2026-11", lastSeq: 42, lastHash: "ab".repeat(32), signedAt: new Date("2026-11-23T00:00:00.000Z"), keyId: "" };

describe("createLocalCheckpointSigner", () => {
  it("creates an Ed25519 key file (0600) on first start and signs checkpoints that verify under its public key", async () => {
    const keyFile = join(dir, "keys", "audit-signing.json");
    const signer = (await createLocalCheckpointSigner({ keyFile, createIfMissing: true }))._unsafeUnwrap();
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(signer.keyId).toBe(keyIdOf(signer.publicKey));
    const payload = checkpointSigningPayload({ ...unsigned, keyId: signer.keyId });
    const signature = (await signer.sign(payload))._unsafeUnwrap();
    expect(ed25519SignatureVerifier.verify(signer.publicKey, payload, signature)).toBe(true);
    expect(ed25519SignatureVerifier.verify(signer.publicKey, payload.replace("42", "43"), signature)).toBe(false);
    expect(ed25519SignatureVerifier.verify("not a key", payload, signature)).toBe(false);
    // Reopened, it is the same key.
    const again = (await createLocalCheckpointSigner({ keyFile, createIfMissing: false }))._unsafeUnwrap();
    expect(again.publicKey).toBe(signer.publicKey);
  });

  it("another key's signature does not verify", async () => {
    const a = (await createLocalCheckpointSigner({ keyFile: join(dir, "a.json"), createIfMissing: true }))._unsafeUnwrap();
    const b = (await createLocalCheckpointSigner({ keyFile: join(dir, "b.json"), createIfMissing: true }))._unsafeUnwrap();
    const payload = checkpointSigningPayload({ ...unsigned, keyId: a.keyId });
    expect(ed25519SignatureVerifier.verify(a.publicKey, payload, (await b.sign(payload))._unsafeUnwrap())).toBe(false);
  });

  it("refuses a missing file without createIfMissing, a group-readable file, and a file whose public key was swapped", async () => {
    expect((await createLocalCheckpointSigner({ keyFile: join(dir, "none.json"), createIfMissing: false }))._unsafeUnwrapErr()).toMatchObject({
      _tag: "CheckpointSignerError",
      reason: "key_missing",
    });
    const keyFile = join(dir, "c.json");
    (await createLocalCheckpointSigner({ keyFile, createIfMissing: true }))._unsafeUnwrap();
    chmodSync(keyFile, 0o640);
    expect((await createLocalCheckpointSigner({ keyFile, createIfMissing: false }))._unsafeUnwrapErr().message).toContain("chmod 600");
    chmodSync(keyFile, 0o600);
    const other = (await createLocalCheckpointSigner({ keyFile: join(dir, "d.json"), createIfMissing: true }))._unsafeUnwrap();
    const json = JSON.parse(readFileSync(keyFile, "utf8")) as Record<string, string>;
    writeFileSync(keyFile, JSON.stringify({ ...json, publicKey: other.publicKey }), { mode: 0o600 });
    expect((await createLocalCheckpointSigner({ keyFile, createIfMissing: false }))._unsafeUnwrapErr().message).toContain("not a valid");
  });
});
