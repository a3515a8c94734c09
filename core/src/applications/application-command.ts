/** Commands that staff give to an application in the back office. */
export type StaffCommandType = "receive" | "startProcessing" | "complete" | "reject" | "return";

/** Every command name: the staff commands and the resident's `withdraw`. */
export type ApplicationCommandType = StaffCommandType | "withdraw";

/** Every {@link ApplicationCommandType}, in workflow order. */
export const APPLICATION_COMMAND_TYPES: readonly ApplicationCommandType[] = [
  "receive",
  "startProcessing",
  "complete",
  "reject",
  "return",
  "withdraw",
];

/** Every {@link StaffCommandType}. */
export const STAFF_COMMAND_TYPES: readonly StaffCommandType[] = ["receive", "startProcessing", "complete", "reject", "return"];

/**
 * A change requested to an application's status. 不受理 (`reject`) and 差戻し (`return`) carry the
 * reason shown to the resident.
 */
export type ApplicationCommand =
  | { readonly type: "receive" }
  | { readonly type: "startProcessing" }
  | { readonly type: "complete" }
  | { readonly type: "reject"; readonly reason: string }
  | { readonly type: "return"; readonly reason: string }
  | { readonly type: "withdraw" };

/**
 * Builds a command from a name and an optional reason as a form or an HTTP body sends them.
 * The reason is kept only for `reject` and `return` (where `applyCommand` requires it).
 */
export const makeCommand = (type: ApplicationCommandType, reason: string | null): ApplicationCommand =>
  type === "reject" || type === "return" ? { type, reason: reason ?? "" } : { type };
