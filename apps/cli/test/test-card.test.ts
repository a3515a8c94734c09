import { X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jsonOf, madoguchi, STACK_TRACE, tempDir } from "./run-madoguchi.ts";

interface CardJson {
  holder: { name: string };
  notBefore: string;
  notAfter: string;
  validity: string;
  serialNumber: string;
  triesLeft: number;
  locked: boolean;
}
const cardOf = (run: Awaited<ReturnType<typeof madoguchi>>): CardJson => jsonOf<{ card: CardJson }>(run).card;

const HOLDER = ["--name", "髙橋 𠮷子", "--address", "みほん県みほん市中央一丁目1番1号", "--birth", "419900102", "--sex", "2", "--password", "MADO1234"];
const YEAR_MS = 365.25 * 86_400_000;

describe("madoguchi test-card", { timeout: 60_000 }, () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it("issues a card into a new directory, then shows it", async () => {
    const cardDir = join(dir.path, "test-card");
    const issued = await madoguchi(["test-card", "issue", "--dir", cardDir, ...HOLDER, "--json"]);
    expect(issued.code).toBe(0);
    const card = cardOf(issued);
    expect(card.holder.name).toBe("髙橋 𠮷子");
    expect(card.validity).toBe("valid");
    expect(card.triesLeft).toBe(5);
    expect(card.locked).toBe(false);
    const years = (Date.parse(card.notAfter) - Date.parse(card.notBefore)) / YEAR_MS;
    expect(years).toBeCloseTo(5, 1);

    // The files the server reads: the test CA and card.json, whose certificate is the one reported.
    for (const f of ["ca-certificate.pem", "ca-private-key.pem", "card.json"]) expect(existsSync(join(cardDir, f))).toBe(true);
    const stored = JSON.parse(readFileSync(join(cardDir, "card.json"), "utf8")) as { certificatePem: string; triesLeft: number };
    const certificate = new X509Certificate(stored.certificatePem);
    expect(certificate.validToDate.toISOString()).toBe(card.notAfter);
    expect(certificate.checkIssued(new X509Certificate(readFileSync(join(cardDir, "ca-certificate.pem"), "utf8")))).toBe(true);
    expect(BigInt(`0x${certificate.serialNumber}`)).toBe(BigInt(`0x${card.serialNumber}`));

    const shown = await madoguchi(["test-card", "show", "--dir", cardDir]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^テストカード: /);
    expect(shown.stdout).toMatch(/氏名\s+髙橋 𠮷子/);
    expect(shown.stdout).toMatch(/パスワード残り回数\s+5/);
    expect(shown.stdout).toMatch(/Holder\s+髙橋 𠮷子/);
    expect(shown.stdout).toContain(card.serialNumber);
    expect(shown.stdout).toMatch(/Locked\s+no/);

    // show reflects what the server wrote (here: a locked card after five wrong passwords).
    writeFileSync(join(cardDir, "card.json"), JSON.stringify({ ...stored, triesLeft: 0, locked: true }));
    const locked = cardOf(await madoguchi(["test-card", "show", "--dir", cardDir, "--json"]));
    expect({ triesLeft: locked.triesLeft, locked: locked.locked, serialNumber: locked.serialNumber }).toEqual({ triesLeft: 0, locked: true, serialNumber: card.serialNumber });
  });

  it("re-issuing replaces the card but keeps the directory's CA", async () => {
    const cardDir = join(dir.path, "card");
    const first = cardOf(await madoguchi(["test-card", "issue", "--dir", cardDir, ...HOLDER, "--json"]));
    const ca = readFileSync(join(cardDir, "ca-certificate.pem"), "utf8");
    const second = await madoguchi(["test-card", "issue", "--dir", cardDir, "--name", "山田 太郎", "--address", "東京都千代田区千代田1-1", "--birth", "319750304", "--sex", "1", "--password", "ABC123", "--valid-years", "2", "--json"]);
    expect(second.code).toBe(0);
    expect(cardOf(second).serialNumber).not.toBe(first.serialNumber);
    expect(readFileSync(join(cardDir, "ca-certificate.pem"), "utf8")).toBe(ca);
    const shown = cardOf(await madoguchi(["test-card", "show", "--dir", cardDir, "--json"]));
    expect(shown.holder.name).toBe("山田 太郎");
    expect((Date.parse(shown.notAfter) - Date.parse(shown.notBefore)) / YEAR_MS).toBeCloseTo(2, 1);
  });

  it("issues a revoked card (its serial on the test CA's revoked list) and a card with an authentication key", async () => {
    const revokedDir = join(dir.path, "revoked");
    const revoked = await madoguchi(["test-card", "issue", "--dir", revokedDir, ...HOLDER, "--revoked", "--auth-pin", "1234", "--json"]);
    expect(revoked.code).toBe(0);
    expect(jsonOf<{ revoked: boolean; authenticationKey: boolean }>(revoked)).toMatchObject({ revoked: true, authenticationKey: true });
    const list = JSON.parse(readFileSync(join(revokedDir, "revoked.json"), "utf8")) as { serialNumber: string; reason: string }[];
    expect(list).toHaveLength(1);
    expect(list[0]!.serialNumber.replace(/^0+/, "")).toBe(cardOf(revoked).serialNumber.toLowerCase().replace(/^0+/, ""));
    expect(list[0]!.reason).toBe("affiliationChanged");
    const stored = JSON.parse(readFileSync(join(revokedDir, "card.json"), "utf8")) as { authentication?: { triesLeft: number } };
    expect(stored.authentication?.triesLeft).toBe(3);

    const wrongPin = await madoguchi(["test-card", "issue", "--dir", join(dir.path, "pin"), ...HOLDER, "--auth-pin", "12a4", "--lang", "en"]);
    expect(wrongPin.code).not.toBe(0);
    expect(wrongPin.stderr).toContain("auth-pin");
  });

  it("show says whether the card is revoked, why and since when — as the test CA's revoked list says it now", async () => {
    const revokedDir = join(dir.path, "revoked");
    const issued = cardOf(await madoguchi(["test-card", "issue", "--dir", revokedDir, ...HOLDER, "--revoked", "--json"]));
    const shown = await madoguchi(["test-card", "show", "--dir", revokedDir]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/失効\s+失効済み（記載事項の変更（住所・氏名の変更など）、\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ）/);
    expect(shown.stdout).toMatch(/Revoked\s+yes \(details changed \(a change of address or name\), /);
    const json = jsonOf<{ card: { revocation: { revoked: boolean; reason: string; revokedAt: string } } }>(
      await madoguchi(["test-card", "show", "--dir", revokedDir, "--json"]),
    );
    expect(json.card.revocation).toMatchObject({ revoked: true, reason: "affiliationChanged" });
    expect(Date.parse(json.card.revocation.revokedAt)).toBeLessThanOrEqual(Date.now());

    // Another reason, written as the server's tooling would; and a revocation dated in the future is not in force yet.
    const list = JSON.parse(readFileSync(join(revokedDir, "revoked.json"), "utf8")) as { serialNumber: string; revokedAt: string; reason: string }[];
    writeFileSync(join(revokedDir, "revoked.json"), JSON.stringify([{ ...list[0]!, reason: "keyCompromise" }]));
    expect((await madoguchi(["test-card", "show", "--dir", revokedDir, "--lang", "en"])).stdout).toMatch(/Revoked\s+yes \(key compromise \(card lost or stolen\)/);
    writeFileSync(join(revokedDir, "revoked.json"), JSON.stringify([{ ...list[0]!, revokedAt: new Date(Date.now() + 86_400_000).toISOString() }]));
    expect(cardOf(await madoguchi(["test-card", "show", "--dir", revokedDir, "--json"]))).toMatchObject({ revocation: { revoked: false } });

    // A good card: 失効 なし. A damaged revoked list is an error, not "not revoked".
    const goodDir = join(dir.path, "good");
    await madoguchi(["test-card", "issue", "--dir", goodDir, ...HOLDER]);
    const good = await madoguchi(["test-card", "show", "--dir", goodDir]);
    expect(good.stdout).toMatch(/失効\s+なし/);
    expect(good.stdout).toMatch(/Revoked\s+no/);
    writeFileSync(join(goodDir, "revoked.json"), '[{"serialNumber": "zz"}]');
    const damaged = await madoguchi(["test-card", "show", "--dir", goodDir]);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toContain("revoked.json");
    expect(damaged.stderr).not.toMatch(STACK_TRACE);
    expect(issued.serialNumber).toBeTruthy();
  });

  it("issues an expired card with --expired, and a card starting at --not-before", async () => {
    const expiredDir = join(dir.path, "expired");
    const expired = await madoguchi(["test-card", "issue", "--dir", expiredDir, ...HOLDER, "--expired", "--lang", "en"]);
    expect(expired.code).toBe(0);
    expect(expired.stdout).toContain("(expired)");
    const shown = cardOf(await madoguchi(["test-card", "show", "--dir", expiredDir, "--json"]));
    expect(shown.validity).toBe("expired");
    expect(Date.parse(shown.notAfter)).toBeLessThan(Date.now());
    const stored = JSON.parse(readFileSync(join(expiredDir, "card.json"), "utf8")) as { certificatePem: string };
    expect(new X509Certificate(stored.certificatePem).validToDate.getTime()).toBeLessThan(Date.now());

    const startDir = join(dir.path, "start");
    const started = cardOf(await madoguchi(["test-card", "issue", "--dir", startDir, ...HOLDER, "--not-before", "2020-04-01", "--valid-years", "3", "--json"]));
    expect(started.notBefore).toBe("2020-04-01T00:00:00.000Z");
    expect(started.notAfter).toBe("2023-04-01T00:00:00.000Z");
    expect(started.validity).toBe("expired");
  });

  it("show exits 1 when the directory holds no card, and creates nothing", async () => {
    const empty = join(dir.path, "none");
    const run = await madoguchi(["test-card", "show", "--dir", empty, "--lang", "en"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error: no test card in ${empty} (issue one with madoguchi test-card issue)`);
    expect(existsSync(empty)).toBe(false);

    const damaged = join(dir.path, "damaged");
    mkdirSync(damaged);
    writeFileSync(join(damaged, "card.json"), '{"certificatePem": 1}');
    const bad = await madoguchi(["test-card", "show", "--dir", damaged]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("card.json がテストカードではありません");
    expect(bad.stderr).not.toMatch(STACK_TRACE);
  });

  it("rejects wrong values with exit 2, names every wrong option, and never repeats a value", async () => {
    const cardDir = join(dir.path, "bad");
    const run = await madoguchi([
      "test-card", "issue", "--dir", cardDir,
      "--name", "髙橋 𠮷子", "--address", "Springfield 742", "--birth", "419900230", "--sex", "4", "--password", "secret", "--valid-years", "0x1",
    ]);
    expect(run.code).toBe(2);
    for (const flag of ["--address", "--birth", "--sex", "--password", "--valid-years"]) expect(run.stderr).toContain(`--${flag.slice(2)} の値が正しくありません`);
    expect(run.stderr).toContain("invalid --password: 6 to 16 upper-case letters or digits");
    expect(run.stderr).not.toContain("Springfield");
    expect(run.stderr).not.toContain("secret");
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(existsSync(cardDir)).toBe(false);

    const notExpired = await madoguchi(["test-card", "issue", "--dir", cardDir, ...HOLDER, "--expired", "--not-before", "2025-01-01", "--lang", "en"]);
    expect(notExpired.code).toBe(2);
    expect(notExpired.stderr).toContain("with --expired, --not-before must be more than 5 years ago");

    const badDate = await madoguchi(["test-card", "issue", "--dir", cardDir, ...HOLDER, "--not-before", "2024-02-30", "--json"]);
    expect(badDate.code).toBe(2);
    expect(jsonOf<{ error: { code: string } }>(badDate).error.code).toBe("cli.invalid_value");
    expect(existsSync(cardDir)).toBe(false);
  });
});
