import { Readable } from "node:stream";
import { MALWARE_SCANNER_CONTRACT, malwareScanError, type MalwareScanError, type MalwareScanner, type ScanVerdict } from "@madoguchi/core";
import NodeClam from "clamscan";
import { ResultAsync } from "neverthrow";
import type { ClamdAddress } from "./clamd-address.ts";

export interface ClamdScannerOptions {
  readonly address: ClamdAddress;
  /** How long one scan may take before it counts as unavailable (default 60 s: a large scan on a busy engine). */
  readonly timeoutMs?: number;
}

/**
 * A {@link MalwareScanner} on ClamAV's daemon: each file is streamed to clamd (INSTREAM) by the `clamscan` package,
 * never written to disk here. The connection is set up at the first scan and again after a failure, so a server
 * started before clamd (or while it reloads its signatures) scans once clamd answers; until then every scan is
 * `unavailable` — the caller refuses the file. A file over clamd's StreamMaxLength is `too_large`.
 */
export const createClamdScanner = (options: ClamdScannerOptions): MalwareScanner => {
  const timeout = options.timeoutMs ?? 60_000;
  const clamdscan = "socket" in options.address ? { socket: options.address.socket } : { host: options.address.host, port: options.address.port, socket: false as const };
  let client: Promise<NodeClam> | null = null;
  const connected = (): Promise<NodeClam> => {
    client ??= new NodeClam()
      .init({
        removeInfected: false,
        quarantineInfected: false,
        scanLog: null,
        debugMode: false,
        clamscan: { active: false },
        clamdscan: { ...clamdscan, timeout, localFallback: false, active: true },
        preference: "clamdscan",
      })
      .catch((cause: unknown) => {
        client = null; // the next scan tries again
        throw cause;
      });
    return client;
  };

  const failure = (cause: unknown): MalwareScanError => {
    const message = cause instanceof Error ? cause.message : String(cause);
    return /size limit/i.test(message) ? malwareScanError("too_large", "the file is larger than clamd scans") : malwareScanError("unavailable", "clamd could not be reached or did not answer");
  };

  return {
    meta: { contract: MALWARE_SCANNER_CONTRACT, name: "clamd", capabilities: new Set<never>() },
    scan: (bytes) =>
      ResultAsync.fromPromise(
        connected().then(async (clam): Promise<ScanVerdict> => {
          const result = await clam.scanStream(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]));
          if (result.isInfected === true) return { verdict: "infected", signature: result.viruses.join(", ") || "unknown" };
          if (result.isInfected === false) return { verdict: "clean" };
          throw new Error("clamd gave no verdict");
        }),
        failure,
      ),
    healthCheck: () =>
      ResultAsync.fromPromise(
        connected().then((clam) => clam.ping()),
        failure,
      ).map(() => undefined),
  };
};
