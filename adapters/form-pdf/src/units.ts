/** PDF user space is measured in points (1/72 inch); layouts are measured in millimetres. */
export const ptFromMm = (mm: number): number => (mm * 72) / 25.4;
