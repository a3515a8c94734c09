import type { Application } from "@madoguchi/core";

/** UTF-16LE bytes of `text` (how SQL Server, some SQLite builds and Windows tools store text). */
export const utf16le = (text: string): Uint8Array => {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 * i] = unit & 0xff;
    bytes[2 * i + 1] = unit >> 8;
  }
  return bytes;
};

/** Whether `haystack` contains `needle` as a contiguous byte run. */
export const containsBytes = (haystack: Uint8Array, needle: Uint8Array): boolean =>
  Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).indexOf(Buffer.from(needle)) !== -1;

/** Whether `bytes` contain `text` encoded as UTF-8 or as UTF-16LE. */
export const containsText = (bytes: Uint8Array, text: string): boolean =>
  containsBytes(bytes, new TextEncoder().encode(text)) || containsBytes(bytes, utf16le(text));

/**
 * Puts `canary` into every personal field of `application`: all applicant fields, every
 * request.extra value, the signature's canonical JSON, CMS, subject, and every history reason.
 */
export const withCanary = (application: Application, canary: string): Application => ({
  ...application,
  applicant: {
    name: `${canary} 𠮷田 髙﨑`,
    nameKana: `${canary} ヨシダ`,
    postalCode: `${canary}1000001`,
    address: `${canary} 東京都千代田区千代田1-1`,
    dateOfBirth: `${canary}1990-01-01`,
    phone: `${canary}0312345678`,
    email: `${canary}@example.jp`,
  },
  request: {
    ...application.request,
    extra: { ...Object.fromEntries(Object.keys(application.request.extra).map((k) => [k, `${canary}-${k}`])), purpose: `${canary} 就職` },
  },
  signature: {
    canonicalJson: JSON.stringify({ name: canary }),
    cmsBase64: Buffer.from(canary, "utf8").toString("base64") + canary,
    signerSubject: `CN=${canary}`,
    signerIssuer: "OU=公的個人認証サービス, O=JPKI, C=JP",
    signerSerialNumber: "12345678",
    verifiedAt: application.submittedAt,
  },
  history: application.history.map((h) => ({ ...h, reason: `${canary} 理由` })),
});
