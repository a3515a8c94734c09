/** DER bytes of every `CERTIFICATE` PEM block in `pem`, in order (an empty list if there is none). */
export const certificatesFromPem = (pem: string): Uint8Array<ArrayBuffer>[] =>
  [...pem.matchAll(/-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/g)].map(
    ([, body]) => new Uint8Array(Buffer.from((body ?? "").replace(/\s+/g, ""), "base64")),
  );
