/** Largest scan accepted: a 300 dpi colour A4 page as PNG is about 25 MB uncompressed, far less encoded. */
export const MAX_SCAN_BYTES = 20 * 1024 * 1024;

/** The scan formats the counter reads and keeps (a PDF's first page is read; the whole PDF is kept). */
export const SCAN_MEDIA_TYPES = ["image/png", "image/jpeg", "image/tiff", "application/pdf"] as const;
