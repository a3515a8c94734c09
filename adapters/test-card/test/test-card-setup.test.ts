import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { X509Certificate } from "node:crypto";
import { sha256DigestInfo } from "@madoguchi/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DEMO_AUTHENTICATION_PIN,
  DEMO_BASIC_INFO,
  DEMO_SIGNATURE_PASSWORD,
  issueTestCardFiles,
  loadOrCreateTestCardSetup,
  readTestCardInfo,
  signDetached,
  signDigestInfo,
  TEST_CARD_FILES,
} from "../src/index.ts";

const now = new Date("2026-11-01T00:00:00Z");
let dir: string;
beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), "madoguchi-test-card-")), "data", "test-card");
});
afterEach(async () => {
  await rm(join(dir, "..", ".."), { recursive: true, force: true });
});

describe("loadOrCreateTestCardSetup", () => {
  it("creates a CA and a demo card on first use, as owner-only files", async () => {
    const setup = (await loadOrCreateTestCardSetup({ dir, now }))._unsafeUnwrap();
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    for (const file of Object.values(TEST_CARD_FILES)) {
      expect((await stat(join(dir, file))).mode & 0o777).toBe(0o600);
    }
    expect(await readFile(join(dir, TEST_CARD_FILES.caCertificate), "utf8")).toBe(setup.ca.certificatePem);
    expect(await readFile(join(dir, TEST_CARD_FILES.caPrivateKey), "utf8")).toBe(setup.ca.privateKeyPkcs8Pem);
    expect(readTestCardInfo(setup.card)._unsafeUnwrap()).toMatchObject({
      holderName: DEMO_BASIC_INFO.name,
      triesLeft: 5,
      locked: false,
    });
    const signed = await signDetached(setup.card, new Uint8Array([1]), { password: DEMO_SIGNATURE_PASSWORD, signingTime: now });
    expect(signed.isOk()).toBe(true);
  });

  it("loads the same CA and card the second time, and sees saved card state", async () => {
    const first = (await loadOrCreateTestCardSetup({ dir, now }))._unsafeUnwrap();
    (await first.saveCard({ ...first.card, triesLeft: 2 }))._unsafeUnwrap();
    expect((await first.getCard())._unsafeUnwrap().triesLeft).toBe(2);

    const second = (await loadOrCreateTestCardSetup({ dir, now: new Date("2027-01-01T00:00:00Z") }))._unsafeUnwrap();
    expect(second.ca).toEqual(first.ca);
    expect(second.card).toEqual({ ...first.card, triesLeft: 2 });
    expect((await stat(join(dir, TEST_CARD_FILES.card))).mode & 0o777).toBe(0o600);
  });

  it("issues the demo card with an authentication key that signs with the demo PIN (card login)", async () => {
    const setup = (await loadOrCreateTestCardSetup({ dir, now }))._unsafeUnwrap();
    expect(setup.card.authentication).toMatchObject({ triesLeft: 3, locked: false });
    const digestInfo = sha256DigestInfo(new Uint8Array(32));
    expect((await signDigestInfo(setup.card, "authentication", digestInfo, DEMO_AUTHENTICATION_PIN)).isOk()).toBe(true);
    expect((await signDigestInfo(setup.card, "authentication", digestInfo, "9999"))._unsafeUnwrapErr().reason).toBe("wrong_password");
  });

  it("gives a card.json from before (no authentication key) one with the demo PIN, keeping its signature side", async () => {
    const first = (await loadOrCreateTestCardSetup({ dir, now }))._unsafeUnwrap();
    const { authentication: _dropped, ...older } = first.card;
    const olderCard = { ...older, triesLeft: 2 };
    (await first.saveCard(olderCard))._unsafeUnwrap();

    const second = (await loadOrCreateTestCardSetup({ dir, now: new Date("2027-01-01T00:00:00Z") }))._unsafeUnwrap();
    expect(second.card).toMatchObject(olderCard);
    expect(second.card.authentication).toMatchObject({ triesLeft: 3, locked: false });
    expect((await second.getCard())._unsafeUnwrap()).toEqual(second.card); // written back, not only in memory
    const digestInfo = sha256DigestInfo(new Uint8Array(32));
    const signed = (await signDigestInfo(second.card, "authentication", digestInfo, DEMO_AUTHENTICATION_PIN))._unsafeUnwrap();
    // The new authentication certificate is the CA's, with the signature certificate's validity.
    const authentication = new X509Certificate(signed.certificateDer);
    const signature = new X509Certificate(second.card.certificatePem);
    expect(authentication.verify(new X509Certificate(second.ca.certificatePem).publicKey)).toBe(true);
    expect(authentication.validTo).toBe(signature.validTo);
    expect(authentication.subject.split("\n").filter((l) => l.startsWith("L="))).toEqual(signature.subject.split("\n").filter((l) => l.startsWith("L=")));
    // Loading again changes nothing more.
    const third = (await loadOrCreateTestCardSetup({ dir, now }))._unsafeUnwrap();
    expect(third.card).toEqual(second.card);
  });

  it("issues a new demo card from the existing CA when card.json is gone", async () => {
    const first = (await loadOrCreateTestCardSetup({ dir, now }))._unsafeUnwrap();
    await rm(join(dir, TEST_CARD_FILES.card));
    const second = (await loadOrCreateTestCardSetup({ dir, now }))._unsafeUnwrap();
    expect(second.ca).toEqual(first.ca);
    expect(second.card.certificatePem).not.toBe(first.card.certificatePem);
  });

  it("reports a corrupt card.json and a half-present CA instead of silently replacing them", async () => {
    (await loadOrCreateTestCardSetup({ dir, now }))._unsafeUnwrap();
    await writeFile(join(dir, TEST_CARD_FILES.card), JSON.stringify({ triesLeft: 99 }));
    expect((await loadOrCreateTestCardSetup({ dir, now }))._unsafeUnwrapErr().reason).toBe("corrupt");
    await writeFile(join(dir, TEST_CARD_FILES.card), "{not json");
    expect((await loadOrCreateTestCardSetup({ dir, now }))._unsafeUnwrapErr().reason).toBe("corrupt");

    await rm(join(dir, TEST_CARD_FILES.caPrivateKey));
    expect((await loadOrCreateTestCardSetup({ dir, now }))._unsafeUnwrapErr().reason).toBe("corrupt");
  });

  it("reports file-system failures as unavailable", async () => {
    const file = join(dir, "..", "not-a-directory");
    await loadOrCreateTestCardSetup({ dir, now }); // creates the parents
    await writeFile(file, "");
    const error = (await loadOrCreateTestCardSetup({ dir: join(file, "test-card"), now }))._unsafeUnwrapErr();
    expect(error).toMatchObject({ reason: "unavailable", retryable: true });
  });
});

describe("issueTestCardFiles", () => {
  it("replaces the directory's card with a new one from the same CA, which the setup then loads", async () => {
    const first = (await loadOrCreateTestCardSetup({ dir, now }))._unsafeUnwrap();
    (await first.saveCard({ ...first.card, triesLeft: 0, locked: true }))._unsafeUnwrap();
    const issued = (
      await issueTestCardFiles({
        dir,
        now,
        basicInfo: { ...DEMO_BASIC_INFO, name: "窓口 花子" },
        signaturePassword: "HANAKO99",
      })
    )._unsafeUnwrap();
    expect(issued.ca).toEqual(first.ca);
    const reloaded = (await loadOrCreateTestCardSetup({ dir, now }))._unsafeUnwrap();
    expect(reloaded.card).toEqual(issued.card); // another holder, issued without an authentication key: left so
    expect(reloaded.card.authentication).toBeUndefined();
    expect(readTestCardInfo(reloaded.card)._unsafeUnwrap()).toMatchObject({
      holderName: "窓口 花子",
      triesLeft: 5,
      locked: false,
    });
    const signed = await signDetached(reloaded.card, new Uint8Array([1]), { password: "HANAKO99", signingTime: now });
    expect(signed.isOk()).toBe(true);
  });

  it("creates the CA when the directory is empty, and refuses an invalid password", async () => {
    const created = (
      await issueTestCardFiles({ dir, now, basicInfo: DEMO_BASIC_INFO, signaturePassword: "ABCDEF" })
    )._unsafeUnwrap();
    expect((await stat(join(dir, TEST_CARD_FILES.caPrivateKey))).mode & 0o777).toBe(0o600);
    expect((await loadOrCreateTestCardSetup({ dir, now }))._unsafeUnwrap().ca).toEqual(created.ca);
    const refused = await issueTestCardFiles({ dir, now, basicInfo: DEMO_BASIC_INFO, signaturePassword: "abc" });
    expect(refused._unsafeUnwrapErr().reason).toBe("invalid_input");
  });
});
