import { createHash, X509Certificate } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type {
  LoadedRevocationHarness,
  RevocationDataState,
  RevocationHarness,
  RevokedEntry,
  RevocationWorld,
} from "@madoguchi/conformance/revocation-checker";
import type { RevocationChecker } from "@madoguchi/core";
import {
  addRevoked,
  createTestCa,
  issueTestCard,
  issueTestCrl,
  testCaCrlAt,
  type TestCa,
} from "../src/index.ts";
import { fromPem } from "../src/pem.ts";
import { holder, ISSUED_AT, EXPIRES_AT, PASSWORD } from "./fixtures.ts";

/** The time every contract check is made at. */
export const AT = new Date("2026-11-15T00:00:00Z");
const DAY = 86_400_000;

/** The CA whose certificates are checked, another CA (other name, other key), and the three cards' certificates. */
interface Pki {
  readonly ca: TestCa;
  readonly other: TestCa;
  readonly issuerDer: Uint8Array;
  readonly certificates: LoadedRevocationHarness["certificates"];
}

let pki: Promise<Pki> | undefined;
const loadPki = (): Promise<Pki> =>
  (pki ??= (async () => {
    const ca = (await createTestCa({ now: ISSUED_AT }))._unsafeUnwrap();
    const other = (await createTestCa({ now: ISSUED_AT, generation: "another issuer" }))._unsafeUnwrap();
    const certificates = await Promise.all(
      [0, 1, 2].map(async () => {
        const card = (
          await issueTestCard(ca, { basicInfo: holder, notBefore: ISSUED_AT, notAfter: EXPIRES_AT, signaturePassword: PASSWORD })
        )._unsafeUnwrap();
        return {
          certificateDer: fromPem("CERTIFICATE", card.certificatePem)!,
          serialNumber: new X509Certificate(card.certificatePem).serialNumber.toLowerCase(),
        };
      }),
    );
    return { ca, other, issuerDer: fromPem("CERTIFICATE", ca.certificatePem)!, certificates };
  })());

/** Who signs the CRL in each state: the issuer, another CA, or the issuer's name with another key. */
const signerFor = (p: Pki, state: RevocationDataState): TestCa =>
  state === "other_issuer"
    ? p.other
    : state === "bad_signature"
      ? { certificatePem: p.ca.certificatePem, privateKeyPkcs8Pem: p.other.privateKeyPkcs8Pem }
      : p.ca;

const publishedOf = (der: Uint8Array, number: number, thisUpdate: Date, nextUpdate: Date) => ({
  sha256: createHash("sha256").update(der).digest("hex"),
  number: String(number),
  thisUpdate,
  nextUpdate,
});

const harness = (world: (p: Pki, input: { revoked: readonly RevokedEntry[]; state: RevocationDataState }) => Promise<RevocationWorld>): RevocationHarness => ({
  load: async () => {
    const p = await loadPki();
    return { issuerDer: p.issuerDer, certificates: p.certificates, at: AT, world: (input) => world(p, input) };
  },
});

/**
 * The generic CRL checker over one CRL issued for the world: current (a day either side of `at`),
 * stale (nextUpdate a day before `at`), another CA's, or the issuer's name signed with another key.
 */
export const crlCheckerHarness = (make: (crls: readonly Uint8Array[]) => RevocationChecker): RevocationHarness =>
  harness(async (p, { revoked, state }) => {
    const [thisUpdate, nextUpdate] =
      state === "stale" ? [new Date(AT.getTime() - 3 * DAY), new Date(AT.getTime() - DAY)] : [new Date(AT.getTime() - DAY), new Date(AT.getTime() + DAY)];
    const crlNumber = 1 + Math.floor(Math.random() * 1000);
    const crl = (await issueTestCrl(signerFor(p, state), { thisUpdate, nextUpdate, crlNumber, revoked }))._unsafeUnwrap();
    return {
      checker: make([crl.der]),
      published: state === "current" || state === "stale" ? publishedOf(crl.der, crlNumber, thisUpdate, nextUpdate) : null,
    };
  });

const dirs: string[] = [];

/** Removes the revoked.json directories the test-CA harness made. */
export const removeHarnessDirectories = () => Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));

/**
 * The test CA's checker, which issues its own CRL from `revoked.json` at the clock's time: the
 * world writes the entries there and sets the clock (at `at`, or two days before for a stale CRL);
 * the CRL it must cite is the one the test CA issues for those inputs (same inputs, same CRL).
 */
export const testCaCheckerHarness = (make: (deps: { ca: TestCa; dir: string; now: Date }) => RevocationChecker): RevocationHarness =>
  harness(async (p, { revoked, state }) => {
    const dir = await mkdtemp(join(tmpdir(), "madoguchi-revocation-contract-"));
    dirs.push(dir);
    for (const entry of revoked) (await addRevoked(dir, entry))._unsafeUnwrap();
    const now = state === "stale" ? new Date(AT.getTime() - 2 * DAY) : AT;
    const ca = signerFor(p, state);
    const crl = (await testCaCrlAt(ca, now, revoked))._unsafeUnwrap();
    const thisUpdate = new Date(now.getTime() - 3_600_000);
    const nextUpdate = new Date(now.getTime() + DAY);
    return {
      checker: make({ ca, dir, now }),
      published: state === "current" || state === "stale" ? publishedOf(crl.der, Math.floor(now.getTime() / 1000), thisUpdate, nextUpdate) : null,
    };
  });
