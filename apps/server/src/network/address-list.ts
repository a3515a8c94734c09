import proxyaddr from "proxy-addr";

/**
 * A list of IP ranges in CIDR notation (`10.0.0.0/8`, `2001:db8::/32`, a single address), compiled
 * with proxy-addr — the library Express itself uses to decide which proxies to trust — so that the
 * allow-list and `trust proxy` read addresses exactly alike (IPv4-mapped IPv6 included).
 */
export interface AddressList {
  /** The ranges as configured, for logs and error messages (they are not personal data). */
  readonly ranges: readonly string[];
  includes(address: string): boolean;
}

/** Parses a comma-separated list; `null` when an entry is not an address or CIDR range. */
export const parseAddressList = (text: string): AddressList | null => {
  const ranges = text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  try {
    const trust = proxyaddr.compile(ranges);
    return { ranges, includes: (address) => trust(address, 0) };
  } catch {
    return null;
  }
};
