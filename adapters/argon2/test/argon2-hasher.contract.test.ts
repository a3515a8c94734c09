import { describePasswordHasherContract } from "@madoguchi/conformance/password-hasher";
import { createArgon2Hasher, DEFAULT_ARGON2_OPTIONS } from "../src/index.ts";

describePasswordHasherContract("argon2id", async (costlier) => {
  const result = await createArgon2Hasher(costlier ? { ...DEFAULT_ARGON2_OPTIONS, iterations: DEFAULT_ARGON2_OPTIONS.iterations + 1 } : DEFAULT_ARGON2_OPTIONS);
  if (result.isErr()) throw new Error(result.error.message);
  return result.value;
});
