/**
 * The little DER (X.690) that core needs to build CMS signed attributes and assemble a detached
 * SignedData from a card's signature value: a few encoders and a TLV reader. Pure, no ASN.1 library
 * (core imports none); adapters verify with a full one (pkijs), and OpenSSL cross-checks both.
 */

const concat = (parts: readonly Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};

const lengthBytes = (length: number): Uint8Array => {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
};

/** One TLV with `tag` (a single identifier octet) around `content`. */
export const tlv = (tag: number, ...content: readonly Uint8Array[]): Uint8Array => {
  const body = concat(content);
  return concat([Uint8Array.of(tag), lengthBytes(body.length), body]);
};

export const derSequence = (...items: readonly Uint8Array[]) => tlv(0x30, ...items);

// X.690 §11.6: a SET OF is ordered by its elements' encodings, the shorter padded with zero bytes.
const compareDer = (a: Uint8Array, b: Uint8Array): number => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
};

/** A SET OF in DER order; `tag` 0xa0 gives the `[0] IMPLICIT` form CMS uses for signed attributes. */
export const derSetOf = (items: readonly Uint8Array[], tag = 0x31) => tlv(tag, ...[...items].sort(compareDer));

export const derOctetString = (bytes: Uint8Array) => tlv(0x04, bytes);
export const derNull = () => Uint8Array.of(0x05, 0x00);

/** Small non-negative INTEGER (versions). */
export const derSmallInteger = (value: number) => tlv(0x02, Uint8Array.of(value));

/** OBJECT IDENTIFIER from dotted form. */
export const derOid = (dotted: string): Uint8Array => {
  const arcs = dotted.split(".").map(Number);
  const [first = 0, second = 0, ...rest] = arcs;
  const out: number[] = [];
  for (const arc of [first * 40 + second, ...rest]) {
    const septets: number[] = [];
    for (let n = arc; ; n = Math.floor(n / 128)) {
      septets.unshift(n % 128);
      if (n < 128) break;
    }
    septets.forEach((s, i) => out.push(i < septets.length - 1 ? s | 0x80 : s));
  }
  return tlv(0x06, Uint8Array.from(out));
};

const two = (n: number) => String(n).padStart(2, "0");

/** RFC 5652 §11.3 / RFC 5280: UTCTime for 1950–2049, GeneralizedTime otherwise; whole seconds, UTC. */
export const derTime = (date: Date): Uint8Array => {
  const y = date.getUTCFullYear();
  const rest = `${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}Z`;
  return y >= 1950 && y < 2050
    ? tlv(0x17, new TextEncoder().encode(`${two(y % 100)}${rest}`))
    : tlv(0x18, new TextEncoder().encode(`${String(y).padStart(4, "0")}${rest}`));
};

/** A TLV found in a buffer: `der` is the whole element, `content` its value. */
export interface DerElement {
  readonly tag: number;
  readonly der: Uint8Array;
  readonly content: Uint8Array;
}

/** Reads the TLV starting at `offset`; `null` when the bytes are not a definite-length DER TLV. */
export const readDer = (bytes: Uint8Array, offset = 0): DerElement | null => {
  const tag = bytes[offset];
  const first = bytes[offset + 1];
  if (tag === undefined || first === undefined || (tag & 0x1f) === 0x1f) return null;
  let length = first;
  let header = 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) return null;
    length = 0;
    for (let i = 0; i < count; i++) {
      const b = bytes[offset + 2 + i];
      if (b === undefined) return null;
      length = length * 256 + b;
    }
    header += count;
  }
  const end = offset + header + length;
  if (end > bytes.length) return null;
  return { tag, der: bytes.subarray(offset, end), content: bytes.subarray(offset + header, end) };
};

/** The children of a constructed element, or `null` if they do not tile its content exactly. */
export const derChildren = (element: DerElement): readonly DerElement[] | null => {
  const children: DerElement[] = [];
  for (let offset = 0; offset < element.content.length; ) {
    const child = readDer(element.content, offset);
    if (child === null) return null;
    children.push(child);
    offset += child.der.length;
  }
  return children;
};
