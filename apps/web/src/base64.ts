/**
 * Base64 of the UTF-8 bytes of a string — what the card signs is bytes, and the canonical JSON holds
 * Japanese text, so `btoa(text)` (Latin-1 only) would throw or sign something else.
 */
export function utf8ToBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  // Chunked: String.fromCharCode(...bytes) overflows the argument limit on large inputs.
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}
