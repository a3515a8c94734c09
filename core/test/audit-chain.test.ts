import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canonicalAuditEntry,
  chainHash,
  expiredSegments,
  GENESIS_HASH,
  sealAuditEntries,
  segmentExpiresAt,
  startAuditChainVerification,
  verifyAuditChain,
  type AuditCheckpoint,
  type AuditEntry,
  type AuditSegmentSummary,
} from "../src/index.ts";
import { checkpointAt, checkpointEverySegment, draftArb, draftsArb, ed25519Key, ed25519Verifier, seal } from "./audit-support.ts";
import { hasher } from "./fakes.ts";

const key = ed25519Key("audit-2026");
const deps = { hasher, signatures: ed25519Verifier, trustedKeys: new Map([[key.keyId, key.publicKey]]) };

/** A chain of at least `min` entries with a checkpoint closing every segment. */
const chainArb = (min = 2) => draftsArb({ minLength: min, maxLength: 25 }).map((drafts) => {
  const entries = seal(drafts);
  return { entries, checkpoints: checkpointEverySegment(key, entries) };
});

/** The same chain re-hashed from `from` on, as an attacker without the signing key could do. */
const rehash = (entries: readonly AuditEntry[]): AuditEntry[] => {
  let previous = GENESIS_HASH;
  return entries.map((e, i) => {
    const { hash: _old, ...content } = { ...e, seq: i + 1 };
    const hash = chainHash(hasher, previous, content);
    previous = hash;
    return { ...content, hash };
  });
};

const failure = (entries: readonly AuditEntry[], checkpoints: readonly AuditCheckpoint[]) => verifyAuditChain(deps, entries, checkpoints)._unsafeUnwrapErr();

const summaries = (entries: readonly AuditEntry[]): AuditSegmentSummary[] => {
  const bySegment = new Map<string, AuditSegmentSummary>();
  for (const e of entries) {
    const s = bySegment.get(e.segment);
    bySegment.set(e.segment, s === undefined ? { segment: e.segment, firstSeq: e.seq, lastSeq: e.seq, entries: 1 } : { ...s, lastSeq: e.seq, entries: s.entries + 1 });
  }
  return [...bySegment.values()];
};

describe("the audit chain", () => {
  it("hash_n = SHA-256(hash_{n-1} ‖ RFC 8785 canonical entry), starting from 64 zeros", () => {
    const [draft] = fc.sample(draftArb(fc.constant(new Date("2026-11-23T01:02:03.004Z"))), { numRuns: 1, seed: 4 });
    const [first, second] = sealAuditEntries(hasher, null, [draft!, draft!]);
    const { hash: h1, ...c1 } = first!;
    expect(h1).toBe(hasher.sha256Hex(GENESIS_HASH + canonicalAuditEntry(c1)));
    const { hash: h2, ...c2 } = second!;
    expect(h2).toBe(hasher.sha256Hex(h1 + canonicalAuditEntry(c2)));
    expect([first!.seq, second!.seq, first!.segment]).toEqual([1, 2, "2026-11"]);
    expect(canonicalAuditEntry(c1)).toContain('"at":"2026-11-23T01:02:03.004Z"');
  });

  it("the canonical form does not depend on the key order of details", () => {
    const entry = seal([{ at: new Date(0), actor: { kind: "system", id: null }, action: "audit.viewed", target: null, result: "success", sourceIp: null, details: { b: 1, a: "x" } }])[0]!;
    const { hash: _h, ...content } = entry;
    expect(canonicalAuditEntry({ ...content, details: { a: "x", b: 1 } })).toBe(canonicalAuditEntry(content));
  });

  it("sealing in several appends gives the same chain as one append (the head carries the chain)", () => {
    fc.assert(
      fc.property(draftsArb({ minLength: 2 }), fc.nat(), (drafts, cut) => {
        const at = (cut % (drafts.length - 1)) + 1;
        const first = sealAuditEntries(hasher, null, drafts.slice(0, at));
        const head = first.at(-1)!;
        const rest = sealAuditEntries(hasher, { seq: head.seq, segment: head.segment, hash: head.hash }, drafts.slice(at));
        expect([...first, ...rest]).toStrictEqual(seal(drafts));
      }),
    );
  });

  it("segments are the UTC month and never go back when a clock lags", () => {
    const drafts = fc.sample(draftArb(fc.constant(new Date("2026-12-01T00:00:00.000Z"))), { numRuns: 2, seed: 9 });
    const late = { ...drafts[1]!, at: new Date("2026-11-30T23:59:59.999Z") };
    expect(seal([drafts[0]!, late]).map((e) => e.segment)).toEqual(["2026-12", "2026-12"]);
    expect(seal([late, drafts[0]!]).map((e) => e.segment)).toEqual(["2026-11", "2026-12"]);
  });

  it("an intact chain with its checkpoints verifies", () => {
    fc.assert(
      fc.property(chainArb(1), ({ entries, checkpoints }) => {
        expect(verifyAuditChain(deps, entries, checkpoints)._unsafeUnwrap()).toMatchObject({ entries: entries.length, firstSeq: 1, lastSeq: entries.length, checkpoints: checkpoints.length });
      }),
    );
    expect(verifyAuditChain(deps, [], [])._unsafeUnwrap()).toMatchObject({ entries: 0, firstSeq: null });
  });
});

describe("the tamper matrix", () => {
  it("byte flip: any changed field of any entry is hash_mismatch at that entry", () => {
    const flips: ((e: AuditEntry) => AuditEntry)[] = [
      (e) => ({ ...e, at: new Date(e.at.getTime() + 1) }),
      (e) => ({ ...e, result: e.result === "success" ? "denied" : "success" }),
      (e) => ({ ...e, actor: { ...e.actor, id: `${e.actor.id ?? ""}x` } }),
      (e) => ({ ...e, sourceIp: e.sourceIp === "10.0.0.1" ? "10.0.0.2" : "10.0.0.1" }),
      (e) => ({ ...e, details: { ...e.details, extra: 1 } }),
      (e) => ({ ...e, hash: `${e.hash.slice(0, 10)}${e.hash[10] === "0" ? "1" : "0"}${e.hash.slice(11)}` }),
    ];
    fc.assert(
      fc.property(chainArb(), fc.nat(), fc.constantFrom(...flips), ({ entries, checkpoints }, n, flip) => {
        const i = n % entries.length;
        const tampered = entries.map((e, j) => (j === i ? flip(e) : e));
        expect(failure(tampered, checkpoints)).toMatchObject({ _tag: "AuditChainBroken", reason: "hash_mismatch", seq: i + 1 });
      }),
    );
  });

  it("delete: a missing entry is sequence_gap at its sequence number (the last one: truncated)", () => {
    fc.assert(
      fc.property(chainArb(), fc.nat(), ({ entries, checkpoints }, n) => {
        const i = n % entries.length;
        const tampered = entries.filter((_, j) => j !== i);
        const expected = { reason: i === entries.length - 1 ? "truncated" : "sequence_gap", seq: i + 1 };
        // Knowing the retention in force, deleting a whole recent segment does not pass as retention.
        const retention = { now: entries.at(-1)!.at, retentionMonths: 36 };
        const result = verifyAuditChain(deps, tampered, checkpoints, retention);
        const wholeExpiredFirstSegment =
          i === 0 && entries[1]!.segment !== entries[0]!.segment && retention.now >= segmentExpiresAt(entries[0]!.segment, 36);
        if (wholeExpiredFirstSegment) expect(result.isOk()).toBe(true);
        else expect(result._unsafeUnwrapErr()).toMatchObject(expected);
      }),
    );
  });

  it("insert: a forged entry is caught — as is, by sequence or hash; re-hashed, by the next checkpoint", () => {
    fc.assert(
      fc.property(chainArb(), fc.nat(), draftArb(fc.constant(new Date(Date.UTC(2023, 0, 1)))), ({ entries, checkpoints }, n, draft) => {
        const i = n % entries.length;
        const forged = { ...seal([draft])[0]!, seq: entries[i]!.seq, segment: entries[i]!.segment, at: entries[i]!.at };
        const naive = [...entries.slice(0, i), forged, ...entries.slice(i)];
        // A forgery put first whose hash is right for its content (its time and segment happen to be the ones it
        // was sealed with) is a valid start of a chain: the break shows at the next entry, which is seq 1 again —
        // or at seq 1 itself when a checkpoint sealed the first segment there.
        const { hash: _forgedHash, ...forgedContent } = forged;
        const validFirst = i === 0 && chainHash(hasher, GENESIS_HASH, forgedContent) === forged.hash;
        if (validFirst) expect([1, 2]).toContain(failure(naive, checkpoints).seq);
        else expect(failure(naive, checkpoints).seq).toBe(i + 1);
        const rehashed = rehash(naive);
        // Re-hashed, the chain is consistent again: the first signed checkpoint it no longer matches catches it.
        // Entries of identical content (same time, same event) can make a copy inserted among them the same chain as
        // one more such entry appended after them, up to every checkpoint: then nothing can tell, and it verifies.
        const broken = [...checkpoints].sort((a, b) => a.lastSeq - b.lastSeq).find((cp) => rehashed[cp.lastSeq - 1]?.hash !== cp.lastHash);
        if (broken === undefined) expect(verifyAuditChain(deps, rehashed, checkpoints).isOk()).toBe(true);
        else expect(failure(rehashed, checkpoints)).toMatchObject({ reason: "checkpoint_mismatch", seq: broken.lastSeq });
      }),
    );
  });

  it("reorder: swapped entries are reordered; swapped sequence numbers are hash_mismatch", () => {
    fc.assert(
      fc.property(chainArb(), fc.nat(), fc.nat(), ({ entries, checkpoints }, a, b) => {
        const i = a % (entries.length - 1);
        const j = i + 1 + (b % (entries.length - 1 - i));
        const swapped = entries.map((e, k) => (k === i ? entries[j]! : k === j ? entries[i]! : e));
        expect(failure(swapped, checkpoints)).toMatchObject({ reason: "reordered", seq: i + 1 });
        const renumbered = swapped.map((e, k) => ({ ...e, seq: k + 1 }));
        expect(failure(renumbered, checkpoints)).toMatchObject({ reason: "hash_mismatch", seq: i + 1 });
      }),
    );
  });

  it("wrong-key checkpoint: signed by another key, or by an untrusted key id, is checkpoint_signature_invalid", () => {
    const intruder = ed25519Key(key.keyId);
    const stranger = ed25519Key("someone-else");
    fc.assert(
      fc.property(chainArb(), fc.nat(), fc.boolean(), ({ entries, checkpoints }, n, sameKeyId) => {
        const target = checkpoints[n % checkpoints.length]!;
        const entry = entries[target.lastSeq - 1]!;
        const forged = checkpointAt(sameKeyId ? intruder : stranger, entry, target.signedAt);
        const tampered = checkpoints.map((cp) => (cp === target ? forged : cp));
        expect(failure(entries, tampered)).toMatchObject({ reason: "checkpoint_signature_invalid", seq: target.lastSeq });
        // A valid signature over a changed checkpoint does not exist without the key: edit one field.
        const edited = checkpoints.map((cp) => (cp === target ? { ...cp, lastSeq: cp.lastSeq + 0, lastHash: GENESIS_HASH } : cp));
        expect(failure(entries, edited)).toMatchObject({ reason: "checkpoint_signature_invalid" });
      }),
    );
  });

  it("tail truncation: undetectable from the database alone, truncated against the external checkpoint copy", () => {
    fc.assert(
      fc.property(chainArb(), fc.nat(), ({ entries, checkpoints }, n) => {
        const keep = 1 + (n % (entries.length - 1));
        const cut = entries.slice(0, keep);
        // The attacker also removes the database's checkpoints beyond the cut …
        const inDatabase = checkpoints.filter((cp) => cp.lastSeq <= keep);
        expect(verifyAuditChain(deps, cut, inDatabase).isOk()).toBe(true);
        // … but not the copy kept elsewhere.
        expect(failure(cut, [...inDatabase, ...checkpoints])).toMatchObject({ reason: "truncated", seq: keep + 1 });
      }),
    );
  });
});

describe("streaming verification (what verifyStoredAuditLog feeds page by page)", () => {
  it("fed one entry at a time, it reaches the same verdict as verifyAuditChain for edits, deletions and cut tails", () => {
    fc.assert(
      fc.property(chainArb(), fc.nat(), fc.constantFrom("none", "flip", "delete", "truncate"), ({ entries, checkpoints }, n, tamper) => {
        const i = n % entries.length;
        const tampered =
          tamper === "flip"
            ? entries.map((e, j) => (j === i ? { ...e, sourceIp: "198.51.100.1" } : e))
            : tamper === "delete"
              ? entries.filter((_, j) => j !== i)
              : tamper === "truncate"
                ? entries.slice(0, Math.max(1, i))
                : entries;
        const verification = startAuditChainVerification(deps, checkpoints);
        if ("_tag" in verification) throw new Error("checkpoints are valid");
        let streamed = null;
        for (const e of tampered) streamed ??= verification.feed(e);
        const result = streamed === null ? verification.finish() : null;
        const expected = verifyAuditChain(deps, tampered, checkpoints);
        if (expected.isOk()) expect(result?._unsafeUnwrap()).toStrictEqual(expected.value);
        else expect(streamed ?? result?._unsafeUnwrapErr()).toStrictEqual(expected.error);
      }),
    );
  });

  it("a bad checkpoint signature is reported before any entry is read", () => {
    const entries = seal(fc.sample(draftsArb({ minLength: 3, maxLength: 3 }), { numRuns: 1, seed: 2 })[0]!);
    const bad = { ...checkpointAt(key, entries[2]!), signature: "AAAA" };
    expect(startAuditChainVerification(deps, [bad])).toMatchObject({ _tag: "AuditChainBroken", reason: "checkpoint_signature_invalid", seq: 3 });
  });
});

describe("retention", () => {
  it("deleting whole expired segments keeps the chain verifiable from the last deleted segment's checkpoint", () => {
    fc.assert(
      fc.property(chainArb(), fc.integer({ min: 1, max: 48 }), fc.integer({ min: 0, max: 60 }), ({ entries, checkpoints }, months, later) => {
        const now = new Date(Date.UTC(2027, later, 1));
        const expired = expiredSegments(summaries(entries), checkpoints, now, months);
        const gone = new Set(expired.map((s) => s.segment));
        const kept = entries.filter((e) => !gone.has(e.segment));
        const report = verifyAuditChain(deps, kept, checkpoints)._unsafeUnwrap();
        expect(report.firstSeq).toBe(kept[0]!.seq);
        for (const s of expired) expect(now.getTime()).toBeGreaterThanOrEqual(segmentExpiresAt(s.segment, months).getTime());
        // The newest segment always stays.
        expect(gone.has(entries.at(-1)!.segment)).toBe(false);
      }),
    );
  });

  it("3 years: the segment 2023-11 expires on 2026-12-01, not before", () => {
    expect(segmentExpiresAt("2023-11", 36).toISOString()).toBe("2026-12-01T00:00:00.000Z");
  });

  it("a segment without a checkpoint at its last entry is not expired (and stops the ones after it)", () => {
    const entries = seal(fc.sample(draftsArb({ minLength: 20, maxLength: 20 }), { numRuns: 1, seed: 12 })[0]!);
    const segments = summaries(entries);
    const unsealedFirst = checkpointEverySegment(key, entries).filter((cp) => cp.segment !== segments[0]!.segment);
    expect(expiredSegments(segments, unsealedFirst, new Date(Date.UTC(2100, 0, 1)), 1)).toEqual([]);
  });

  it("a partly deleted segment is sequence_gap from its first missing entry", () => {
    const entries = seal(fc.sample(draftsArb({ minLength: 25, maxLength: 25 }), { numRuns: 1, seed: 3 })[0]!);
    const checkpoints = checkpointEverySegment(key, entries);
    const bigSegment = summaries(entries).find((s) => s.entries >= 2 && s.firstSeq > 1)!;
    const kept = entries.filter((e) => e.seq > bigSegment.firstSeq);
    expect(failure(kept, checkpoints)).toMatchObject({ reason: "sequence_gap", seq: bigSegment.firstSeq });
  });
});
