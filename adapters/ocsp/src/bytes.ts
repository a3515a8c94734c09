/**
 * Byte helpers. WebCrypto and asn1js want `ArrayBuffer`s; Node hands out views over shared pools, so
 * every conversion copies to stay independent of the pool.
 */

/** A fresh `ArrayBuffer` holding exactly the bytes of `view`. */
export const toArrayBuffer = (view: Uint8Array): ArrayBuffer => {
  const copy = new Uint8Array(view.byteLength);
  copy.set(view);
  return copy.buffer;
};

/** Lower-case hex of `bytes`. */
export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");

/** Whether two byte strings are equal (not constant-time: only public data is compared). */
export const bytesEqual = (a: Uint8Array, b: Uint8Array): boolean =>
  a.byteLength === b.byteLength && a.every((byte, index) => byte === b[index]);

/** A digest of `data` via WebCrypto. */
export const digest = async (algorithm: "SHA-1" | "SHA-256", data: Uint8Array): Promise<Uint8Array> =>
  new Uint8Array(await globalThis.crypto.subtle.digest(algorithm, toArrayBuffer(data)));
