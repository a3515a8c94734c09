import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/** JPKI signature password rule: 6–16 upper-case ASCII letters or digits. */
export const SIGNATURE_PASSWORD_PATTERN = /^[A-Z0-9]{6,16}$/;

// scrypt with N=2^14 keeps the stored hash useless to a casual reader of the data directory while
// letting a test suite try five wrong passwords in milliseconds; this is a test card, not a vault.
const COST = 16384;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;

const derive = (password: string, salt: Buffer, cost: number, blockSize: number, parallelism: number) =>
  new Promise<Buffer>((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { N: cost, r: blockSize, p: parallelism }, (error, key) =>
      error === null ? resolve(key) : reject(error),
    );
  });

/** Hashes a signature password as `scrypt$N$r$p$<salt base64>$<hash base64>`. */
export const hashSignaturePassword = async (password: string): Promise<string> => {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, COST, BLOCK_SIZE, PARALLELISM);
  return ["scrypt", COST, BLOCK_SIZE, PARALLELISM, salt.toString("base64"), hash.toString("base64")].join("$");
};

/**
 * Whether `password` matches `passwordHash`; `null` when the stored hash is not one we wrote, so the
 * caller reports a corrupt card instead of counting a wrong try.
 */
export const checkSignaturePassword = async (password: string, passwordHash: string): Promise<boolean | null> => {
  const [scheme, cost, blockSize, parallelism, salt, hash, ...rest] = passwordHash.split("$");
  if (scheme !== "scrypt" || salt === undefined || hash === undefined || rest.length > 0) return null;
  const params = [cost, blockSize, parallelism].map(Number);
  if (!params.every((n) => Number.isSafeInteger(n) && n > 0)) return null;
  const expected = Buffer.from(hash, "base64");
  if (expected.length !== KEY_LENGTH) return null;
  const actual = await derive(password, Buffer.from(salt, "base64"), params[0]!, params[1]!, params[2]!);
  return timingSafeEqual(actual, expected);
};
