import type { Line, OutputLanguage } from "./line.ts";

/**
 * Renders lines for one language, or for both: each run of translated lines is printed in Japanese,
 * then in English, so a table stays a table in each language instead of alternating rows. Lines that
 * are the same in every language (paths, ids) are printed once.
 */
export const renderLines = (lines: readonly Line[], language: OutputLanguage): string => {
  if (language !== "both") {
    return lines.map((line) => (typeof line === "string" ? line : line[language])).join("\n");
  }
  const out: string[] = [];
  let run: Exclude<Line, string>[] = [];
  const flush = () => {
    if (run.length === 0) return;
    out.push(...run.map((l) => l.ja));
    // A blank line between the two versions of a block, not between the two halves of one sentence.
    if (run.length > 1) out.push("");
    out.push(...run.map((l) => l.en));
    run = [];
  };
  for (const line of lines) {
    if (typeof line === "string") {
      flush();
      out.push(line);
    } else {
      run.push(line);
    }
  }
  flush();
  return out.join("\n");
};
