/**
 * `@madoguchi/conformance/password-hasher` — the contract every {@link PasswordHasher} adapter passes.
 */
export {
  describePasswordHasherContract,
  passwordHasherCases,
  type MakePasswordHasher,
  type PasswordHasherCase,
  type PasswordHasherContractOptions,
} from "./password-hasher.contract.ts";
