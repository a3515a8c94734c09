/**
 * @madoguchi/adapter-common-passwords — the common-password blocklist that core's password policy
 * checks new passwords against (NIST SP 800-63B-4 §3.1.1.2).
 */
export { COMMON_PASSWORDS_SOURCE, createCommonPasswordBlocklist } from "./create-common-password-blocklist.ts";
