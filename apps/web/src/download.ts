import type { DownloadedFile } from "./api.ts";

/**
 * Hands a fetched file to the browser as a download: an object URL on a temporary link, released
 * afterwards. Used where a plain link cannot be (the export may first need a step-up).
 */
export const saveDownloadedFile = (file: DownloadedFile, fallbackName: string): void => {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = file.filename ?? fallbackName;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  // Released a minute later: some browsers read the URL only after the click has returned.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};
