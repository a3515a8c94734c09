/** Port: a cryptographic digest. Core computes no hashes itself, so it stays free of platform APIs. */
export interface Hasher {
  /** SHA-256 of the UTF-8 bytes of `data`, lower-case hex. */
  sha256Hex(data: string): string;
}
