import { errAsync, okAsync, ResultAsync } from "neverthrow";
import { applicationChangeAudit } from "../audit/application-audit-entry.ts";
import type { FeeBreakdown } from "../fees/fee.ts";
import { paymentTimingOf } from "../fees/payment-timing.ts";
import type { Authorization, PaymentError, PaymentGateway } from "../payments/payment-gateway.port.ts";
import { paymentChallengeRequired, type PaymentChallengeRequired } from "../payments/payment-challenge-required.ts";
import { findProcedure } from "../procedures/find-procedure.ts";
import type { ProcedureCatalog } from "../procedures/procedure.ts";
import { canonicalApplicationJson } from "../signatures/canonical-application.ts";
import type { SignatureRequired } from "../signatures/signature.errors.ts";
import type { SignatureError, SignatureVerifier } from "../signatures/signature-verifier.port.ts";
import { signatureVerificationRecord } from "../signatures/signature-verification-record.ts";
import { decodeBase64 } from "../shared/base64.ts";
import type { Clock } from "../shared/clock.port.ts";
import type { Hasher } from "../shared/hasher.port.ts";
import type { IdGenerator } from "../shared/id-generator.port.ts";
import { IdempotencyKey } from "../shared/ids.ts";
import type { StorageError } from "../shared/storage.errors.ts";
import type { Application, PaymentRecord, SignatureEvidence } from "./application.ts";
import type { ApplicationStore } from "./application-store.port.ts";
import type { SubmissionKeyReused } from "./submission.errors.ts";
import { prepareApplication } from "./prepare-application.ts";
import { newApplicationMessages, newSubmittedApplication } from "./new-application.ts";
import type { ValidatedApplicationInput } from "./validate-application-input.ts";
import type { ValidationFailed } from "./validation.errors.ts";

/** Ports and configuration used by {@link submitApplication}. */
export interface SubmitApplicationDeps {
  readonly store: ApplicationStore;
  readonly catalog: ProcedureCatalog;
  readonly verifier: SignatureVerifier;
  readonly gateway: PaymentGateway;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly hasher: Hasher;
}

/** A resident's submission as the HTTP layer receives it. */
export interface SubmitApplicationInput {
  /** The raw request body (validated here): see `validateApplicationInput`. */
  readonly rawInput: unknown;
  /**
   * Detached CMS SignedData (DER, base64) over the UTF-8 bytes of `canonicalApplicationJson` of the
   * application; `null` when the procedure needs no signature (it is ignored then).
   */
  readonly cmsBase64: string | null;
  /**
   * Single-use card token from the gateway's hosted fields. Unused when the total is 0 yen, with
   * `savedCard`, or for an `after_assessment` procedure (事後決済: nothing is charged at submission).
   */
  readonly paymentToken: string;
  /**
   * The resident's saved card instead of a token (R6: reused without re-entry). The caller has checked
   * that the customer is the submitting resident's own.
   */
  readonly savedCard?: { readonly customerId: string; readonly cardId: string } | null;
  /** The resident's IP address, for the audit entry (null or absent when unknown). */
  readonly sourceIp?: string | null;
  /** The logged-in resident account submitting it (R8); absent when submitted without an account. */
  readonly residentAccountId?: string | null;
}

/** The stored application and, for a first submission, the resident's access secret. */
export interface SubmitApplicationOutput {
  readonly application: Application;
  /**
   * Shown once to the resident (with the receipt number it gives access to the status and to
   * withdrawal). `null` when `replayed`: only its hash is stored, so a retry cannot show it again.
   */
  readonly accessSecret: string | null;
  /** True if this submission key had already been stored: nothing was charged or stored again. */
  readonly replayed: boolean;
}

/** Errors of {@link submitApplication}. */
export type SubmitApplicationError =
  | ValidationFailed
  | SubmissionKeyReused
  | SignatureRequired
  | SignatureError
  | PaymentError
  | PaymentChallengeRequired
  | StorageError;

const OPERATION = "submit-application";

/**
 * A resident submits an application (R4–R7): validate and normalise the input, compute the fee and
 * build the canonical document (all three as `prepareApplication`), verify the JPKI signature over
 * it (if the procedure requires one), authorise the card for the total (not for an `after_assessment`
 * procedure, 事後決済: the resident pays once staff have fixed the amount), then store the application
 * with its outbox message (the 受付 email) and its audit entry (`application.submitted`) in one transaction.
 *
 * Idempotent per submission key: if the key is already stored with the same canonical document, the
 * stored application is returned (`replayed`) and nothing is charged again; with a different
 * document the result is `SubmissionKeyReused`. The card authorisation uses the idempotency key
 * `auth-<submissionKey>-<token digest>` (see {@link paymentIdempotencyKey}), so a retry after a crash
 * between authorisation and insert reuses it, while another card after a decline is a new attempt.
 * If the insert fails the authorisation is voided, best effort — unless a concurrent retry of the
 * same submission stored it, in which case that stored application is returned.
 */
export const submitApplication = (
  deps: SubmitApplicationDeps,
  input: SubmitApplicationInput,
): ResultAsync<SubmitApplicationOutput, SubmitApplicationError> => {
  const now = deps.clock.now();
  const prepared = prepareApplication(deps.catalog, input.rawInput, now);
  if (prepared.isErr()) return errAsync(prepared.error);
  const { input: v, fee, canonicalJson } = prepared.value;

  return deps.store.findBySubmissionKey(v.submissionKey).andThen(
    (existing): ResultAsync<SubmitApplicationOutput, SubmitApplicationError> =>
      existing !== null
        ? replay(deps, existing, canonicalJson)
        : verifySignature(deps, v, canonicalJson, input.cmsBase64, now).andThen((signature) =>
            authorize(deps, v, fee, input.paymentToken, input.savedCard ?? null).andThen((authorization) =>
              store(deps, { v, fee, signature, authorization, now, canonicalJson, sourceIp: input.sourceIp ?? null, residentAccountId: input.residentAccountId ?? null }),
            ),
          ),
  );
};

/** The payment timing of a stored application's procedure (a procedure gone from the catalogue: at submission). */
const storedPaymentTiming = (catalog: ProcedureCatalog, application: Application) => {
  const procedure = findProcedure(catalog, application.procedureId);
  return procedure === null ? "at_submission" : paymentTimingOf(procedure);
};

/** The canonical document of a stored application: the signed bytes if it was signed. */
const storedCanonicalJson = (deps: SubmitApplicationDeps, application: Application): string =>
  application.signature?.canonicalJson ??
  canonicalApplicationJson({
    municipalityCode: deps.catalog.municipality.code,
    procedureId: application.procedureId,
    submissionKey: application.submissionKey,
    applicant: application.applicant,
    request: application.request,
    fee: application.fee,
    paymentTiming: storedPaymentTiming(deps.catalog, application),
  });

const replay = (
  deps: SubmitApplicationDeps,
  existing: Application,
  canonicalJson: string,
): ResultAsync<SubmitApplicationOutput, SubmissionKeyReused> =>
  storedCanonicalJson(deps, existing) === canonicalJson
    ? okAsync({ application: existing, accessSecret: null, replayed: true })
    : errAsync({ _tag: "SubmissionKeyReused", code: "application.submission_key_reused" });

const verifySignature = (
  deps: SubmitApplicationDeps,
  v: ValidatedApplicationInput,
  canonicalJson: string,
  cmsBase64: string | null,
  now: Date,
): ResultAsync<SignatureEvidence | null, SignatureRequired | SignatureError> => {
  if (!v.procedure.requiresSignature) return okAsync(null);
  if (cmsBase64 === null || cmsBase64.trim() === "") return errAsync({ _tag: "SignatureRequired", code: "signature.required" });
  const cms = decodeBase64(cmsBase64);
  if (cms === null || cms.length === 0) {
    return errAsync({ _tag: "SignatureError", reason: "malformed", operation: OPERATION, retryable: false, message: "signature is not base64" });
  }
  return deps.verifier
    .verifyDetached({ content: new TextEncoder().encode(canonicalJson), cms, at: now, purpose: "signature" })
    .map((verified) => ({
      canonicalJson,
      cmsBase64: cmsBase64.replace(/\s/g, ""),
      signerSubject: verified.signer.subject,
      signerIssuer: verified.signer.issuer,
      signerSerialNumber: verified.signer.serialNumber,
      verifiedAt: now,
      verification: signatureVerificationRecord(verified),
    }));
};

/**
 * The idempotency key of a submission's card authorisation, fixed before the first try: the submission
 * key plus a digest of the single-use card token. A resent submission (same token: double click, lost
 * answer, crash before insert) gets the first result and is never charged twice; after a decline the
 * resident enters another card, which gets a new token and so a new attempt — without a new submission
 * key, hence without signing again. Only a digest of the token travels, never the token itself.
 */
export const paymentIdempotencyKey = (hasher: Hasher, submissionKey: string, token: string): IdempotencyKey =>
  IdempotencyKey(`auth-${submissionKey}-${hasher.sha256Hex(token).slice(0, 16)}`);

const authorize = (
  deps: SubmitApplicationDeps,
  v: ValidatedApplicationInput,
  fee: FeeBreakdown,
  token: string,
  savedCard: { readonly customerId: string; readonly cardId: string } | null,
): ResultAsync<Authorization | null, PaymentError | PaymentChallengeRequired> => {
  // A free procedure (fee and postage 0) has nothing to authorise. 事後決済 neither: the amount is only an
  // estimate until staff fix it (ADR 26); the resident then pays what is due from the status page.
  if (fee.total === 0 || paymentTimingOf(v.procedure) === "after_assessment") return okAsync(null);
  // A saved card is named by its gateway id: the same card for the same submission is the same attempt.
  const idempotencyKey = paymentIdempotencyKey(deps.hasher, v.submissionKey, savedCard === null ? token : `saved-card:${savedCard.cardId}`);
  return deps.gateway
    .authorize({
      source: savedCard === null ? { kind: "token", token } : { kind: "saved_card", customerId: savedCard.customerId, cardId: savedCard.cardId },
      amount: fee.total,
      idempotencyKey,
      // On the resident's card statement: no personal data.
      description: `madoguchi ${v.procedure.id}`,
    })
    .andThen((authorization): ResultAsync<Authorization, PaymentError | PaymentChallengeRequired> => {
      // EMV 3-D Secure: the same submission comes back after the challenge, replays the same
      // authorisation (same key) and finishes it here; until then the browser is sent to the challenge.
      if (authorization.status !== "challenge_required") return okAsync(authorization);
      return deps.gateway
        .completeChallenge(authorization.id, IdempotencyKey(`3ds-${idempotencyKey}`))
        .andThen((completed) =>
          completed.status === "challenge_required"
            ? errAsync(paymentChallengeRequired(completed.challenge?.url ?? authorization.challenge?.url ?? ""))
            : okAsync(completed),
        );
    })
    .andThen((authorization) =>
      // The same idempotency key returns the first result: after a voided earlier attempt, or an
      // earlier attempt for another amount, that result cannot pay for this application.
      authorization.status === "authorized" && authorization.amount === fee.total
        ? okAsync(authorization)
        : errAsync<never, PaymentError>({
            _tag: "PaymentError",
            reason: "invalid_request",
            operation: `${OPERATION}.authorize`,
            retryable: false,
            message: "an earlier authorisation with this submission key cannot be reused; submit with a new key",
          }),
    );
};

const store = (
  deps: SubmitApplicationDeps,
  args: {
    readonly v: ValidatedApplicationInput;
    readonly fee: FeeBreakdown;
    readonly signature: SignatureEvidence | null;
    readonly authorization: Authorization | null;
    readonly now: Date;
    readonly canonicalJson: string;
    readonly sourceIp: string | null;
    readonly residentAccountId: string | null;
  },
): ResultAsync<SubmitApplicationOutput, SubmitApplicationError> => {
  const { v, fee, signature, authorization, now, canonicalJson, sourceIp, residentAccountId } = args;
  const payment: PaymentRecord | null =
    authorization === null
      ? null
      : {
          authorizationId: authorization.id,
          idempotencyKey: authorization.idempotencyKey,
          amount: authorization.amount,
          // `authorize` above lets only an `authorized` authorisation through.
          status: "authorized",
          brand: authorization.brand,
          last4: authorization.last4,
        };
  const { application, accessSecret } = newSubmittedApplication(deps.ids, deps.hasher, {
    input: v,
    fee,
    now,
    by: { kind: "resident" },
    signature,
    payment,
    ...(residentAccountId === null ? {} : { extra: { residentAccountId } }),
  });
  const audit = applicationChangeAudit({
    action: "application.submitted",
    before: null,
    after: application,
    actor: { kind: "resident", id: application.id },
    at: now,
    sourceIp,
  });
  return deps.store
    // The resident's 受付 mail and (S7) the notice to the staff who may process it, with the application.
    .insert(application, newApplicationMessages(deps.ids, application, now), [audit])
    .map((): SubmitApplicationOutput => ({ application, accessSecret, replayed: false }))
    .orElse((insertError) => afterFailedInsert(deps, insertError, authorization, v.submissionKey, canonicalJson));
};

/**
 * The insert failed. If a concurrent retry of the same submission stored it with this very
 * authorisation, that is a success: return it and keep the authorisation. Otherwise void the
 * authorisation (best effort: an unvoided authorisation expires uncaptured) and report the insert
 * error. When the store cannot even be read after a conflict, we do not void, since the
 * authorisation may belong to the stored application.
 */
const afterFailedInsert = (
  deps: SubmitApplicationDeps,
  insertError: StorageError,
  authorization: Authorization | null,
  submissionKey: string,
  canonicalJson: string,
): ResultAsync<SubmitApplicationOutput, SubmitApplicationError> => {
  if (authorization === null) return errAsync(insertError);
  const voidAuthorization = (): ResultAsync<never, SubmitApplicationError> =>
    ResultAsync.fromSafePromise(
      deps.gateway
        .void(authorization.id, IdempotencyKey(`void-${submissionKey}`))
        .match(
          () => undefined,
          () => undefined,
        ),
    ).andThen(() => errAsync(insertError));
  return deps.store
    .findBySubmissionKey(submissionKey)
    .orElse(() => (insertError.reason === "conflict" ? errAsync(insertError) : okAsync(null)))
    .andThen((stored): ResultAsync<SubmitApplicationOutput, SubmitApplicationError> =>
      stored !== null && stored.payment?.authorizationId === authorization.id
        ? replay(deps, stored, canonicalJson)
        : voidAuthorization(),
    );
};
