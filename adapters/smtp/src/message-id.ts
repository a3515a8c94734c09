/**
 * The `Message-ID` header for a message id (RFC 5322 `msg-id`, `<left@right>`), derived so that a resend
 * of the same outbox message carries the same Message-ID and receivers can recognise it.
 *
 * Letters, digits, `-` and `_` are kept; every other character becomes `=` and the hex of its UTF-8
 * bytes (`=` itself included), which keeps the left part a valid dot-atom and the mapping injective:
 * two different ids never share a Message-ID.
 */
export const messageIdFor = (id: string, domain: string): string => {
  const left = Array.from(new TextEncoder().encode(id), (byte) => {
    const c = String.fromCharCode(byte);
    return /[A-Za-z0-9_-]/.test(c) ? c : `=${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }).join("");
  return `<${left}@${domain}>`;
};
