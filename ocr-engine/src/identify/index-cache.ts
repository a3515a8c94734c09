/**
 * A cache of index entries, so that identification among hundreds of templates does not decode and
 * fingerprint every reference again in each new process (the CLI is one process per scan). An entry is
 * keyed by the reference's bytes (SHA-256) and the index format, never by the template id: a changed
 * reference gets a new key, an unchanged one is found again under any id, and a stale entry can never
 * be served. Entries are compressed (1-bit ink is mostly paper): ~10 kB for an A4 form.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { deflateSync, inflateSync } from "node:zlib";
import { PROFILE_BINS } from "./line-profiles.ts";
import { IDENTIFY_SIZE } from "./reduce-page.ts";
import type { IndexEntry } from "./index-entry.ts";

/** Where index entries are kept between processes. Failures are misses: a cache never breaks identification. */
export interface IndexCache {
  /** The entry stored under `key`, or null. */
  read(key: string): Promise<Uint8Array | null>;
  write(key: string, bytes: Uint8Array): Promise<void>;
}

/**
 * Version of what an entry holds and how it is computed; bumped whenever the fingerprint, the ink or
 * the reduction changes, so that entries of an older engine are keyed differently and never read.
 */
export const INDEX_FORMAT = "madoguchi-identify-index@2";

/** The key of a reference's entry: its bytes, the index format and the identification size. */
export const indexCacheKey = (reference: Uint8Array): string =>
  createHash("sha256").update(`${INDEX_FORMAT}\n${IDENTIFY_SIZE}\n${PROFILE_BINS}\n`).update(reference).digest("hex");

interface Header {
  readonly format: string;
  readonly aspect: number;
  readonly skewDeg: number;
  readonly ruleInk: number;
  readonly ink: number;
  readonly width: number;
  readonly height: number;
  readonly bins: number;
}

/** An entry as bytes (without its template id, which the caller assigns). */
export const encodeIndexEntry = (entry: IndexEntry): Uint8Array => {
  const f = entry.fingerprint;
  const header: Header = { format: INDEX_FORMAT, aspect: f.aspect, skewDeg: f.skewDeg, ruleInk: f.ruleInk, ink: f.ink, width: entry.ink.width, height: entry.ink.height, bins: f.rows.length };
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const body = Buffer.alloc(4 + json.length + f.rows.byteLength + f.cols.byteLength + entry.ink.bits.byteLength);
  body.writeUInt32LE(json.length, 0);
  json.copy(body, 4);
  let at = 4 + json.length;
  for (const part of [f.rows, f.cols, entry.ink.bits]) {
    Buffer.from(part.buffer, part.byteOffset, part.byteLength).copy(body, at);
    at += part.byteLength;
  }
  return deflateSync(body);
};

/** Bytes back to an entry for `templateId`, or null when they are not a whole entry of this format. */
export const decodeIndexEntry = (templateId: string, bytes: Uint8Array): IndexEntry | null => {
  try {
    const body = inflateSync(bytes);
    const length = body.readUInt32LE(0);
    const header = JSON.parse(body.subarray(4, 4 + length).toString("utf8")) as Header;
    if (header.format !== INDEX_FORMAT || header.bins !== PROFILE_BINS) return null;
    const profileBytes = header.bins * 8;
    const bitsLength = Math.ceil((header.width * header.height) / 8);
    const at = 4 + length;
    if (body.length !== at + 2 * profileBytes + bitsLength) return null;
    // Copied out of the inflated buffer: Float64Array views need 8-byte alignment.
    const rows = new Float64Array(body.buffer.slice(body.byteOffset + at, body.byteOffset + at + profileBytes));
    const cols = new Float64Array(body.buffer.slice(body.byteOffset + at + profileBytes, body.byteOffset + at + 2 * profileBytes));
    const bits = new Uint8Array(body.subarray(at + 2 * profileBytes));
    return {
      templateId,
      fingerprint: { aspect: header.aspect, skewDeg: header.skewDeg, rows, cols, ruleInk: header.ruleInk, ink: header.ink },
      ink: { width: header.width, height: header.height, bits },
    };
  } catch {
    return null;
  }
};

/**
 * A cache in a directory (created on the first write): one file per entry, written to a temporary
 * name and renamed, so that two processes building at once never read half a file.
 */
export const createFileIndexCache = (dir: string): IndexCache => ({
  read: async (key) => {
    try {
      return new Uint8Array(await readFile(join(dir, `${key}.bin`)));
    } catch {
      // Absent, unreadable or removed meanwhile: a miss, the entry is built again.
      return null;
    }
  },
  write: async (key, bytes) => {
    try {
      await mkdir(dir, { recursive: true });
      const temp = join(dir, `${key}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
      await writeFile(temp, bytes);
      await rename(temp, join(dir, `${key}.bin`));
    } catch {
      // A read-only or full disk costs the next process a rebuild, nothing more.
    }
  },
});
