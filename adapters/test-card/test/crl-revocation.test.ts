import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  addRevoked,
  createCrlRevocationChecker,
  createTestCa,
  createTestCaRevocationChecker,
  issueTestCrl,
  type TestCa,
  type TestCard,
} from "../src/index.ts";
import { fromPem } from "../src/pem.ts";
import { makeCaAndCard } from "./fixtures.ts";
import { openssl } from "./openssl.ts";

const at = new Date("2026-11-15T00:00:00Z");
const window = { thisUpdate: new Date("2026-11-14T00:00:00Z"), nextUpdate: new Date("2026-11-16T00:00:00Z") };

let ca: TestCa;
let card: TestCard;
let other: TestCa;
let certificateDer: Uint8Array;
let issuerDer: Uint8Array;
let serialNumber: string;

beforeAll(async () => {
  ({ ca, card } = await makeCaAndCard());
  other = (await createTestCa({ now: new Date("2026-11-01T00:00:00Z") }))._unsafeUnwrap(); // same name, other key
  certificateDer = fromPem("CERTIFICATE", card.certificatePem)!;
  issuerDer = fromPem("CERTIFICATE", ca.certificatePem)!;
  const { X509Certificate } = await import("node:crypto");
  serialNumber = new X509Certificate(card.certificatePem).serialNumber.toLowerCase();
});

const checkerWith = (...crls: Uint8Array[]) => createCrlRevocationChecker({ crls: async () => crls });

describe("createCrlRevocationChecker", () => {
  it("answers good from the issuer's current CRL, with the evidence that says which CRL", async () => {
    const crl = (await issueTestCrl(ca, { ...window, crlNumber: 42, revoked: [] }))._unsafeUnwrap();
    const status = (await checkerWith(crl.der).check({ certificateDer, issuerDer, at }))._unsafeUnwrap();
    expect(status.status).toBe("good");
    expect(status.evidence).toMatchObject({
      source: "crl",
      crlNumber: "42",
      thisUpdate: window.thisUpdate,
      nextUpdate: window.nextUpdate,
      serialNumber: expect.stringMatching(new RegExp(`${serialNumber.replace(/^0+/, "")}$`)),
    });
    expect(status.evidence?.source === "crl" && status.evidence.crlSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("answers revoked with the reason and date when the serial is listed (and good before that date)", async () => {
    const revokedAt = new Date("2026-11-14T06:00:00Z");
    const crl = (
      await issueTestCrl(ca, { ...window, crlNumber: 43, revoked: [{ serialNumber, revokedAt, reason: "affiliationChanged" }] })
    )._unsafeUnwrap();
    const status = (await checkerWith(crl.der).check({ certificateDer, issuerDer, at }))._unsafeUnwrap();
    expect(status).toMatchObject({ status: "revoked", reason: "affiliationChanged", revokedAt });
    const before = (await checkerWith(crl.der).check({ certificateDer, issuerDer, at: new Date("2026-11-14T03:00:00Z") }))._unsafeUnwrap();
    expect(before.status).toBe("good");
  });

  it("answers unknown without a CRL, with a stale or future CRL, or one signed by another key of the same name", async () => {
    expect((await checkerWith().check({ certificateDer, issuerDer, at }))._unsafeUnwrap().status).toBe("unknown");
    const stale = (await issueTestCrl(ca, { thisUpdate: new Date("2026-11-01T00:00:00Z"), nextUpdate: new Date("2026-11-02T00:00:00Z"), crlNumber: 1, revoked: [] }))._unsafeUnwrap();
    const staleStatus = (await checkerWith(stale.der).check({ certificateDer, issuerDer, at }))._unsafeUnwrap();
    expect(staleStatus.status).toBe("unknown");
    expect(staleStatus.evidence).not.toBeNull(); // says which CRL was too old
    const future = (await issueTestCrl(ca, { thisUpdate: new Date("2026-11-20T00:00:00Z"), nextUpdate: new Date("2026-11-21T00:00:00Z"), crlNumber: 2, revoked: [] }))._unsafeUnwrap();
    expect((await checkerWith(future.der).check({ certificateDer, issuerDer, at }))._unsafeUnwrap().status).toBe("unknown");
    // An impostor's CRL does not count — neither to clear nor to revoke.
    const forged = (await issueTestCrl(other, { ...window, crlNumber: 3, revoked: [] }))._unsafeUnwrap();
    const withForged = checkerWith(forged.der);
    // Twice: the checker remembers CRLs it verified, and must remember a failed signature as failed.
    for (const _ of [1, 2]) expect((await withForged.check({ certificateDer, issuerDer, at }))._unsafeUnwrap().status).toBe("unknown");
  });

  it("refuses input that is not DER as invalid_input, without throwing", async () => {
    const error = (await checkerWith().check({ certificateDer: new Uint8Array([1, 2]), issuerDer, at }))._unsafeUnwrapErr();
    expect(error).toMatchObject({ _tag: "RevocationError", reason: "invalid_input", retryable: false });
  });

  it("issues CRLs that OpenSSL reads and verifies against the CA", async () => {
    const crl = (
      await issueTestCrl(ca, { ...window, crlNumber: 44, revoked: [{ serialNumber, revokedAt: window.thisUpdate, reason: "keyCompromise" }] })
    )._unsafeUnwrap();
    const run = await openssl({ "crl.pem": crl.pem, "ca.pem": ca.certificatePem }, () => ["crl", "-in", "crl.pem", "-CAfile", "ca.pem", "-noout", "-text"]);
    expect(run.stderr).toMatch(/verify OK/);
    expect(run.stdout).toMatch(/Key Compromise/);
    expect(run.stdout).toMatch(/X509v3 CRL Number:\s*44/);
  });
});

describe("createTestCaRevocationChecker", () => {
  it("revokes what revoked.json lists at the very next check, through the CRL it issues", async () => {
    const dir = await mkdtemp(join(tmpdir(), "madoguchi-revoked-"));
    try {
      const checker = createTestCaRevocationChecker({ ca, dir, clock: { now: () => at } });
      expect((await checker.check({ certificateDer, issuerDer, at }))._unsafeUnwrap().status).toBe("good");
      (await addRevoked(dir, { serialNumber, revokedAt: new Date("2026-11-14T00:00:00Z"), reason: "superseded" }))._unsafeUnwrap();
      expect((await checker.check({ certificateDer, issuerDer, at }))._unsafeUnwrap()).toMatchObject({ status: "revoked", reason: "superseded" });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("hands out the same CRL for a minute while the list is unchanged, then a newer one (a later cRLNumber)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "madoguchi-revoked-"));
    try {
      let now = at;
      const checker = createTestCaRevocationChecker({ ca, dir, clock: { now: () => now } });
      const evidence = async () => {
        const status = (await checker.check({ certificateDer, issuerDer, at: now }))._unsafeUnwrap();
        return status.status === "good" && status.evidence.source === "crl" ? status.evidence : null;
      };
      const first = await evidence();
      now = new Date(at.getTime() + 59_000);
      expect(await evidence()).toEqual(first);
      now = new Date(at.getTime() + 61_000);
      const later = await evidence();
      expect(later?.crlSha256).not.toBe(first?.crlSha256);
      expect(BigInt(later?.crlNumber ?? "0")).toBeGreaterThan(BigInt(first?.crlNumber ?? "0"));
      // A clock set back gets a CRL current at its time, not the one issued "later".
      now = new Date(at.getTime() - 7_200_000);
      expect((await checker.check({ certificateDer, issuerDer, at: now }))._unsafeUnwrap().status).toBe("good");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
