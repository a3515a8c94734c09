import type { Brand } from "../shared/ids.ts";
import type { Localized } from "../shared/localized.ts";

/** Id of an office of the municipality (区役所・支所), e.g. `chuo`. */
export type OfficeId = Brand<string, "OfficeId">;
export const OfficeId = (s: string): OfficeId => s as OfficeId;

/** An office (区役所・支所) that handles applications; staff groups may be scoped to offices. */
export interface Office {
  readonly id: OfficeId;
  readonly name: Localized;
}
