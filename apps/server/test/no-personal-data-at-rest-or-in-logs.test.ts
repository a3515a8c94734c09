import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { findLuhnValidPans } from "@madoguchi/adapter-payment-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, juminhyoInput, residentSubmits, staffLogin, tokenize } from "./support/api-client.ts";
import { residentClient } from "./support/resident-client.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.dispose();
});

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

/** Katakana spelling of hex digits, so that a canary can sit in the furigana field too. */
const KANA_HEX = "アイウエオカキクケコサシスセソタ";
const kanaOf = (hex: string) => [...hex].map((c) => KANA_HEX[Number.parseInt(c, 16)]).join("");

describe("personal data is encrypted at rest and never logged (canary)", () => {
  it("after a whole flow, no canary is in the database file, its WAL, any file under ./data, or the logs", async () => {
    const id = randomUUID().replaceAll("-", "");
    const canaries = {
      name: `CANARY${id}太郎`,
      nameKana: kanaOf(id.slice(0, 16)),
      address: `みほん市CANARY${id}`,
      email: `canary${id}@example.jp`,
      phone: `090${id.replace(/\D/g, "").padEnd(8, "7").slice(0, 8)}`,
      reason: `CANARY${id}理由`,
      staffEmail: `staff-canary${id}@city.example.lg.jp`,
    };
    const { submitted } = await residentSubmits(
      server,
      juminhyoInput({
        applicant: { name: canaries.name, nameKana: canaries.nameKana, address: canaries.address, email: canaries.email, phone: canaries.phone },
      }),
    );
    expect(submitted.status).toBe(201);
    const staff = await staffLogin(server);
    const row = (await staff.list()).body.items.find((i: { receiptNumber: string }) => i.receiptNumber === submitted.body.receiptNumber);
    expect(row.applicantName).toBe(canaries.name); // decrypts for staff
    expect((await staff.command(row.id, "return", 1, canaries.reason)).status).toBe(200);
    // A staff member's notification address is personal data too: issued with one, it is sealed at rest.
    const issued = await call(`${server.staffUrl}/api/staff/admin/accounts`, { headers: staff.headers, body: { loginId: `canary.${id.slice(0, 8)}`, displayName: "職員", email: canaries.staffEmail } });
    expect(issued.status).toBe(201);
    await server.relay.runOnce();
    expect((await call(`${server.url}/api/dev/inbox`)).body.messages.some((m: { to: string }) => m.to === canaries.email)).toBe(true);

    const files = filesUnder(server.dataDir);
    expect(files.some((f) => f.endsWith(".sqlite"))).toBe(true);
    const haystacks = [...files.map((f) => ({ where: f, bytes: readFileSync(f) })), { where: "log", bytes: Buffer.from(server.logText()) }];
    for (const [field, canary] of Object.entries(canaries)) {
      for (const { where, bytes } of haystacks) {
        expect(bytes.includes(Buffer.from(canary, "utf8")), `${field} in ${where} (UTF-8)`).toBe(false);
        expect(bytes.includes(Buffer.from(canary, "utf16le")), `${field} in ${where} (UTF-16)`).toBe(false);
      }
    }
    // The log did record the events, without the data.
    expect(server.logText()).toContain("application submitted");
    expect(server.logText()).toContain(submitted.body.receiptNumber);
  });

  it("no card number reaches the server: none in the logs or under ./data", async () => {
    const typed = ["5555555555554444", "4000000000000002"];
    for (const cardNumber of typed) await residentSubmits(server, juminhyoInput(), { cardNumber });
    // The log is text: any Luhn-valid digit run there is a leak.
    expect(findLuhnValidPans(server.logText())).toEqual([]);
    // The data files are binary: a Luhn scan of them finds false positives (timestamps next to other
    // digits pass the check one time in ten), so look for the numbers actually typed, in both encodings.
    for (const f of filesUnder(server.dataDir)) {
      const bytes = readFileSync(f);
      for (const pan of typed) {
        expect(bytes.includes(Buffer.from(pan, "utf8")), `${pan} in ${f} (UTF-8)`).toBe(false);
        expect(bytes.includes(Buffer.from(pan, "utf16le")), `${pan} in ${f} (UTF-16)`).toBe(false);
      }
    }
  });

  it("no card number reaches the server with a saved card (R6) or a 3-D Secure challenge either: none in the logs or under ./data", async () => {
    const typed = { saved: "3530111333300000", challenged: "4000000000003220" };
    // A resident saves a card (only the gateway's token comes here) and pays with it by its id.
    const residents = residentClient(() => server.url, "luhn");
    const { email } = await residents.registeredAndVerified();
    const { cookie, csrf } = await residents.loginWithEmailCode(email);
    const saved = await call(`${server.url}/api/resident/payment-card`, { method: "PUT", body: { token: await tokenize(server, typed.saved) }, headers: { cookie, "x-csrf-token": csrf } });
    expect(saved.status).toBe(200);
    const paid = await residentSubmits(server, juminhyoInput(), { tamper: (body) => ({ ...body, payment: { savedCardId: saved.body.card.id } }) });
    // Without the owner's session the card cannot be charged; with it, it is.
    expect(paid.submitted.status).toBe(404);
    expect((await call(`${server.url}/api/applications`, { body: paid.body, headers: { cookie } })).status).toBe(201);
    // A challenged card: 402 with the issuer's page, the challenge, the same submission again.
    const challenged = await residentSubmits(server, juminhyoInput(), { cardNumber: typed.challenged });
    expect(challenged.submitted.body.error.code).toBe("payment.challenge_required");
    await fetch(challenged.submitted.body.challenge.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ origin: server.url, code: "123456" }),
    });
    expect((await call(`${server.url}/api/applications`, { body: challenged.body })).status).toBe(201);

    expect(findLuhnValidPans(server.logText())).toEqual([]);
    for (const f of filesUnder(server.dataDir)) {
      const bytes = readFileSync(f);
      for (const pan of Object.values(typed)) {
        expect(bytes.includes(Buffer.from(pan, "utf8")), `${pan} in ${f} (UTF-8)`).toBe(false);
        expect(bytes.includes(Buffer.from(pan, "utf16le")), `${pan} in ${f} (UTF-16)`).toBe(false);
      }
    }
  });

  it("staff views of personal data are recorded (who, what, which application) without the data", async () => {
    const { submitted } = await residentSubmits(server, juminhyoInput());
    const staff = await staffLogin(server);
    const row = (await staff.list()).body.items.find((i: { receiptNumber: string }) => i.receiptNumber === submitted.body.receiptNumber);
    await staff.detail(row.id);
    const audit = server
      .logText()
      .split("\n")
      .filter((l) => l.includes('"audit":true'))
      .map((l) => JSON.parse(l) as { event: string; target?: string; staffId?: string });
    expect(audit.some((e) => e.event === "application.viewed" && e.target === row.id && typeof e.staffId === "string")).toBe(true);
    expect(audit.some((e) => e.event === "staff.login")).toBe(true);
  });
});
