import { dictionary } from "@zxcvbn-ts/language-common";
import { createPasswordBlocklist, type PasswordBlocklist } from "@madoguchi/core";

/** Where the list comes from; recorded in docs/adr/0012-identity-mechanics.md. */
export const COMMON_PASSWORDS_SOURCE = "@zxcvbn-ts/language-common@4.1.3 passwords-common (MIT)";

/**
 * The blocklist of common passwords: the ~49,000 most frequent passwords of public breach corpora as
 * curated by zxcvbn-ts (MIT), folded (NFKC + case) by core. Built once per call; the reference server
 * builds it at start-up (tens of milliseconds) and shares it.
 */
export const createCommonPasswordBlocklist = (): PasswordBlocklist =>
  createPasswordBlocklist(COMMON_PASSWORDS_SOURCE, dictionary["passwords-common"]);
