/**
 * Port: a cryptographically secure random source (the platform CSPRNG). Core draws no randomness
 * itself; one-time codes and recovery codes are built from these bytes by the pure helpers beside
 * this port, so their distribution is tested in core.
 */
export interface SecureRandom {
  /** `length` bytes from a CSPRNG (e.g. `crypto.randomBytes`). */
  bytes(length: number): Uint8Array;
}
