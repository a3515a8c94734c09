import { Schema } from "effect";

/** Options of {@link createDevInbox}, validated at construction. */
export const DevInboxOptions = Schema.Struct({
  /** How many messages to keep (the oldest are dropped first); default 100. */
  capacity: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 10_000 }))),
});

/** Options of {@link createDevInbox}; `clock` defaults to the system clock. */
export type DevInboxOptions = typeof DevInboxOptions.Type & {
  readonly clock?: { now(): Date };
};
