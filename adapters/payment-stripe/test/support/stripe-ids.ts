import { randomBytes } from "node:crypto";

/**
 * An object id shaped like Stripe's (`pi_3Mtw…`: letters and digits). Not hex: a hex id holds a run of 13+ digits
 * often enough (about one id in a thousand passes the Luhn check too) for the tests' card-number detector to flag it
 * in a log — an e2e run failed so.
 */
export const stripeLikeId = (prefix: string): string => `${prefix}_${randomBytes(18).toString("base64url").replaceAll(/[-_]/g, "x")}`;
