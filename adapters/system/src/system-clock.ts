import type { Clock } from "@madoguchi/core";

/** The real clock. Tests use {@link createFixedClock}. */
export const createSystemClock = (): Clock => ({ now: () => new Date() });

/** A clock that stands still until moved, for tests and reproducible runs. */
export const createFixedClock = (start: Date) => {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  } satisfies Clock & { advance(ms: number): void };
};
