import { BlockList } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  GLOBAL_THROTTLE,
  PER_ADDRESS_THROTTLE,
  refillThrottleBucket,
  takeThrottleToken,
  throttleAllows,
  throttleKeyForAddress,
  throttleRetryAt,
  type ThrottleBucket,
  type ThrottlePolicy,
} from "../../src/index.ts";

const t0 = new Date("2026-11-23T00:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

describe("token-bucket throttles", () => {
  it("one try on each of 500 accounts from one address trips the per-address throttle at the 101st", () => {
    let bucket: ThrottleBucket | null = null;
    let firstRefused: number | null = null;
    for (let account = 1; account <= 500; account++) {
      const now = at(account * 100); // ten accounts a second
      if (!throttleAllows(bucket, now, PER_ADDRESS_THROTTLE)) {
        firstRefused ??= account;
        continue;
      }
      bucket = takeThrottleToken(bucket, now, PER_ADDRESS_THROTTLE);
    }
    // 100 in the burst, plus the tokens refilled during the ~10 s it took (one per 36 s: none).
    expect(firstRefused).toBe(101);
  });

  it("tokens come back at the configured rate, and the retry time is exact", () => {
    const p: ThrottlePolicy = { burst: 2, refillEveryMs: 1_000 };
    let b: ThrottleBucket | null = null;
    b = takeThrottleToken(b, t0, p);
    b = takeThrottleToken(b, t0, p);
    expect(throttleAllows(b, t0, p)).toBe(false);
    expect(throttleRetryAt(b, t0, p)).toEqual(at(1_000));
    expect(throttleAllows(b, at(999), p)).toBe(false);
    expect(throttleAllows(b, at(1_000), p)).toBe(true);
    expect(refillThrottleBucket(b, at(60_000), p).tokens).toBe(2);
  });

  it("the global throttle has room for a municipality's normal failures but not for a distributed attack", () => {
    let b: ThrottleBucket | null = null;
    let allowed = 0;
    // 10,000 failures spread over 60 s from many addresses.
    for (let i = 0; i < 10_000; i++) {
      const now = at(i * 6);
      if (throttleAllows(b, now, GLOBAL_THROTTLE)) {
        allowed++;
        b = takeThrottleToken(b, now, GLOBAL_THROTTLE);
      }
    }
    expect(allowed).toBeLessThan(10_000);
    expect(allowed).toBeGreaterThanOrEqual(GLOBAL_THROTTLE.burst);
  });

  it("property: over any window no more failures pass than burst + window/refill", () => {
    const policyArb = fc.record({ burst: fc.integer({ min: 1, max: 50 }), refillEveryMs: fc.integer({ min: 1, max: 10_000 }) });
    fc.assert(
      fc.property(policyArb, fc.array(fc.integer({ min: 0, max: 5_000 }), { maxLength: 200 }), (policy, gaps) => {
        let b: ThrottleBucket | null = null;
        let now = 0;
        let passed = 0;
        for (const gap of gaps) {
          now += gap;
          if (throttleAllows(b, at(now), policy)) {
            passed++;
            b = takeThrottleToken(b, at(now), policy);
          }
          expect(passed).toBeLessThanOrEqual(policy.burst + Math.floor(now / policy.refillEveryMs));
        }
      }),
    );
  });
});

describe("throttleKeyForAddress", () => {
  it("keys IPv4 by address (also IPv4-mapped) and IPv6 by /64", () => {
    expect(throttleKeyForAddress("192.0.2.10")).toBe("ip4:192.0.2.10");
    expect(throttleKeyForAddress("::ffff:192.0.2.10")).toBe("ip4:192.0.2.10");
    expect(throttleKeyForAddress("2001:db8:1:2:aaaa::1")).toBe("ip6:2001:db8:1:2::/64");
    expect(throttleKeyForAddress("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("ip6:2001:db8:1:2::/64");
    expect(throttleKeyForAddress("2001:db8::1")).toBe("ip6:2001:db8:0:0::/64");
    expect(throttleKeyForAddress("fe80::1%eth0")).toBe("ip6:fe80:0:0:0::/64");
    expect(throttleKeyForAddress("64:ff9b::192.0.2.1")).toBe("ip6:64:ff9b:0:0::/64");
  });

  it("property: every IPv6 address is keyed by exactly its /64 (checked with node:net's BlockList)", () => {
    fc.assert(
      fc.property(fc.ipV6(), fc.ipV6(), (address, other) => {
        const key = throttleKeyForAddress(address);
        if (/^::ffff:\d/.test(address)) return; // IPv4-mapped: keyed as IPv4 (tested above)
        expect(key).toMatch(/^ip6:[0-9a-f]{1,4}(:[0-9a-f]{1,4}){3}::\/64$/);
        const prefix = (key ?? "").slice("ip6:".length, -"::/64".length);
        const net = new BlockList();
        net.addSubnet(`${prefix}::`, 64, "ipv6");
        expect(net.check(address, "ipv6")).toBe(true);
        expect(throttleKeyForAddress(other) === key).toBe(net.check(other, "ipv6") && !/^::ffff:\d/.test(other));
      }),
    );
  });

  it("refuses what is not an address", () => {
    for (const s of ["", "300.1.1.1", "example.jp", "1:2:3", "1::2::3", "12345::", "::1.2.3.999"]) expect(throttleKeyForAddress(s), s).toBeNull();
  });
});
