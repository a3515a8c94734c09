/**
 * The file types uploads are taken as, told by their first bytes (magic numbers), not by the name or the
 * Content-Type the browser sent: a file whose bytes are not what it claims is refused before any parser sees it.
 */
export type SniffedMediaType = "image/png" | "image/jpeg" | "image/tiff" | "application/pdf";

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

const SIGNATURES: readonly (readonly [SniffedMediaType, readonly number[]])[] = [
  ["image/png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ["image/jpeg", [0xff, 0xd8, 0xff]],
  ["image/tiff", [0x49, 0x49, 0x2a, 0x00]], // little-endian II*\0
  ["image/tiff", [0x4d, 0x4d, 0x00, 0x2a]], // big-endian MM\0*
  ["application/pdf", [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
];

/** The type the bytes are, or null when they are none of the types uploads take. */
export const sniffMediaType = (bytes: Uint8Array): SniffedMediaType | null => SIGNATURES.find(([, magic]) => startsWith(bytes, magic))?.[0] ?? null;

/** Whether the bytes are of the declared type (`image/jpeg; charset=…` parameters ignored, case-insensitive). */
export const bytesMatchMediaType = (bytes: Uint8Array, declared: string): boolean =>
  sniffMediaType(bytes) === declared.split(";")[0]?.trim().toLowerCase();

/**
 * Whether the bytes can be a text file (a CSV): no NUL byte in them. Shift_JIS and UTF-8 never have one in text;
 * an executable, an archive or an image almost always has one early.
 */
export const looksLikeText = (bytes: Uint8Array): boolean => !bytes.includes(0);
