/** Where clamd listens: TCP (`clamd.conf` TCPSocket/TCPAddr) or its Unix socket (LocalSocket). */
export type ClamdAddress = { readonly host: string; readonly port: number } | { readonly socket: string };

/**
 * clamd's address as configured (`MADOGUCHI_CLAMD`, `madoguchi malware-scan check --clamd`): `host:port`,
 * `[ipv6]:port`, or an absolute socket path; null for anything else.
 */
export const parseClamdAddress = (text: string): ClamdAddress | null => {
  const s = text.trim();
  if (s.startsWith("/")) return /[\u0000-\u001f]/.test(s) ? null : { socket: s };
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)):(\d{1,5})$/.exec(s);
  if (m === null) return null;
  const port = Number(m[3]);
  if (port < 1 || port > 65535) return null;
  return { host: m[1] ?? m[2]!, port };
};

/** The address as a person reads it back. */
export const clamdAddressText = (address: ClamdAddress): string =>
  "socket" in address ? address.socket : address.host.includes(":") ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
