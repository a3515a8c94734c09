import { execFileSync } from "node:child_process";
import { arch, cpus, loadavg, platform, release, totalmem } from "node:os";

/** The machine a result was measured on: results of different machines are not comparable. */
export interface MachineInfo {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly platform: string;
  readonly release: string;
  readonly arch: string;
  readonly node: string;
  /** `git rev-parse --short HEAD`; `unknown` outside git. */
  readonly commit: string;
  /** Tracked files differed from that commit (`null` outside git): the code measured was not exactly the commit. */
  readonly uncommittedChanges: boolean | null;
  /** 1-minute load average when the run started: another busy process skews every figure. */
  readonly loadAverage1m: number;
}

const git = (cwd: string, args: readonly string[]): string | null => {
  try {
    return execFileSync("git", [...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
};

/**
 * Describes this machine and the commit checked out at `cwd` (default the working directory): the
 * header of every benchmark result (`npm run bench`, `madoguchi ocr bench`).
 */
export const machineInfo = (cwd: string = process.cwd()): MachineInfo => {
  const all = cpus();
  const commit = git(cwd, ["rev-parse", "--short", "HEAD"]);
  const dirty = git(cwd, ["status", "--porcelain", "--untracked-files=no"]);
  return {
    cpus: all.length,
    cpuModel: all[0]?.model ?? "unknown",
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    platform: platform(),
    release: release(),
    arch: arch(),
    node: process.version,
    commit: commit ?? "unknown",
    uncommittedChanges: dirty === null ? null : dirty !== "",
    loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
};
