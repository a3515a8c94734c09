import { createHmac, randomBytes } from "node:crypto";
import { err, ok, okAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import { TOTP_AUTHENTICATOR_CONTRACT, TotpSecret, type TotpAuthenticator, type TotpProvisioning } from "@madoguchi/core";
import { describeTotpAuthenticatorContract, totpAuthenticatorCases } from "@madoguchi/conformance/totp-authenticator";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const toBase32 = (bytes: Uint8Array) => {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return bits > 0 ? out + BASE32[(value << (5 - bits)) & 31] : out;
};
const fromBase32 = (text: string) => {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const c of text) {
    value = (value << 5) | BASE32.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
};

interface Flaws {
  /** Drops leading zeros ("5924" for "005924"). */
  unpadded?: boolean;
  /** HMAC-SHA-256 instead of SHA-1. */
  sha256?: boolean;
  /** 80-bit secrets. */
  shortSecrets?: boolean;
  /** The QR code holds a different URI than the one returned. */
  qrMismatch?: boolean;
  /** Accepts any text as a secret. */
  lenientSecrets?: boolean;
}

/** A node:crypto TOTP authenticator; the QR "image" is a token the read-back hook resolves. */
const fixture = (flaws: Flaws = {}) => {
  const qr = new Map<string, string>();
  const authenticator: TotpAuthenticator = {
    meta: { contract: TOTP_AUTHENTICATOR_CONTRACT, name: "fixture", capabilities: new Set() },
    generateSecret: () => TotpSecret(toBase32(randomBytes(flaws.shortSecrets === true ? 10 : 20))),
    codeAt: (secret, step) => {
      if (flaws.lenientSecrets !== true && !/^[A-Z2-7]{32,}$/.test(secret)) {
        return err({ _tag: "TotpError" as const, reason: "invalid_secret" as const, operation: "codeAt", retryable: false, message: "bad secret" });
      }
      const message = Buffer.alloc(8);
      message.writeBigUInt64BE(BigInt(step));
      const mac = createHmac(flaws.sha256 === true ? "sha256" : "sha1", fromBase32(secret)).update(message).digest();
      const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
      const code = String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000);
      return ok(flaws.unpadded === true ? code : code.padStart(6, "0"));
    },
    provisioning: (secret, label) => {
      const name = `${encodeURIComponent(label.issuer)}:${encodeURIComponent(label.accountName)}`;
      const uri = `otpauth://totp/${name}?issuer=${encodeURIComponent(label.issuer)}&secret=${secret}&algorithm=SHA1&digits=6&period=30`;
      const qrDataUrl = `data:image/png;base64,${randomBytes(12).toString("base64")}`;
      qr.set(qrDataUrl, flaws.qrMismatch === true ? uri.replace(secret, "A".repeat(32)) : uri);
      return okAsync({ uri, qrSvg: "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>", qrDataUrl });
    },
    healthCheck: () => okAsync(undefined),
  };
  const readQrCode = async (p: TotpProvisioning) => qr.get(p.qrDataUrl) ?? null;
  return { authenticator, readQrCode };
};

const flawless = fixture();
describeTotpAuthenticatorContract("flawless fixture", () => flawless.authenticator, { readQrCode: flawless.readQrCode });

const caseNamed = (prefix: string) => {
  const found = totpAuthenticatorCases.find((c) => c.name.startsWith(prefix));
  if (found === undefined) throw new Error(`no case starting with ${prefix}`);
  return found;
};

describe("the totp-authenticator contract catches broken adapters", () => {
  const mustCatch: readonly [string, Flaws, string][] = [
    ["codes not zero-padded", { unpadded: true }, "reproduces the RFC 6238"],
    ["HMAC-SHA-256", { sha256: true }, "reproduces the RFC 6238"],
    ["80-bit secrets", { shortSecrets: true }, "generates distinct base32 secrets"],
    ["QR holds another URI", { qrMismatch: true }, "provisioning: the QR codes"],
    ["any text taken as a secret", { lenientSecrets: true }, "refuses secrets"],
  ];
  for (const [flaw, flaws, prefix] of mustCatch) {
    it(`${flaw} fails "${prefix}…"`, async () => {
      const f = fixture(flaws);
      await expect(caseNamed(prefix).run(() => f.authenticator, { readQrCode: f.readQrCode, numRuns: 20 })).rejects.toThrow();
    });
  }
});
