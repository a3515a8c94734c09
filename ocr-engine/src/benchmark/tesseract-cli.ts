/**
 * Engine-speed reference: the same field crops read by tesseract.js (one worker) and by Debian's
 * `tesseract` CLI (one process over a list file, one thread), so the ratio compares the engines and not
 * process start-up per crop. Reports null when the CLI or its `jpn` data is absent.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toPgm } from "../pipeline/crop.ts";
import type { GreyRaster } from "../pipeline/raster.ts";
import { createRecognizerPool } from "../pipeline/recognizer-pool.ts";

/** What the comparison measured. */
export interface CliReference {
  readonly crops: number;
  readonly tesseractJsSeconds: number;
  readonly cliSeconds: number;
  /** CLI time ÷ tesseract.js time: above 1 means tesseract.js is faster. */
  readonly ratio: number;
}

/** True when `tesseract --list-langs` lists `jpn`. */
export const tesseractCliHasJpn = (): boolean => {
  try {
    const out = execFileSync("tesseract", ["--list-langs"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return out.split(/\s+/).includes("jpn");
  } catch {
    return false;
  }
};

/** Reads `crops` with both engines (PSM 7) and times each; null when the CLI is not installed. */
export const compareWithCli = async (crops: readonly GreyRaster[]): Promise<CliReference | null> => {
  if (crops.length === 0 || !tesseractCliHasJpn()) return null;
  const pool = (await createRecognizerPool({ workers: 1 }))._unsafeUnwrap();
  let tesseractJsSeconds: number;
  try {
    await pool.recognize({ image: crops[0]!, psm: 7 }); // the model is loaded: not what is compared
    const t0 = performance.now();
    for (const image of crops) (await pool.recognize({ image, psm: 7 }))._unsafeUnwrap();
    tesseractJsSeconds = (performance.now() - t0) / 1000;
  } finally {
    await pool.close();
  }
  const dir = mkdtempSync(join(tmpdir(), "bench-ocr-"));
  try {
    const files = crops.map((c, i) => {
      const file = join(dir, `crop-${i}.pgm`);
      writeFileSync(file, toPgm(c));
      return file;
    });
    writeFileSync(join(dir, "list.txt"), `${files.join("\n")}\n`);
    const t0 = performance.now();
    execFileSync("tesseract", [join(dir, "list.txt"), "-", "-l", "jpn", "--psm", "7"], {
      stdio: ["ignore", "ignore", "ignore"],
      env: { ...process.env, OMP_THREAD_LIMIT: "1" },
    });
    const cliSeconds = (performance.now() - t0) / 1000;
    return { crops: crops.length, tesseractJsSeconds, cliSeconds, ratio: cliSeconds / tesseractJsSeconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
