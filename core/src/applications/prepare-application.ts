import type { Result } from "neverthrow";
import { calculateFee } from "../fees/calculate-fee.ts";
import { paymentTimingOf } from "../fees/payment-timing.ts";
import type { FeeBreakdown } from "../fees/fee.ts";
import type { ProcedureCatalog } from "../procedures/procedure.ts";
import { canonicalApplicationJson } from "../signatures/canonical-application.ts";
import { validateApplicationInput, type ApplicationInputOptions, type ValidatedApplicationInput } from "./validate-application-input.ts";
import type { ValidationFailed } from "./validation.errors.ts";

/** A validated application with its fee and the exact document the resident is asked to sign. */
export interface PreparedApplication {
  readonly input: ValidatedApplicationInput;
  readonly fee: FeeBreakdown;
  /** RFC 8785 canonical JSON; the resident signs its UTF-8 bytes (detached CMS). */
  readonly canonicalJson: string;
}

/**
 * The pure first half of a submission, without side effects: validate and normalise the raw body,
 * compute the fee, build the canonical document. The confirmation screen (R7) shows the normalised
 * data and fee, and the resident's device signs `canonicalJson`; `submitApplication` repeats these
 * steps on the same body and so verifies the signature over the same bytes.
 */
export const prepareApplication = (
  catalog: ProcedureCatalog,
  rawInput: unknown,
  now: Date,
  options: ApplicationInputOptions = {},
): Result<PreparedApplication, ValidationFailed> =>
  validateApplicationInput(rawInput, catalog, now, options).map((input) => {
    const fee = calculateFee(input.procedure, input.deliveryMethod, input.request.copies);
    const canonicalJson = canonicalApplicationJson({
      municipalityCode: catalog.municipality.code,
      procedureId: input.procedure.id,
      submissionKey: input.submissionKey,
      applicant: input.applicant,
      request: input.request,
      fee,
      paymentTiming: paymentTimingOf(input.procedure),
    });
    return { input, fee, canonicalJson };
  });
