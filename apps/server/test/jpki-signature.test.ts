import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { addRevoked } from "@madoguchi/adapter-test-card";
import type { ReceiptNumber } from "@madoguchi/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { juminhyoInput, residentSubmits } from "./support/api-client.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.dispose();
});

const stored = async (receiptNumber: string) =>
  (await server.deps.applications.findByReceiptNumber(receiptNumber as ReceiptNumber))._unsafeUnwrap();

describe("a signed submission is verified like a relying party and kept with its evidence", () => {
  it("stores the canonical JSON, the CMS, and the verification: purpose, anchor, 4-info, CRL evidence", async () => {
    const { prepared, submitted } = await residentSubmits(server, juminhyoInput());
    expect(submitted.status).toBe(201);
    const application = await stored(submitted.body.receiptNumber);
    const signature = application?.signature;
    expect(signature?.canonicalJson).toBe(prepared.body.canonicalJson);
    expect(signature?.cmsBase64).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const verification = signature?.verification;
    expect(verification?.purpose).toBe("signature");
    expect(verification?.trustAnchorSha256).toMatch(/^[0-9a-f]{64}$/);
    // The demo card's 4 basic information items, as its certificate carries them.
    expect(verification?.basicInformation?.name.length).toBeGreaterThan(0);
    expect(verification?.basicInformation?.dateOfBirth.raw).toMatch(/^[1-5][0-9]{8}$/);
    expect(verification?.revocation).toMatchObject({ source: "crl", serialNumber: signature?.signerSerialNumber });
    expect(verification?.revocation.crlSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(verification?.revocation.thisUpdate ?? "")).toBeLessThanOrEqual(signature!.verifiedAt.getTime());
  });

  it("refuses the card once its certificate is on the test CA's CRL, with signature.revoked and a Japanese message", async () => {
    const dir = join(server.dataDir, "test-card");
    const card = JSON.parse(readFileSync(join(dir, "card.json"), "utf8")) as { certificatePem: string };
    const serialNumber = new X509Certificate(card.certificatePem).serialNumber.toLowerCase();
    (await addRevoked(dir, { serialNumber, revokedAt: new Date(Date.now() - 60_000), reason: "affiliationChanged" }))._unsafeUnwrap();
    const { submitted } = await residentSubmits(server, juminhyoInput());
    expect(submitted.status).toBe(400);
    expect(submitted.body.error.code).toBe("signature.revoked");
    expect(submitted.body.error.message).toContain("失効");
    const en = await residentSubmits(server, { ...juminhyoInput(), locale: "en" });
    expect(en.submitted.body.error.message).toMatch(/revoked/i);
  });
});
