/**
 * PEM armour (RFC 7468) for certificates and PKCS#8 keys. Kept local because only DER bytes cross
 * library boundaries here: pkijs and @peculiar/x509 bundle different asn1js majors.
 */

/** Wraps DER bytes in a PEM block with the given label (e.g. `CERTIFICATE`, `PRIVATE KEY`). */
export const toPem = (label: string, der: Uint8Array): string => {
  const base64 = Buffer.from(der).toString("base64");
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
};

/**
 * The DER bytes of the first PEM block with `label`, or `null` when there is none or its body is not
 * base64 — callers turn that into their own error value.
 */
export const fromPem = (label: string, pem: string): Uint8Array<ArrayBuffer> | null => {
  const match = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`).exec(pem);
  const body = match?.[1]?.replace(/\s+/g, "");
  if (body === undefined || body.length === 0 || body.length % 4 !== 0) return null;
  return new Uint8Array(Buffer.from(body, "base64"));
};
