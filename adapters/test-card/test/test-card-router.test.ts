import express from "express";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { mkdtemp, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createTestCardRouter,
  DEMO_BASIC_INFO,
  TEST_CARD_FILES,
  DEMO_SIGNATURE_PASSWORD,
  loadOrCreateTestCardSetup,
  type TestCard,
  type TestCardSetup,
} from "../src/index.ts";
import { openssl } from "./openssl.ts";

const now = new Date("2026-11-01T00:00:00Z");
const clock = { now: () => new Date("2026-11-02T10:00:00.750Z") };
let root: string;
let setup: TestCardSetup;
let fresh: TestCard;
let server: Server;
let base: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "madoguchi-test-card-http-"));
  setup = (await loadOrCreateTestCardSetup({ dir: join(root, "test-card"), now }))._unsafeUnwrap();
  fresh = setup.card;
  const app = express();
  app.use("/test-card", createTestCardRouter({ getCard: setup.getCard, saveCard: setup.saveCard, exclusive: setup.exclusive, clock }));
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/test-card`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(root, { recursive: true, force: true });
});
beforeEach(async () => {
  (await setup.saveCard(fresh))._unsafeUnwrap();
});

const content = new TextEncoder().encode('{"type":"madoguchi.application/v1"}');
const sign = (body: unknown) =>
  fetch(`${base}/api/sign`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const signWith = (password: string) => sign({ contentBase64: Buffer.from(content).toString("base64"), password });

describe("test card HTTP surface", () => {
  it("signs with the right password: the CMS verifies with OpenSSL against the test CA", async () => {
    const response = await signWith(DEMO_SIGNATURE_PASSWORD);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const { cmsBase64 } = (await response.json()) as { cmsBase64: string };
    const verified = await openssl(
      { "ca.pem": setup.ca.certificatePem, "content.json": content, "sig.der": Buffer.from(cmsBase64, "base64") },
      () => ["cms", "-verify", "-binary", "-content", "content.json", "-inform", "DER", "-in", "sig.der",
        "-CAfile", "ca.pem", "-purpose", "any", "-out", "/dev/null"],
    );
    expect(verified.stderr).toContain("Verification successful");
    const printed = await openssl({ "sig.der": Buffer.from(cmsBase64, "base64") }, () => [
      "cms", "-cmsout", "-print", "-inform", "DER", "-in", "sig.der",
    ]);
    expect(printed.stdout).toContain("UTCTIME:Nov  2 10:00:00 2026 GMT"); // the clock's time, to the second
  });

  it("answers 401 with the tries left, persists the count, then 423 once locked — even for the right password", async () => {
    for (const triesLeft of [4, 3, 2, 1, 0]) {
      const response = await signWith("WRONG123");
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: "test_card.wrong_password", triesLeft } });
      expect((await setup.getCard())._unsafeUnwrap().triesLeft).toBe(triesLeft);
    }
    const locked = await signWith(DEMO_SIGNATURE_PASSWORD);
    expect(locked.status).toBe(423);
    expect(await locked.json()).toEqual({ error: { code: "test_card.locked" } });
    const card = await (await fetch(`${base}/api/card`)).json();
    expect(card).toMatchObject({ triesLeft: 0, locked: true });
  });

  it("resets the counter after the right password", async () => {
    await signWith("WRONG123");
    await signWith("WRONG123");
    expect((await signWith(DEMO_SIGNATURE_PASSWORD)).status).toBe(200);
    expect((await setup.getCard())._unsafeUnwrap().triesLeft).toBe(5);
  });

  it("serialises concurrent signs so that the last try is used only once", async () => {
    (await setup.saveCard({ ...fresh, triesLeft: 1 }))._unsafeUnwrap();
    const responses = await Promise.all([signWith("WRONG123"), signWith("WRONG124"), signWith("WRONG125")]);
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([401, 423, 423]);
  });

  it("serialises a burst of wrong passwords into exactly five 401s and then 423s", async () => {
    const responses = await Promise.all(Array.from({ length: 7 }, () => signWith("WRONG123")));
    const bodies = (await Promise.all(responses.map((response) => response.json()))) as {
      error: { code: string; triesLeft?: number };
    }[];
    const triesSeen = bodies.flatMap((body) => (body.error.triesLeft === undefined ? [] : [body.error.triesLeft]));
    expect(triesSeen.sort()).toEqual([0, 1, 2, 3, 4]);
    expect(bodies.filter((body) => body.error.code === "test_card.locked")).toHaveLength(2);
  });

  it.each([
    ["a lower-case password", { contentBase64: "AA==", password: "mado1234" }],
    ["a short password", { contentBase64: "AA==", password: "MADO1" }],
    ["content that is not base64", { contentBase64: "not base64!", password: "MADO1234" }],
    ["a missing field", { password: "MADO1234" }],
    ["a JSON array", []],
    ["malformed JSON", "{"],
  ])("answers 400 to %s without spending a try", async (_name, body) => {
    const response = await sign(body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("test_card.invalid_request");
    expect((await setup.getCard())._unsafeUnwrap().triesLeft).toBe(5);
  });

  it("shows the card: holder name, end of validity, tries and lock", async () => {
    const response = await fetch(`${base}/api/card`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      holderName: DEMO_BASIC_INFO.name,
      notAfter: "2031-11-01T00:00:00.000Z",
      triesLeft: 5,
      locked: false,
    });
  });

  it("answers 500 with a stable code, and spends nothing, when the card cannot be read", async () => {
    const file = join(root, "test-card", TEST_CARD_FILES.card);
    await rename(file, `${file}.away`);
    try {
      const signResponse = await signWith(DEMO_SIGNATURE_PASSWORD);
      expect(signResponse.status).toBe(500);
      expect(await signResponse.json()).toEqual({ error: { code: "test_card.unavailable" } });
      const cardResponse = await fetch(`${base}/api/card`);
      expect(cardResponse.status).toBe(500);
    } finally {
      await rename(`${file}.away`, file);
    }
    expect((await setup.getCard())._unsafeUnwrap().triesLeft).toBe(5);
  });
});
