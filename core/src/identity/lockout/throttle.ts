/**
 * Token-bucket throttles against credential stuffing (one network trying one password on each of
 * many accounts, which per-account lockout never sees). Each failed attempt takes a token; tokens
 * come back at a steady rate up to `burst`. Pure: the bucket is plain data kept by the caller.
 */
export interface ThrottlePolicy {
  /** Tokens in a full bucket: failures allowed in a burst. */
  readonly burst: number;
  /** One token comes back every this many milliseconds. */
  readonly refillEveryMs: number;
}

/** A bucket as stored: its tokens at `updatedAt` (fractions kept so slow refill is exact). */
export interface ThrottleBucket {
  readonly tokens: number;
  readonly updatedAt: Date;
}

/**
 * Per source address (an IPv4 address or an IPv6 /64, see {@link throttleKeyForAddress}): 100
 * failures at once, then one more every 36 s (100 an hour). A household or a city-hall NAT mistyping
 * never gets near it; "one try on each of 500 accounts" trips it at the 101st.
 */
export const PER_ADDRESS_THROTTLE: ThrottlePolicy = { burst: 100, refillEveryMs: 36_000 };

/**
 * Over the whole service: 2,000 failures at once, then one every 100 ms (36,000 an hour) — far above
 * a municipality's normal failure rate, so that only a distributed attack trips it. Tripping it
 * refuses logins everywhere for a while (`LoginThrottled` with scope `global`), which is a denial of
 * service the attacker causes on purpose: the app should page an operator, and may prefer to add
 * friction (a CAPTCHA, a second factor) instead; the policy is configurable for that reason.
 */
export const GLOBAL_THROTTLE: ThrottlePolicy = { burst: 2_000, refillEveryMs: 100 };

/** A bucket that has never been used. */
export const fullThrottleBucket = (policy: ThrottlePolicy, now: Date): ThrottleBucket => ({ tokens: policy.burst, updatedAt: now });

/** The bucket refilled up to `now` (never beyond `burst`; time going backwards adds nothing). */
export const refillThrottleBucket = (bucket: ThrottleBucket | null, now: Date, policy: ThrottlePolicy): ThrottleBucket => {
  if (bucket === null) return fullThrottleBucket(policy, now);
  const elapsed = Math.max(0, now.getTime() - bucket.updatedAt.getTime());
  return { tokens: Math.min(policy.burst, bucket.tokens + elapsed / policy.refillEveryMs), updatedAt: now };
};

/** Whether an attempt may go ahead: at least one whole token is left. Does not take it. */
export const throttleAllows = (bucket: ThrottleBucket | null, now: Date, policy: ThrottlePolicy): boolean =>
  refillThrottleBucket(bucket, now, policy).tokens >= 1;

/** When the next attempt will be allowed (now if it already is). */
export const throttleRetryAt = (bucket: ThrottleBucket | null, now: Date, policy: ThrottlePolicy): Date => {
  const current = refillThrottleBucket(bucket, now, policy);
  return current.tokens >= 1 ? now : new Date(now.getTime() + Math.ceil((1 - current.tokens) * policy.refillEveryMs));
};

/** Records one failed attempt: takes a token (not below zero). */
export const takeThrottleToken = (bucket: ThrottleBucket | null, now: Date, policy: ThrottlePolicy): ThrottleBucket => {
  const current = refillThrottleBucket(bucket, now, policy);
  return { tokens: Math.max(0, current.tokens - 1), updatedAt: now };
};

/** Rewrites a trailing dotted IPv4 part (`64:ff9b::192.0.2.1`) as two hex groups; `null` if it is not a valid IPv4. */
const embeddedIpv4ToHex = (text: string): string | null => {
  const m = /^(.*:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (m === null) return text;
  const parts = (m[2] ?? "").split(".").map(Number);
  if (parts.some((n) => n > 255)) return null;
  const [a = 0, b = 0, c = 0, d = 0] = parts;
  return `${m[1] ?? ""}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
};

/**
 * The key a source address is throttled under: an IPv4 address as it is (also when IPv4-mapped,
 * `::ffff:192.0.2.1`), an IPv6 address by its /64 prefix — one customer usually holds a whole /64, so
 * per-address keys would give an attacker 2^64 buckets. Returns `null` for text that is not an address.
 */
export const throttleKeyForAddress = (address: string): string | null => {
  const text = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  const v4 = mapped?.[1] ?? text;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(v4)) {
    const parts = v4.split(".").map(Number);
    return parts.every((n) => n <= 255) ? `ip4:${parts.join(".")}` : null;
  }
  const withoutZone = embeddedIpv4ToHex(text.split("%")[0] ?? "");
  if (withoutZone === null || !/^[0-9a-f:]+$/.test(withoutZone) || withoutZone.split("::").length > 2) return null;
  const [head = "", tail] = withoutZone.split("::");
  const headGroups = head === "" ? [] : head.split(":");
  const tailGroups = tail === undefined || tail === "" ? [] : tail.split(":");
  const missing = 8 - headGroups.length - tailGroups.length;
  if ((tail === undefined && missing !== 0) || (tail !== undefined && missing < 1)) return null;
  const groups = [...headGroups, ...Array.from({ length: tail === undefined ? 0 : missing }, () => "0"), ...tailGroups];
  if (groups.length !== 8 || groups.some((g) => g.length === 0 || g.length > 4)) return null;
  return `ip6:${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(":")}::/64`;
};
