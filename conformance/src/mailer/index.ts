/**
 * `@madoguchi/conformance/mailer` — the contract every {@link Mailer} adapter passes.
 */
export {
  describeMailerContract,
  mailerCases,
  type MailerCase,
  type MailerContractOptions,
  type MakeMailer,
  type ReadBack,
  type ReadBackMail,
} from "./mailer.contract.ts";
