/** The part of `clamscan` (a CommonJS package without types) this adapter uses: clamd over TCP or a socket. */
declare module "clamscan" {
  import type { Readable } from "node:stream";

  interface ClamdOptions {
    readonly host?: string;
    readonly port?: number;
    readonly socket?: string | false;
    readonly timeout?: number;
    readonly localFallback?: boolean;
    readonly active?: boolean;
    readonly bypassTest?: boolean;
  }

  interface InitOptions {
    readonly removeInfected?: boolean;
    readonly quarantineInfected?: boolean | string;
    readonly scanLog?: string | null;
    readonly debugMode?: boolean;
    readonly clamscan?: { readonly active?: boolean };
    readonly clamdscan?: ClamdOptions;
    readonly preference?: "clamdscan" | "clamscan";
  }

  interface ScanResult {
    readonly isInfected: boolean | null;
    readonly viruses: readonly string[];
  }

  export default class NodeClam {
    init(options: InitOptions): Promise<NodeClam>;
    scanStream(stream: Readable): Promise<ScanResult>;
    ping(): Promise<unknown>;
  }
}
