export { createSystemClock, createFixedClock } from "./system-clock.ts";
export { createRandomIdGenerator, formatReceiptNumber } from "./random-id-generator.ts";
export { createSha256Hasher } from "./sha256-hasher.ts";
export { createCryptoSecureRandom } from "./crypto-secure-random.ts";
