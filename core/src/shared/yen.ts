import type { Brand } from "./ids.ts";

/** An amount of money in integer yen (never a float, never negative). */
export type Yen = Brand<number, "Yen">;

/** Makes a Yen from a non-negative safe integer; throws on anything else (a programmer error). */
export const yen = (n: number): Yen => {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not an amount of yen: ${n}`);
  return n as Yen;
};
