import express from "express";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sha256DigestInfo, type JpkiSigner } from "@madoguchi/core";
import { afterEach, describe, expect, it } from "vitest";
import { createTestCardJpkiSigner, createTestCardRouter, loadOrCreateTestCardSetup, type TestCardSetup } from "../src/index.ts";

// The HTTP sign route (the browser's stand-in for the JPKI app) and the server's card signer (card
// login, signing through the service) use the same card.json. Each used to queue on its own, so a
// signature and a login at the same moment could both read "3 tries left" and both write 2.

const now = new Date("2026-11-01T00:00:00Z");
const clock = { now: () => new Date("2026-11-02T10:00:00Z") };
const WRONG = "WRONG999";

let root: string | undefined;
let server: Server | undefined;
afterEach(async () => {
  if (server !== undefined) await new Promise((resolve) => server!.close(resolve));
  if (root !== undefined) await rm(root, { recursive: true, force: true });
  server = undefined;
  root = undefined;
});

const serveRouter = async (setup: TestCardSetup): Promise<string> => {
  const app = express();
  app.use("/test-card", createTestCardRouter({ getCard: setup.getCard, saveCard: setup.saveCard, exclusive: setup.exclusive, clock }));
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/test-card`;
};

/** One wrong attempt through each path, as `triesLeft` after it or "locked". */
const throughRoute = async (base: string): Promise<number | "locked"> => {
  const response = await fetch(`${base}/api/sign`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ contentBase64: Buffer.from("doc").toString("base64"), password: WRONG }),
  });
  const body = (await response.json()) as { error: { code: string; triesLeft?: number } };
  if (response.status === 423) return "locked";
  expect(response.status).toBe(401);
  return body.error.triesLeft!;
};
const throughSigner = async (signer: JpkiSigner, sessionId: string): Promise<number | "locked"> => {
  const error = (await signer.completeSigning({ sessionId, completion: { kind: "secret", secret: WRONG } }))._unsafeUnwrapErr();
  if (error.reason === "locked") return "locked";
  expect(error.reason).toBe("wrong_secret");
  return error.triesLeft!;
};

describe("one queue per card file, shared by the HTTP route and the card signer", () => {
  it("interleaved wrong passwords through both paths count exactly: 5 tries, then locked", async () => {
    root = await mkdtemp(join(tmpdir(), "madoguchi-test-card-queue-"));
    const dir = join(root, "test-card");
    const setup = (await loadOrCreateTestCardSetup({ dir, now }))._unsafeUnwrap();
    // The server builds its signer from its own setup of the same directory: it must still share the queue.
    const other = (await loadOrCreateTestCardSetup({ dir, now }))._unsafeUnwrap();
    expect(other.exclusive).toBe(setup.exclusive);
    const signer = createTestCardJpkiSigner({ getCard: other.getCard, saveCard: other.saveCard, exclusive: other.exclusive, clock });
    const base = await serveRouter(setup);

    const digestInfo = sha256DigestInfo(new Uint8Array(createHash("sha256").update("doc").digest()));
    const sessions = [];
    for (let i = 0; i < 3; i++) sessions.push((await signer.startSigning({ digestInfo, key: "signature" }))._unsafeUnwrap().sessionId);

    // Six attempts at once, alternating paths: five count down 4…0 (the fifth locks), the sixth is refused as locked.
    const answers = await Promise.all([
      throughRoute(base),
      throughSigner(signer, sessions[0]!),
      throughRoute(base),
      throughSigner(signer, sessions[1]!),
      throughRoute(base),
      throughSigner(signer, sessions[2]!),
    ]);
    const counted = answers.filter((a): a is number => a !== "locked").sort();
    expect(counted).toEqual([0, 1, 2, 3, 4]);
    expect(answers.filter((a) => a === "locked")).toHaveLength(1);
    expect((await setup.getCard())._unsafeUnwrap()).toMatchObject({ triesLeft: 0, locked: true });
  });
});
